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

const pageColumns = `id, slug, title, lang, dir, numbering, date_style, last_updated, status, created_at, updated_at,
	(SELECT count(*) FROM sections WHERE sections.page_id = pages.id), deleted_at`

// notTrashed is the condition every finder adds: trashed pages are seen
// only by FindTrashedPages.
const notTrashed = "deleted_at IS NULL"

// CreatePage validates p, stores its slug in NFC (NormalizeSlug), fills
// its defaults (language "ar", the direction of its language, ordinal
// numbering, numeric dates, status draft), gives the page and each of
// p.Sections a new UUIDv7, numbers the sections 0, 1, … in slice order,
// stamps the times and inserts everything in one transaction. p is updated
// only on success.
//
// Errors: ErrInvalid (bad slug, language or enum value), ErrConflict (the
// slug is taken, also by one that is the same under NFKC case folding:
// storage.SlugKey).
func (db *DB) CreatePage(ctx context.Context, p *storage.Page) error {
	np := *p
	np.Sections = append([]storage.Section(nil), p.Sections...)
	err := db.write(ctx, func(tx *sql.Tx) error { return createPage(ctx, tx, &np, db.now()) })
	if err != nil {
		return fmt.Errorf("create page %q: %w", p.Slug, err)
	}
	*p = np
	return nil
}

func createPage(ctx context.Context, tx *sql.Tx, p *storage.Page, now time.Time) error {
	if err := storage.NormalizePage(p); err != nil {
		return err
	}
	var err error
	if p.ID, err = newID(); err != nil {
		return err
	}
	p.CreatedAt, p.UpdatedAt = now, now
	_, err = tx.ExecContext(ctx, `INSERT INTO pages (id, slug, slug_key, title, lang, dir, numbering, date_style,
		last_updated, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID.String(), p.Slug, storage.SlugKey(p.Slug), p.Title, p.Lang, string(p.Dir), string(p.Numbering), string(p.DateStyle),
		formatDate(p.LastUpdated), string(p.Status), formatTime(now), formatTime(now))
	if err != nil {
		return mapErr(err)
	}
	for i := range p.Sections {
		s := &p.Sections[i]
		s.PageID, s.Position = p.ID, i
		if err := insertSection(ctx, tx, s, now); err != nil {
			return fmt.Errorf("section %d: %w", i, err)
		}
	}
	p.SectionCount = len(p.Sections)
	return nil
}

// FindPage returns the page with its sections in order.
// Errors: ErrNotFound.
func (db *DB) FindPage(ctx context.Context, id uuid.UUID) (storage.Page, error) {
	var p storage.Page
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		p, err = findPageWithSections(ctx, tx, "id = ?", id.String())
		return err
	})
	if err != nil {
		return storage.Page{}, fmt.Errorf("find page %s: %w", id, err)
	}
	return p, nil
}

// FindPageBySlug returns the page with this slug (compared in NFC, case
// sensitive), with its sections in order. Errors: ErrNotFound.
func (db *DB) FindPageBySlug(ctx context.Context, slug string) (storage.Page, error) {
	var p storage.Page
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		p, err = findPageWithSections(ctx, tx, "slug = ?", storage.NormalizeSlug(slug))
		return err
	})
	if err != nil {
		return storage.Page{}, fmt.Errorf("find page %q: %w", slug, err)
	}
	return p, nil
}

// FindPages returns the pages matching f, ordered by slug, without their
// sections (SectionCount is set). It only returns I/O errors.
func (db *DB) FindPages(ctx context.Context, f storage.PageFilter) ([]storage.Page, error) {
	var where []string
	var args []any
	if f.Status != nil {
		where, args = append(where, "status = ?"), append(args, string(*f.Status))
	}
	if f.Lang != nil {
		where, args = append(where, "lang = ?"), append(args, *f.Lang)
	}
	var pages []storage.Page
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		pages, err = findPages(ctx, tx, where, args)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find pages: %w", err)
	}
	return pages, nil
}

// UpdatePage changes the non-nil fields of u and returns the page as
// stored, with its sections. An empty update changes nothing.
// Errors: ErrNotFound, ErrInvalid, ErrConflict (new slug taken, also in
// another ASCII letter case). The slug is stored in NFC.
func (db *DB) UpdatePage(ctx context.Context, id uuid.UUID, u storage.PageUpdate) (storage.Page, error) {
	var p storage.Page
	err := db.write(ctx, func(tx *sql.Tx) (err error) {
		if err := updatePage(ctx, tx, id, u, db.now()); err != nil {
			return err
		}
		p, err = findPageWithSections(ctx, tx, "id = ?", id.String())
		return err
	})
	if err != nil {
		return storage.Page{}, fmt.Errorf("update page %s: %w", id, err)
	}
	return p, nil
}

func updatePage(ctx context.Context, tx *sql.Tx, id uuid.UUID, u storage.PageUpdate, now time.Time) error {
	_, err := updatePageRow(ctx, tx, id, u, now)
	return err
}

// updatePageRow is updatePage saying whether it changed the page's row
// (false for an empty update, which does not look for the page).
func updatePageRow(ctx context.Context, tx *sql.Tx, id uuid.UUID, u storage.PageUpdate, now time.Time) (bool, error) {
	set, args, err := pageUpdateSet(u)
	if err != nil || len(set) == 0 {
		return false, err
	}
	set, args = append(set, "updated_at = ?"), append(args, formatTime(now))
	args = append(args, id.String())
	res, err := tx.ExecContext(ctx, `UPDATE pages SET `+strings.Join(set, ", ")+` WHERE id = ? AND `+notTrashed, args...)
	if err != nil {
		return false, mapErr(err)
	}
	if err := checkAffected(res); err != nil {
		return false, err
	}
	return true, nil
}

// pageUpdateSet validates u and returns its SET clauses and arguments.
func pageUpdateSet(u storage.PageUpdate) (set []string, args []any, err error) {
	add := func(col string, v any, verr error) {
		if err == nil && verr != nil {
			err = verr
		}
		set, args = append(set, col+" = ?"), append(args, v)
	}
	if u.Slug != nil {
		slug := storage.NormalizeSlug(*u.Slug)
		add("slug", slug, storage.ValidateSlug(slug))
		add("slug_key", storage.SlugKey(slug), nil)
	}
	if u.Title != nil {
		add("title", *u.Title, nil)
	}
	if u.Lang != nil {
		add("lang", *u.Lang, storage.ValidateLang(*u.Lang))
	}
	if u.Dir != nil {
		add("dir", string(*u.Dir), u.Dir.Validate())
	}
	if u.Numbering != nil {
		add("numbering", string(*u.Numbering), u.Numbering.Validate())
	}
	if u.DateStyle != nil {
		add("date_style", string(*u.DateStyle), u.DateStyle.Validate())
	}
	if u.LastUpdated != nil {
		add("last_updated", formatDate(storage.CivilDate(*u.LastUpdated)), nil)
	}
	if u.Status != nil {
		add("status", string(*u.Status), u.Status.Validate())
	}
	return set, args, err
}

// DeletePage deletes the page with its sections, revisions and
// publication history. Errors: ErrNotFound.
func (db *DB) DeletePage(ctx context.Context, id uuid.UUID) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM pages WHERE id = ?`, id.String())
		if err != nil {
			return err
		}
		return checkAffected(res)
	})
	if err != nil {
		return fmt.Errorf("delete page %s: %w", id, err)
	}
	return nil
}

