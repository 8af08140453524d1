package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// CreatePublication records that p.Body was written for page p.PageID to
// target p.TargetName. It assigns p.ID and p.Number (one more than the last
// publication of that page to that target), sets At from Now when zero,
// Slug from the page when empty and Hash from Body when empty. p is updated
// only on success.
//
// Errors: ErrNotFound (no such page or target, or RevisionID is not a
// revision of the page), ErrInvalid (Hash given and not the SHA-256 of Body).
func (db *DB) CreatePublication(ctx context.Context, p *storage.Publication) error {
	np, err := db.newPublication(*p)
	if err != nil {
		return err
	}
	err = db.write(ctx, func(tx *sql.Tx) error { return createPublication(ctx, tx, &np) })
	if err != nil {
		return fmt.Errorf("create publication of page %s to %q: %w", p.PageID, p.TargetName, err)
	}
	*p = np
	return nil
}

// newPublication completes a publication to store (PreparePublication).
func (db *DB) newPublication(np storage.Publication) (storage.Publication, error) {
	np, err := storage.PreparePublication(np, db.now())
	return np, err
}

func createPublication(ctx context.Context, tx *sql.Tx, p *storage.Publication) error {
	return createPublicationKnown(ctx, tx, p, nil)
}

// known is what a batch's transaction has already seen to exist, so that
// createPublicationKnown need not look again (RecordPublications).
type known struct {
	page     bool            // the record's page (its update changed its row)
	revision bool            // p.RevisionID: the revision just made of the page
	targets  map[string]bool // targets found in this transaction
}

// createPublicationKnown is createPublication skipping the checks of
// what k (which may be nil) says exists.
func createPublicationKnown(ctx context.Context, tx *sql.Tx, p *storage.Publication, k *known) error {
	if k == nil {
		k = &known{}
	}
	if !k.page || p.Slug == "" {
		var slug string
		err := tx.QueryRowContext(ctx, `SELECT slug FROM pages WHERE id = ?`, p.PageID.String()).Scan(&slug)
		if err != nil {
			return fmt.Errorf("page: %w", notFound(err))
		}
		if p.Slug == "" {
			p.Slug = slug
		}
	}
	var one int
	if !k.targets[p.TargetName] {
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM targets WHERE name = ?`, p.TargetName).Scan(&one); err != nil {
			return fmt.Errorf("target: %w", notFound(err))
		}
		if k.targets != nil {
			k.targets[p.TargetName] = true
		}
	}
	if p.RevisionID != uuid.Nil && !k.revision {
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM revisions WHERE id = ? AND page_id = ?`,
			p.RevisionID.String(), p.PageID.String()).Scan(&one)
		if err != nil {
			return fmt.Errorf("revision %s: %w", p.RevisionID, notFound(err))
		}
	}
	err := tx.QueryRowContext(ctx, `SELECT coalesce(max(number), 0) + 1 FROM publications
		WHERE page_id = ? AND target_name = ?`, p.PageID.String(), p.TargetName).Scan(&p.Number)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO publications (number, page_id, slug, target_name,
		revision_id, hash, author, note, at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.Number, p.PageID.String(), p.Slug, p.TargetName, nullID(p.RevisionID), p.Hash, p.Author,
		p.Note, formatTime(p.At), p.Body)
	if err != nil {
		return mapErr(err)
	}
	p.ID, err = res.LastInsertId()
	return err
}

// FindPublications returns the publications matching f, newest first, with
// their bodies. It only returns I/O errors.
func (db *DB) FindPublications(ctx context.Context, f storage.PublicationFilter) ([]storage.Publication, error) {
	var where []string
	var args []any
	if f.PageID != nil {
		where, args = append(where, "page_id = ?"), append(args, f.PageID.String())
	}
	if f.Target != nil {
		where, args = append(where, "target_name = ?"), append(args, *f.Target)
	}
	var pubs []storage.Publication
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		pubs, err = findPublications(ctx, tx, where, args, f.Limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find publications: %w", err)
	}
	return pubs, nil
}

// FindPublication returns publication number of the page to the target.
// Errors: ErrNotFound.
func (db *DB) FindPublication(ctx context.Context, pageID uuid.UUID, target string, number int) (storage.Publication, error) {
	var pubs []storage.Publication
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		pubs, err = findPublications(ctx, tx, []string{"page_id = ?", "target_name = ?", "number = ?"},
			[]any{pageID.String(), target, number}, 1)
		return err
	})
	if err == nil && len(pubs) == 0 {
		err = storage.ErrNotFound
	}
	if err != nil {
		return storage.Publication{}, fmt.Errorf("find publication %d of page %s to %q: %w", number, pageID, target, err)
	}
	return pubs[0], nil
}

// findPublications returns the matching publications, newest (highest id)
// first, at most limit of them when limit > 0.
func findPublications(ctx context.Context, tx *sql.Tx, where []string, args []any, limit int) ([]storage.Publication, error) {
	q := `SELECT id, number, page_id, slug, target_name, revision_id, hash, author, note, at, body
		FROM publications WHERE ` + joinWhere(where) + ` ORDER BY id DESC`
	if limit > 0 {
		q, args = q+` LIMIT ?`, append(args, limit)
	}
	return queryAll(ctx, tx, scanPublication, q, args...)
}

func scanPublication(rows *sql.Rows) (storage.Publication, error) {
	var p storage.Publication
	var pageID, at string
	var revID sql.NullString
	err := rows.Scan(&p.ID, &p.Number, &pageID, &p.Slug, &p.TargetName, &revID, &p.Hash, &p.Author,
		&p.Note, &at, &p.Body)
	if err != nil {
		return storage.Publication{}, err
	}
	if p.PageID, err = uuid.Parse(pageID); err == nil {
		if p.RevisionID, err = parseNullID(revID); err == nil {
			p.At, err = parseTime(at)
		}
	}
	if err != nil {
		return storage.Publication{}, fmt.Errorf("publication %d: %w", p.ID, err)
	}
	if p.Body == nil {
		p.Body = []byte{}
	}
	return p, nil
}
