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

// lockPageOf locks the page of section id (see lockPage) and then runs
// query, which reads the section, in the same round trip (one batch). The
// query must be a statement of its own: under READ COMMITTED a statement
// that waited for a lock still reads the other tables of its join as they
// were when it started, so a "SELECT … FOR UPDATE OF pages" joined with
// sections could return a section that a transaction committed while we
// waited has already replaced (the shared suite's save race found this).
// A later statement sees everything committed before the lock was ours.
func lockPageOf(ctx context.Context, tx pgx.Tx, id uuid.UUID, query string, args ...any) pgx.Row {
	b := &pgx.Batch{}
	b.Queue(`SELECT 1 FROM pages WHERE id = (SELECT page_id FROM sections WHERE id = $1) FOR UPDATE`, pgID(id))
	b.Queue(query, args...)
	br := tx.SendBatch(ctx, b)
	// The lock's result: no row when the section does not exist, which the
	// read then reports as not found.
	if _, err := br.Exec(); err != nil {
		br.Close()
		return errRow{err}
	}
	r := br.QueryRow()
	return closingRow{r, br}
}

// closingRow closes the batch once the row is scanned.
type closingRow struct {
	pgx.Row
	br pgx.BatchResults
}

func (c closingRow) Scan(dest ...any) error {
	err := c.Row.Scan(dest...)
	if cerr := c.br.Close(); err == nil {
		err = cerr
	}
	return err
}

type errRow struct{ err error }

func (e errRow) Scan(...any) error { return e.err }

// lockSectionPage locks the page of section id and returns the page's id
// and whether the section's body equals body now.
func lockSectionPage(ctx context.Context, tx pgx.Tx, id uuid.UUID, body string) (uuid.UUID, bool, error) {
	var pageID pgtype.UUID
	var same bool
	err := lockPageOf(ctx, tx, id, `SELECT page_id, body = $2 FROM sections WHERE id = $1`, pgID(id), body).
		Scan(&pageID, &same)
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
	if err := storage.ValidateSectionBody(body); err != nil {
		return fmt.Errorf("save section %s: %w", id, err)
	}
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
// the section and its page, and returns the section as stored. With
// u.IfVersion, a section at another version is a *SectionConflict.
// Round trips: BEGIN, the locked read, the two updates in one batch,
// COMMIT. Errors: ErrNotFound, ErrInvalid (unknown kind), ErrConflict.
func (db *DB) UpdateSection(ctx context.Context, id uuid.UUID, u storage.SectionUpdate) (storage.Section, error) {
	if u.Kind != nil {
		if err := u.Kind.Validate(); err != nil {
			return storage.Section{}, fmt.Errorf("update section %s: %w", id, err)
		}
	}
	if u.Body != nil {
		if err := storage.ValidateSectionBody(*u.Body); err != nil {
			return storage.Section{}, fmt.Errorf("update section %s: %w", id, err)
		}
	}
	var s storage.Section
	err := db.write(ctx, func(tx pgx.Tx) error {
		// The page's row lock: no one can save this section until commit,
		// so the version checked is the version replaced.
		var cur storage.Section
		var sid, pid pgtype.UUID
		var kind string
		err := lockPageOf(ctx, tx, id, `SELECT `+sectionColumns+` FROM sections WHERE id = $1`, pgID(id)).
			Scan(&sid, &pid, &cur.Position, &kind, &cur.Heading, &cur.Body, &cur.UpdatedAt, &cur.Version)
		if err != nil {
			return mapErr(err)
		}
		cur.ID, cur.PageID, cur.Kind, cur.UpdatedAt = fromPG(sid), fromPG(pid), storage.SectionKind(kind), cur.UpdatedAt.UTC()
		if u.IfVersion != 0 && cur.Version != u.IfVersion {
			return &storage.SectionConflict{Mine: u.IfVersion, Theirs: cur}
		}
		s = cur
		var a args
		var set []string
		if u.Heading != nil {
			set, s.Heading = append(set, "heading = "+a.add(*u.Heading)), *u.Heading
		}
		if u.Body != nil {
			set, s.Body = append(set, "body = "+a.add(*u.Body)), *u.Body
		}
		if u.Kind != nil {
			set, s.Kind = append(set, "kind = "+a.add(string(*u.Kind))), *u.Kind
		}
		s.UpdatedAt, s.Version = db.now(), cur.Version+1
		set = append(set, "updated_at = "+a.add(s.UpdatedAt), "version = "+a.add(s.Version))
		b := &pgx.Batch{}
		b.Queue(`UPDATE sections SET `+strings.Join(set, ", ")+` WHERE id = `+a.add(pgID(id)), a...)
		b.Queue(`UPDATE pages SET updated_at = $1 WHERE id = $2`, s.UpdatedAt, pgID(cur.PageID))
		return mapErr(tx.SendBatch(ctx, b).Close())
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
		if err := storage.CheckPermutation(current, order); err != nil {
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

func countSections(ctx context.Context, tx pgx.Tx, pageID uuid.UUID) (int, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT count(*) FROM sections WHERE page_id = $1`, pgID(pageID)).Scan(&n)
	return n, err
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
