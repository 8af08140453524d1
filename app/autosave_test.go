package app

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
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
