package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

// testDumpLoad: a store with pages, revisions, targets, publications and a
// pending publication is
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
	// The review flow: an approval (of revision 1, which holds the page as
	// approved), an open and a resolved comment, a setting and the page's
	// last editor go along.
	if err := src.NoteEditor(ctx, p.ID, "سامي"); err != nil {
		t.Fatal(err)
	}
	for _, a := range []storage.ReviewAction{storage.ActionSubmit, storage.ActionApprove} {
		if _, err := src.Review(ctx, p.ID, a, "ليلى", "موافقة"); err != nil {
			t.Fatal(err)
		}
	}
	for _, text := range []string{"ملاحظة", "تم"} {
		c := storage.Comment{PageID: p.ID, SectionID: p.Sections[1].ID, Author: "ليلى", Text: text}
		if err := src.CreateComment(ctx, &c); err != nil {
			t.Fatal(err)
		}
		if text == "تم" {
			if err := src.ResolveComment(ctx, p.ID, c.ID, "سامي"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := src.SetSetting(ctx, settingDistinctApprover, "true"); err != nil {
		t.Fatal(err)
	}
	// A publish killed between going live and recording it leaves an
	// intent, which the copy must complete as the original would.
	intent := storage.PendingPublication{Target: "site", Rel: "privacy/index.html", Hash: pubHash("<p>ج</p>"),
		Record: storage.PublishRecord{PageID: p.ID, Revision: true, RevisionNote: "publish",
			Publication: &storage.Publication{PageID: p.ID, TargetName: "site", Body: []byte("<p>ج</p>"), Author: "ليلى"}}}
	if err := src.BeginPublications(ctx, []storage.PendingPublication{intent}); err != nil {
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
	if want.Pages != 2 || want.Sections != 3 || want.Revisions != 1 || want.Targets != 1 || want.Publications != 1 ||
		want.Pending != 1 || want.Reviews != 2 || want.Comments != 2 {
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
	if got.Status != storage.StatusApproved {
		t.Errorf("loaded page is %s, want approved", got.Status)
	}
	if a, ok, err := dst.Approval(ctx, p.ID); err != nil || !ok || a.Person != "ليلى" || !storage.Approved(got, a, ok) {
		t.Errorf("loaded approval = %+v, %v, %v", a, ok, err)
	}
	if cs, err := dst.FindComments(ctx, p.ID, false); err != nil || len(cs) != 1 || cs[0].Text != "ملاحظة" || cs[0].SectionPosition != 1 {
		t.Errorf("loaded open comments = %+v, %v", cs, err)
	}
	if v, _ := dst.Setting(ctx, settingDistinctApprover); v != "true" {
		t.Errorf("loaded setting = %q", v)
	}
	if who, _ := dst.LastEditor(ctx, p.ID); who != "سامي" {
		t.Errorf("loaded last editor = %q", who)
	}
	if r, err := dst.CreateRevision(ctx, p.ID, "", ""); err != nil || r.Number != 2 {
		t.Errorf("revision after load: %d, %v", r.Number, err)
	}

	pending, err := dst.PendingPublications(ctx, "site")
	if err != nil || len(pending) != 1 || pending[0].Hash != d.Pending[0].Hash || pending[0].Rel != "privacy/index.html" ||
		pending[0].Record.PageID != p.ID || !pending[0].At.Equal(d.Pending[0].At) || d.Pending[0].At.IsZero() {
		t.Errorf("loaded pending publications = %+v, %v; want %+v", pending, err, d.Pending)
	}
	more := []storage.PendingPublication{{Target: "site", Rel: "terms/index.html", Hash: pubHash("<p>د</p>"),
		Record: storage.PublishRecord{PageID: p.ID, Publication: &storage.Publication{PageID: p.ID, TargetName: "site", Body: []byte("<p>د</p>")}}}}
	if err := dst.BeginPublications(ctx, more); err != nil || more[0].ID <= pending[0].ID {
		t.Errorf("intent after load: id %d (loaded id %d), %v", more[0].ID, pending[0].ID, err)
	}

	if err := dst.Load(ctx, d); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("load into a store that is not empty = %v, want ErrConflict", err)
	}
	if pages, _ := dst.FindPages(ctx, storage.PageFilter{}); len(pages) != 2 {
		t.Errorf("%d pages after a refused load, want 2", len(pages))
	}
}

// pubHash is the hash a publication of body has.
func pubHash(body string) string {
	sum := sha256.Sum256([]byte(body))
	return hex.EncodeToString(sum[:])
}
