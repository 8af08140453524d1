package sqlite

import (
	"context"
	"errors"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

func TestSectionVersions(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := storage.Page{Slug: "p", Sections: []storage.Section{{Heading: "h", Body: "b"}}}
	if err := db.CreatePage(ctx, &p); err != nil {
		t.Fatal(err)
	}
	id := p.Sections[0].ID
	if v := p.Sections[0].Version; v != 1 {
		t.Fatalf("new section at version %d, want 1", v)
	}
	body := "b2"
	s, err := db.UpdateSection(ctx, id, storage.SectionUpdate{Body: &body, IfVersion: 1})
	if err != nil || s.Version != 2 || s.Body != "b2" {
		t.Fatalf("update at version 1 = %+v, %v; want version 2", s, err)
	}
	stale := "from another window"
	if _, err := db.UpdateSection(ctx, id, storage.SectionUpdate{Body: &stale, IfVersion: 1}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("update based on version 1 of a version-2 section: %v, want ErrConflict", err)
	}
	if got, _ := db.FindPage(ctx, p.ID); got.Sections[0].Body != "b2" || got.Sections[0].Version != 2 {
		t.Errorf("after the refused update: %+v", got.Sections[0])
	}
	if err := db.SaveSectionBody(ctx, id, "b3"); err != nil {
		t.Fatal(err)
	}
	two := storage.Section{Heading: "second"}
	if _, err := db.InsertSection(ctx, p.ID, 0, two); err != nil {
		t.Fatal(err)
	}
	got, _ := db.FindPage(ctx, p.ID)
	if v := got.Sections[1].Version; v != 3 {
		t.Errorf("after SaveSectionBody and a move: version %d, want 3 (moving is no change)", v)
	}
	if _, err := db.UpdateSection(ctx, p.ID, storage.SectionUpdate{Body: &body, IfVersion: 3}); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("conditional update of a missing section: %v, want ErrNotFound", err)
	}
}

func TestTrash(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
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
