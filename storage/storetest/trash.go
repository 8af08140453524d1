package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

// testTrash: a trashed page is out of every finder and update, keeps its
// slug, comes back whole and is gone for good when the trash is emptied.
func testTrash(t *testing.T, h Harness) {
	ctx := context.Background()
	db := h.Open(t)
	keep := storage.Page{Slug: "keep"}
	gone := storage.Page{Slug: "gone", Title: "سياسة قديمة", Sections: []storage.Section{{Heading: "h", Body: "نص"}}}
	for _, p := range []*storage.Page{&keep, &gone} {
		if err := db.CreatePage(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.TrashPage(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.TrashPage(ctx, gone.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("trashing a trashed page: %v, want ErrNotFound", err)
	}
	pages, _ := db.FindPages(ctx, storage.PageFilter{})
	if len(pages) != 1 || pages[0].Slug != "keep" {
		t.Errorf("FindPages after trashing: %v", pages)
	}
	if _, err := db.FindPage(ctx, gone.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("FindPage of a trashed page: %v, want ErrNotFound", err)
	}
	title := "x"
	if _, err := db.UpdatePage(ctx, gone.ID, storage.PageUpdate{Title: &title}); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("UpdatePage of a trashed page: %v, want ErrNotFound", err)
	}
	if err := db.CreatePage(ctx, &storage.Page{Slug: "gone"}); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("a trashed page's slug was given away: %v, want ErrConflict", err)
	}
	trashed, err := db.FindTrashedPages(ctx)
	if err != nil || len(trashed) != 1 || trashed[0].ID != gone.ID || trashed[0].TrashedAt.IsZero() || trashed[0].SectionCount != 1 {
		t.Fatalf("FindTrashedPages = %+v, %v", trashed, err)
	}
	if err := db.RestorePage(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.RestorePage(ctx, gone.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("restoring a page not in the trash: %v, want ErrNotFound", err)
	}
	back, err := db.FindPage(ctx, gone.ID)
	if err != nil || back.Title != gone.Title || len(back.Sections) != 1 || back.Sections[0].Body != "نص" || !back.TrashedAt.IsZero() {
		t.Fatalf("restored page = %+v, %v", back, err)
	}
	if err := db.TrashPage(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.EmptyTrash(ctx); err != nil {
		t.Fatal(err)
	}
	if trashed, _ := db.FindTrashedPages(ctx); len(trashed) != 0 {
		t.Errorf("trash after emptying: %v", trashed)
	}
	if err := db.RestorePage(ctx, gone.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("restoring an emptied page: %v, want ErrNotFound", err)
	}
	if err := db.CreatePage(ctx, &storage.Page{Slug: "gone"}); err != nil {
		t.Errorf("the slug of an emptied page is still taken: %v", err)
	}
}
