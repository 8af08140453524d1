package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// CreateRevision stores an immutable snapshot of the page and its sections
// as they are now, numbered one more than the page's last revision, with
// Hash = ContentHash of the page. Errors: ErrNotFound (no such page).
func (db *DB) CreateRevision(ctx context.Context, pageID uuid.UUID, author, note string) (storage.Revision, error) {
	var r storage.Revision
	err := db.write(ctx, func(tx *sql.Tx) (err error) {
		r, err = createRevision(ctx, tx, pageID, author, note, db.now())
		return err
	})
	if err != nil {
		return storage.Revision{}, fmt.Errorf("create revision of page %s: %w", pageID, err)
	}
	return r, nil
}

func createRevision(ctx context.Context, tx *sql.Tx, pageID uuid.UUID, author, note string, now time.Time) (storage.Revision, error) {
	p, err := findPageWithSections(ctx, tx, "id = ?", pageID.String())
	if err != nil {
		return storage.Revision{}, err
	}
	content, hash := storage.RevisionContentAndHash(p)
	return insertRevision(ctx, tx, p, string(content), hash, author, note, now)
}

// insertRevision stores page p (as given, not as stored) as the page's
// next revision; content and hash are its RevisionContentAndHash.
func insertRevision(ctx context.Context, tx *sql.Tx, p storage.Page, content string, hash, author, note string, now time.Time) (storage.Revision, error) {
	pageID := p.ID
	var err error
	r := storage.Revision{PageID: pageID, Author: author, Note: note, CreatedAt: now, Hash: hash, Page: p}
	if r.ID, err = newID(); err != nil {
		return storage.Revision{}, err
	}
	err = tx.QueryRowContext(ctx, `SELECT coalesce(max(number), 0) + 1 FROM revisions WHERE page_id = ?`,
		pageID.String()).Scan(&r.Number)
	if err != nil {
		return storage.Revision{}, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO revisions (id, page_id, number, author, note, created_at, hash, content)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.ID.String(), pageID.String(), r.Number, author, note,
		formatTime(now), r.Hash, content)
	if err != nil {
		return storage.Revision{}, mapErr(err)
	}
	return r, nil
}

const revisionColumns = `id, page_id, number, author, note, created_at, hash, content`

// FindRevisions returns the page's revisions, newest first, each with its
// snapshot. Errors: ErrNotFound (no such page).
func (db *DB) FindRevisions(ctx context.Context, pageID uuid.UUID) ([]storage.Revision, error) {
	var revs []storage.Revision
	err := db.read(ctx, func(tx *sql.Tx) error {
		if err := pageExists(ctx, tx, pageID); err != nil {
			return err
		}
		var err error
		revs, err = findRevisions(ctx, tx, []string{"page_id = ?"}, []any{pageID.String()})
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
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		revs, err = findRevisions(ctx, tx, []string{"page_id = ?", "number = ?"}, []any{pageID.String(), number})
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

func pageExists(ctx context.Context, tx *sql.Tx, pageID uuid.UUID) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM pages WHERE id = ?`, pageID.String()).Scan(&one)
	return notFound(err)
}

// findRevisions returns the revisions matching where, newest first.
func findRevisions(ctx context.Context, tx *sql.Tx, where []string, args []any) ([]storage.Revision, error) {
	return queryAll(ctx, tx, scanRevision, `SELECT `+revisionColumns+` FROM revisions WHERE `+
		joinWhere(where)+` ORDER BY number DESC`, args...)
}

func scanRevision(rows *sql.Rows) (storage.Revision, error) {
	var r storage.Revision
	var id, pageID, created string
	var content []byte
	if err := rows.Scan(&id, &pageID, &r.Number, &r.Author, &r.Note, &created, &r.Hash, &content); err != nil {
		return storage.Revision{}, err
	}
	var err error
	r.Page, err = storage.ParseRevisionContent(content)
	if err == nil {
		r.ID, err = uuid.Parse(id)
	}
	if err == nil {
		r.PageID, err = uuid.Parse(pageID)
	}
	if err == nil {
		r.CreatedAt, err = parseTime(created)
	}
	if err != nil {
		return storage.Revision{}, fmt.Errorf("revision %s: %w", id, err)
	}
	return r, nil
}
