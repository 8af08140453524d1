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

// CreatePublication records that p.Body was written for page p.PageID to
// target p.TargetName. It assigns p.ID and p.Number (one more than the last
// publication of that page to that target), sets At from Now when zero,
// Slug from the page when empty and Hash from Body when empty. p is updated
// only on success. Errors: ErrNotFound (no such page or target, or
// RevisionID is not a revision of the page), ErrInvalid (Hash given and
// not the SHA-256 of Body).
func (db *DB) CreatePublication(ctx context.Context, p *storage.Publication) error {
	np, err := db.newPublication(*p)
	if err != nil {
		return err
	}
	var out storage.Publication
	err = db.write(ctx, func(tx pgx.Tx) error {
		out = np
		return createPublication(ctx, tx, &out)
	})
	if err != nil {
		return fmt.Errorf("create publication of page %s to %q: %w", p.PageID, p.TargetName, err)
	}
	*p = out
	return nil
}

// newPublication completes a publication to store (PreparePublication).
func (db *DB) newPublication(np storage.Publication) (storage.Publication, error) {
	np, err := storage.PreparePublication(np, db.now())
	np.At = np.At.Truncate(time.Microsecond) // what timestamptz keeps
	return np, err
}

func createPublication(ctx context.Context, tx pgx.Tx, p *storage.Publication) error {
	var slug string
	// The page's row lock orders the numbering of concurrent publications.
	err := tx.QueryRow(ctx, `SELECT slug FROM pages WHERE id = $1 FOR UPDATE`, pgID(p.PageID)).Scan(&slug)
	if err != nil {
		return fmt.Errorf("page: %w", mapErr(err))
	}
	if p.Slug == "" {
		p.Slug = slug
	}
	var one int
	if err := tx.QueryRow(ctx, `SELECT 1 FROM targets WHERE name = $1`, p.TargetName).Scan(&one); err != nil {
		return fmt.Errorf("target: %w", mapErr(err))
	}
	if p.RevisionID != uuid.Nil {
		err := tx.QueryRow(ctx, `SELECT 1 FROM revisions WHERE id = $1 AND page_id = $2`,
			pgID(p.RevisionID), pgID(p.PageID)).Scan(&one)
		if err != nil {
			return fmt.Errorf("revision %s: %w", p.RevisionID, mapErr(err))
		}
	}
	err = tx.QueryRow(ctx, `SELECT coalesce(max(number), 0) + 1 FROM publications
		WHERE page_id = $1 AND target_name = $2`, pgID(p.PageID), p.TargetName).Scan(&p.Number)
	if err != nil {
		return err
	}
	return mapErr(tx.QueryRow(ctx, `INSERT INTO publications (number, page_id, slug, target_name,
		revision_id, hash, author, note, at, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		p.Number, pgID(p.PageID), p.Slug, p.TargetName, pgID(p.RevisionID), p.Hash, p.Author,
		p.Note, p.At, p.Body).Scan(&p.ID))
}

// FindPublications returns the publications matching f, newest first, with
// their bodies. It only returns I/O errors.
func (db *DB) FindPublications(ctx context.Context, f storage.PublicationFilter) ([]storage.Publication, error) {
	var where []string
	var a args
	if f.PageID != nil {
		where = append(where, "page_id = "+a.add(pgID(*f.PageID)))
	}
	if f.Target != nil {
		where = append(where, "target_name = "+a.add(*f.Target))
	}
	var pubs []storage.Publication
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		pubs, err = findPublications(ctx, tx, where, a, f.Limit)
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
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		pubs, err = findPublications(ctx, tx, []string{"page_id = $1", "target_name = $2", "number = $3"},
			args{pgID(pageID), target, number}, 1)
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

const publicationColumns = `id, number, page_id, slug, target_name, revision_id, hash, author, note, at, body`

func findPublications(ctx context.Context, tx pgx.Tx, where []string, a args, limit int) ([]storage.Publication, error) {
	q := `SELECT ` + publicationColumns + ` FROM publications WHERE ` + joinWhere(where) + ` ORDER BY id DESC`
	if limit > 0 {
		q += ` LIMIT ` + a.add(limit)
	}
	rows, err := tx.Query(ctx, q, a...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanPublication)
}

func scanPublication(row pgx.CollectableRow) (storage.Publication, error) {
	var p storage.Publication
	var pageID, revID pgtype.UUID
	err := row.Scan(&p.ID, &p.Number, &pageID, &p.Slug, &p.TargetName, &revID, &p.Hash, &p.Author,
		&p.Note, &p.At, &p.Body)
	if err != nil {
		return storage.Publication{}, err
	}
	p.PageID, p.RevisionID, p.At = fromPG(pageID), fromPG(revID), p.At.UTC()
	if p.Body == nil {
		p.Body = []byte{}
	}
	return p, nil
}
