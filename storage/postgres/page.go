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

const pageColumns = `id, slug, title, lang, dir, numbering, date_style, last_updated, status, created_at, updated_at,
	(SELECT count(*) FROM sections WHERE sections.page_id = pages.id)`

// CreatePage validates p, stores its slug in NFC, fills its defaults, gives
// the page and each of p.Sections a new UUIDv7, numbers the sections in
// slice order, stamps the times and inserts everything in one transaction.
// p is updated only on success. Errors: ErrInvalid, ErrConflict (the slug
// is taken, also by one that is the same under NFKC case folding:
// storage.SlugKey).
func (db *DB) CreatePage(ctx context.Context, p *storage.Page) error {
	var np storage.Page
	err := db.write(ctx, func(tx pgx.Tx) error {
		np = *p
		np.Sections = append([]storage.Section(nil), p.Sections...)
		return createPage(ctx, tx, &np, db.now())
	})
	if err != nil {
		return fmt.Errorf("create page %q: %w", p.Slug, err)
	}
	*p = np
	return nil
}

func createPage(ctx context.Context, tx pgx.Tx, p *storage.Page, now time.Time) error {
	if err := storage.NormalizePage(p); err != nil {
		return err
	}
	var err error
	if p.ID, err = newID(); err != nil {
		return err
	}
	p.CreatedAt, p.UpdatedAt = now, now
	if err := insertPage(ctx, tx, *p); err != nil {
		return err
	}
	for i := range p.Sections {
		s := &p.Sections[i]
		s.PageID, s.Position = p.ID, i
		if err := storage.NormalizeSection(s); err != nil {
			return fmt.Errorf("section %d: %w", i, err)
		}
		if s.ID, err = newID(); err != nil {
			return err
		}
		s.UpdatedAt, s.Version = now, 1
	}
	if err := insertSections(ctx, tx, p.Sections); err != nil {
		return err
	}
	p.SectionCount = len(p.Sections)
	return nil
}

// insertPage inserts p's row as it is (ids and times included).
func insertPage(ctx context.Context, tx pgx.Tx, p storage.Page) error {
	_, err := tx.Exec(ctx, `INSERT INTO pages (id, slug, slug_key, title, lang, dir, numbering, date_style,
		last_updated, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		pgID(p.ID), p.Slug, storage.SlugKey(p.Slug), p.Title, p.Lang, string(p.Dir), string(p.Numbering), string(p.DateStyle),
		pgDate(p.LastUpdated), string(p.Status), p.CreatedAt, p.UpdatedAt)
	return mapErr(err)
}

// insertSections inserts the rows as they are, in one round trip.
func insertSections(ctx context.Context, tx pgx.Tx, secs []storage.Section) error {
	if len(secs) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, s := range secs {
		b.Queue(`INSERT INTO sections (`+sectionColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			pgID(s.ID), pgID(s.PageID), s.Position, string(s.Kind), s.Heading, s.Body, s.UpdatedAt, max(s.Version, 1))
	}
	return mapErr(tx.SendBatch(ctx, b).Close())
}

// FindPage returns the page with its sections in order, read by one
// statement (one snapshot, one round trip). Errors: ErrNotFound.
func (db *DB) FindPage(ctx context.Context, id uuid.UUID) (storage.Page, error) {
	p, err := db.loadPage(ctx, "pages.id = $1", pgID(id))
	if err != nil {
		return storage.Page{}, fmt.Errorf("find page %s: %w", id, err)
	}
	return p, nil
}

// FindPageBySlug returns the page with this slug (compared in NFC, case
// sensitive), with its sections in order. Errors: ErrNotFound.
func (db *DB) FindPageBySlug(ctx context.Context, slug string) (storage.Page, error) {
	p, err := db.loadPage(ctx, "pages.slug = $1", storage.NormalizeSlug(slug))
	if err != nil {
		return storage.Page{}, fmt.Errorf("find page %q: %w", slug, err)
	}
	return p, nil
}

// FindPages returns the pages matching f, ordered by slug (code points),
// without their sections (SectionCount is set).
func (db *DB) FindPages(ctx context.Context, f storage.PageFilter) ([]storage.Page, error) {
	var where []string
	var a args
	if f.Status != nil {
		where = append(where, "status = "+a.add(string(*f.Status)))
	}
	if f.Lang != nil {
		where = append(where, "lang = "+a.add(*f.Lang))
	}
	var pages []storage.Page
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		pages, err = findPages(ctx, tx, where, a)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find pages: %w", err)
	}
	return pages, nil
}

// UpdatePage changes the non-nil fields of u and returns the page as
// stored, with its sections. An empty update changes nothing.
// Errors: ErrNotFound, ErrInvalid, ErrConflict.
func (db *DB) UpdatePage(ctx context.Context, id uuid.UUID, u storage.PageUpdate) (storage.Page, error) {
	var p storage.Page
	err := db.write(ctx, func(tx pgx.Tx) (err error) {
		if err := updatePage(ctx, tx, id, u, db.now()); err != nil {
			return err
		}
		p, err = findPageWithSections(ctx, tx, "id = $1", pgID(id))
		return err
	})
	if err != nil {
		return storage.Page{}, fmt.Errorf("update page %s: %w", id, err)
	}
	return p, nil
}

func updatePage(ctx context.Context, tx pgx.Tx, id uuid.UUID, u storage.PageUpdate, now time.Time) error {
	var a args
	set, err := pageUpdateSet(u, &a)
	if err != nil || len(set) == 0 {
		return err
	}
	set = append(set, "updated_at = "+a.add(now))
	tag, err := tx.Exec(ctx, `UPDATE pages SET `+strings.Join(set, ", ")+` WHERE id = `+a.add(pgID(id))+` AND `+notTrashed, a...)
	if err != nil {
		return mapErr(err)
	}
	return checkAffected(tag)
}

func pageUpdateSet(u storage.PageUpdate, a *args) (set []string, err error) {
	add := func(col string, v any, verr error) {
		if err == nil && verr != nil {
			err = verr
		}
		set = append(set, col+" = "+a.add(v))
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
		add("last_updated", pgDate(*u.LastUpdated), nil)
	}
	if u.Status != nil {
		add("status", string(*u.Status), u.Status.Validate())
	}
	return set, err
}

// DeletePage deletes the page with its sections, revisions and
// publication history. Errors: ErrNotFound.
func (db *DB) DeletePage(ctx context.Context, id uuid.UUID) error {
	err := db.write(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM pages WHERE id = $1`, pgID(id))
		if err != nil {
			return err
		}
		return checkAffected(tag)
	})
	if err != nil {
		return fmt.Errorf("delete page %s: %w", id, err)
	}
	return nil
}

