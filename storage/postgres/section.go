package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/qalam/policyeditor/storage"
)

const sectionColumns = `id, page_id, position, kind, heading, body, updated_at, version`

// lockSectionPage locks the page of section id (see lockPage) and returns
// the page's id and whether the section's body equals body.
func lockSectionPage(ctx context.Context, tx pgx.Tx, id uuid.UUID, body string) (uuid.UUID, bool, error) {
	var pageID pgtype.UUID
	var same bool
	err := tx.QueryRow(ctx, `SELECT p.id, s.body = $2 FROM sections s JOIN pages p ON p.id = s.page_id
		WHERE s.id = $1 FOR UPDATE OF p`, pgID(id), body).Scan(&pageID, &same)
	if err != nil {
		return uuid.Nil, false, mapErr(err)
	}
	return fromPG(pageID), same, nil
}

// SaveSectionBody stores a section's Markdown body and bumps the updated
// time of the section and its page, in one small transaction. Saving the
// body the section already has changes nothing. Errors: ErrNotFound,
// ErrInvalid (text PostgreSQL cannot store: a NUL character).
func (db *DB) SaveSectionBody(ctx context.Context, id uuid.UUID, body string) error {
	err := db.write(ctx, func(tx pgx.Tx) error {
		pageID, same, err := lockSectionPage(ctx, tx, id, body)
		if err != nil || same {
			return err
		}
		now := db.now()
		b := &pgx.Batch{}
		b.Queue(`UPDATE sections SET body = $1, updated_at = $2, version = version + 1 WHERE id = $3`, body, now, pgID(id))
		b.Queue(`UPDATE pages SET updated_at = $1 WHERE id = $2`, now, pgID(pageID))
		return mapErr(tx.SendBatch(ctx, b).Close())
	})
	if err != nil {
		return fmt.Errorf("save section %s: %w", id, err)
	}
	return nil
}

// UpdateSection changes the non-nil fields of u, bumps the updated time of
// the section and its page, and returns the section as stored.
// Errors: ErrNotFound, ErrInvalid (unknown kind).
func (db *DB) UpdateSection(ctx context.Context, id uuid.UUID, u storage.SectionUpdate) (storage.Section, error) {
	if u.Kind != nil {
		if err := u.Kind.Validate(); err != nil {
			return storage.Section{}, fmt.Errorf("update section %s: %w", id, err)
		}
	}
	var s storage.Section
	err := db.write(ctx, func(tx pgx.Tx) error {
		pageID, _, err := lockSectionPage(ctx, tx, id, "")
		if err != nil {
			return err
		}
		// Under the page's lock no one can save this section until commit,
		// so the version checked is the version replaced.
		if u.IfVersion != 0 {
			cur, err := findSection(ctx, tx, id)
			if err != nil {
				return err
			}
			if cur.Version != u.IfVersion {
				return &storage.SectionConflict{Mine: u.IfVersion, Theirs: cur}
			}
		}
		now := db.now()
		var a args
		var set []string
		if u.Heading != nil {
			set = append(set, "heading = "+a.add(*u.Heading))
		}
		if u.Body != nil {
			set = append(set, "body = "+a.add(*u.Body))
		}
		if u.Kind != nil {
			set = append(set, "kind = "+a.add(string(*u.Kind)))
		}
		set = append(set, "updated_at = "+a.add(now), "version = version + 1")
		if _, err := tx.Exec(ctx, `UPDATE sections SET `+strings.Join(set, ", ")+` WHERE id = `+a.add(pgID(id)), a...); err != nil {
			return mapErr(err)
		}
		if err := touchPage(ctx, tx, pageID, now); err != nil {
			return err
		}
		s, err = findSection(ctx, tx, id)
		return err
	})
	if err != nil {
		return storage.Section{}, fmt.Errorf("update section %s: %w", id, err)
	}
	return s, nil
}

// InsertSection inserts s at position pos (0 ≤ pos ≤ number of sections;
// the sections from pos on move down one place) with a new UUIDv7 and
// returns it as stored. An empty Kind means numbered.
// Errors: ErrNotFound (no such page), ErrInvalid.
func (db *DB) InsertSection(ctx context.Context, pageID uuid.UUID, pos int, s storage.Section) (storage.Section, error) {
	var out storage.Section
	err := db.write(ctx, func(tx pgx.Tx) error {
		if err := lockPage(ctx, tx, pageID); err != nil {
			return err
		}
		now := db.now()
		n, err := countSections(ctx, tx, pageID)
		if err != nil {
			return err
		}
		if pos < 0 || pos > n {
			return fmt.Errorf("position %d: the page has %d sections: %w", pos, n, storage.ErrInvalid)
		}
		out = s
		out.PageID, out.Position = pageID, pos
		if err := storage.NormalizeSection(&out); err != nil {
			return err
		}
		if out.ID, err = newID(); err != nil {
			return err
		}
		out.UpdatedAt, out.Version = now, 1
		if _, err := tx.Exec(ctx, `UPDATE sections SET position = position + 1 WHERE page_id = $1 AND position >= $2`,
			pgID(pageID), pos); err != nil {
			return err
		}
		if err := insertSections(ctx, tx, []storage.Section{out}); err != nil {
			return err
		}
		return touchPage(ctx, tx, pageID, now)
	})
	if err != nil {
		return storage.Section{}, fmt.Errorf("insert section in page %s: %w", pageID, err)
	}
	return out, nil
}

