package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

const sectionColumns = `id, page_id, position, kind, heading, body, updated_at, version`

// SaveSectionBody stores a section's Markdown body and bumps the updated
// time of the section and its page, in one small transaction: cheap enough
// to call on every autosave. Saving the body the section already has
// changes nothing (no new updated time, DataChanged stays the same).
// Errors: ErrNotFound.
func (db *DB) SaveSectionBody(ctx context.Context, id uuid.UUID, body string) error {
	if err := storage.ValidateSectionBody(body); err != nil {
		return fmt.Errorf("save section %s: %w", id, err)
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		now := db.now()
		pageID, err := updateSection(ctx, tx, id, []string{"body = ?"}, []any{body}, now, "body IS NOT ?", body)
		if errors.Is(err, storage.ErrNotFound) {
			return sectionExists(ctx, tx, id) // unchanged, or really not there
		}
		if err != nil {
			return err
		}
		return touchPage(ctx, tx, pageID, now)
	})
	if err != nil {
		return fmt.Errorf("save section %s: %w", id, err)
	}
	return nil
}

// UpdateSection changes the non-nil fields of u, bumps the updated time of
// the section and its page and the section's version, and returns the
// section as stored. With u.IfVersion set, nothing changes unless the
// stored version is u.IfVersion.
// Errors: ErrNotFound, ErrInvalid (unknown kind), ErrConflict (the section
// is at another version than u.IfVersion: it was changed elsewhere).
func (db *DB) UpdateSection(ctx context.Context, id uuid.UUID, u storage.SectionUpdate) (storage.Section, error) {
	var set []string
	var args []any
	if u.Heading != nil {
		set, args = append(set, "heading = ?"), append(args, *u.Heading)
	}
	if u.Body != nil {
		if err := storage.ValidateSectionBody(*u.Body); err != nil {
			return storage.Section{}, fmt.Errorf("update section %s: %w", id, err)
		}
		set, args = append(set, "body = ?"), append(args, *u.Body)
	}
	if u.Kind != nil {
		if err := u.Kind.Validate(); err != nil {
			return storage.Section{}, fmt.Errorf("update section %s: %w", id, err)
		}
		set, args = append(set, "kind = ?"), append(args, string(*u.Kind))
	}
	cond, condArgs := "1", []any(nil)
	if u.IfVersion != 0 {
		cond, condArgs = "version = ?", []any{u.IfVersion}
	}
	var s storage.Section
	err := db.write(ctx, func(tx *sql.Tx) error {
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
		pageID, err := updateSection(ctx, tx, id, set, args, now, cond, condArgs...)
		if errors.Is(err, storage.ErrNotFound) && u.IfVersion != 0 && sectionExists(ctx, tx, id) == nil {
			return fmt.Errorf("changed elsewhere since version %d: %w", u.IfVersion, storage.ErrConflict)
		}
		if err != nil {
			return err
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

// updateSection applies set/args, updated_at and the next version to one
// section if cond (with condArgs) holds for it, and returns its page's id;
// ErrNotFound if no row was updated.
func updateSection(ctx context.Context, tx *sql.Tx, id uuid.UUID, set []string, args []any, now time.Time,
	cond string, condArgs ...any) (uuid.UUID, error) {
	set = append(set[:len(set):len(set)], "updated_at = ?", "version = version + 1")
	args = append(args[:len(args):len(args)], formatTime(now), id.String())
	args = append(args, condArgs...)
	var pageID string
	err := tx.QueryRowContext(ctx, `UPDATE sections SET `+strings.Join(set, ", ")+
		` WHERE id = ? AND (`+cond+`) RETURNING page_id`, args...).Scan(&pageID)
	if err != nil {
		return uuid.Nil, mapErr(notFound(err))
	}
	return uuid.Parse(pageID)
}

// InsertSection inserts s at position pos (0 ≤ pos ≤ number of sections;
// the sections from pos on move down one place) with a new UUIDv7 and
// returns it as stored. An empty Kind means numbered.
// Errors: ErrNotFound (no such page), ErrInvalid (position out of range,
// unknown kind).
func (db *DB) InsertSection(ctx context.Context, pageID uuid.UUID, pos int, s storage.Section) (storage.Section, error) {
	err := db.write(ctx, func(tx *sql.Tx) error {
		now := db.now()
		if err := touchPage(ctx, tx, pageID, now); err != nil {
			return err
		}
		n, err := countSections(ctx, tx, pageID)
		if err != nil {
			return err
		}
		if pos < 0 || pos > n {
			return fmt.Errorf("position %d: the page has %d sections: %w", pos, n, storage.ErrInvalid)
		}
		if err := shiftSections(ctx, tx, pageID, pos, +1); err != nil {
			return err
		}
		s.PageID, s.Position = pageID, pos
		return insertSection(ctx, tx, &s, now)
	})
	if err != nil {
		return storage.Section{}, fmt.Errorf("insert section in page %s: %w", pageID, err)
	}
	return s, nil
}

// insertSection validates s, gives it a new id and inserts it at
// s.PageID/s.Position (which must be free).
func insertSection(ctx context.Context, tx *sql.Tx, s *storage.Section, now time.Time) error {
	if err := storage.NormalizeSection(s); err != nil {
		return err
	}
	var err error
	if s.ID, err = newID(); err != nil {
		return err
	}
	s.UpdatedAt, s.Version = now, 1
	_, err = tx.ExecContext(ctx, `INSERT INTO sections (`+sectionColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID.String(), s.PageID.String(), s.Position, string(s.Kind), s.Heading, s.Body, formatTime(now), s.Version)
	return mapErr(err)
}

// shiftSections moves the sections at positions ≥ from by delta (+1 or -1).
// UNIQUE(page_id, position) is checked row by row, so the rows first go to
// distinct negative positions and then to their final ones.
func shiftSections(ctx context.Context, tx *sql.Tx, pageID uuid.UUID, from, delta int) error {
	// p → -(p+1), all distinct and negative; then -(p+1) → p + delta.
	_, err := tx.ExecContext(ctx, `UPDATE sections SET position = -position - 1
		WHERE page_id = ? AND position >= ?`, pageID.String(), from)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE sections SET position = -position - 1 + ?
		WHERE page_id = ? AND position < 0`, delta, pageID.String())
	return err
}

// DeleteSection deletes a section; the sections after it move up one
// place. Errors: ErrNotFound.
func (db *DB) DeleteSection(ctx context.Context, id uuid.UUID) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		var pageID string
		var pos int
		err := tx.QueryRowContext(ctx, `DELETE FROM sections WHERE id = ? RETURNING page_id, position`,
			id.String()).Scan(&pageID, &pos)
		if err != nil {
			return notFound(err)
		}
		pid, err := uuid.Parse(pageID)
		if err != nil {
			return err
		}
		if err := shiftSections(ctx, tx, pid, pos+1, -1); err != nil {
			return err
		}
		return touchPage(ctx, tx, pid, db.now())
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
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := touchPage(ctx, tx, pageID, db.now()); err != nil {
			return err
		}
		current, err := findSections(ctx, tx, pageID)
		if err != nil {
			return err
		}
		if err := storage.CheckPermutation(current, order); err != nil {
			return err
		}
		return reorderSections(ctx, tx, pageID, order)
	})
	if err != nil {
		return fmt.Errorf("reorder sections of page %s: %w", pageID, err)
	}
	return nil
}

func reorderSections(ctx context.Context, tx *sql.Tx, pageID uuid.UUID, order []uuid.UUID) error {
	_, err := tx.ExecContext(ctx, `UPDATE sections SET position = -position - 1 WHERE page_id = ?`, pageID.String())
	if err != nil {
		return err
	}
	for pos, id := range order {
		res, err := tx.ExecContext(ctx, `UPDATE sections SET position = ? WHERE id = ? AND page_id = ?`,
			pos, id.String(), pageID.String())
		if err != nil {
			return err
		}
		if err := checkAffected(res); err != nil {
			return err
		}
	}
	return nil
}

func sectionExists(ctx context.Context, tx *sql.Tx, id uuid.UUID) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM sections WHERE id = ?`, id.String()).Scan(&one)
	return notFound(err)
}

func countSections(ctx context.Context, tx *sql.Tx, pageID uuid.UUID) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sections WHERE page_id = ?`, pageID.String()).Scan(&n)
	return n, err
}

func findSection(ctx context.Context, tx *sql.Tx, id uuid.UUID) (storage.Section, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+sectionColumns+` FROM sections WHERE id = ?`, id.String())
	if err != nil {
		return storage.Section{}, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return storage.Section{}, err
		}
		return storage.Section{}, storage.ErrNotFound
	}
	return scanSection(rows)
}

// findSections returns the page's sections in position order.
func findSections(ctx context.Context, tx *sql.Tx, pageID uuid.UUID) ([]storage.Section, error) {
	return queryAll(ctx, tx, scanSection, `SELECT `+sectionColumns+` FROM sections
		WHERE page_id = ? ORDER BY position`, pageID.String())
}

func scanSection(rows *sql.Rows) (storage.Section, error) {
	var s storage.Section
	var id, pageID, kind, updated string
	if err := rows.Scan(&id, &pageID, &s.Position, &kind, &s.Heading, &s.Body, &updated, &s.Version); err != nil {
		return storage.Section{}, err
	}
	s.Kind = storage.SectionKind(kind)
	var err error
	if s.ID, err = uuid.Parse(id); err != nil {
		return storage.Section{}, fmt.Errorf("section id %q: %w", id, err)
	}
	if s.PageID, err = uuid.Parse(pageID); err != nil {
		return storage.Section{}, fmt.Errorf("section %s: page id %q: %w", id, pageID, err)
	}
	if s.UpdatedAt, err = parseTime(updated); err != nil {
		return storage.Section{}, fmt.Errorf("section %s: %w", id, err)
	}
	return s, nil
}
