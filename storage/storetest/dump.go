package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

// testDumpLoad: a store with pages, revisions, targets and publications is
// dumped and loaded into an empty one, which then dumps the same ids,
// numbers, text, hashes and bodies and keeps numbering after them; a store
// that is not empty refuses a load and keeps what it has.
func testDumpLoad(t *testing.T, h Harness) {
	ctx := context.Background()
	src := h.Open(t)
	p := MustCreatePage(t, src, "سياسة-الخصوصية", 3)
	MustCreatePage(t, src, "terms", 0)
	MustCreateTarget(t, src, "site")
	rev, err := src.CreateRevision(ctx, p.ID, "ليلى", "first")
	if err != nil {
		t.Fatal(err)
	}
	pub := storage.Publication{PageID: p.ID, TargetName: "site", RevisionID: rev.ID, Body: []byte("<p>أ</p>"), Note: "publish"}
	if err := src.CreatePublication(ctx, &pub); err != nil {
		t.Fatal(err)
	}
	d, err := src.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := storage.Summarize(d)
	if err != nil {
		t.Fatal(err)
	}
	if want.Pages != 2 || want.Sections != 3 || want.Revisions != 1 || want.Targets != 1 || want.Publications != 1 {
		t.Fatalf("dump = %v", want)
	}

	dst := h.Open(t)
	if err := dst.Load(ctx, d); err != nil {
		t.Fatal(err)
	}
	d2, err := dst.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := storage.Summarize(d2); err != nil || got != want {
		t.Errorf("after load: %v, %v; want %v", got, err, want)
	}
	orig, _ := src.FindPage(ctx, p.ID)
	got, err := dst.FindPage(ctx, p.ID)
	if err != nil || storage.ContentHash(got) != storage.ContentHash(p) || !got.CreatedAt.Equal(orig.CreatedAt) {
		t.Errorf("loaded page = %+v, %v", got, err)
	}
	// Numbering goes on after the loaded rows.
	next := storage.Publication{PageID: p.ID, TargetName: "site", Body: []byte("<p>ب</p>")}
	if err := dst.CreatePublication(ctx, &next); err != nil || next.Number != 2 || next.ID <= pub.ID {
		t.Errorf("publication after load: number %d id %d (loaded id %d), %v", next.Number, next.ID, pub.ID, err)
	}
	if r, err := dst.CreateRevision(ctx, p.ID, "", ""); err != nil || r.Number != 2 {
		t.Errorf("revision after load: %d, %v", r.Number, err)
	}

	if err := dst.Load(ctx, d); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("load into a store that is not empty = %v, want ErrConflict", err)
	}
	if pages, _ := dst.FindPages(ctx, storage.PageFilter{}); len(pages) != 2 {
		t.Errorf("%d pages after a refused load, want 2", len(pages))
	}
}
