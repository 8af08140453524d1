package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

func testRevisionsNumberedAndImmutable(t *testing.T, h Harness) {
	ctx := context.Background()
	db := h.Open(t)
	p := MustCreatePage(t, db, "p", 2)
	other := MustCreatePage(t, db, "q", 1)

	r1, err := db.CreateRevision(ctx, p.ID, "ليلى", "first")
	if err != nil {
		t.Fatal(err)
	}
	stored1, _ := db.FindPage(ctx, p.ID)
	if r1.Number != 1 || r1.Author != "ليلى" || r1.Note != "first" || r1.ID.Version() != 7 || r1.PageID != p.ID {
		t.Errorf("r1 = %+v", r1)
	}
	if r1.Hash != storage.ContentHash(stored1) || len(r1.Hash) != 64 {
		t.Errorf("r1.Hash = %q, want ContentHash of the page %q", r1.Hash, storage.ContentHash(stored1))
	}
	if !reflect.DeepEqual(r1.Page, stored1) {
		t.Errorf("r1.Page =\n%+v\nwant\n%+v", r1.Page, stored1)
	}
	if _, err := db.CreateRevision(ctx, other.ID, "", ""); err != nil { // numbers are per page
		t.Fatal(err)
	}

	if err := db.SaveSectionBody(ctx, p.Sections[0].ID, "changed"); err != nil {
		t.Fatal(err)
	}
	r2, err := db.CreateRevision(ctx, p.ID, "", "second")
	if err != nil {
		t.Fatal(err)
	}
	if r2.Number != 2 || r2.Hash == r1.Hash {
		t.Errorf("r2: number %d, hash changed %v", r2.Number, r2.Hash != r1.Hash)
	}

	revs, err := db.FindRevisions(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 2 || revs[0].Number != 2 || revs[1].Number != 1 {
		t.Fatalf("FindRevisions: %d revisions, want 2 newest first", len(revs))
	}
	if !reflect.DeepEqual(revs[1], r1) {
		t.Errorf("stored r1 =\n%+v\nwant\n%+v", revs[1], r1)
	}
	if revs[1].Page.Sections[0].Body != "b0" || revs[0].Page.Sections[0].Body != "changed" {
		t.Error("revision snapshots do not hold the text as it was")
	}
	got, err := db.FindRevision(ctx, p.ID, 1)
	if err != nil || !reflect.DeepEqual(got, r1) {
		t.Errorf("FindRevision(1) = %+v, %v", got, err)
	}
	if _, err := db.FindRevision(ctx, p.ID, 3); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("FindRevision(3) = %v, want ErrNotFound", err)
	}
	if _, err := db.FindRevisions(ctx, uuid.Must(uuid.NewV7())); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("FindRevisions(unknown page) = %v, want ErrNotFound", err)
	}
	if _, err := db.CreateRevision(ctx, uuid.Must(uuid.NewV7()), "", ""); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("CreateRevision(unknown page) = %v, want ErrNotFound", err)
	}

	_, err = h.Exec(t, db, `UPDATE revisions SET note = 'rewritten' WHERE id = $1`, r1.ID.String())
	if err == nil {
		t.Error("UPDATE of a revision succeeded; revisions must be immutable")
	}
	if again, _ := db.FindRevision(ctx, p.ID, 1); again.Note != "first" {
		t.Errorf("revision note = %q after refused update", again.Note)
	}
}
