package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/qalam/policyeditor/storage"
)

// RecordPublications stores every record in ONE transaction, each record
// in its own savepoint: a record that fails leaves nothing of itself and
// does not stop the others. It returns one error per record, in order. If
// the transaction cannot begin or commit, every record gets that error and
// none is stored.
func (db *DB) RecordPublications(ctx context.Context, recs []storage.PublishRecord) []error {
	errs := make([]error, len(recs))
	pubs := make([]storage.Publication, len(recs))
	todo := false
	for i, r := range recs {
		if r.Publication != nil {
			pubs[i], errs[i] = db.newPublication(*r.Publication)
		}
		todo = todo || errs[i] == nil
	}
	if !todo {
		return errs
	}
	var recErrs []error
	outPubs := make([]storage.Publication, len(recs))
	revs := make([]storage.Revision, len(recs))
	now := db.now()
	err := db.write(ctx, func(tx pgx.Tx) error {
		recErrs = append(recErrs[:0], errs...) // a retried transaction starts again
		copy(outPubs, pubs)
		for i := range recs {
			if recErrs[i] != nil {
				continue
			}
			sp, err := tx.Begin(ctx) // SAVEPOINT
			if err != nil {
				return err
			}
			recErrs[i] = recordOne(ctx, sp, &recs[i], &outPubs[i], &revs[i], now)
			if recErrs[i] != nil {
				err = sp.Rollback(ctx)
			} else {
				err = sp.Commit(ctx) // RELEASE
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		for i := range errs {
			if errs[i] == nil {
				errs[i] = fmt.Errorf("record publication of page %s: %w", recs[i].PageID, err)
			}
		}
		return errs
	}
	for i := range recs {
		if recErrs[i] != nil {
			continue
		}
		if recs[i].Revision {
			recs[i].Rev = revs[i]
		}
		if recs[i].Publication != nil {
			*recs[i].Publication = outPubs[i]
		}
	}
	return recErrs
}

func recordOne(ctx context.Context, tx pgx.Tx, r *storage.PublishRecord, pub *storage.Publication, rev *storage.Revision, now time.Time) error {
	if err := completeIntent(ctx, tx, r.Intent); err != nil {
		return fmt.Errorf("complete the intended publication %d: %w", r.Intent, err)
	}
	if err := updatePage(ctx, tx, r.PageID, r.Update, now); err != nil {
		return fmt.Errorf("update page %s: %w", r.PageID, mapErr(err))
	}
	if r.Revision {
		var err error
		author := ""
		if r.Publication != nil {
			author = r.Publication.Author
		}
		if r.Snapshot != nil {
			if r.Snapshot.ID != r.PageID {
				return fmt.Errorf("create revision of page %s: snapshot is of page %s: %w", r.PageID, r.Snapshot.ID, storage.ErrInvalid)
			}
			*rev, err = snapshotRevision(ctx, tx, *r.Snapshot, author, r.RevisionNote, now)
		} else {
			*rev, err = createRevision(ctx, tx, r.PageID, author, r.RevisionNote, now)
		}
		if err != nil {
			return fmt.Errorf("create revision of page %s: %w", r.PageID, mapErr(err))
		}
		pub.RevisionID = rev.ID
	}
	if r.Publication != nil {
		if pub.PageID != r.PageID {
			return fmt.Errorf("create publication of page %s: record is for page %s: %w", pub.PageID, r.PageID, storage.ErrInvalid)
		}
		if err := createPublication(ctx, tx, pub); err != nil {
			return fmt.Errorf("create publication of page %s to %q: %w", pub.PageID, pub.TargetName, mapErr(err))
		}
	}
	return nil
}

// FindPagesByID returns the pages with these ids, each with its sections
// in order, read in one snapshot with two queries. pages[i] is the page of
// ids[i], or the zero Page when there is no such page.
func (db *DB) FindPagesByID(ctx context.Context, ids []uuid.UUID) ([]storage.Page, error) {
	out := make([]storage.Page, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	arr := make([]pgtype.UUID, len(ids))
	for i, id := range ids {
		arr[i] = pgID(id)
	}
	err := db.read(ctx, func(tx pgx.Tx) error {
		found, err := findPages(ctx, tx, []string{"id = ANY($1)"}, args{arr})
		if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT `+sectionColumns+` FROM sections WHERE page_id = ANY($1)
			ORDER BY page_id, position`, arr)
		if err != nil {
			return err
		}
		secs, err := collect(rows, scanSection)
		if err != nil {
			return err
		}
		storage.AttachSections(found, secs)
		storage.PagesInOrder(ids, found, out)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find %d pages: %w", len(ids), err)
	}
	return out, nil
}

// LatestPublications returns the newest publication (with its body) of
// each page to the target, in one snapshot: pubs[i] is that of pageIDs[i],
// the zero Publication when the page was never published there.
func (db *DB) LatestPublications(ctx context.Context, target string, pageIDs []uuid.UUID) ([]storage.Publication, error) {
	out := make([]storage.Publication, len(pageIDs))
	if len(pageIDs) == 0 {
		return out, nil
	}
	arr := make([]pgtype.UUID, len(pageIDs))
	for i, id := range pageIDs {
		arr[i] = pgID(id)
	}
	err := db.read(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT DISTINCT ON (page_id) `+publicationColumns+` FROM publications
			WHERE page_id = ANY($1) AND target_name = $2 ORDER BY page_id, number DESC`, arr, target)
		if err != nil {
			return err
		}
		pubs, err := collect(rows, scanPublication)
		if err != nil {
			return err
		}
		byPage := make(map[uuid.UUID]storage.Publication, len(pubs))
		for _, p := range pubs {
			byPage[p.PageID] = p
		}
		for i, id := range pageIDs {
			out[i] = byPage[id]
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("latest publications to %q: %w", target, err)
	}
	return out, nil
}
