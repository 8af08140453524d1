package sqlite

import "github.com/qalam/policyeditor/storage"

// DB implements every role of the domain's store.
var (
	_ storage.Store         = (*DB)(nil)
	_ storage.TargetUpdater = (*DB)(nil)
)
