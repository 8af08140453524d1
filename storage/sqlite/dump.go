package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/qalam/policyeditor/storage"
)

// Dump reads the whole store in one read transaction: pages with their
// sections (by slug), revisions (by page, newest first), targets (by name)
// and publications (oldest first).
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
		index := make(map[[16]byte]int, len(pages))
		for i, p := range pages {
			pages[i].Sections = []storage.Section{}
			index[p.ID] = i
		}
		for _, s := range secs {
			i := index[s.PageID]
			pages[i].Sections = append(pages[i].Sections, s)
		}
		d.Pages = pages
		if d.Revisions, err = queryAll(ctx, tx, scanRevision, `SELECT `+revisionColumns+` FROM revisions
			ORDER BY page_id, number DESC`); err != nil {
			return err
		}
		if d.Targets, err = findTargets(ctx, tx, nil, nil); err != nil {
			return err
		}
		d.Publications, err = findPublicationsAsc(ctx, tx)
		return err
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
			+ (SELECT count(*) FROM publications)`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("the destination already holds pages, targets or publications: %w", storage.ErrConflict)
		}
		for _, p := range d.Pages {
			_, err := tx.ExecContext(ctx, `INSERT INTO pages (id, slug, title, lang, dir, numbering, date_style,
				last_updated, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				p.ID.String(), p.Slug, p.Title, p.Lang, string(p.Dir), string(p.Numbering), string(p.DateStyle),
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
			_, err := tx.ExecContext(ctx, `INSERT INTO targets (name, kind, location, options, created_at)
				VALUES (?, ?, ?, ?, ?)`, t.Name, t.Kind, t.Location, string(storage.CanonicalJSON(t.Options)),
				formatTime(t.Created))
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
		return nil
	})
	if err != nil {
		return fmt.Errorf("load the draft store: %w", err)
	}
	return nil
}
