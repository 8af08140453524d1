package sqlite

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

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
