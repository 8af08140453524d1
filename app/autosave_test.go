package app

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
)

// Writes run in order; a failing write is retried and holds the later
// ones back; a waiting write with the same key is replaced, not doubled.
func TestSaverOrderRetryReplace(t *testing.T) {
	var mu sync.Mutex
	var done []string
	var states []saveState
	s := newSaver(func(st saveState) { mu.Lock(); states = append(states, st); mu.Unlock() })
	s.retryMin, s.retryMax = time.Millisecond, 4*time.Millisecond
	fail := 3
	gate := make(chan struct{})
	record := func(name string) func(context.Context) error {
		return func(context.Context) error { mu.Lock(); done = append(done, name); mu.Unlock(); return nil }
	}
	s.enqueue("", func(context.Context) error { <-gate; return nil })
	s.enqueue("a", func(context.Context) error {
		mu.Lock()
		defer mu.Unlock()
		if fail > 0 {
			fail--
			return errors.New("disk full")
		}
		done = append(done, "a1")
		return nil
	})
	s.enqueue("b", record("b"))
	s.enqueue("b", record("b2")) // replaces "b" while it waits
	s.enqueue("c", record("c"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.run(ctx)
	close(gate)
	if !s.waitIdle(5 * time.Second) {
		t.Fatal("the queue did not empty")
	}
	mu.Lock()
	defer mu.Unlock()
	if got := join(done); got != "a1 b2 c" {
		t.Errorf("writes done = %q, want %q", got, "a1 b2 c")
	}
	sawErr := false
	for _, st := range states {
		if st.Err != nil {
			sawErr = true
		}
	}
	if last := states[len(states)-1]; !sawErr || last.Err != nil || last.Pending != 0 {
		t.Errorf("states: saw error %v, last %+v; want an error reported, then 0 pending and no error", sawErr, last)
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}

// A burst of edits of one page notes the editor once, after its last
// write; a note that fails is retried without writing the edit again.
func TestSaverNotesEditorOncePerBurst(t *testing.T) {
	var mu sync.Mutex
	var log []string
	add := func(s string) { mu.Lock(); log = append(log, s); mu.Unlock() }
	s := newSaver(func(saveState) {})
	s.retryMin, s.retryMax = time.Millisecond, time.Millisecond
	pageA, pageB := uuid.New(), uuid.New()
	fail := 1
	s.noteEditor = func(_ context.Context, p uuid.UUID) error {
		if fail > 0 {
			fail--
			add("note failed")
			return errors.New("database is locked")
		}
		add("note " + map[uuid.UUID]string{pageA: "A", pageB: "B"}[p])
		return nil
	}
	write := func(name string) func(context.Context) error {
		return func(context.Context) error { add(name); return nil }
	}
	s.enqueueEdit("a1", pageA, write("a1"))
	s.enqueueEdit("a2", pageA, write("a2"))
	s.enqueue("comment", write("comment")) // not an edit
	s.enqueueEdit("a3", pageA, write("a3"))
	s.enqueueEdit("b1", pageB, write("b1"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.run(ctx)
	if !s.waitIdle(5 * time.Second) {
		t.Fatal("the queue did not empty")
	}
	mu.Lock()
	defer mu.Unlock()
	if got, want := strings.Join(log, ", "), "a1, a2, comment, a3, note failed, note A, b1, note B"; got != want {
		t.Errorf("saver ran %q, want %q", got, want)
	}
}
