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
