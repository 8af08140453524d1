package sqlite

import "github.com/qalam/policyeditor/storage"

// DB implements every role of the domain's store.
var (
	_ storage.Store         = (*DB)(nil)
	_ storage.TargetUpdater = (*DB)(nil)
	// The roles of a team store (storage/postgres) that SQLite has too.
	_ storage.Dumper = (*DB)(nil)
	_ storage.Loader = (*DB)(nil)
	// Commits of this process wake waiters at once, other processes' at
	// the next short poll (wait.go).
	_ storage.ChangeWaiter = (*DB)(nil)
)
