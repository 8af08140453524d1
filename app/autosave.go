package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// saver runs the window's writes to the draft store one at a time, in the
// order they were queued, on its own goroutine, so typing never waits for
// SQLite and a later write never overtakes an earlier one (a body saved
// after the section was deleted, a reorder before the insert it moves).
//
// A write that fails is retried (after retryMin, doubling up to retryMax)
// and the writes behind it wait: nothing is dropped. While a write waits
// for its retry, queueing a new write with the same key replaces it, so a
// section typed in while the disk is full is saved once, with its newest
// text, when the disk has room again.
//
// report is called after every change of state (from the saver's
// goroutine, or enqueue's caller), in the order of the changes: a report
// that the queue is empty never arrives after the report of a write queued
// later, so the status line does not say Saved while a write waits. The
// window passes it on to the UI goroutine with fyne.Do.
//
// Writes that edit a page's content (enqueueEdit) are followed by
// noteEditor, which records the window's person as the page's last editor
// (the review rule "the approver is not the last editor" reads it). A burst
// of edits of one page notes once, after its last write; a failed note is
// retried like a failed write, without writing the edit again.
type saver struct {
	report     func(saveState)
	noteEditor func(ctx context.Context, page uuid.UUID) error
	retryMin   time.Duration
	retryMax   time.Duration

	// reporting is held from a state's snapshot (under mu) to the end of
	// its report, so reports arrive in the order of the states.
	reporting sync.Mutex

	mu      sync.Mutex
	queue   []saveJob
	running bool // a job is being run (queue[0] is not replaceable)
	failed  error
	idle    *sync.Cond // signalled when the queue empties
	wake    chan struct{}
}

// saveJob is one write. Jobs with a non-empty key replace a queued job
// with the same key that has not started yet.
type saveJob struct {
	key  string
	page uuid.UUID // the page whose content the job edits (enqueueEdit)
	run  func(ctx context.Context) error
}

// saveState is what the status line shows.
type saveState struct {
	Pending int   // writes not yet done, including the running one
	Err     error // the last failure of the write at the head, nil once it succeeds
}

func newSaver(report func(saveState)) *saver {
	s := &saver{report: report, retryMin: 500 * time.Millisecond, retryMax: 10 * time.Second, wake: make(chan struct{}, 1)}
	s.idle = sync.NewCond(&s.mu)
	return s
}

// enqueue adds a write at the end of the queue, or replaces a waiting one
// with the same key where it stands.
func (s *saver) enqueue(key string, run func(ctx context.Context) error) {
	s.enqueueEdit(key, uuid.Nil, run)
}

// enqueueEdit is enqueue for a write that edits the content of page: once
// it (and any edit of the page queued behind it) has run, the editor is
// noted.
func (s *saver) enqueueEdit(key string, page uuid.UUID, run func(ctx context.Context) error) {
	s.mu.Lock()
	replaced := false
	if key != "" {
		for i := range s.queue {
			if i == 0 && s.running {
				continue
			}
			if s.queue[i].key == key {
				s.queue[i].run, s.queue[i].page, replaced = run, page, true
				break
			}
		}
	}
	if !replaced {
		s.queue = append(s.queue, saveJob{key: key, page: page, run: run})
	}
	s.reportLocked()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *saver) stateLocked() saveState { return saveState{Pending: len(s.queue), Err: s.failed} }

// reportLocked reports the state and unlocks mu. Without reporting, a
// step that emptied the queue could report "0 pending" after an enqueue
// that followed it reported "1 pending", and the window would show Saved
// with a write still to do.
func (s *saver) reportLocked() {
	st := s.stateLocked()
	s.reporting.Lock()
	defer s.reporting.Unlock()
	s.mu.Unlock()
	s.report(st)
}

// run works through the queue until ctx is done.
func (s *saver) run(ctx context.Context) {
	wait := s.retryMin
	for {
		ran, err := s.step(ctx)
		switch {
		case !ran:
			select {
			case <-ctx.Done():
				return
			case <-s.wake:
			}
		case err != nil:
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			wait = min(2*wait, s.retryMax)
		default:
			wait = s.retryMin
		}
	}
}

// step runs the write at the head of the queue, if any, and removes it if
// it succeeded. It reports whether there was a write, and its error.
func (s *saver) step(ctx context.Context) (bool, error) {
	s.mu.Lock()
	if len(s.queue) == 0 {
		s.idle.Broadcast()
		s.mu.Unlock()
		return false, nil
	}
	job := s.queue[0]
	s.running = true
	s.mu.Unlock()

	err := job.run(ctx)
	if err == nil && job.page != uuid.Nil && s.noteEditor != nil && !s.editQueued(job.page) {
		if err = s.noteEditor(ctx, job.page); errors.Is(err, storage.ErrNotFound) {
			err = nil // the page was deleted meanwhile: nobody to note
		} else if err != nil {
			s.mu.Lock()
			s.queue[0].run = func(context.Context) error { return nil } // the write is done: retry only the note
			s.mu.Unlock()
		}
	}

	s.mu.Lock()
	s.running = false
	if err == nil {
		s.queue = s.queue[1:]
	}
	s.failed = err
	s.reportLocked()
	return true, err
}

// editQueued reports whether an edit of page waits behind the running job.
func (s *saver) editQueued(page uuid.UUID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, j := range s.queue[1:] {
		if j.page == page {
			return true
		}
	}
	return false
}

// waitIdle blocks until the queue is empty or timeout passes, and reports
// whether it is empty.
func (s *saver) waitIdle(timeout time.Duration) bool {
	done := make(chan struct{})
	go func() {
		s.mu.Lock()
		for len(s.queue) > 0 {
			s.idle.Wait()
		}
		s.mu.Unlock()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(timeout):
		s.mu.Lock()
		s.idle.Broadcast() // let the waiter re-check; it exits when the queue empties
		s.mu.Unlock()
		return false
	}
}
