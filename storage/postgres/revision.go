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

// CreateRevision stores an immutable snapshot of the page and its sections
// as they are now, numbered one more than the page's last revision, with
// Hash = ContentHash of the page. Errors: ErrNotFound (no such page).
func (db *DB) CreateRevision(ctx context.Context, pageID uuid.UUID, author, note string) (storage.Revision, error) {
	var r storage.Revision
	err := db.write(ctx, func(tx pgx.Tx) (err error) {
		r, err = createRevision(ctx, tx, pageID, author, note, db.now())
		return err
	})
	if err != nil {
		return storage.Revision{}, fmt.Errorf("create revision of page %s: %w", pageID, err)
	}
	return r, nil
}

func createRevision(ctx context.Context, tx pgx.Tx, pageID uuid.UUID, author, note string, now time.Time) (storage.Revision, error) {
	if err := lockPage(ctx, tx, pageID); err != nil {
		return storage.Revision{}, err
	}
	p, err := findPageWithSections(ctx, tx, "id = $1", pgID(pageID))
	if err != nil {
		return storage.Revision{}, err
	}
	return newRevision(ctx, tx, p, author, note, now)
}

// snapshotRevision stores page p (as given, not as stored: the page as it
// was rendered and published) as the page's next revision.
func snapshotRevision(ctx context.Context, tx pgx.Tx, p storage.Page, author, note string, now time.Time) (storage.Revision, error) {
	if err := lockPage(ctx, tx, p.ID); err != nil {
		return storage.Revision{}, err
	}
	return newRevision(ctx, tx, p, author, note, now)
}

// newRevision numbers and inserts p as a revision; the page is locked.
func newRevision(ctx context.Context, tx pgx.Tx, p storage.Page, author, note string, now time.Time) (storage.Revision, error) {
	pageID := p.ID
	var err error
	r := storage.Revision{PageID: pageID, Author: author, Note: note, CreatedAt: now, Hash: storage.ContentHash(p), Page: p}
	if r.ID, err = newID(); err != nil {
		return storage.Revision{}, err
	}
	err = tx.QueryRow(ctx, `SELECT coalesce(max(number), 0) + 1 FROM revisions WHERE page_id = $1`,
		pgID(pageID)).Scan(&r.Number)
	if err != nil {
		return storage.Revision{}, err
	}
	return r, insertRevision(ctx, tx, r)
}

func insertRevision(ctx context.Context, tx pgx.Tx, r storage.Revision) error {
	_, err := tx.Exec(ctx, `INSERT INTO revisions (id, page_id, number, author, note, created_at, hash, content)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, pgID(r.ID), pgID(r.PageID), r.Number, r.Author, r.Note,
		r.CreatedAt, r.Hash, string(storage.RevisionContent(r.Page)))
	return mapErr(err)
}

const revisionColumns = `id, page_id, number, author, note, created_at, hash, content`

// FindRevisions returns the page's revisions, newest first, each with its
// snapshot. Errors: ErrNotFound (no such page).
func (db *DB) FindRevisions(ctx context.Context, pageID uuid.UUID) ([]storage.Revision, error) {
	var revs []storage.Revision
	err := db.read(ctx, func(tx pgx.Tx) error {
		var one int
		if err := tx.QueryRow(ctx, `SELECT 1 FROM pages WHERE id = $1`, pgID(pageID)).Scan(&one); err != nil {
			return mapErr(err)
		}
		var err error
		revs, err = findRevisions(ctx, tx, `page_id = $1`, pgID(pageID))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find revisions of page %s: %w", pageID, err)
	}
	return revs, nil
}

// FindRevision returns revision number of the page. Errors: ErrNotFound.
func (db *DB) FindRevision(ctx context.Context, pageID uuid.UUID, number int) (storage.Revision, error) {
	var revs []storage.Revision
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		revs, err = findRevisions(ctx, tx, `page_id = $1 AND number = $2`, pgID(pageID), number)
		return err
	})
	if err == nil && len(revs) == 0 {
		err = storage.ErrNotFound
	}
	if err != nil {
		return storage.Revision{}, fmt.Errorf("find revision %d of page %s: %w", number, pageID, err)
	}
	return revs[0], nil
}

func findRevisions(ctx context.Context, tx pgx.Tx, cond string, a ...any) ([]storage.Revision, error) {
	rows, err := tx.Query(ctx, `SELECT `+revisionColumns+` FROM revisions WHERE `+cond+` ORDER BY page_id, number DESC`, a...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanRevision)
}

func scanRevision(row pgx.CollectableRow) (storage.Revision, error) {
	var r storage.Revision
	var id, pageID pgtype.UUID
	var content string
	if err := row.Scan(&id, &pageID, &r.Number, &r.Author, &r.Note, &r.CreatedAt, &r.Hash, &content); err != nil {
		return storage.Revision{}, err
	}
	r.ID, r.PageID, r.CreatedAt = fromPG(id), fromPG(pageID), r.CreatedAt.UTC()
	var err error
	if r.Page, err = storage.ParseRevisionContent([]byte(content)); err != nil {
		return storage.Revision{}, fmt.Errorf("revision %s: %w", r.ID, err)
	}
	return r, nil
}
