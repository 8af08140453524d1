package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// snapshot is the stored content of a revision: the whole page as it was.
type snapshot struct {
	ID          uuid.UUID              `json:"id"`
	Slug        string                 `json:"slug"`
	Title       string                 `json:"title"`
	Lang        string                 `json:"lang"`
	Dir         storage.Direction      `json:"dir"`
	Numbering   storage.NumberingStyle `json:"numbering"`
	DateStyle   storage.DateStyle      `json:"date_style"`
	LastUpdated string                 `json:"last_updated,omitempty"`
	Status      storage.PageStatus     `json:"status"`
	CreatedAt   time.Time              `json:"created_at"`
	UpdatedAt   time.Time              `json:"updated_at"`
	Sections    []snapshotSection      `json:"sections"`
}

type snapshotSection struct {
	ID        uuid.UUID           `json:"id"`
	Position  int                 `json:"position"`
	Kind      storage.SectionKind `json:"kind"`
	Heading   string              `json:"heading"`
	Body      string              `json:"body"`
	UpdatedAt time.Time           `json:"updated_at"`
	Version   int64               `json:"version,omitempty"` // 0 in revisions made before migration 8
}

func newSnapshot(p storage.Page) snapshot {
	s := snapshot{
		ID: p.ID, Slug: p.Slug, Title: p.Title, Lang: p.Lang, Dir: p.Dir, Numbering: p.Numbering,
		DateStyle: p.DateStyle, Status: p.Status, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
		Sections: make([]snapshotSection, len(p.Sections)),
	}
	if !p.LastUpdated.IsZero() {
		s.LastUpdated = p.LastUpdated.Format(storage.DateLayout)
	}
	for i, sec := range p.Sections {
		s.Sections[i] = snapshotSection{ID: sec.ID, Position: sec.Position, Kind: sec.Kind,
			Heading: sec.Heading, Body: sec.Body, UpdatedAt: sec.UpdatedAt, Version: sec.Version}
	}
	return s
}

func (s snapshot) page() (storage.Page, error) {
	p := storage.Page{
		ID: s.ID, Slug: s.Slug, Title: s.Title, Lang: s.Lang, Dir: s.Dir, Numbering: s.Numbering,
		DateStyle: s.DateStyle, Status: s.Status, CreatedAt: s.CreatedAt.UTC(), UpdatedAt: s.UpdatedAt.UTC(),
		Sections: make([]storage.Section, len(s.Sections)), SectionCount: len(s.Sections),
	}
	var err error
	if p.LastUpdated, err = parseDate(sql.NullString{String: s.LastUpdated, Valid: true}); err != nil {
		return storage.Page{}, err
	}
	for i, sec := range s.Sections {
		p.Sections[i] = storage.Section{ID: sec.ID, PageID: s.ID, Position: sec.Position, Kind: sec.Kind,
			Heading: sec.Heading, Body: sec.Body, UpdatedAt: sec.UpdatedAt.UTC(), Version: sec.Version}
	}
	return p, nil
}

// CreateRevision stores an immutable snapshot of the page and its sections
// as they are now, numbered one more than the page's last revision, with
// Hash = ContentHash of the page. Errors: ErrNotFound (no such page).
func (db *DB) CreateRevision(ctx context.Context, pageID uuid.UUID, author, note string) (storage.Revision, error) {
	var r storage.Revision
	err := db.write(ctx, func(tx *sql.Tx) (err error) {
		r, err = createRevision(ctx, tx, pageID, author, note, db.now())
		return err
	})
	if err != nil {
		return storage.Revision{}, fmt.Errorf("create revision of page %s: %w", pageID, err)
	}
	return r, nil
}

func createRevision(ctx context.Context, tx *sql.Tx, pageID uuid.UUID, author, note string, now time.Time) (storage.Revision, error) {
	p, err := findPageWithSections(ctx, tx, "id = ?", pageID.String())
	if err != nil {
		return storage.Revision{}, err
	}
	return insertRevision(ctx, tx, p, author, note, now)
}

