package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

// TestCheckpointBehind: a batch of records is checkpointed into the
// database file in the background, and Close still leaves only the file,
// holding every record.
func TestCheckpointBehind(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "drafts.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustCreateTarget(t, db, "site")
	var recs []storage.PublishRecord
	for i := range bigCommit {
		p := mustCreatePage(t, db, fmt.Sprintf("p%d", i), 3)
		recs = append(recs, storage.PublishRecord{PageID: p.ID, Revision: true, RevisionNote: "publish",
			Publication: &storage.Publication{PageID: p.ID, TargetName: "site", Body: []byte(arabicBody(11 << 10))}})
	}
	before := fileSize(t, path)
	if err := errors.Join(db.RecordPublications(ctx, recs)...); err != nil {
		t.Fatal(err)
	}
	db.checkpoints.wait()
	// The pages committed are in the database file, not only in the WAL.
	if after := fileSize(t, path); after < before+bigCommit*11<<10 {
		t.Errorf("database file: %d bytes before the batch, %d after; want the batch's pages checkpointed into it", before, after)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("after Close: %s%s is there (%v)", filepath.Base(path), suffix, err)
		}
	}
	db = MustOpenDBAt(t, path)
	pubs, err := db.FindPublications(ctx, storage.PublicationFilter{})
	if err != nil || len(pubs) != bigCommit {
		t.Errorf("reopened: %d publications, %v; want %d", len(pubs), err, bigCommit)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
