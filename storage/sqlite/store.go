package sqlite

import "github.com/qalam/policyeditor/storage"

// DB implements every role of the domain's store.
var _ storage.Store = (*DB)(nil)

// The roles a team store shares with storage/postgres that SQLite has.
var (
	_ storage.Dumper = (*DB)(nil)
	_ storage.Loader = (*DB)(nil)
)
