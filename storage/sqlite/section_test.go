package sqlite

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// headings returns the page's section headings in order, checking that
// positions are 0..n-1.
func headings(tb testing.TB, db *DB, pageID uuid.UUID) string {
	tb.Helper()
	p, err := db.FindPage(context.Background(), pageID)
	if err != nil {
		tb.Fatal(err)
	}
	var hs []string
	for i, s := range p.Sections {
		if s.Position != i {
			tb.Errorf("section %q at position %d, index %d", s.Heading, s.Position, i)
		}
		hs = append(hs, s.Heading)
	}
	return strings.Join(hs, " ")
}

func TestSaveSectionBody(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := mustCreatePage(t, db, "p", 2)
	s := p.Sections[1]
	body := "## عنوان\n\nنص **عريض** مع رابط (www.qlmlearn.com) ١٢٣"
	if err := db.SaveSectionBody(ctx, s.ID, body); err != nil {
		t.Fatal(err)
	}
	got, err := db.FindPage(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Sections[1].Body != body {
		t.Errorf("body = %q, want %q", got.Sections[1].Body, body)
	}
	if got.Sections[0].Body != "b0" {
		t.Errorf("other section's body changed to %q", got.Sections[0].Body)
	}
	if !got.UpdatedAt.After(p.UpdatedAt) || !got.Sections[1].UpdatedAt.After(s.UpdatedAt) {
		t.Errorf("updated_at not bumped: page %v → %v, section %v → %v",
			p.UpdatedAt, got.UpdatedAt, s.UpdatedAt, got.Sections[1].UpdatedAt)
	}
	if err := db.SaveSectionBody(ctx, uuid.Must(uuid.NewV7()), "x"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("SaveSectionBody(unknown) = %v, want ErrNotFound", err)
	}

	// Saving the same body again is not a change.
	counter, _ := db.DataChanged(ctx)
	if err := db.SaveSectionBody(ctx, s.ID, body); err != nil {
		t.Fatal(err)
	}
	again, _ := db.FindPage(ctx, p.ID)
	if after, _ := db.DataChanged(ctx); after != counter || !again.UpdatedAt.Equal(got.UpdatedAt) {
		t.Errorf("unchanged save: counter %d → %d, updated %v → %v", counter, after, got.UpdatedAt, again.UpdatedAt)
	}
	if err := db.SaveSectionBody(ctx, s.ID, ""); err != nil {
		t.Fatal(err)
	}
	if after, _ := db.DataChanged(ctx); after == counter {
		t.Error("saving an empty body did not count as a change")
	}
}

func TestUpdateSection(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := mustCreatePage(t, db, "p", 1)
	id := p.Sections[0].ID
	h, b, k := "ختاماً", "شكراً", storage.KindClosing
	got, err := db.UpdateSection(ctx, id, storage.SectionUpdate{Heading: &h, Body: &b, Kind: &k})
	if err != nil {
		t.Fatal(err)
	}
	if got.Heading != h || got.Body != b || got.Kind != k || got.ID != id || got.PageID != p.ID || got.Position != 0 {
		t.Errorf("UpdateSection = %+v", got)
	}
	h2 := "آخر"
	got2, err := db.UpdateSection(ctx, id, storage.SectionUpdate{Heading: &h2})
	if err != nil {
		t.Fatal(err)
	}
	if got2.Body != b || got2.Kind != k || got2.Heading != h2 {
		t.Errorf("partial update changed other fields: %+v", got2)
	}
	bad := storage.SectionKind("footnote")
	if _, err := db.UpdateSection(ctx, id, storage.SectionUpdate{Kind: &bad}); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("bad kind: %v, want ErrInvalid", err)
	}
	if _, err := db.UpdateSection(ctx, uuid.Must(uuid.NewV7()), storage.SectionUpdate{Heading: &h}); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("unknown section: %v, want ErrNotFound", err)
	}
}

func TestInsertSection(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := mustCreatePage(t, db, "p", 3)
	for _, c := range []struct {
		pos  int
		want string
	}{
		{0, "first h0 h1 h2"},
		{2, "first h0 mid h1 h2"},
		{5, "first h0 mid h1 h2 last"},
	} {
		heading := map[int]string{0: "first", 2: "mid", 5: "last"}[c.pos]
		s, err := db.InsertSection(ctx, p.ID, c.pos, storage.Section{Heading: heading, Kind: storage.KindIntro, Position: 99})
		if err != nil {
			t.Fatalf("InsertSection(%d): %v", c.pos, err)
		}
		if s.Position != c.pos || s.PageID != p.ID || s.ID.Version() != 7 || s.Kind != storage.KindIntro {
			t.Errorf("InsertSection(%d) = %+v", c.pos, s)
		}
		if got := headings(t, db, p.ID); got != c.want {
			t.Errorf("after InsertSection(%d): %q, want %q", c.pos, got, c.want)
		}
	}
	for _, pos := range []int{-1, 7} {
		if _, err := db.InsertSection(ctx, p.ID, pos, storage.Section{}); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("InsertSection(pos %d) = %v, want ErrInvalid", pos, err)
		}
	}
	if _, err := db.InsertSection(ctx, uuid.Must(uuid.NewV7()), 0, storage.Section{}); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("InsertSection(unknown page) = %v, want ErrNotFound", err)
	}
	if _, err := db.InsertSection(ctx, p.ID, 0, storage.Section{Kind: "x"}); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("InsertSection(bad kind) = %v, want ErrInvalid", err)
	}
	if got := headings(t, db, p.ID); got != "first h0 mid h1 h2 last" {
		t.Errorf("failed inserts changed the page: %q", got)
	}
}

