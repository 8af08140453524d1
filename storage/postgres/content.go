package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/qalam/policyeditor/storage"
)

// ImportPage creates p as CreatePage does and keeps it as revision 1
// (author, note), in one transaction. Errors: those of CreatePage.
func (db *DB) ImportPage(ctx context.Context, p *storage.Page, author, note string) (storage.Revision, error) {
	var np storage.Page
	var rev storage.Revision
	err := db.write(ctx, func(tx pgx.Tx) (err error) {
		np = *p
		np.Sections = append([]storage.Section(nil), p.Sections...)
		now := db.now()
		if err := createPage(ctx, tx, &np, now); err != nil {
			return err
		}
		if err := noteEditor(ctx, tx, np.ID, author); err != nil {
			return err
		}
		rev, err = createRevision(ctx, tx, np.ID, author, note, now)
		return err
	})
	if err != nil {
		return storage.Revision{}, fmt.Errorf("import page %q: %w", p.Slug, err)
	}
	*p = np
	return rev, nil
}

// KeepRevision keeps the page as it is now as a revision (author, note),
// unless its newest revision already holds the same content: then that one
// is returned with kept = false. Errors: storage.ErrNotFound.
func (db *DB) KeepRevision(ctx context.Context, pageID uuid.UUID, author, note string) (rev storage.Revision, kept bool, err error) {
	err = db.write(ctx, func(tx pgx.Tx) error {
		rev, kept, err = keepRevision(ctx, tx, pageID, author, note, db.now())
		return err
	})
	if err != nil {
		return storage.Revision{}, false, fmt.Errorf("keep a revision of page %s: %w", pageID, err)
	}
	return rev, kept, nil
}

func keepRevision(ctx context.Context, tx pgx.Tx, pageID uuid.UUID, author, note string, now time.Time) (storage.Revision, bool, error) {
	if err := lockPage(ctx, tx, pageID); err != nil {
		return storage.Revision{}, false, err
	}
	p, err := findPageWithSections(ctx, tx, "id = $1", pgID(pageID))
	if err != nil {
		return storage.Revision{}, false, err
	}
	latest, err := findRevisions(ctx, tx, `page_id = $1 AND number = (SELECT max(number) FROM revisions WHERE page_id = $1)`, pgID(pageID))
	if err != nil {
		return storage.Revision{}, false, err
	}
	if len(latest) == 1 && latest[0].Hash == storage.ContentHash(p) {
		return latest[0], false, nil
	}
	rev, err := newRevision(ctx, tx, p, author, note, now)
	return rev, err == nil, err
}

// ReplaceContent makes c's content the page's draft, in one transaction,
// after keeping the draft as it was as a revision (see SQLite's
// ReplaceContent, whose contract this is). When expect is not empty the
// draft must still have that ContentHash. Errors: ErrNotFound, ErrInvalid,
// ErrConflict (the draft changed).
func (db *DB) ReplaceContent(ctx context.Context, pageID uuid.UUID, c storage.Page, expect, author, note string) (storage.Page, storage.Revision, error) {
	var p storage.Page
	var before storage.Revision
	err := db.write(ctx, func(tx pgx.Tx) (err error) {
		now := db.now()
		if before, _, err = keepRevision(ctx, tx, pageID, author, note, now); err != nil {
			return err
		}
		if expect != "" && before.Hash != expect {
			return fmt.Errorf("the draft changed since it was read: %w", storage.ErrConflict)
		}
		if err := replaceContent(ctx, tx, pageID, c, now); err != nil {
			return err
		}
		if err := noteEditor(ctx, tx, pageID, author); err != nil {
			return err
		}
		p, err = findPageWithSections(ctx, tx, "id = $1", pgID(pageID))
		return err
	})
	if err != nil {
		return storage.Page{}, storage.Revision{}, fmt.Errorf("replace the content of page %s: %w", pageID, err)
	}
	return p, before, nil
}

func replaceContent(ctx context.Context, tx pgx.Tx, pageID uuid.UUID, c storage.Page, now time.Time) error {
	date := c.LastUpdated
	u := storage.PageUpdate{Title: &c.Title, Lang: &c.Lang, Dir: &c.Dir, Numbering: &c.Numbering, DateStyle: &c.DateStyle, LastUpdated: &date}
	if err := updatePage(ctx, tx, pageID, u, now); err != nil {
		return err
	}
	current, err := findSections(ctx, tx, pageID)
	if err != nil {
		return err
	}
	keep, err := storage.KeptSections(current, c.Sections)
	if err != nil {
		return err
	}
	for _, s := range current {
		if !keep[s.ID] {
			if _, err := tx.Exec(ctx, `DELETE FROM sections WHERE id = $1`, pgID(s.ID)); err != nil {
				return err
			}
		}
	}
	// Positions are checked at commit (deferred), so rows can pass through
	// each other's positions.
	var fresh []storage.Section
	for i, s := range c.Sections {
		s.PageID, s.Position = pageID, i
		if err := storage.NormalizeSection(&s); err != nil {
			return err
		}
		if !keep[s.ID] {
			if s.ID, err = newID(); err != nil {
				return err
			}
			s.UpdatedAt, s.Version = now, 1
			fresh = append(fresh, s)
			continue
		}
		_, err := tx.Exec(ctx, `UPDATE sections SET position = $1, kind = $2, heading = $3, body = $4,
			updated_at = CASE WHEN kind = $2 AND heading = $3 AND body = $4 THEN updated_at ELSE $5 END,
			version = CASE WHEN kind = $2 AND heading = $3 AND body = $4 THEN version ELSE version + 1 END
			WHERE id = $6`, i, string(s.Kind), s.Heading, s.Body, now, pgID(s.ID))
		if err != nil {
			return mapErr(err)
		}
	}
	return insertSections(ctx, tx, fresh)
}
