package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// Dump reads the whole store in one read transaction: pages with their
// sections (by slug), revisions (by page, newest first), targets (by name),
// publications and pending publications (oldest first).
func (db *DB) Dump(ctx context.Context) (storage.Dump, error) {
	var d storage.Dump
	err := db.read(ctx, func(tx *sql.Tx) error {
		pages, err := findPages(ctx, tx, nil, nil)
		if err != nil {
			return err
		}
		secs, err := queryAll(ctx, tx, scanSection, `SELECT `+sectionColumns+` FROM sections ORDER BY page_id, position`)
		if err != nil {
			return err
		}
		storage.AttachSections(pages, secs)
		d.Pages = pages
		if d.Revisions, err = queryAll(ctx, tx, scanRevision, `SELECT `+revisionColumns+` FROM revisions
			ORDER BY page_id, number DESC`); err != nil {
			return err
		}
		if d.Targets, err = findTargets(ctx, tx, nil, nil); err != nil {
			return err
		}
		if d.Publications, err = findPublicationsAsc(ctx, tx); err != nil {
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

func findPublicationsAsc(ctx context.Context, tx *sql.Tx) ([]storage.Publication, error) {
	return queryAll(ctx, tx, scanPublication, `SELECT id, number, page_id, slug, target_name, revision_id,
		hash, author, note, at, body FROM publications ORDER BY id`)
}

// Load writes d into this store, which must be empty, in one write
// transaction, keeping every id, number, time, hash and body.
// Errors: ErrConflict (the store is not empty), and those of the rows'
// constraints.
func (db *DB) Load(ctx context.Context, d storage.Dump) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM pages) + (SELECT count(*) FROM targets)
			+ (SELECT count(*) FROM publications) + (SELECT count(*) FROM reviews) + (SELECT count(*) FROM comments)`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("the destination already holds pages, targets or publications: %w", storage.ErrConflict)
		}
		for _, p := range d.Pages {
			_, err := tx.ExecContext(ctx, `INSERT INTO pages (id, slug, slug_key, title, lang, dir, numbering, date_style,
				last_updated, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				p.ID.String(), p.Slug, storage.SlugKey(p.Slug), p.Title, p.Lang, string(p.Dir), string(p.Numbering), string(p.DateStyle),
				formatDate(p.LastUpdated), string(p.Status), formatTime(p.CreatedAt), formatTime(p.UpdatedAt))
			if err != nil {
				return fmt.Errorf("page %q: %w", p.Slug, mapErr(err))
			}
			for _, s := range p.Sections {
				_, err := tx.ExecContext(ctx, `INSERT INTO sections (`+sectionColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
					s.ID.String(), p.ID.String(), s.Position, string(s.Kind), s.Heading, s.Body, formatTime(s.UpdatedAt),
					max(s.Version, 1))
				if err != nil {
					return fmt.Errorf("section %d of page %q: %w", s.Position, p.Slug, mapErr(err))
				}
			}
		}
		// Inserting a page's sections is an edit, which returns a page under
		// review to draft where the review flow's triggers are: give every
		// page its status back.
		for _, p := range d.Pages {
			if _, err := tx.ExecContext(ctx, `UPDATE pages SET status = ? WHERE id = ?`, string(p.Status), p.ID.String()); err != nil {
				return err
			}
		}
		for _, r := range d.Revisions {
			_, err := tx.ExecContext(ctx, `INSERT INTO revisions (`+revisionColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				r.ID.String(), r.PageID.String(), r.Number, r.Author, r.Note, formatTime(r.CreatedAt), r.Hash,
				string(storage.RevisionContent(r.Page)))
			if err != nil {
				return fmt.Errorf("revision %d of page %s: %w", r.Number, r.PageID, mapErr(err))
			}
		}
		for _, t := range d.Targets {
			_, err := tx.ExecContext(ctx, `INSERT INTO targets (name, kind, location, options, url, created_at)
				VALUES (?, ?, ?, ?, ?, ?)`, t.Name, t.Kind, t.Location, string(storage.CanonicalJSON(t.Options)),
				t.URL, formatTime(t.Created))
			if err != nil {
				return fmt.Errorf("target %q: %w", t.Name, mapErr(err))
			}
		}
		for _, p := range d.Publications {
			_, err := tx.ExecContext(ctx, `INSERT INTO publications (id, number, page_id, slug, target_name,
				revision_id, hash, author, note, at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				p.ID, p.Number, p.PageID.String(), p.Slug, p.TargetName, nullID(p.RevisionID), p.Hash, p.Author,
				p.Note, formatTime(p.At), p.Body)
			if err != nil {
				return fmt.Errorf("publication %d of page %s to %q: %w", p.Number, p.PageID, p.TargetName, mapErr(err))
			}
		}
		if err := loadPending(ctx, tx, d.Pending); err != nil {
			return err
		}
		return loadReview(ctx, tx, d)
	})
	if err != nil {
		return fmt.Errorf("load the draft store: %w", err)
	}
	return nil
}

// dumpReview adds the review flow's rows to d.
func dumpReview(ctx context.Context, tx *sql.Tx, d *storage.Dump) error {
	var err error
	if d.Reviews, err = queryAll(ctx, tx, scanReview, `SELECT `+reviewColumns+` FROM reviews ORDER BY id`); err != nil {
		return err
	}
	if d.Comments, err = queryAll(ctx, tx, scanComment, `SELECT c.id, c.page_id, c.section_id, coalesce(s.position, -1),
		c.author, c.text, c.at, c.resolved_by, c.resolved_at
		FROM comments c LEFT JOIN sections s ON s.id = c.section_id ORDER BY c.id`); err != nil {
		return err
	}
	d.Settings, d.Editors = map[string]string{}, map[uuid.UUID]string{}
	type kv struct{ k, v string }
	scanKV := func(rows *sql.Rows) (kv, error) {
		var p kv
		return p, rows.Scan(&p.k, &p.v)
	}
	settings, err := queryAll(ctx, tx, scanKV, `SELECT key, value FROM settings`)
	if err != nil {
		return err
	}
	for _, p := range settings {
		d.Settings[p.k] = p.v
	}
	editors, err := queryAll(ctx, tx, scanKV, `SELECT id, edited_by FROM pages WHERE edited_by <> ''`)
	if err != nil {
		return err
	}
	for _, p := range editors {
		id, err := uuid.Parse(p.k)
		if err != nil {
			return err
		}
		d.Editors[id] = p.v
	}
	return nil
}

// loadReview inserts the review flow's rows of d, keeping their ids.
func loadReview(ctx context.Context, tx *sql.Tx, d storage.Dump) error {
	for _, r := range d.Reviews {
		_, err := tx.ExecContext(ctx, `INSERT INTO reviews (id, page_id, action, person, note, hash, revision_number, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, r.PageID.String(), string(r.Action), r.Person, r.Note, r.Hash,
			r.RevisionNumber, formatTime(r.At))
		if err != nil {
			return fmt.Errorf("review %d of page %s: %w", r.ID, r.PageID, mapErr(err))
		}
	}
	for _, c := range d.Comments {
		var resolved any
		if c.Resolved {
			resolved = formatTime(c.ResolvedAt)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO comments (id, page_id, section_id, author, text, at, resolved_by, resolved_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.PageID.String(), nullID(c.SectionID), c.Author, c.Text,
			formatTime(c.At), c.ResolvedBy, resolved)
		if err != nil {
			return fmt.Errorf("comment %d of page %s: %w", c.ID, c.PageID, mapErr(err))
		}
	}
	for k, v := range d.Settings {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)`, k, v); err != nil {
			return fmt.Errorf("setting %q: %w", k, mapErr(err))
		}
	}
	for id, who := range d.Editors {
		if _, err := tx.ExecContext(ctx, `UPDATE pages SET edited_by = ? WHERE id = ?`, who, id.String()); err != nil {
			return fmt.Errorf("editor of page %s: %w", id, err)
		}
	}
	return nil
}
