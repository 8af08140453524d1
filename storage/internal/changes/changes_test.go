package changes

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// TestWaitWokenBySignal: with the poll an hour apart, only Notify can end
// the wait, and Wait returns the new value.
func TestWaitWokenBySignal(t *testing.T) {
	var sig Signal
	var counter atomic.Int64
	arm := func() (<-chan struct{}, time.Duration) { return sig.C(), time.Hour }
	read := func(context.Context) (int64, error) { return counter.Load(), nil }
	got := make(chan int64, 1)
	go func() {
		v, err := Wait(context.Background(), 0, read, arm, time.Hour)
		if err != nil {
			t.Error(err)
		}
		got <- v
	}()
	time.Sleep(20 * time.Millisecond) // let it block
	counter.Store(7)
	sig.Notify()
	select {
	case v := <-got:
		if v != 7 {
			t.Errorf("Wait = %d, want 7", v)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Notify did not wake the waiter")
	}
}

// TestWaitRetriesFailedReads: a failing read (a server down) is tried
// again at the retry pace, not returned; the context's end is.
func TestWaitRetriesFailedReads(t *testing.T) {
	var calls atomic.Int64
	read := func(context.Context) (int64, error) {
		if calls.Add(1) < 3 {
			return 0, errors.New("connection refused")
		}
		return 1, nil
	}
	arm := func() (<-chan struct{}, time.Duration) { return nil, time.Hour }
	if v, err := Wait(context.Background(), 0, read, arm, time.Millisecond); err != nil || v != 1 {
		t.Errorf("Wait = %d, %v; want 1 after two failed reads", v, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Wait(ctx, 1, read, arm, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Wait after cancel = %v, want context.Canceled", err)
	}
}
