package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/qalam/policyeditor/storage"
)

// SettingDistinctApprover is the setting that refuses an approval by the
// person who last edited the page ("true" or "false").
const SettingDistinctApprover = "distinct-approver"

// Setting returns the value of a setting, "" when it is not set.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.pool.QueryRow(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %q: %w", key, err)
	}
	return v, nil
}

// SetSetting stores a setting; an empty value removes it.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	err := db.write(ctx, func(tx pgx.Tx) error {
		if value == "" {
			_, err := tx.Exec(ctx, `DELETE FROM settings WHERE key = $1`, key)
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
	if err != nil {
		return fmt.Errorf("store setting %q: %w", key, err)
	}
	return nil
}

// NoteEditor records person as the last editor of the page.
// Errors: ErrNotFound.
func (db *DB) NoteEditor(ctx context.Context, pageID uuid.UUID, person string) error {
	err := db.write(ctx, func(tx pgx.Tx) error { return noteEditor(ctx, tx, pageID, person) })
	if err != nil {
		return fmt.Errorf("note the editor of page %s: %w", pageID, err)
	}
	return nil
}

func noteEditor(ctx context.Context, tx pgx.Tx, pageID uuid.UUID, person string) error {
	tag, err := tx.Exec(ctx, `UPDATE pages SET edited_by = $1 WHERE id = $2`, person, pgID(pageID))
	if err != nil {
		return err
	}
	return checkAffected(tag)
}

// LastEditor returns who last edited the page ("" when nobody was noted).
// Errors: ErrNotFound.
func (db *DB) LastEditor(ctx context.Context, pageID uuid.UUID) (string, error) {
	var who string
	err := db.pool.QueryRow(ctx, `SELECT edited_by FROM pages WHERE id = $1`, pgID(pageID)).Scan(&who)
	if err != nil {
		return "", fmt.Errorf("find the editor of page %s: %w", pageID, mapErr(err))
	}
	return who, nil
}

// Review takes one step of the review flow for the page, in one
// transaction under the page's row lock, so that what is checked (the
// status, the last editor, the content whose hash the step records) is
// what is changed, whoever else is saving or reviewing at that moment: an
// edit committed while an approval waited for the lock is seen by the
// approval (which then approves the edited text, or is refused by the
// status the edit left), never approved unseen. Errors: ErrNotFound,
// ErrWorkflow, ErrInvalid.
func (db *DB) Review(ctx context.Context, pageID uuid.UUID, action storage.ReviewAction, person, note string) (storage.Review, error) {
	var r storage.Review
	err := db.write(ctx, func(tx pgx.Tx) error {
		r = storage.Review{}
		if err := lockPage(ctx, tx, pageID); err != nil {
			return err
		}
		p, err := findPageWithSections(ctx, tx, "id = $1", pgID(pageID))
		if err != nil {
			return err
		}
		next, err := storage.NextStatus(p.Status, action)
		if err != nil {
			return err
		}
		now := db.now()
		if action == storage.ActionApprove {
			if err := checkApprover(ctx, tx, pageID, person); err != nil {
				return err
			}
			rev, _, err := keepRevision(ctx, tx, pageID, person, "approved by "+person, now)
			if err != nil {
				return err
			}
			r.RevisionNumber = rev.Number
		}
		r.PageID, r.Action, r.Person, r.Note, r.Hash, r.At = pageID, action, person, note, storage.ApprovalHash(p), now
		err = tx.QueryRow(ctx, `INSERT INTO reviews (page_id, action, person, note, hash, revision_number, at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, pgID(pageID), string(action), person, note, r.Hash,
			r.RevisionNumber, r.At).Scan(&r.ID)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE pages SET status = $1 WHERE id = $2`, string(next), pgID(pageID))
		return err
	})
	if err != nil {
		return storage.Review{}, fmt.Errorf("%s page %s: %w", action, pageID, err)
	}
	return r, nil
}

func checkApprover(ctx context.Context, tx pgx.Tx, pageID uuid.UUID, person string) error {
	var on, editor string
	err := tx.QueryRow(ctx, `SELECT coalesce((SELECT value FROM settings WHERE key = $1), ''), edited_by
		FROM pages WHERE id = $2`, SettingDistinctApprover, pgID(pageID)).Scan(&on, &editor)
	if err != nil {
		return mapErr(err)
	}
	if on == "true" && editor != "" && strings.EqualFold(editor, person) {
		return fmt.Errorf("%s edited the page last and another person must approve it: %w", person, storage.ErrWorkflow)
	}
	return nil
}

const reviewColumns = `id, page_id, action, person, note, hash, revision_number, at`

