package sqlite

import (
	"context"
	"time"

	"github.com/qalam/policyeditor/storage/internal/changes"
)

// changePoll is how often WaitDataChanged reads the change counter to see
// other processes' commits (tests may change it before Open's callers
// wait). Reading it is one query of a one-row table on the reader pool,
// 4–12 µs (BenchmarkStoreDataChanged), so twenty a second cost under 0.03 %
// of a core while another app's save on this file shows within 50 ms
// (BenchmarkStoreChangeSeen: p50 about 25 ms).
var changePoll = 50 * time.Millisecond

// WaitDataChanged returns as soon as DataChanged differs from since, or
// with ctx's error. A commit made through this DB wakes it at once; one
// made by another process (another window's app, the command line, the
// sqlite3 shell) is seen at the next read of the counter, every
// changePoll. SQLite has no cross-process notification: its update hook
// only reports the connection's own writes, and watching the WAL file
// would not work on every file system, so the short poll is the portable
// choice. Read errors are retried at the same pace; it returns only
// ctx's error.
func (db *DB) WaitDataChanged(ctx context.Context, since int64) (int64, error) {
	poll := changePoll
	arm := func() (<-chan struct{}, time.Duration) { return db.committed.C(), poll }
	return changes.Wait(ctx, since, db.DataChanged, arm, poll)
}
