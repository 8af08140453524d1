// Package changes is what both draft stores share to wait on their change
// counter (the data_changes row their triggers bump): a Signal that wakes
// waiters when a change may have been committed, and Wait, which reads the
// counter until it moves. Each store decides what signals (PostgreSQL's
// LISTEN/NOTIFY listener, SQLite's own commits) and how often to read the
// counter anyway (for commits no signal reports).
package changes

import (
	"context"
	"sync"
	"time"
)

// Signal wakes every goroutine waiting on it. The zero value is ready.
type Signal struct {
	mu sync.Mutex
	ch chan struct{} // closed and replaced by Notify
}

// C returns a channel that is closed at the next Notify. Take it before
// reading the counter, so a change committed in between is not missed.
func (s *Signal) C() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch == nil {
		s.ch = make(chan struct{})
	}
	return s.ch
}

// Notify wakes the goroutines waiting on C.
func (s *Signal) Notify() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch != nil {
		close(s.ch)
	}
	s.ch = make(chan struct{})
}

// Wait returns as soon as read returns a value other than since. Before
// each read it calls arm, which returns the channel that signals the next
// change and how long to wait for it before reading again; after a failed
// read it waits at most retry. It returns ctx's error when ctx ends, never
// read's: a store that fails (a server restarting) is read again until it
// answers.
func Wait(ctx context.Context, since int64, read func(context.Context) (int64, error),
	arm func() (<-chan struct{}, time.Duration), retry time.Duration) (int64, error) {
	for {
		wake, wait := arm()
		v, err := read(ctx)
		if err == nil && v != since {
			return v, nil
		}
		if err != nil {
			wait = min(wait, retry)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return 0, ctx.Err()
		case <-wake:
		case <-t.C:
		}
		t.Stop()
	}
}
