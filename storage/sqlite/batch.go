package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/qalam/policyeditor/storage"
)

// RecordPublications stores every record in ONE write transaction (one
// commit instead of up to three per page), as if each record were in its
// own savepoint: a record that fails leaves nothing of itself and does not
// stop the others. It returns one error per record, in order (nil for a
// record stored), wrapping ErrNotFound, ErrInvalid or ErrConflict as
// UpdatePage, CreateRevision and CreatePublication do. If the transaction
// cannot begin or commit, every record gets that error and none is
// stored. Records are applied in slice order, so two records of the same
// page number their revisions and publications one after the other.
//
// Durability is that of every commit (see DB): once it returns, the
// records survive the process being killed.
func (db *DB) RecordPublications(ctx context.Context, recs []storage.PublishRecord) []error {
	pubs, errs, todo := storage.PrepareRecords(recs, db.newPublication)
	if !todo {
		return errs
	}
	snaps := snapshotContents(recs, errs)
	now := db.now()
	prepared, refused := pubs, errs
	var revs []storage.Revision
	// First without savepoints, which cost about 8% of the batch
	// (BenchmarkPublishRecording): if every record is stored, that is the
	// outcome with them. If one fails, the transaction is rolled back and
	// the batch is recorded again with a savepoint per record.
	var err error
	for _, savepoints := range []bool{false, true} {
		pubs, errs = slices.Clone(prepared), slices.Clone(refused)
		revs = make([]storage.Revision, len(recs))
		k := known{targets: map[string]bool{}}
		err = db.write(ctx, func(tx *sql.Tx) error {
			return recordEach(ctx, tx, savepoints, recs, pubs, revs, errs, snaps, now, &k)
		})
		if !errors.Is(err, errRecordFailed) {
			break
		}
	}
	if err == nil {
		db.checkpointBehind(len(recs))
	}
	return storage.FinishRecords(recs, errs, err, revs, pubs)
}

// errRecordFailed ends a transaction of recordEach without savepoints in
// which a record failed.
var errRecordFailed = errors.New("a record failed")

// recordEach applies each record not refused (errs[i] nil) inside tx. With
// savepoints, each is in its own, so that one that fails (its error in
// errs) leaves nothing of itself; without, the first that fails ends the
// transaction with errRecordFailed.
func recordEach(ctx context.Context, tx *sql.Tx, savepoints bool, recs []storage.PublishRecord, pubs []storage.Publication,
	revs []storage.Revision, errs []error, snaps []snapshotContent, now time.Time, k *known) error {
	for i := range recs {
		if errs[i] != nil {
			continue
		}
		if !savepoints {
			if errs[i] = recordOne(ctx, tx, &recs[i], &pubs[i], &revs[i], snaps[i], now, k); errs[i] != nil {
				return errRecordFailed
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT record`); err != nil {
			return err
		}
		errs[i] = recordOne(ctx, tx, &recs[i], &pubs[i], &revs[i], snaps[i], now, k)
		release := `RELEASE record`
		if errs[i] != nil {
			release = `ROLLBACK TO record; RELEASE record`
		}
		if _, err := tx.ExecContext(ctx, release); err != nil {
			return err
		}
	}
	return nil
}

// snapshotContent is the stored form of a record's Snapshot, encoded
// before the write transaction begins (it holds the store's one writer).
type snapshotContent struct {
	content string
	hash    string
}

// snapshotContents encodes the Snapshot of each record still to store
// that makes a revision of it.
func snapshotContents(recs []storage.PublishRecord, errs []error) []snapshotContent {
	out := make([]snapshotContent, len(recs))
	for i, r := range recs {
		if errs[i] == nil && r.Revision && r.Snapshot != nil {
			out[i].content, out[i].hash = r.SnapshotContent()
		}
	}
	return out
}

// recordOne applies one record inside tx; pub and rev receive the results.
// snap is the record's Snapshot encoded; k holds the targets the
// transaction has found, the rest of it is the record's own.
func recordOne(ctx context.Context, tx *sql.Tx, r *storage.PublishRecord, pub *storage.Publication, rev *storage.Revision, snap snapshotContent, now time.Time, k *known) error {
	if err := completeIntent(ctx, tx, r.Intent); err != nil {
		return fmt.Errorf("complete the intended publication %d: %w", r.Intent, err)
	}
	var err error
	k.revision = false
	if k.page, err = updatePageRow(ctx, tx, r.PageID, r.Update, now); err != nil {
		return fmt.Errorf("update page %s: %w", r.PageID, err)
	}
	if r.Revision {
		author := ""
		if r.Publication != nil {
			author = r.Publication.Author
		}
		if r.Snapshot != nil {
			if r.Snapshot.ID != r.PageID {
				return fmt.Errorf("create revision of page %s: snapshot is of page %s: %w", r.PageID, r.Snapshot.ID, storage.ErrInvalid)
			}
			*rev, err = insertRevision(ctx, tx, *r.Snapshot, snap.content, snap.hash, author, r.RevisionNote, now)
		} else {
			*rev, err = createRevision(ctx, tx, r.PageID, author, r.RevisionNote, now)
		}
		if err != nil {
			return fmt.Errorf("create revision of page %s: %w", r.PageID, err)
		}
		pub.RevisionID, k.revision = rev.ID, true
	}
	if r.Publication != nil {
		if pub.PageID != r.PageID {
			return fmt.Errorf("create publication of page %s: record is for page %s: %w", pub.PageID, r.PageID, storage.ErrInvalid)
		}
		if err := createPublicationKnown(ctx, tx, pub, k); err != nil {
			return fmt.Errorf("create publication of page %s to %q: %w", pub.PageID, pub.TargetName, err)
		}
	}
	return nil
}
