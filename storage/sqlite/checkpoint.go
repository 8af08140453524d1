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
// starts one on a reader connection once enough records are committed
// instead: it overlaps what the caller does next (the next batches'
// renders and writes), the writer is not held (a PASSIVE checkpoint lets
// commits go on), and what is left for Close is the tail committed since.
// Not after every batch: a checkpoint that copies the whole WAL makes the
// next commit start the WAL again, which fsyncs its header, and PublishAll
// ends with small batches (50, 25, 13 and 12 pages for 100).
type checkpointer struct {
	mu      sync.Mutex
	running bool
	pending int // records committed since the last checkpoint began
	done    sync.WaitGroup
}

// bigCommit is how many records RecordPublications commits (about 1.5 MB
// of WAL for PublishAll's pages) before it checkpoints behind: with 100
// pages, once after the second batch, and Close does the rest. Measured
// on publish --all of 100 pages (medians of 15 alternating traced runs):
// the command ended after 122 ms checkpointing behind every batch, 116 ms
// with this.
const bigCommit = 64

// checkpointBehind counts n records committed and, once bigCommit have
// been since the last checkpoint began, starts a PASSIVE one on a reader
// connection unless one is running. Its errors are dropped: a checkpoint
// that does not run (the WAL busy, the store closing) is done by the next
// one or by Close, and a failed one leaves the WAL, which stays valid.
func (db *DB) checkpointBehind(n int) {
	c := &db.checkpoints
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending += n
	if c.running || c.pending < bigCommit {
		return
	}
	c.running, c.pending = true, 0
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