// FindReviews returns the review steps of the page, newest first.
func (db *DB) FindReviews(ctx context.Context, pageID uuid.UUID) ([]storage.Review, error) {
	out, err := db.queryReviews(ctx, `page_id = $1 ORDER BY id DESC`, pgID(pageID))
	if err != nil {
		return nil, fmt.Errorf("find the reviews of page %s: %w", pageID, err)
	}
	return out, nil
}

// Approval returns the newest approval of the page; ok is false when it
// was never approved.
func (db *DB) Approval(ctx context.Context, pageID uuid.UUID) (r storage.Review, ok bool, err error) {
	out, err := db.queryReviews(ctx, `page_id = $1 AND action = 'approve' ORDER BY id DESC LIMIT 1`, pgID(pageID))
	if err != nil || len(out) == 0 {
		return storage.Review{}, false, err
	}
	return out[0], true, nil
}

func (db *DB) queryReviews(ctx context.Context, where string, a ...any) ([]storage.Review, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+reviewColumns+` FROM reviews WHERE `+where, a...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanReview)
}

func scanReview(row pgx.CollectableRow) (storage.Review, error) {
	var r storage.Review
	var pageID pgtype.UUID
	var action string
	if err := row.Scan(&r.ID, &pageID, &action, &r.Person, &r.Note, &r.Hash, &r.RevisionNumber, &r.At); err != nil {
		return r, err
	}
	r.PageID, r.Action, r.At = fromPG(pageID), storage.ReviewAction(action), r.At.UTC()
	return r, nil
}

// CreateComment stores c on its page and section (c.SectionID must be a
// section of c.PageID) and sets its ID and time.
// Errors: ErrNotFound (no such page or section), ErrInvalid (empty text).
func (db *DB) CreateComment(ctx context.Context, c *storage.Comment) error {
	if strings.TrimSpace(c.Text) == "" {
		return fmt.Errorf("comment: empty text: %w", storage.ErrInvalid)
	}
	var nc storage.Comment
	err := db.write(ctx, func(tx pgx.Tx) error {
		nc = *c
		var pos int
		err := tx.QueryRow(ctx, `SELECT position FROM sections WHERE id = $1 AND page_id = $2`,
			pgID(nc.SectionID), pgID(nc.PageID)).Scan(&pos)
		if err != nil {
			return mapErr(err)
		}
		nc.SectionPosition, nc.At = pos, db.now()
		return tx.QueryRow(ctx, `INSERT INTO comments (page_id, section_id, author, text, at) VALUES ($1, $2, $3, $4, $5)
			RETURNING id`, pgID(nc.PageID), pgID(nc.SectionID), nc.Author, nc.Text, nc.At).Scan(&nc.ID)
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
	where := "c.page_id = $1"
	if !all {
		where += " AND c.resolved_at IS NULL"
	}
	rows, err := db.pool.Query(ctx, `SELECT c.id, c.page_id, c.section_id, coalesce(s.position, -1),
		c.author, c.text, c.at, c.resolved_by, c.resolved_at
		FROM comments c LEFT JOIN sections s ON s.id = c.section_id WHERE `+where+` ORDER BY c.id`, pgID(pageID))
	var out []storage.Comment
	if err == nil {
		out, err = collect(rows, scanComment)
	}
	if err != nil {
		return nil, fmt.Errorf("find the comments of page %s: %w", pageID, err)
	}
	return out, nil
}

func scanComment(row pgx.CollectableRow) (storage.Comment, error) {
	var c storage.Comment
	var pageID, sectionID pgtype.UUID
	var resolvedAt pgtype.Timestamptz
	if err := row.Scan(&c.ID, &pageID, &sectionID, &c.SectionPosition, &c.Author, &c.Text, &c.At, &c.ResolvedBy, &resolvedAt); err != nil {
		return c, err
	}
	c.PageID, c.SectionID, c.At = fromPG(pageID), fromPG(sectionID), c.At.UTC()
	if resolvedAt.Valid {
		c.Resolved, c.ResolvedAt = true, resolvedAt.Time.UTC()
	}
	return c, nil
}

// ResolveComment marks comment id of the page resolved by person.
// Resolving a resolved comment changes nothing. Errors: ErrNotFound.
func (db *DB) ResolveComment(ctx context.Context, pageID uuid.UUID, id int64, person string) error {
	err := db.write(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE comments SET resolved_by = $1, resolved_at = $2
			WHERE id = $3 AND page_id = $4 AND resolved_at IS NULL`, person, db.now(), id, pgID(pageID))
		if err != nil || tag.RowsAffected() > 0 {
			return err
		}
		var one int
		return mapErr(tx.QueryRow(ctx, `SELECT 1 FROM comments WHERE id = $1 AND page_id = $2`, id, pgID(pageID)).Scan(&one))
	})
	if err != nil {
		return fmt.Errorf("resolve comment %d: %w", id, err)
	}
	return nil
}
