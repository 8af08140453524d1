package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

// testWaitDataChangedAcrossClients: a client blocked in WaitDataChanged
// wakes for each kind of change another client makes that a reviewer or
// editor waits to see (a save, a comment, a review step), returning a new
// value; a wait with nothing changing ends with its context's error.
func testWaitDataChangedAcrossClients(t *testing.T, h Harness) {
	ctx := context.Background()
	alice := h.Open(t)
	bob := h.Another(t, alice)
	w, ok := bob.(storage.ChangeWaiter)
	if !ok {
		t.Fatalf("%T does not implement storage.ChangeWaiter", bob)
	}
	p := MustCreatePage(t, alice, "p", 1)
	since, err := bob.DataChanged(ctx)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		do   func() error
	}{
		{"save", func() error { return alice.SaveSectionBody(ctx, p.Sections[0].ID, "نص ليلى") }},
		{"comment", func() error {
			return alice.CreateComment(ctx, &storage.Comment{PageID: p.ID, SectionID: p.Sections[0].ID, Author: "laila", Text: "راجعوا هذا"})
		}},
		{"submit", func() error {
			_, err := alice.Review(ctx, p.ID, storage.ActionSubmit, "laila", "")
			return err
		}},
	}
	for _, step := range steps {
		got := make(chan error, 1)
		var v int64
		go func() {
			wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			var err error
			v, err = w.WaitDataChanged(wctx, since)
			got <- err
		}()
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if err := <-got; err != nil || v == since {
			t.Fatalf("after the other client's %s: WaitDataChanged = %d, %v; want a value other than %d", step.name, v, err, since)
		}
		since = v
	}
	wctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if v, err := w.WaitDataChanged(wctx, since); err != context.DeadlineExceeded {
		t.Errorf("with nothing changing WaitDataChanged = %d, %v; want the context's deadline", v, err)
	}
}
