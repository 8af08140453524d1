package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

// BenchDataChanged: one read of the change counter, what a poll costs.
func BenchDataChanged(b *testing.B, db Store) {
	ctx := context.Background()
	MustCreatePage(b, db, "p", 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.DataChanged(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchChangeSeen: how long after another client starts a save a client
// blocked in WaitDataChanged (as the window's watcher is) returns, with
// p50/p99. The save comes at a random moment (0–200 ms after the wait
// began), so a store that polls is measured over its whole poll phase.
func BenchChangeSeen(b *testing.B, db, other Store) {
	ctx := context.Background()
	w, ok := db.(storage.ChangeWaiter)
	if !ok {
		b.Fatalf("%T does not implement storage.ChangeWaiter", db)
	}
	p := MustCreatePage(b, other, "p", 1)
	rng := rand.New(rand.NewPCG(1, 2))
	times := make([]time.Duration, 0, 256)
	for i := 0; b.Loop(); i++ {
		since, err := db.DataChanged(ctx)
		if err != nil {
			b.Fatal(err)
		}
		seen := make(chan time.Time, 1)
		go func() {
			wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			if _, err := w.WaitDataChanged(wctx, since); err != nil {
				b.Error(err)
			}
			seen <- time.Now()
		}()
		time.Sleep(time.Duration(rng.Int64N(int64(200 * time.Millisecond))))
		start := time.Now()
		if err := other.SaveSectionBody(ctx, p.Sections[0].ID, fmt.Sprint("نص ", i)); err != nil {
			b.Fatal(err)
		}
		times = append(times, (<-seen).Sub(start))
	}
	reportLatency(b, times)
}