func TestDeleteSection(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := mustCreatePage(t, db, "p", 4)
	for _, c := range []struct {
		idx  int
		want string
	}{
		{1, "h0 h2 h3"},
		{3, "h0 h2"},
		{0, "h2"},
	} {
		if err := db.DeleteSection(ctx, p.Sections[c.idx].ID); err != nil {
			t.Fatal(err)
		}
		if got := headings(t, db, p.ID); got != c.want {
			t.Errorf("after deleting h%d: %q, want %q", c.idx, got, c.want)
		}
	}
	if err := db.DeleteSection(ctx, p.Sections[0].ID); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("DeleteSection(deleted) = %v, want ErrNotFound", err)
	}
}

func TestReorderSections(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := mustCreatePage(t, db, "p", 4)
	other := mustCreatePage(t, db, "q", 1)
	id := func(i int) uuid.UUID { return p.Sections[i].ID }
	if err := db.ReorderSections(ctx, p.ID, []uuid.UUID{id(3), id(1), id(0), id(2)}); err != nil {
		t.Fatal(err)
	}
	if got := headings(t, db, p.ID); got != "h3 h1 h0 h2" {
		t.Errorf("after reorder: %q, want %q", got, "h3 h1 h0 h2")
	}
	stored, _ := db.FindPage(ctx, p.ID)
	if !stored.UpdatedAt.After(p.UpdatedAt) {
		t.Error("reorder did not bump the page's updated_at")
	}
	for _, c := range []struct {
		name  string
		order []uuid.UUID
	}{
		{"missing one", []uuid.UUID{id(0), id(1), id(2)}},
		{"repeated", []uuid.UUID{id(0), id(1), id(2), id(2)}},
		{"extra", []uuid.UUID{id(0), id(1), id(2), id(3), id(3)}},
		{"other page's section", []uuid.UUID{id(0), id(1), id(2), other.Sections[0].ID}},
		{"unknown id", []uuid.UUID{id(0), id(1), id(2), uuid.Must(uuid.NewV7())}},
		{"empty", nil},
	} {
		if err := db.ReorderSections(ctx, p.ID, c.order); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("%s: ReorderSections = %v, want ErrInvalid", c.name, err)
		}
		if got := headings(t, db, p.ID); got != "h3 h1 h0 h2" {
			t.Errorf("%s: refused reorder changed the order to %q", c.name, got)
		}
	}
	if err := db.ReorderSections(ctx, uuid.Must(uuid.NewV7()), nil); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("ReorderSections(unknown page) = %v, want ErrNotFound", err)
	}
	if got := headings(t, db, other.ID); got != "h0" {
		t.Errorf("other page changed: %q", got)
	}
}

// TestReorderAtomic makes the last UPDATE of a reorder fail (a trigger
// refuses position 3) and checks that nothing of the reorder stays.
func TestReorderAtomic(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := mustCreatePage(t, db, "p", 4)
	before, _ := db.FindPage(ctx, p.ID)
	_, err := db.writer.Exec(`CREATE TRIGGER no_pos3 BEFORE UPDATE OF position ON sections
		WHEN NEW.position = 3 BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)
	if err != nil {
		t.Fatal(err)
	}
	id := func(i int) uuid.UUID { return p.Sections[i].ID }
	err = db.ReorderSections(ctx, p.ID, []uuid.UUID{id(3), id(2), id(1), id(0)})
	if err == nil || !strings.Contains(err.Error(), "injected failure") {
		t.Fatalf("ReorderSections = %v, want the injected failure", err)
	}
	after, _ := db.FindPage(ctx, p.ID)
	if got := headings(t, db, p.ID); got != "h0 h1 h2 h3" {
		t.Errorf("after failed reorder: %q, want the original order", got)
	}
	if !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Error("failed reorder bumped updated_at")
	}
}

func TestUniquePositionEnforced(t *testing.T) {
	db := MustOpenDB(t)
	p := mustCreatePage(t, db, "p", 2)
	_, err := db.writer.Exec(`UPDATE sections SET position = 0 WHERE id = ?`, p.Sections[1].ID.String())
	if !errors.Is(mapErr(err), storage.ErrConflict) {
		t.Errorf("duplicate position: %v, want a UNIQUE failure mapped to ErrConflict", err)
	}
}
