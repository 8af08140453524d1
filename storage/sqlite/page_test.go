package sqlite

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// mustCreatePage creates a page with n numbered sections "h0".."h<n-1>".
func mustCreatePage(tb testing.TB, db *DB, slug string, n int) storage.Page {
	tb.Helper()
	p := storage.Page{Slug: slug, Title: "عنوان " + slug}
	for i := range n {
		p.Sections = append(p.Sections, storage.Section{Heading: fmt.Sprintf("h%d", i), Body: fmt.Sprintf("b%d", i)})
	}
	if err := db.CreatePage(context.Background(), &p); err != nil {
		tb.Fatalf("CreatePage(%q): %v", slug, err)
	}
	return p
}

func TestCreatePageAndFind(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	in := storage.Page{
		Slug: "سياسة-الخصوصية", Title: "سياسة الخصوصية لمنصة قلم",
		LastUpdated: time.Date(2023, 7, 17, 15, 4, 5, 0, time.FixedZone("AST", 3*3600)),
		Sections: []storage.Section{
			{Kind: storage.KindIntro, Body: "مقدمة"},
			{Heading: "أهمية سياسة الخصوصية", Body: "**نص** (www.qlmlearn.com)", Position: 7},
			{Kind: storage.KindClosing, Heading: "ختام", Body: "شكراً"},
		},
	}
	p := in
	if err := db.CreatePage(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if p.ID.Version() != 7 {
		t.Errorf("page id %s is UUID version %d, want 7", p.ID, p.ID.Version())
	}
	if p.Lang != "ar" || p.Dir != storage.RTL || p.Numbering != storage.NumberingOrdinal || p.DateStyle != storage.DateNumeric || p.Status != storage.StatusDraft {
		t.Errorf("defaults: lang %q dir %q numbering %q date %q status %q", p.Lang, p.Dir, p.Numbering, p.DateStyle, p.Status)
	}
	if want := time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC); !p.LastUpdated.Equal(want) {
		t.Errorf("LastUpdated = %v, want civil date %v", p.LastUpdated, want)
	}
	if p.CreatedAt.IsZero() || !p.CreatedAt.Equal(p.UpdatedAt) || p.CreatedAt.Location() != time.UTC {
		t.Errorf("CreatedAt %v UpdatedAt %v", p.CreatedAt, p.UpdatedAt)
	}
	if p.SectionCount != 3 || in.Sections[1].ID != uuid.Nil {
		t.Errorf("SectionCount = %d; caller's slice modified: %v", p.SectionCount, in.Sections[1].ID != uuid.Nil)
	}
	for i, s := range p.Sections {
		if s.Position != i || s.PageID != p.ID || s.ID.Version() != 7 || s.UpdatedAt.IsZero() {
			t.Errorf("section %d: %+v", i, s)
		}
	}
	if p.Sections[1].Kind != storage.KindNumbered {
		t.Errorf("empty kind stored as %q, want numbered", p.Sections[1].Kind)
	}

	byID, err := db.FindPage(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(byID, p) {
		t.Errorf("FindPage =\n%+v\nwant\n%+v", byID, p)
	}
	bySlug, err := db.FindPageBySlug(ctx, "سياسة-الخصوصية")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(bySlug, p) {
		t.Errorf("FindPageBySlug =\n%+v\nwant\n%+v", bySlug, p)
	}
}

func TestCreatePageErrors(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustCreatePage(t, db, "taken", 0)
	for _, c := range []struct {
		name string
		p    storage.Page
		want error
	}{
		{"slug taken", storage.Page{Slug: "taken"}, storage.ErrConflict},
		{"bad slug", storage.Page{Slug: "../x"}, storage.ErrInvalid},
		{"bad dir", storage.Page{Slug: "a", Dir: "up"}, storage.ErrInvalid},
		{"bad numbering", storage.Page{Slug: "a", Numbering: "roman"}, storage.ErrInvalid},
		{"bad date style", storage.Page{Slug: "a", DateStyle: "julian"}, storage.ErrInvalid},
		{"bad status", storage.Page{Slug: "a", Status: "gone"}, storage.ErrInvalid},
		{"bad lang", storage.Page{Slug: "a", Lang: "عربي"}, storage.ErrInvalid},
		{"bad kind", storage.Page{Slug: "a", Sections: []storage.Section{{Kind: "appendix"}}}, storage.ErrInvalid},
	} {
		p := c.p
		err := db.CreatePage(ctx, &p)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: CreatePage = %v, want %v", c.name, err, c.want)
		}
		if p.ID != uuid.Nil {
			t.Errorf("%s: failed CreatePage changed the page", c.name)
		}
	}
	pages, err := db.FindPages(ctx, storage.PageFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 {
		t.Errorf("%d pages after failed creates, want 1 (no partial inserts)", len(pages))
	}
	if n := queryString(t, db.reader, "SELECT count(*) FROM sections"); n != "0" {
		t.Errorf("%s sections left by failed creates", n)
	}
}

func TestCreatePageEnglishDefaultsLTR(t *testing.T) {
	db := MustOpenDB(t)
	p := storage.Page{Slug: "privacy", Lang: "en-GB"}
	if err := db.CreatePage(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	if p.Dir != storage.LTR {
		t.Errorf("Dir for en-GB = %q, want ltr", p.Dir)
	}
}

func TestFindPageNotFound(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if _, err := db.FindPage(ctx, uuid.Must(uuid.NewV7())); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("FindPage(unknown) = %v, want ErrNotFound", err)
	}
	if _, err := db.FindPageBySlug(ctx, "nope"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("FindPageBySlug(unknown) = %v, want ErrNotFound", err)
	}
}

func TestFindPagesFilterAndOrder(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustCreatePage(t, db, "c", 2)
	mustCreatePage(t, db, "a", 0)
	b := mustCreatePage(t, db, "b", 1)
	en := storage.Page{Slug: "d-en", Lang: "en"}
	if err := db.CreatePage(ctx, &en); err != nil {
		t.Fatal(err)
	}
	approved := storage.StatusApproved
	if _, err := db.UpdatePage(ctx, b.ID, storage.PageUpdate{Status: &approved}); err != nil {
		t.Fatal(err)
	}
	en2, ar := "en", "ar"
	for _, c := range []struct {
		f    storage.PageFilter
		want string
	}{
		{storage.PageFilter{}, "a:0 b:1 c:2 d-en:0"},
		{storage.PageFilter{Status: &approved}, "b:1"},
		{storage.PageFilter{Lang: &en2}, "d-en:0"},
		{storage.PageFilter{Lang: &ar, Status: &approved}, "b:1"},
	} {
		pages, err := db.FindPages(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for i, p := range pages {
			if p.Sections != nil {
				t.Errorf("FindPages returned sections for %q", p.Slug)
			}
			if i > 0 {
				got += " "
			}
			got += fmt.Sprintf("%s:%d", p.Slug, p.SectionCount)
		}
		if got != c.want {
			t.Errorf("FindPages(%+v) = %q, want %q", c.f, got, c.want)
		}
	}
}

func TestUpdatePage(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := mustCreatePage(t, db, "old", 2)
	mustCreatePage(t, db, "other", 0)
	slug, title, lang := "جديد", "عنوان جديد", "en"
	dir, num, ds, st := storage.LTR, storage.NumberingWestern, storage.DateLong, storage.StatusInReview
	lu := time.Date(2024, 8, 26, 23, 30, 0, 0, time.UTC)
	got, err := db.UpdatePage(ctx, p.ID, storage.PageUpdate{Slug: &slug, Title: &title, Lang: &lang, Dir: &dir,
		Numbering: &num, DateStyle: &ds, LastUpdated: &lu, Status: &st})
	if err != nil {
		t.Fatal(err)
	}
	want := p
	want.Slug, want.Title, want.Lang, want.Dir, want.Numbering, want.DateStyle, want.Status = slug, title, lang, dir, num, ds, st
	want.LastUpdated = time.Date(2024, 8, 26, 0, 0, 0, 0, time.UTC)
	want.UpdatedAt = got.UpdatedAt
	if !got.UpdatedAt.After(p.UpdatedAt) {
		t.Errorf("UpdatedAt %v not after %v", got.UpdatedAt, p.UpdatedAt)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("UpdatePage =\n%+v\nwant\n%+v", got, want)
	}
	if found, _ := db.FindPageBySlug(ctx, slug); !reflect.DeepEqual(found, got) {
		t.Errorf("stored page differs from the returned one")
	}

	var zero time.Time
	if got, err := db.UpdatePage(ctx, p.ID, storage.PageUpdate{LastUpdated: &zero}); err != nil || !got.LastUpdated.IsZero() {
		t.Errorf("clearing LastUpdated: %v, %v", got.LastUpdated, err)
	}
	same, err := db.UpdatePage(ctx, p.ID, storage.PageUpdate{})
	if err != nil {
		t.Fatal(err)
	}
	if found, _ := db.FindPage(ctx, p.ID); !same.UpdatedAt.Equal(found.UpdatedAt) {
		t.Error("empty update changed the page")
	}

	taken, bad, badDir := "other", "a b", storage.Direction("auto")
	for _, c := range []struct {
		name string
		id   uuid.UUID
		u    storage.PageUpdate
		want error
	}{
		{"slug taken", p.ID, storage.PageUpdate{Slug: &taken}, storage.ErrConflict},
		{"bad slug", p.ID, storage.PageUpdate{Slug: &bad, Title: &title}, storage.ErrInvalid},
		{"bad dir", p.ID, storage.PageUpdate{Dir: &badDir}, storage.ErrInvalid},
		{"unknown page", uuid.Must(uuid.NewV7()), storage.PageUpdate{Title: &title}, storage.ErrNotFound},
	} {
		if _, err := db.UpdatePage(ctx, c.id, c.u); !errors.Is(err, c.want) {
			t.Errorf("%s: UpdatePage = %v, want %v", c.name, err, c.want)
		}
	}
}

func TestDeletePageCascades(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := mustCreatePage(t, db, "gone", 3)
	keep := mustCreatePage(t, db, "kept", 2)
	if _, err := db.CreateRevision(ctx, p.ID, "a", "r1"); err != nil {
		t.Fatal(err)
	}
	mustCreateTarget(t, db, "site")
	if err := db.CreatePublication(ctx, &storage.Publication{PageID: p.ID, TargetName: "site", Body: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if err := db.DeletePage(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"sections", "revisions", "publications"} {
		n := queryString(t, db.reader, "SELECT count(*) FROM "+table+" WHERE page_id = ?", p.ID.String())
		if n != "0" {
			t.Errorf("%s rows of the deleted page left in %s", n, table)
		}
	}
	if got, err := db.FindPage(ctx, keep.ID); err != nil || got.SectionCount != 2 {
		t.Errorf("other page after delete: %d sections, %v", got.SectionCount, err)
	}
	if err := db.DeletePage(ctx, p.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("second DeletePage = %v, want ErrNotFound", err)
	}
	if _, err := db.FindTarget(ctx, "site"); err != nil {
		t.Errorf("target deleted with the page: %v", err)
	}
}

func TestSlugNFCAndCase(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	nfd := "\u0627\u0654\u0648\u0644" // ا + hamza above + و + ل: "أول" decomposed
	nfc := "\u0623\u0648\u0644"
	p := storage.Page{Slug: nfd}
	if err := db.CreatePage(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if p.Slug != nfc {
		t.Errorf("stored slug %+q, want NFC %+q", p.Slug, nfc)
	}
	for _, s := range []string{nfc, nfd} {
		if got, err := db.FindPageBySlug(ctx, s); err != nil || got.ID != p.ID {
			t.Errorf("FindPageBySlug(%+q) = %v, %v", s, got.ID, err)
		}
	}
	dup := storage.Page{Slug: nfc}
	if err := db.CreatePage(ctx, &dup); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("same slug in NFC: %v, want ErrConflict", err)
	}

	mustCreatePage(t, db, "Privacy", 0)
	lower := storage.Page{Slug: "privacy"}
	if err := db.CreatePage(ctx, &lower); !errors.Is(err, storage.ErrConflict) {
		t.Errorf(`"privacy" next to "Privacy": %v, want ErrConflict`, err)
	}
	if _, err := db.FindPageBySlug(ctx, "privacy"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf(`FindPageBySlug("privacy") = %v, want ErrNotFound (lookups are case sensitive)`, err)
	}
	upper := "PRIVACY"
	if _, err := db.UpdatePage(ctx, p.ID, storage.PageUpdate{Slug: &upper}); !errors.Is(err, storage.ErrConflict) {
		t.Errorf(`UpdatePage to "PRIVACY": %v, want ErrConflict`, err)
	}
	if _, err := db.UpdatePage(ctx, p.ID, storage.PageUpdate{Slug: &nfd}); err != nil {
		t.Errorf("UpdatePage to its own slug in NFD: %v", err)
	}
}
