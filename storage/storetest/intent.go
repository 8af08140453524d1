package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

// testIntendedPublications: intents are stored with their hashes and
// records (not their bodies: the live file is the body) and listed per
// target, oldest first; a wrong hash or a missing
// publication is refused; the record that completes an intent deletes it
// in its transaction and stores the revision of the snapshot given (the
// page as published, not as edited since); discarded intents are gone.
func testIntendedPublications(t *testing.T, h Harness) {
	ctx := context.Background()
	db := h.Open(t)
	p := MustCreatePage(t, db, "سياسة", 2)
	MustCreateTarget(t, db, "site")
	MustCreateTarget(t, db, "backup")
	body := []byte("<p>منشور</p>")
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	intent := func(target string) storage.PendingPublication {
		return storage.PendingPublication{Target: target, Rel: "سياسة/index.html", Hash: hash,
			Record: storage.PublishRecord{PageID: p.ID, Revision: true, RevisionNote: "publish",
				Publication: &storage.Publication{PageID: p.ID, TargetName: target, Author: "ليلى", Note: "publish", Body: body}}}
	}
	in := []storage.PendingPublication{intent("site"), intent("backup"), intent("site")}
	if err := db.BeginPublications(ctx, in); err != nil {
		t.Fatal(err)
	}
	if in[0].ID == 0 || in[1].ID == 0 || in[2].ID <= in[0].ID {
		t.Fatalf("intent ids %d %d %d", in[0].ID, in[1].ID, in[2].ID)
	}
	got, err := db.PendingPublications(ctx, "site")
	if err != nil || len(got) != 2 || got[0].ID != in[0].ID || got[1].ID != in[2].ID {
		t.Fatalf("pending on site = %+v, %v", got, err)
	}
	g := got[0]
	if g.Rel != "سياسة/index.html" || g.Hash != hash || g.Record.PageID != p.ID || !g.Record.Revision ||
		g.Record.Publication == nil || g.Record.Publication.Body != nil || g.Record.Publication.Author != "ليلى" {
		t.Errorf("pending intent = %+v", g)
	}
	bad := intent("site")
	bad.Hash = "00"
	if err := db.BeginPublications(ctx, []storage.PendingPublication{bad}); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("intent with a wrong hash: %v, want ErrInvalid", err)
	}
	none := intent("site")
	none.Record.Publication = nil
	if err := db.BeginPublications(ctx, []storage.PendingPublication{none}); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("intent without a publication: %v, want ErrInvalid", err)
	}

	// Complete the first: the page was edited after it was rendered; the
	// revision holds the page as published.
	published, err := db.FindPage(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveSectionBody(ctx, p.Sections[0].ID, "edited after the render"); err != nil {
		t.Fatal(err)
	}
	rec := g.Record
	rec.Intent = g.ID
	rec.Publication.Body = body // the live file's bytes
	rec.Snapshot = &published
	recs := []storage.PublishRecord{rec}
	if errs := db.RecordPublications(ctx, recs); errs[0] != nil {
		t.Fatal(errs[0])
	}
	if recs[0].Rev.Page.Sections[0].Body != "b0" || recs[0].Rev.Hash != storage.ContentHash(published) {
		t.Errorf("revision of the snapshot holds %q", recs[0].Rev.Page.Sections[0].Body)
	}
	if stored, _ := db.FindRevision(ctx, p.ID, recs[0].Rev.Number); stored.Page.Sections[0].Body != "b0" {
		t.Errorf("stored revision holds %q, want the page as published", stored.Page.Sections[0].Body)
	}
	if pubs, _ := db.FindPublications(ctx, storage.PublicationFilter{PageID: &p.ID}); len(pubs) != 1 || pubs[0].RevisionID != recs[0].Rev.ID {
		t.Errorf("publications after completing the intent: %+v", pubs)
	}
	if left, _ := db.PendingPublications(ctx, "site"); len(left) != 1 || left[0].ID != in[2].ID {
		t.Errorf("pending on site after completing one = %+v", left)
	}
	if err := db.DiscardPublications(ctx, []int64{in[1].ID, in[2].ID, 999999}); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"site", "backup"} {
		if left, err := db.PendingPublications(ctx, target); err != nil || len(left) != 0 {
			t.Errorf("pending on %s after discard = %+v, %v", target, left, err)
		}
	}
}
