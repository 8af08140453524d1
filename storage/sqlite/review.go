package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// SettingDistinctApprover is the setting that refuses an approval by the
// person who last edited the page ("true" or "false").
const SettingDistinctApprover = "distinct-approver"

// Setting returns the value of a setting, "" when it is not set.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.reader.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %q: %w", key, err)
	}
	return v, nil
}

// SetSetting stores a setting; an empty value removes it.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		if value == "" {
			_, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, key)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
	if err != nil {
		return fmt.Errorf("store setting %q: %w", key, err)
	}
	return nil
}

// NoteEditor records person as the last editor of the page (the window
// calls it when it saves an edit; ImportPage and ReplaceContent do it
// themselves). Errors: ErrNotFound.
func (db *DB) NoteEditor(ctx context.Context, pageID uuid.UUID, person string) error {
	err := db.write(ctx, func(tx *sql.Tx) error { return noteEditor(ctx, tx, pageID, person) })
	if err != nil {
		return fmt.Errorf("note the editor of page %s: %w", pageID, err)
	}
	return nil
}

func noteEditor(ctx context.Context, tx *sql.Tx, pageID uuid.UUID, person string) error {
	res, err := tx.ExecContext(ctx, `UPDATE pages SET edited_by = ? WHERE id = ?`, person, pageID.String())
	if err != nil {
		return err
	}
	return checkAffected(res)
}

// LastEditor returns who last edited the page ("" when nobody was noted).
// Errors: ErrNotFound.
func (db *DB) LastEditor(ctx context.Context, pageID uuid.UUID) (string, error) {
	var who string
	err := db.reader.QueryRowContext(ctx, `SELECT edited_by FROM pages WHERE id = ?`, pageID.String()).Scan(&who)
	if err != nil {
		return "", fmt.Errorf("find the editor of page %s: %w", pageID, notFound(err))
	}
	return who, nil
}

// Review takes one step of the review flow for the page, in one
// transaction: it checks the step against the page's status
// (storage.NextStatus), records it with the page's approval hash, moves the
// status and, on approval, keeps the approved page as a revision (unless
// the newest revision holds it already). With the distinct-approver setting
// on, an approval by the page's last editor is refused.
// Errors: ErrNotFound, ErrWorkflow, ErrInvalid.
func (db *DB) Review(ctx context.Context, pageID uuid.UUID, action storage.ReviewAction, person, note string) (storage.Review, error) {
	var r storage.Review
	err := db.write(ctx, func(tx *sql.Tx) error {
		p, err := findPageWithSections(ctx, tx, "id = ?", pageID.String())
		if err != nil {
			return err
		}
		next, err := storage.NextStatus(p.Status, action)
		if err != nil {
			return err
		}
		if action == storage.ActionApprove {
			if err := checkApprover(ctx, tx, pageID, person); err != nil {
				return err
			}
			rev, _, err := keepRevision(ctx, tx, pageID, person, "approved by "+person, db)
			if err != nil {
				return err
			}
			r.RevisionNumber = rev.Number
		}
		r.PageID, r.Action, r.Person, r.Note, r.Hash, r.At = pageID, action, person, note, storage.ApprovalHash(p), db.now()
		res, err := tx.ExecContext(ctx, `INSERT INTO reviews (page_id, action, person, note, hash, revision_number, at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, pageID.String(), string(action), person, note, r.Hash, r.RevisionNumber, formatTime(r.At))
		if err != nil {
			return err
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE pages SET status = ? WHERE id = ?`, string(next), pageID.String())
		return err
	})
	if err != nil {
		return storage.Review{}, fmt.Errorf("%s page %s: %w", action, pageID, err)
	}
	return r, nil
}

