package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

func TestRevisionsNumberedAndImmutable(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := mustCreatePage(t, db, "p", 2)
	other := mustCreatePage(t, db, "q", 1)

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

	_, err = db.writer.Exec(`UPDATE revisions SET note = 'rewritten' WHERE id = ?`, r1.ID.String())
	if err == nil {
		t.Error("UPDATE of a revision succeeded; revisions must be immutable")
	}
	if again, _ := db.FindRevision(ctx, p.ID, 1); again.Note != "first" {
		t.Errorf("revision note = %q after refused update", again.Note)
	}
}

func TestRevisionContentIsJSON(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := mustCreatePage(t, db, "p", 1)
	r, err := db.CreateRevision(ctx, p.ID, "", "")
	if err != nil {
		t.Fatal(err)
	}
	content := queryString(t, db.reader, `SELECT content FROM revisions WHERE id = ?`, r.ID.String())
	var v struct {
		Slug     string `json:"slug"`
		Sections []struct {
			Heading string `json:"heading"`
		} `json:"sections"`
	}
	if err := json.Unmarshal([]byte(content), &v); err != nil {
		t.Fatalf("content %q: %v", content, err)
	}
	if v.Slug != "p" || len(v.Sections) != 1 || v.Sections[0].Heading != "h0" {
		t.Errorf("content = %s", content)
	}
	if typ := queryString(t, db.reader, `SELECT typeof(content) FROM revisions`); typ != "text" {
		t.Errorf("content stored as %s, want text", typ)
	}
}

func TestContentHash(t *testing.T) {
	base := storage.Page{
		ID: uuid.Must(uuid.NewV7()), Slug: "a", Title: "سياسة", Lang: "ar", Dir: storage.RTL,
		Numbering: storage.NumberingOrdinal, DateStyle: storage.DateNumeric, LastUpdated: time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC),
		Sections: []storage.Section{{Kind: storage.KindIntro, Body: "<مقدمة> & نص"}, {Kind: storage.KindNumbered, Heading: "أولاً", Body: "ب"}},
	}
	h := storage.ContentHash(base)
	// The canonical form, written out: field order fixed, no HTML escaping,
	// no trailing newline. Changing it would make stored hashes stop matching.
	const canonical = `{"title":"سياسة","lang":"ar","dir":"rtl","numbering":"ordinal",` +
		`"date_style":"numeric","last_updated":"2023-07-17","sections":[` +
		`{"kind":"intro","heading":"","body":"<مقدمة> & نص"},{"kind":"numbered","heading":"أولاً","body":"ب"}]}`
	sum := sha256.Sum256([]byte(canonical))
	if want := hex.EncodeToString(sum[:]); h != want {
		t.Errorf("ContentHash(base) = %s, want sha256 of %s = %s", h, canonical, want)
	}
	same := base
	same.ID, same.Slug, same.Status, same.UpdatedAt = uuid.Nil, "b", storage.StatusPublished, time.Now()
	same.Sections = append([]storage.Section(nil), base.Sections...)
	same.Sections[0].ID, same.Sections[0].Position = uuid.Must(uuid.NewV7()), 9
	if storage.ContentHash(same) != h {
		t.Error("ContentHash depends on ids, slug, status or times")
	}
	for name, change := range map[string]func(*storage.Page){
		"title":        func(p *storage.Page) { p.Title = "x" },
		"lang":         func(p *storage.Page) { p.Lang = "en" },
		"dir":          func(p *storage.Page) { p.Dir = storage.LTR },
		"numbering":    func(p *storage.Page) { p.Numbering = storage.NumberingWestern },
		"date style":   func(p *storage.Page) { p.DateStyle = storage.DateLong },
		"last updated": func(p *storage.Page) { p.LastUpdated = p.LastUpdated.AddDate(0, 0, 1) },
		"kind":         func(p *storage.Page) { p.Sections[1].Kind = storage.KindClosing },
		"heading":      func(p *storage.Page) { p.Sections[1].Heading = "ثانياً" },
		"body":         func(p *storage.Page) { p.Sections[0].Body += " " },
		"order":        func(p *storage.Page) { p.Sections[0], p.Sections[1] = p.Sections[1], p.Sections[0] },
		"moved text":   func(p *storage.Page) { p.Sections[1].Heading, p.Sections[1].Body = "أولاًب", "" },
	} {
		p := base
		p.Sections = append([]storage.Section(nil), base.Sections...)
		change(&p)
		if storage.ContentHash(p) == h {
			t.Errorf("ContentHash unchanged after changing the %s", name)
		}
	}
}
