package sqlite

import (
	"context"
	"sync"
)

// checkpointer runs one checkpoint at a time in the background.
//
// A checkpoint copies the pages committed to the WAL into the database
// file, with an fsync of the WAL before and of the file after (the
// durability of synchronous=NORMAL). SQLite runs one itself inside the
// commit that passes 1000 pages, and the last connection to close runs
// one; publishing 100 pages commits about 3 MB, so closing the store
// spent about 10 ms mostly waiting for those two fsyncs. checkpointBehind
// starts one on a reader connection after a big commit instead: it
// overlaps what the caller does next (the next batch's renders and
// writes), the writer is not held (a PASSIVE checkpoint lets commits go
// on), and what is left for Close is the tail committed since.
type checkpointer struct {
	mu      sync.Mutex
	running bool
	done    sync.WaitGroup
}

// bigCommit is the number of records after whose commit
// RecordPublications checkpoints behind: a batch of PublishAll, not the
// record of one page.
const bigCommit = 8

// checkpointBehind starts a PASSIVE checkpoint on a reader connection
// unless one is running. Its errors are dropped: a checkpoint that does
// not run (the WAL busy, the store closing) is done by the next one or
// by Close, and a failed one leaves the WAL, which stays valid.
func (db *DB) checkpointBehind() {
	c := &db.checkpoints
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.running {
		return
	}
	c.running = true
	c.done.Add(1)
	go func() {
		defer c.done.Done()
		_, _ = db.reader.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
		c.mu.Lock()
		c.running = false
		c.mu.Unlock()
	}()
}

// wait returns once no checkpoint is running.
func (c *checkpointer) wait() { c.done.Wait() }