// lockPage takes the page's row lock for the rest of the transaction:
// every write to a page or its sections does this first, so they apply one
// after the other, in the same lock order in every client.
func lockPage(ctx context.Context, tx pgx.Tx, pageID uuid.UUID) error {
	var one int
	return mapErr(tx.QueryRow(ctx, `SELECT 1 FROM pages WHERE id = $1 FOR UPDATE`, pgID(pageID)).Scan(&one))
}

// touchPage sets the page's updated_at.
func touchPage(ctx context.Context, tx pgx.Tx, pageID uuid.UUID, now time.Time) error {
	tag, err := tx.Exec(ctx, `UPDATE pages SET updated_at = $1 WHERE id = $2 AND `+notTrashed, now, pgID(pageID))
	if err != nil {
		return err
	}
	return checkAffected(tag)
}

func findPageWithSections(ctx context.Context, tx pgx.Tx, cond string, arg any) (storage.Page, error) {
	pages, err := findPages(ctx, tx, []string{cond}, args{arg})
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

func findPages(ctx context.Context, tx pgx.Tx, where []string, a args) ([]storage.Page, error) {
	where = append(where[:len(where):len(where)], notTrashed)
	rows, err := tx.Query(ctx, `SELECT `+pageColumns+` FROM pages WHERE `+joinWhere(where)+` ORDER BY slug`, a...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanPage)
}

func scanPage(row pgx.CollectableRow) (storage.Page, error) { return scanPageInto(row) }

// scanPageInto scans pageColumns, then any further columns into extra.
func scanPageInto(row pgx.CollectableRow, extra ...any) (storage.Page, error) {
	var (
		p                                 storage.Page
		id                                pgtype.UUID
		dir, numbering, dateStyle, status string
		lastUpdated                       pgtype.Date
	)
	dest := append([]any{&id, &p.Slug, &p.Title, &p.Lang, &dir, &numbering, &dateStyle,
		&lastUpdated, &status, &p.CreatedAt, &p.UpdatedAt, &p.SectionCount}, extra...)
	err := row.Scan(dest...)
	if err != nil {
		return storage.Page{}, err
	}
	p.ID = fromPG(id)
	p.Dir, p.Numbering, p.DateStyle, p.Status = storage.Direction(dir), storage.NumberingStyle(numbering),
		storage.DateStyle(dateStyle), storage.PageStatus(status)
	p.LastUpdated = fromDate(lastUpdated)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, nil
}

// loadPage reads the one page matching cond with its sections in one
// statement: a statement sees one snapshot by itself, so it needs no
// transaction (BEGIN and COMMIT would be two more round trips), and the
// page's columns ride along on each section's row.
func (db *DB) loadPage(ctx context.Context, cond string, arg any) (storage.Page, error) {
	var p storage.Page
	err := retry(ctx, func() error {
		rows, err := db.pool.Query(ctx, `SELECT pages.id, slug, title, lang, dir, numbering, date_style,
			last_updated, status, created_at, pages.updated_at,
			s.id, s.position, s.kind, s.heading, s.body, s.updated_at, s.version
			FROM pages LEFT JOIN sections s ON s.page_id = pages.id WHERE `+cond+` AND pages.`+notTrashed+` ORDER BY s.position`, arg)
		if err != nil {
			return err
		}
		defer rows.Close()
		p = storage.Page{}
		for rows.Next() {
			var (
				id, sid                           pgtype.UUID
				dir, numbering, dateStyle, status string
				lastUpdated                       pgtype.Date
				pos                               pgtype.Int4
				kind, heading, body               pgtype.Text
				supdated                          pgtype.Timestamptz
				version                           pgtype.Int8
			)
			if err := rows.Scan(&id, &p.Slug, &p.Title, &p.Lang, &dir, &numbering, &dateStyle, &lastUpdated,
				&status, &p.CreatedAt, &p.UpdatedAt, &sid, &pos, &kind, &heading, &body, &supdated, &version); err != nil {
				return err
			}
			p.ID = fromPG(id)
			p.Dir, p.Numbering, p.DateStyle, p.Status = storage.Direction(dir), storage.NumberingStyle(numbering),
				storage.DateStyle(dateStyle), storage.PageStatus(status)
			p.LastUpdated = fromDate(lastUpdated)
			if sid.Valid {
				p.Sections = append(p.Sections, storage.Section{ID: sid.Bytes, PageID: p.ID, Position: int(pos.Int32),
					Kind: storage.SectionKind(kind.String), Heading: heading.String, Body: body.String,
					UpdatedAt: supdated.Time.UTC(), Version: version.Int64})
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if p.ID == uuid.Nil {
			return storage.ErrNotFound
		}
		p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
		p.SectionCount = len(p.Sections)
		return nil
	})
	return p, mapErr(err)
}