func checkApprover(ctx context.Context, tx *sql.Tx, pageID uuid.UUID, person string) error {
	var on, editor string
	err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT value FROM settings WHERE key = ?), ''), edited_by
		FROM pages WHERE id = ?`, SettingDistinctApprover, pageID.String()).Scan(&on, &editor)
	if err != nil {
		return notFound(err)
	}
	if on == "true" && editor != "" && strings.EqualFold(editor, person) {
		return fmt.Errorf("%s edited the page last and another person must approve it: %w", person, storage.ErrWorkflow)
	}
	return nil
}

const reviewColumns = `id, page_id, action, person, note, hash, revision_number, at`

// FindReviews returns the review steps of the page, newest first.
func (db *DB) FindReviews(ctx context.Context, pageID uuid.UUID) ([]storage.Review, error) {
	var out []storage.Review
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryAll(ctx, tx, scanReview, `SELECT `+reviewColumns+` FROM reviews WHERE page_id = ? ORDER BY id DESC`, pageID.String())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find the reviews of page %s: %w", pageID, err)
	}
	return out, nil
}

// Approval returns the newest approval of the page; ok is false when it
// was never approved.
func (db *DB) Approval(ctx context.Context, pageID uuid.UUID) (r storage.Review, ok bool, err error) {
	var out []storage.Review
	err = db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryAll(ctx, tx, scanReview, `SELECT `+reviewColumns+` FROM reviews
			WHERE page_id = ? AND action = 'approve' ORDER BY id DESC LIMIT 1`, pageID.String())
		return err
	})
	if err != nil || len(out) == 0 {
		return storage.Review{}, false, err
	}
	return out[0], true, nil
}

func scanReview(rows *sql.Rows) (storage.Review, error) {
	var r storage.Review
	var pageID, action, at string
	if err := rows.Scan(&r.ID, &pageID, &action, &r.Person, &r.Note, &r.Hash, &r.RevisionNumber, &at); err != nil {
		return r, err
	}
	r.Action = storage.ReviewAction(action)
	var err error
	if r.PageID, err = uuid.Parse(pageID); err != nil {
		return r, err
	}
	r.At, err = parseTime(at)
	return r, err
}

// CreateComment stores c on its page and section (c.SectionID must be a
// section of c.PageID) and sets its ID and time.
// Errors: ErrNotFound (no such page or section), ErrInvalid (empty text).
func (db *DB) CreateComment(ctx context.Context, c *storage.Comment) error {
	if strings.TrimSpace(c.Text) == "" {
		return fmt.Errorf("comment: empty text: %w", storage.ErrInvalid)
	}
	nc := *c
	err := db.write(ctx, func(tx *sql.Tx) error {
		var pos int
		err := tx.QueryRowContext(ctx, `SELECT position FROM sections WHERE id = ? AND page_id = ?`,
			nc.SectionID.String(), nc.PageID.String()).Scan(&pos)
		if err != nil {
			return notFound(err)
		}
		nc.SectionPosition, nc.At = pos, db.now()
		res, err := tx.ExecContext(ctx, `INSERT INTO comments (page_id, section_id, author, text, at) VALUES (?, ?, ?, ?, ?)`,
			nc.PageID.String(), nc.SectionID.String(), nc.Author, nc.Text, formatTime(nc.At))
		if err != nil {
			return err
		}
		nc.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return fmt.Errorf("comment on page %s: %w", c.PageID, err)
	}
	*c = nc
	return nil
}

// FindComments returns the page's comments, oldest first: the open ones,
// or all with all set.
func (db *DB) FindComments(ctx context.Context, pageID uuid.UUID, all bool) ([]storage.Comment, error) {
	where := "c.page_id = ?"
	if !all {
		where += " AND c.resolved_at IS NULL"
	}
	var out []storage.Comment
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryAll(ctx, tx, scanComment, `SELECT c.id, c.page_id, c.section_id, coalesce(s.position, -1),
			c.author, c.text, c.at, c.resolved_by, c.resolved_at
			FROM comments c LEFT JOIN sections s ON s.id = c.section_id WHERE `+where+` ORDER BY c.id`, pageID.String())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find the comments of page %s: %w", pageID, err)
	}
	return out, nil
}

func scanComment(rows *sql.Rows) (storage.Comment, error) {
	var c storage.Comment
	var pageID, at string
	var sectionID, resolvedAt sql.NullString
	if err := rows.Scan(&c.ID, &pageID, &sectionID, &c.SectionPosition, &c.Author, &c.Text, &at, &c.ResolvedBy, &resolvedAt); err != nil {
		return c, err
	}
	var err error
	if c.PageID, err = uuid.Parse(pageID); err != nil {
		return c, err
	}
	if c.SectionID, err = parseNullID(sectionID); err != nil {
		return c, err
	}
	if c.At, err = parseTime(at); err != nil {
		return c, err
	}
	if resolvedAt.Valid {
		c.Resolved = true
		c.ResolvedAt, err = parseTime(resolvedAt.String)
	}
	return c, err
}

// ResolveComment marks comment id of the page resolved by person.
// Resolving a resolved comment changes nothing. Errors: ErrNotFound.
func (db *DB) ResolveComment(ctx context.Context, pageID uuid.UUID, id int64, person string) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE comments SET resolved_by = ?, resolved_at = ?
			WHERE id = ? AND page_id = ? AND resolved_at IS NULL`, person, formatTime(db.now()), id, pageID.String())
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			return err
		}
		var one int
		return notFound(tx.QueryRowContext(ctx, `SELECT 1 FROM comments WHERE id = ? AND page_id = ?`, id, pageID.String()).Scan(&one))
	})
	if err != nil {
		return fmt.Errorf("resolve comment %d: %w", id, err)
	}
	return nil
}
