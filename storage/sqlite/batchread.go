package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// maxBatchIDs bounds the ids of one IN (…) list, well under SQLite's limit
// on bound parameters.
const maxBatchIDs = 500

// FindPagesByID returns the pages with these ids, each with its sections
// in order, as FindPage returns them, all read in one read transaction
// (one snapshot, a few queries instead of two per page). pages[i] is the
// page of ids[i]; it is the zero Page (ID uuid.Nil) when there is no such
// page. The error is for I/O failures only.
func (db *DB) FindPagesByID(ctx context.Context, ids []uuid.UUID) ([]storage.Page, error) {
	pages := make([]storage.Page, len(ids))
	err := db.read(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(ids); start += maxBatchIDs {
			chunk := ids[start:min(start+maxBatchIDs, len(ids))]
			if err := findPagesByID(ctx, tx, chunk, pages[start:]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find %d pages: %w", len(ids), err)
	}
	return pages, nil
}

// findPagesByID fills out[i] with the page of ids[i] and its sections.
func findPagesByID(ctx context.Context, tx *sql.Tx, ids []uuid.UUID, out []storage.Page) error {
	if len(ids) == 0 {
		return nil
	}
	in, args := idList(ids)
	found, err := findPages(ctx, tx, []string{"id IN (" + in + ")"}, args)
	if err != nil {
		return err
	}
	secs, err := queryAll(ctx, tx, scanSection, `SELECT `+sectionColumns+` FROM sections
		WHERE page_id IN (`+in+`) ORDER BY page_id, position`, args...)
	if err != nil {
		return err
	}
	storage.AttachSections(found, secs)
	storage.PagesInOrder(ids, found, out)
	return nil
}

// LatestPublications returns the newest publication (with its body) of
// each page to the target, read in one read transaction: pubs[i] is that of
// pageIDs[i], the zero Publication (ID 0) when the page was never
// published there. The error is for I/O failures only.
func (db *DB) LatestPublications(ctx context.Context, target string, pageIDs []uuid.UUID) ([]storage.Publication, error) {
	pubs := make([]storage.Publication, len(pageIDs))
	err := db.read(ctx, func(tx *sql.Tx) error {
		for i, id := range pageIDs {
			// Within one page and target, numbers grow with ids, so
			// "ORDER BY number DESC" is newest first too, and reads the
			// (page_id, target_name, number) index backwards to its first
			// row instead of walking the target's whole history.
			got, err := queryAll(ctx, tx, scanPublication, `SELECT id, number, page_id, slug, target_name,
				revision_id, hash, author, note, at, body FROM publications
				WHERE page_id = ? AND target_name = ? ORDER BY number DESC LIMIT 1`, id.String(), target)
			if err != nil {
				return err
			}
			if len(got) > 0 {
				pubs[i] = got[0]
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("latest publications to %q: %w", target, err)
	}
	return pubs, nil
}

// idList returns "?, ?, …" and the ids as arguments.
func idList(ids []uuid.UUID) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id.String()
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", "), args
}
