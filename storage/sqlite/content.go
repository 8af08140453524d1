package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// ImportPage creates p as CreatePage does and keeps it as revision 1
// (author, note), in one transaction. Errors: those of CreatePage.
func (db *DB) ImportPage(ctx context.Context, p *storage.Page, author, note string) (storage.Revision, error) {
	np := *p
	np.Sections = append([]storage.Section(nil), p.Sections...)
	var rev storage.Revision
	err := db.write(ctx, func(tx *sql.Tx) (err error) {
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
	err = db.write(ctx, func(tx *sql.Tx) error {
		rev, kept, err = keepRevision(ctx, tx, pageID, author, note, db)
		return err
	})
	if err != nil {
		return storage.Revision{}, false, fmt.Errorf("keep a revision of page %s: %w", pageID, err)
	}
	return rev, kept, nil
}

func keepRevision(ctx context.Context, tx *sql.Tx, pageID uuid.UUID, author, note string, db *DB) (storage.Revision, bool, error) {
	p, err := findPageWithSections(ctx, tx, "id = ?", pageID.String())
	if err != nil {
		return storage.Revision{}, false, err
	}
	latest, err := findRevisions(ctx, tx, []string{"page_id = ?", "number = (SELECT max(number) FROM revisions WHERE page_id = ?)"},
		[]any{pageID.String(), pageID.String()})
	if err != nil {
		return storage.Revision{}, false, err
	}
	if len(latest) == 1 && latest[0].Hash == storage.ContentHash(p) {
		return latest[0], false, nil
	}
	rev, err := createRevision(ctx, tx, pageID, author, note, db.now())
	return rev, err == nil, err
}

// ReplaceContent makes c's content the page's draft, in one transaction,
// after keeping the draft as it was as a revision (author, note; see
// KeepRevision). The content is the title, language, direction,
// numbering, date style, last-updated date and the sections in order; a
// section of c with the ID of one of the page's sections stays that
// section (its comments follow it), others are new, and the page's
// sections missing from c are deleted. Slug and status are not taken from
// c; author becomes the page's last editor. When expect is not empty the draft must still have that ContentHash
// (it was read, changed and is written back: an edit in between is not
// overwritten). It returns the page as stored and the revision of the
// draft before. Errors: storage.ErrNotFound (no such page), storage.ErrInvalid (a bad field
// or kind, the same section ID twice), storage.ErrConflict (the draft changed).
func (db *DB) ReplaceContent(ctx context.Context, pageID uuid.UUID, c storage.Page, expect, author, note string) (storage.Page, storage.Revision, error) {
	var p storage.Page
	var before storage.Revision
	err := db.write(ctx, func(tx *sql.Tx) (err error) {
		if before, _, err = keepRevision(ctx, tx, pageID, author, note, db); err != nil {
			return err
		}
		if expect != "" && before.Hash != expect {
			return fmt.Errorf("the draft changed since it was read: %w", storage.ErrConflict)
		}
		if err := replaceContent(ctx, tx, pageID, c, db); err != nil {
			return err
		}
		if err := noteEditor(ctx, tx, pageID, author); err != nil {
			return err
		}
		p, err = findPageWithSections(ctx, tx, "id = ?", pageID.String())
		return err
	})
	if err != nil {
		return storage.Page{}, storage.Revision{}, fmt.Errorf("replace the content of page %s: %w", pageID, err)
	}
	return p, before, nil
}

func replaceContent(ctx context.Context, tx *sql.Tx, pageID uuid.UUID, c storage.Page, db *DB) error {
	now := db.now()
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
			if _, err := tx.ExecContext(ctx, `DELETE FROM sections WHERE id = ?`, s.ID.String()); err != nil {
				return err
			}
		}
	}
	// Kept sections step aside to distinct negative positions first:
	// UNIQUE(page_id, position) is checked row by row.
	if _, err := tx.ExecContext(ctx, `UPDATE sections SET position = -position - 1 WHERE page_id = ?`, pageID.String()); err != nil {
		return err
	}
	for i, s := range c.Sections {
		s.PageID, s.Position = pageID, i
		if err := storage.NormalizeSection(&s); err != nil {
			return err
		}
		if !keep[s.ID] {
			if err := insertSection(ctx, tx, &s, now); err != nil {
				return err
			}
			continue
		}
		// A changed section gets a new version, so a window saving from the
		// old one is told of the replacement instead of overwriting it.
		_, err := tx.ExecContext(ctx, `UPDATE sections SET position = ?, kind = ?, heading = ?, body = ?,
			updated_at = CASE WHEN kind IS ? AND heading IS ? AND body IS ? THEN updated_at ELSE ? END,
			version = CASE WHEN kind IS ? AND heading IS ? AND body IS ? THEN version ELSE version + 1 END WHERE id = ?`,
			i, string(s.Kind), s.Heading, s.Body, string(s.Kind), s.Heading, s.Body, formatTime(now),
			string(s.Kind), s.Heading, s.Body, s.ID.String())
		if err != nil {
			return mapErr(err)
		}
	}
	return nil
}