// DeleteSection deletes a section; the sections after it move up one
// place. Errors: ErrNotFound.
func (db *DB) DeleteSection(ctx context.Context, id uuid.UUID) error {
	err := db.write(ctx, func(tx pgx.Tx) error {
		pageID, _, err := lockSectionPage(ctx, tx, id, "")
		if err != nil {
			return err
		}
		var pos int
		if err := tx.QueryRow(ctx, `DELETE FROM sections WHERE id = $1 RETURNING position`, pgID(id)).Scan(&pos); err != nil {
			return mapErr(err)
		}
		if _, err := tx.Exec(ctx, `UPDATE sections SET position = position - 1 WHERE page_id = $1 AND position > $2`,
			pgID(pageID), pos); err != nil {
			return err
		}
		return touchPage(ctx, tx, pageID, db.now())
	})
	if err != nil {
		return fmt.Errorf("delete section %s: %w", id, err)
	}
	return nil
}

// ReorderSections gives the page's sections the order of order, in one
// transaction. order must hold each of the page's section ids exactly once.
// Errors: ErrNotFound (no such page), ErrInvalid (not a permutation).
func (db *DB) ReorderSections(ctx context.Context, pageID uuid.UUID, order []uuid.UUID) error {
	err := db.write(ctx, func(tx pgx.Tx) error {
		if err := lockPage(ctx, tx, pageID); err != nil {
			return err
		}
		current, err := findSections(ctx, tx, pageID)
		if err != nil {
			return err
		}
		if err := checkPermutation(current, order); err != nil {
			return err
		}
		ids := make([]pgtype.UUID, len(order))
		for i, id := range order {
			ids[i] = pgID(id)
		}
		// Positions are checked at commit, so one statement moves them all.
		_, err = tx.Exec(ctx, `UPDATE sections s SET position = o.pos - 1
			FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, pos)
			WHERE s.id = o.id AND s.page_id = $2 AND s.position <> o.pos - 1`, ids, pgID(pageID))
		if err != nil {
			return err
		}
		return touchPage(ctx, tx, pageID, db.now())
	})
	if err != nil {
		return fmt.Errorf("reorder sections of page %s: %w", pageID, err)
	}
	return nil
}

func checkPermutation(current []storage.Section, order []uuid.UUID) error {
	if len(order) != len(current) {
		return fmt.Errorf("%d ids given, the page has %d sections: %w", len(order), len(current), storage.ErrInvalid)
	}
	left := make(map[uuid.UUID]bool, len(current))
	for _, s := range current {
		left[s.ID] = true
	}
	for _, id := range order {
		if !left[id] {
			return fmt.Errorf("section %s: repeated or not in this page: %w", id, storage.ErrInvalid)
		}
		delete(left, id)
	}
	return nil
}

func countSections(ctx context.Context, tx pgx.Tx, pageID uuid.UUID) (int, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT count(*) FROM sections WHERE page_id = $1`, pgID(pageID)).Scan(&n)
	return n, err
}

func findSection(ctx context.Context, tx pgx.Tx, id uuid.UUID) (storage.Section, error) {
	rows, err := tx.Query(ctx, `SELECT `+sectionColumns+` FROM sections WHERE id = $1`, pgID(id))
	if err != nil {
		return storage.Section{}, err
	}
	s, err := pgx.CollectExactlyOneRow(rows, scanSection)
	return s, mapErr(err)
}

func findSections(ctx context.Context, tx pgx.Tx, pageID uuid.UUID) ([]storage.Section, error) {
	rows, err := tx.Query(ctx, `SELECT `+sectionColumns+` FROM sections WHERE page_id = $1 ORDER BY position`, pgID(pageID))
	if err != nil {
		return nil, err
	}
	return collect(rows, scanSection)
}

func scanSection(row pgx.CollectableRow) (storage.Section, error) {
	var s storage.Section
	var id, pageID pgtype.UUID
	var kind string
	var updated time.Time
	if err := row.Scan(&id, &pageID, &s.Position, &kind, &s.Heading, &s.Body, &updated, &s.Version); err != nil {
		return storage.Section{}, err
	}
	s.ID, s.PageID, s.Kind, s.UpdatedAt = fromPG(id), fromPG(pageID), storage.SectionKind(kind), updated.UTC()
	return s, nil
}