// touchPage sets the page's updated_at; ErrNotFound if there is no such page.
func touchPage(ctx context.Context, tx *sql.Tx, pageID uuid.UUID, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE pages SET updated_at = ? WHERE id = ? AND `+notTrashed, formatTime(now), pageID.String())
	if err != nil {
		return err
	}
	return checkAffected(res)
}

// findPageWithSections returns the one page matching cond, with sections.
func findPageWithSections(ctx context.Context, tx *sql.Tx, cond string, arg any) (storage.Page, error) {
	pages, err := findPages(ctx, tx, []string{cond}, []any{arg})
	if err != nil {
		return storage.Page{}, err
	}
	if len(pages) == 0 {
		return storage.Page{}, storage.ErrNotFound
	}
	p := pages[0]
	if p.Sections, err = findSections(ctx, tx, p.ID); err != nil {
		return storage.Page{}, err
	}
	p.SectionCount = len(p.Sections)
	return p, nil
}

// findPages returns the pages (not in the trash) matching all where
// clauses, ordered by slug.
func findPages(ctx context.Context, tx *sql.Tx, where []string, args []any) ([]storage.Page, error) {
	where = append(where[:len(where):len(where)], notTrashed)
	return queryAll(ctx, tx, scanPage, `SELECT `+pageColumns+` FROM pages WHERE `+joinWhere(where)+
		` ORDER BY slug`, args...)
}

func scanPage(rows *sql.Rows) (storage.Page, error) {
	var (
		p                         storage.Page
		id, created, updated      string
		dir, numbering, dateStyle string
		status                    string
		lastUpdated, trashed      sql.NullString
	)
	err := rows.Scan(&id, &p.Slug, &p.Title, &p.Lang, &dir, &numbering, &dateStyle,
		&lastUpdated, &status, &created, &updated, &p.SectionCount, &trashed)
	if err != nil {
		return storage.Page{}, err
	}
	p.Dir, p.Numbering, p.DateStyle, p.Status = storage.Direction(dir), storage.NumberingStyle(numbering), storage.DateStyle(dateStyle), storage.PageStatus(status)
	var errs [5]error
	p.ID, errs[0] = uuid.Parse(id)
	p.LastUpdated, errs[1] = parseDate(lastUpdated)
	p.CreatedAt, errs[2] = parseTime(created)
	p.UpdatedAt, errs[3] = parseTime(updated)
	if trashed.Valid {
		p.TrashedAt, errs[4] = parseTime(trashed.String)
	}
	if err := errors.Join(errs[:]...); err != nil {
		return storage.Page{}, fmt.Errorf("page %s: %w", id, err)
	}
	return p, nil
}
