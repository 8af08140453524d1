package sqlite

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// TestRecordPublications: one batch updates, revises and publishes pages
// as the single methods would; a failing record (unknown target, wrong
// hash, unknown page) leaves nothing of itself and the others are stored.
func TestRecordPublications(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	a := mustCreatePage(t, db, "a", 2)
	b := mustCreatePage(t, db, "b", 1)
	mustCreateTarget(t, db, "site")
	if _, err := db.CreateRevision(ctx, a.ID, "x", "draft"); err != nil {
		t.Fatal(err)
	}
	published := storage.StatusPublished
	date := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	pubOf := func(p storage.Page, target, body string) *storage.Publication {
		return &storage.Publication{PageID: p.ID, TargetName: target, Author: "ليلى", Note: "publish", Body: []byte(body)}
	}
	badHash := pubOf(b, "site", "x")
	badHash.Hash = "00"
	recs := []storage.PublishRecord{
		{PageID: a.ID, Update: storage.PageUpdate{Status: &published, LastUpdated: &date}, Revision: true, RevisionNote: "publish", Publication: pubOf(a, "site", "A1")},
		{PageID: b.ID, Update: storage.PageUpdate{Status: &published}, Revision: true, RevisionNote: "publish", Publication: pubOf(b, "nowhere", "B1")},
		{PageID: b.ID, Publication: badHash},
		{PageID: uuid.Must(uuid.NewV7()), Update: storage.PageUpdate{Status: &published}},
		{PageID: a.ID, Publication: pubOf(a, "site", "A2")},
		{PageID: b.ID, Update: storage.PageUpdate{LastUpdated: &date}},
	}
	errs := db.RecordPublications(ctx, recs)
	want := []error{nil, storage.ErrNotFound, storage.ErrInvalid, storage.ErrNotFound, nil, nil}
	for i, err := range errs {
		if (err == nil) != (want[i] == nil) || (want[i] != nil && !errors.Is(err, want[i])) {
			t.Errorf("record %d: err %v, want %v", i, err, want[i])
		}
	}

	// Record 0: page updated, revision 2 made after the update, publication 1 with it.
	if recs[0].Rev.Number != 2 || recs[0].Rev.Note != "publish" || recs[0].Rev.Author != "ليلى" ||
		recs[0].Rev.Page.Status != storage.StatusPublished || !recs[0].Rev.Page.LastUpdated.Equal(date) {
		t.Errorf("record 0 revision = %+v", recs[0].Rev)
	}
	p0 := recs[0].Publication
	if p0.ID == 0 || p0.Number != 1 || p0.RevisionID != recs[0].Rev.ID || p0.Slug != "a" || p0.At.IsZero() || p0.Hash == "" {
		t.Errorf("record 0 publication = %+v", p0)
	}
	if p4 := recs[4].Publication; p4.Number != 2 || p4.RevisionID != uuid.Nil {
		t.Errorf("record 4 publication = %+v, want number 2 without revision", p4)
	}
	pubs, err := db.FindPublications(ctx, storage.PublicationFilter{PageID: &a.ID})
	if err != nil || len(pubs) != 2 || !bytes.Equal(pubs[0].Body, []byte("A2")) || !bytes.Equal(pubs[1].Body, []byte("A1")) {
		t.Errorf("publications of a = %+v, %v", pubs, err)
	}

	// Record 1 failed after its update and revision: both rolled back.
	gotB, err := db.FindPage(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if gotB.Status != storage.StatusDraft || !gotB.LastUpdated.Equal(date) {
		t.Errorf("page b: status %s, date %v; want draft (record 1 rolled back) and the date of record 5", gotB.Status, gotB.LastUpdated)
	}
	if revs, err := db.FindRevisions(ctx, b.ID); err != nil || len(revs) != 0 {
		t.Errorf("revisions of b = %d, %v; want none", len(revs), err)
	}
	if pubs, err := db.FindPublications(ctx, storage.PublicationFilter{PageID: &b.ID}); err != nil || len(pubs) != 0 {
		t.Errorf("publications of b = %d, %v; want none", len(pubs), err)
	}
	if recs[1].Publication.ID != 0 || recs[1].Rev.ID != uuid.Nil {
		t.Errorf("failed record 1 was filled in: %+v %+v", recs[1].Publication, recs[1].Rev)
	}
}

// TestRecordPublicationsCancelled: a transaction that cannot begin stores
// nothing and fails every record.
func TestRecordPublicationsCancelled(t *testing.T) {
	db := MustOpenDB(t)
	a := mustCreatePage(t, db, "a", 1)
	mustCreateTarget(t, db, "site")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	recs := []storage.PublishRecord{{PageID: a.ID, Revision: true, Publication: &storage.Publication{PageID: a.ID, TargetName: "site", Body: []byte("x")}}}
	for i, err := range db.RecordPublications(ctx, recs) {
		if err == nil {
			t.Errorf("record %d stored with a cancelled context", i)
		}
	}
	pubs, err := db.FindPublications(context.Background(), storage.PublicationFilter{})
	if err != nil || len(pubs) != 0 {
		t.Errorf("publications = %d, %v; want none", len(pubs), err)
	}
}

// BenchmarkRecordPublications100 records what publishing 100 changed
// pages stores (date and status, revision, publication of an 11 KB page, the size of the sample policy)
// in one call, against BenchmarkRecordPublications100OneByOne: the same
// with UpdatePage, CreateRevision and CreatePublication per page.
func BenchmarkRecordPublications100(b *testing.B) {
	benchRecord(b, func(db *DB, recs []storage.PublishRecord) error {
		return errors.Join(db.RecordPublications(context.Background(), recs)...)
	})
}

func BenchmarkRecordPublications100OneByOne(b *testing.B) {
	benchRecord(b, func(db *DB, recs []storage.PublishRecord) error {
		ctx := context.Background()
		for _, r := range recs {
			if _, err := db.UpdatePage(ctx, r.PageID, r.Update); err != nil {
				return err
			}
			rev, err := db.CreateRevision(ctx, r.PageID, r.Publication.Author, r.RevisionNote)
			if err != nil {
				return err
			}
			r.Publication.RevisionID = rev.ID
			if err := db.CreatePublication(ctx, r.Publication); err != nil {
				return err
			}
		}
		return nil
	})
}

func benchRecord(b *testing.B, record func(*DB, []storage.PublishRecord) error) {
	db := MustOpenDB(b)
	var pages []storage.Page
	for i := range 100 {
		p := mustCreatePage(b, db, fmt.Sprintf("p%03d", i), 12)
		pages = append(pages, p)
	}
	mustCreateTarget(b, db, "site")
	body := bytes.Repeat([]byte("<p>سياسة الخصوصية</p>\n"), 11<<10/30)
	published := storage.StatusPublished
	date := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		recs := make([]storage.PublishRecord, len(pages))
		for i, p := range pages {
			recs[i] = storage.PublishRecord{PageID: p.ID, Update: storage.PageUpdate{Status: &published, LastUpdated: &date},
				Revision: true, RevisionNote: "publish",
				Publication: &storage.Publication{PageID: p.ID, TargetName: "site", Author: "bench", Note: "publish", Body: body}}
		}
		if err := record(db, recs); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFindPagesByIDAndLatestPublications: the batch reads return what
// FindPage and FindPublications (Limit 1) return, in the order asked, with
// zero values for a missing page or a page never published to the target.
func TestFindPagesByIDAndLatestPublications(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	a := mustCreatePage(t, db, "a", 3)
	b := mustCreatePage(t, db, "b", 0)
	c := mustCreatePage(t, db, "c", 2)
	mustCreateTarget(t, db, "site")
	mustCreateTarget(t, db, "other")
	for _, pub := range []storage.Publication{
		{PageID: a.ID, TargetName: "site", Body: []byte("a1")},
		{PageID: c.ID, TargetName: "site", Body: []byte("c1")},
		{PageID: a.ID, TargetName: "site", Body: []byte("a2")},
		{PageID: a.ID, TargetName: "other", Body: []byte("a-other")},
	} {
		if err := db.CreatePublication(ctx, &pub); err != nil {
			t.Fatal(err)
		}
	}
	missing := uuid.Must(uuid.NewV7())
	ids := []uuid.UUID{c.ID, missing, a.ID, b.ID}
	pages, err := db.FindPagesByID(ctx, ids)
	if err != nil || len(pages) != len(ids) {
		t.Fatalf("FindPagesByID = %d pages, %v", len(pages), err)
	}
	for i, id := range ids {
		if id == missing {
			if pages[i].ID != uuid.Nil {
				t.Errorf("page %d: got %s for a missing id", i, pages[i].Slug)
			}
			continue
		}
		want, err := db.FindPage(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(pages[i], want) {
			t.Errorf("page %d = %+v\nwant %+v", i, pages[i], want)
		}
	}
	pubs, err := db.LatestPublications(ctx, "site", ids)
	if err != nil || len(pubs) != len(ids) {
		t.Fatalf("LatestPublications = %d, %v", len(pubs), err)
	}
	for i, want := range []string{"c1", "", "a2", ""} {
		if string(pubs[i].Body) != want || (want == "") != (pubs[i].ID == 0) {
			t.Errorf("latest publication %d = #%d %q, want %q", i, pubs[i].ID, pubs[i].Body, want)
		}
	}
	if got, err := db.FindPublications(ctx, storage.PublicationFilter{PageID: &a.ID, Target: ptr("site"), Limit: 1}); err != nil || !reflect.DeepEqual(got[0], pubs[2]) {
		t.Errorf("LatestPublications = %+v, FindPublications = %+v, %v", pubs[2], got, err)
	}
	if pages, err := db.FindPagesByID(ctx, nil); err != nil || len(pages) != 0 {
		t.Errorf("FindPagesByID(nil) = %v, %v", pages, err)
	}
}

func ptr[T any](v T) *T { return &v }