// insertRevision stores page p (as given, not as stored) as the page's
// next revision.
func insertRevision(ctx context.Context, tx *sql.Tx, p storage.Page, author, note string, now time.Time) (storage.Revision, error) {
	pageID := p.ID
	var err error
	r := storage.Revision{PageID: pageID, Author: author, Note: note, CreatedAt: now, Hash: storage.ContentHash(p), Page: p}
	if r.ID, err = newID(); err != nil {
		return storage.Revision{}, err
	}
	err = tx.QueryRowContext(ctx, `SELECT coalesce(max(number), 0) + 1 FROM revisions WHERE page_id = ?`,
		pageID.String()).Scan(&r.Number)
	if err != nil {
		return storage.Revision{}, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO revisions (id, page_id, number, author, note, created_at, hash, content)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.ID.String(), pageID.String(), r.Number, author, note,
		formatTime(now), r.Hash, string(storage.CanonicalJSON(newSnapshot(p))))
	if err != nil {
		return storage.Revision{}, mapErr(err)
	}
	return r, nil
}

const revisionColumns = `id, page_id, number, author, note, created_at, hash, content`

// FindRevisions returns the page's revisions, newest first, each with its
// snapshot. Errors: ErrNotFound (no such page).
func (db *DB) FindRevisions(ctx context.Context, pageID uuid.UUID) ([]storage.Revision, error) {
	var revs []storage.Revision
	err := db.read(ctx, func(tx *sql.Tx) error {
		if err := pageExists(ctx, tx, pageID); err != nil {
			return err
		}
		var err error
		revs, err = findRevisions(ctx, tx, []string{"page_id = ?"}, []any{pageID.String()})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find revisions of page %s: %w", pageID, err)
	}
	return revs, nil
}

// FindRevision returns revision number of the page. Errors: ErrNotFound.
func (db *DB) FindRevision(ctx context.Context, pageID uuid.UUID, number int) (storage.Revision, error) {
	var revs []storage.Revision
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		revs, err = findRevisions(ctx, tx, []string{"page_id = ?", "number = ?"}, []any{pageID.String(), number})
		return err
	})
	if err == nil && len(revs) == 0 {
		err = storage.ErrNotFound
	}
	if err != nil {
		return storage.Revision{}, fmt.Errorf("find revision %d of page %s: %w", number, pageID, err)
	}
	return revs[0], nil
}

func pageExists(ctx context.Context, tx *sql.Tx, pageID uuid.UUID) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM pages WHERE id = ?`, pageID.String()).Scan(&one)
	return notFound(err)
}

// findRevisions returns the revisions matching where, newest first.
func findRevisions(ctx context.Context, tx *sql.Tx, where []string, args []any) ([]storage.Revision, error) {
	return queryAll(ctx, tx, scanRevision, `SELECT `+revisionColumns+` FROM revisions WHERE `+
		joinWhere(where)+` ORDER BY number DESC`, args...)
}

func scanRevision(rows *sql.Rows) (storage.Revision, error) {
	var r storage.Revision
	var id, pageID, created string
	var content []byte
	if err := rows.Scan(&id, &pageID, &r.Number, &r.Author, &r.Note, &created, &r.Hash, &content); err != nil {
		return storage.Revision{}, err
	}
	var snap snapshot
	err := json.Unmarshal(content, &snap)
	if err == nil {
		r.Page, err = snap.page()
	}
	if err == nil {
		r.ID, err = uuid.Parse(id)
	}
	if err == nil {
		r.PageID, err = uuid.Parse(pageID)
	}
	if err == nil {
		r.CreatedAt, err = parseTime(created)
	}
	if err != nil {
		return storage.Revision{}, fmt.Errorf("revision %s: %w", id, err)
	}
	return r, nil
}
