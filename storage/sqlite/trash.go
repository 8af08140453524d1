package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// TrashPage moves a page to the trash: the finders no longer see it, and
// RestorePage brings it back whole. Errors: ErrNotFound (no such page, or
// in the trash already).
func (db *DB) TrashPage(ctx context.Context, id uuid.UUID) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE pages SET deleted_at = ? WHERE id = ? AND `+notTrashed,
			formatTime(db.now()), id.String())
		if err != nil {
			return err
		}
		return checkAffected(res)
	})
	if err != nil {
		return fmt.Errorf("move page %s to the trash: %w", id, err)
	}
	return nil
}

// RestorePage takes a page out of the trash. Errors: ErrNotFound (not in
// the trash).
func (db *DB) RestorePage(ctx context.Context, id uuid.UUID) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE pages SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL`, id.String())
		if err != nil {
			return err
		}
		return checkAffected(res)
	})
	if err != nil {
		return fmt.Errorf("restore page %s from the trash: %w", id, err)
	}
	return nil
}

// FindTrashedPages returns the pages in the trash, most recently trashed
// first, without sections (SectionCount and TrashedAt set). It only
// returns I/O errors.
func (db *DB) FindTrashedPages(ctx context.Context) ([]storage.Page, error) {
	var pages []storage.Page
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		pages, err = queryAll(ctx, tx, scanPage, `SELECT `+pageColumns+` FROM pages
			WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, slug`)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find trashed pages: %w", err)
	}
	return pages, nil
}

// EmptyTrash deletes the trashed pages for good, with their sections,
// revisions and publication history. It only returns I/O errors.
func (db *DB) EmptyTrash(ctx context.Context) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM pages WHERE deleted_at IS NOT NULL`)
		return err
	})
	if err != nil {
		return fmt.Errorf("empty the trash: %w", err)
	}
	return nil
}
