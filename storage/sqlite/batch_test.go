package sqlite

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

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
