package postgres

import "github.com/qalam/policyeditor/storage"

// DB implements every role of the domain's store, the team roles included.
var (
	_ storage.Store         = (*DB)(nil)
	_ storage.IntentStore   = (*DB)(nil)
	_ storage.TargetUpdater = (*DB)(nil)
	_ storage.ChangeWaiter  = (*DB)(nil)
	_ storage.PublishLocker = (*DB)(nil)
	_ storage.Dumper        = (*DB)(nil)
	_ storage.Loader        = (*DB)(nil)
)
