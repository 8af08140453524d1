package sqlite

import (
	"context"
	"errors"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

func TestImportPageKeepsRevisionOne(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	p := storage.Page{Slug: "p", Title: "سياسة", Sections: []storage.Section{{Heading: "أ", Body: "نص"}}}
	rev, err := db.ImportPage(ctx, &p, "mona", "import")
	if err != nil {
		t.Fatal(err)
	}
	if rev.Number != 1 || rev.Author != "mona" || rev.Hash != storage.ContentHash(p) || p.ID == [16]byte{} {
		t.Fatalf("ImportPage = %+v", rev)
	}
	if err := db.CreatePage(ctx, &storage.Page{Slug: "p"}); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("second page: %v", err)
	}
	if _, err := db.ImportPage(ctx, &storage.Page{Slug: "P"}, "x", "import"); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("ImportPage of a taken slug = %v, want ErrConflict", err)
	}
}

func TestKeepRevisionSkipsSameContent(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	p := mustCreatePage(t, db, "p", 2)
	r1, kept, err := db.KeepRevision(ctx, p.ID, "a", "one")
	if err != nil || !kept || r1.Number != 1 {
		t.Fatalf("first KeepRevision = %d %v %v", r1.Number, kept, err)
	}
	r2, kept, err := db.KeepRevision(ctx, p.ID, "a", "two")
	if err != nil || kept || r2.Number != 1 {
		t.Fatalf("same content: KeepRevision = %d %v %v, want revision 1 again", r2.Number, kept, err)
	}
	body := "تغيير"
	if _, err := db.UpdateSection(ctx, p.Sections[0].ID, storage.SectionUpdate{Body: &body}); err != nil {
		t.Fatal(err)
	}
	if r3, kept, err := db.KeepRevision(ctx, p.ID, "a", "three"); err != nil || !kept || r3.Number != 2 {
		t.Fatalf("after an edit: KeepRevision = %d %v %v", r3.Number, kept, err)
	}
}

func TestReplaceContent(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	p := mustCreatePage(t, db, "p", 3)
	old := p
	// Keep section 2 (moved first, changed), drop 0, keep 1, add a new one.
	c := p
	c.Title = "عنوان جديد"
	s2 := p.Sections[2]
	s2.Body = "نص جديد"
	c.Sections = []storage.Section{s2, p.Sections[1], {Heading: "جديد", Body: "قسم جديد", Kind: storage.KindClosing}}
	got, before, err := db.ReplaceContent(ctx, p.ID, c, storage.ContentHash(old), "sami", "before fix")
	if err != nil {
		t.Fatal(err)
	}
	if before.Number != 1 || before.Hash != storage.ContentHash(old) || before.Note != "before fix" {
		t.Errorf("revision before = %d %q", before.Number, before.Note)
	}
	if got.Title != c.Title || len(got.Sections) != 3 {
		t.Fatalf("page after = %q, %d sections", got.Title, len(got.Sections))
	}
	if got.Sections[0].ID != s2.ID || got.Sections[0].Body != "نص جديد" || got.Sections[1].ID != p.Sections[1].ID ||
		got.Sections[1].UpdatedAt != p.Sections[1].UpdatedAt {
		t.Errorf("kept sections: %+v", got.Sections[:2])
	}
	if s := got.Sections[2]; s.ID == p.Sections[0].ID || s.Heading != "جديد" || s.Kind != storage.KindClosing || s.Position != 2 {
		t.Errorf("new section: %+v", s)
	}
	if storage.ContentHash(got) != storage.ContentHash(c) {
		t.Error("stored content differs from what was given")
	}
	// The old draft can be restored from its revision exactly.
	back, _, err := db.ReplaceContent(ctx, p.ID, before.Page, "", "sami", "before restore")
	if err != nil {
		t.Fatal(err)
	}
	if storage.ContentHash(back) != storage.ContentHash(old) {
		t.Error("restoring the revision did not give the old content back")
	}
	if revs, _ := db.FindRevisions(ctx, p.ID); len(revs) != 2 {
		t.Errorf("%d revisions, want 2", len(revs))
	}
	// Bad input changes nothing.
	bad := c
	bad.Lang = "not a language!"
	if _, _, err := db.ReplaceContent(ctx, p.ID, c, storage.ContentHash(c), "x", "y"); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("stale expected hash: %v, want ErrConflict", err)
	}
	if _, _, err := db.ReplaceContent(ctx, p.ID, bad, "", "x", "y"); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("bad language: %v", err)
	}
	if after, _ := db.FindPage(ctx, p.ID); storage.ContentHash(after) != storage.ContentHash(old) {
		t.Error("a refused replace changed the page")
	}
	if revs, _ := db.FindRevisions(ctx, p.ID); len(revs) != 2 {
		t.Errorf("a refused replace kept a revision: %d", len(revs))
	}
}
