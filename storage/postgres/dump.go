package postgres

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/qalam/policyeditor/storage"
)

// Dump reads the whole store in one snapshot: pages with their sections
// (by slug), revisions (by page, newest first), targets (by name),
// publications and pending publications (oldest first).
func (db *DB) Dump(ctx context.Context) (storage.Dump, error) {
	var d storage.Dump
	err := db.read(ctx, func(tx pgx.Tx) error {
		pages, err := findPages(ctx, tx, nil, nil)
		if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT `+sectionColumns+` FROM sections ORDER BY page_id, position`)
		if err != nil {
			return err
		}
		secs, err := collect(rows, scanSection)
		if err != nil {
			return err
		}
		storage.AttachSections(pages, secs)
		d.Pages = pages
		if d.Revisions, err = findRevisions(ctx, tx, "true"); err != nil {
			return err
		}
		if d.Targets, err = findTargets(ctx, tx, nil, nil); err != nil {
			return err
		}
		rows, err = tx.Query(ctx, `SELECT `+publicationColumns+` FROM publications ORDER BY id`)
		if err != nil {
			return err
		}
		if d.Publications, err = collect(rows, scanPublication); err != nil {
			return err
		}
		if d.Pending, err = dumpPending(ctx, tx); err != nil {
			return err
		}
		return dumpReview(ctx, tx, &d)
	})
	if err != nil {
		return storage.Dump{}, fmt.Errorf("dump the draft store: %w", err)
	}
	return d, nil
}

// Load writes d into this store, which must be empty, in one transaction,
// keeping every id, number, time, hash and body. Publication (and pending
// publication, review, comment) ids are kept and the id sequences move
// past them. Errors: ErrConflict (the store is
// not empty), ErrInvalid / ErrConflict from the rows' constraints.
func (db *DB) Load(ctx context.Context, d storage.Dump) error {
	err := db.write(ctx, func(tx pgx.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT (SELECT count(*) FROM pages) + (SELECT count(*) FROM targets)
			+ (SELECT count(*) FROM publications) + (SELECT count(*) FROM reviews) + (SELECT count(*) FROM comments)`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("the destination already holds pages, targets or publications: %w", storage.ErrConflict)
		}
		for _, p := range d.Pages {
			if err := insertPage(ctx, tx, p); err != nil {
				return fmt.Errorf("page %q: %w", p.Slug, err)
			}
			if err := insertSections(ctx, tx, p.Sections); err != nil {
				return fmt.Errorf("sections of page %q: %w", p.Slug, err)
			}
		}
		// Inserting a page's sections is an edit, which returns a page under
		// review to draft where the review flow's triggers are: give every
		// page its status back.
		for _, p := range d.Pages {
			if _, err := tx.Exec(ctx, `UPDATE pages SET status = $1 WHERE id = $2`, string(p.Status), pgID(p.ID)); err != nil {
				return err
			}
		}
		for _, r := range d.Revisions {
			if err := insertRevision(ctx, tx, r); err != nil {
				return fmt.Errorf("revision %d of page %s: %w", r.Number, r.PageID, err)
			}
		}
		for _, t := range d.Targets {
			if err := insertTarget(ctx, tx, t); err != nil {
				return fmt.Errorf("target %q: %w", t.Name, err)
			}
		}
		for _, p := range d.Publications {
			_, err := tx.Exec(ctx, `INSERT INTO publications (id, number, page_id, slug, target_name,
				revision_id, hash, author, note, at, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
				p.ID, p.Number, pgID(p.PageID), p.Slug, p.TargetName, pgID(p.RevisionID), p.Hash, p.Author,
				p.Note, p.At, p.Body)
			if err != nil {
				return fmt.Errorf("publication %d of page %s to %q: %w", p.Number, p.PageID, p.TargetName, mapErr(err))
			}
		}
		if err := loadPending(ctx, tx, d.Pending); err != nil {
			return err
		}
		if err := loadReview(ctx, tx, d); err != nil {
			return err
		}
		for _, table := range []string{"publications", "pending_publications", "reviews", "comments"} {
			_, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence('`+table+`', 'id'),
				greatest((SELECT max(id) FROM `+table+`), 1))`)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load the draft store: %w", err)
	}
	return nil
}

// dumpReview adds the review flow's rows to d.
func dumpReview(ctx context.Context, tx pgx.Tx, d *storage.Dump) error {
	rows, err := tx.Query(ctx, `SELECT `+reviewColumns+` FROM reviews ORDER BY id`)
	if err != nil {
		return err
	}
	if d.Reviews, err = collect(rows, scanReview); err != nil {
		return err
	}
	rows, err = tx.Query(ctx, `SELECT c.id, c.page_id, c.section_id, coalesce(s.position, -1),
		c.author, c.text, c.at, c.resolved_by, c.resolved_at
		FROM comments c LEFT JOIN sections s ON s.id = c.section_id ORDER BY c.id`)
	if err != nil {
		return err
	}
	if d.Comments, err = collect(rows, scanComment); err != nil {
		return err
	}
	d.Settings, d.Editors = map[string]string{}, map[uuid.UUID]string{}
	rows, err = tx.Query(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return err
	}
	var k, v string
	if _, err := pgx.ForEachRow(rows, []any{&k, &v}, func() error { d.Settings[k] = v; return nil }); err != nil {
		return err
	}
	var id pgtype.UUID
	rows, err = tx.Query(ctx, `SELECT id, edited_by FROM pages WHERE edited_by <> ''`)
	if err != nil {
		return err
	}
	_, err = pgx.ForEachRow(rows, []any{&id, &v}, func() error { d.Editors[fromPG(id)] = v; return nil })
	return err
}

// loadReview inserts the review flow's rows of d, keeping their ids.
func loadReview(ctx context.Context, tx pgx.Tx, d storage.Dump) error {
	for _, r := range d.Reviews {
		_, err := tx.Exec(ctx, `INSERT INTO reviews (id, page_id, action, person, note, hash, revision_number, at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, r.ID, pgID(r.PageID), string(r.Action), r.Person, r.Note, r.Hash,
			r.RevisionNumber, r.At)
		if err != nil {
			return fmt.Errorf("review %d of page %s: %w", r.ID, r.PageID, mapErr(err))
		}
	}
	for _, c := range d.Comments {
		var resolved pgtype.Timestamptz
		if c.Resolved {
			resolved = pgtype.Timestamptz{Time: c.ResolvedAt, Valid: true}
		}
		_, err := tx.Exec(ctx, `INSERT INTO comments (id, page_id, section_id, author, text, at, resolved_by, resolved_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, c.ID, pgID(c.PageID), pgID(c.SectionID), c.Author, c.Text, c.At,
			c.ResolvedBy, resolved)
		if err != nil {
			return fmt.Errorf("comment %d of page %s: %w", c.ID, c.PageID, mapErr(err))
		}
	}
	for k, v := range d.Settings {
		if _, err := tx.Exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)`, k, v); err != nil {
			return fmt.Errorf("setting %q: %w", k, mapErr(err))
		}
	}
	for id, who := range d.Editors {
		if _, err := tx.Exec(ctx, `UPDATE pages SET edited_by = $1 WHERE id = $2`, who, pgID(id)); err != nil {
			return fmt.Errorf("editor of page %s: %w", id, err)
		}
	}
	return nil
}
