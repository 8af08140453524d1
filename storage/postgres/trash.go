package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/qalam/policyeditor/storage"
)

// notTrashed is the condition every finder adds: trashed pages are seen
// only by FindTrashedPages.
const notTrashed = "deleted_at IS NULL"

// TrashPage moves a page to the trash: the finders no longer see it, and
// RestorePage brings it back whole. Errors: ErrNotFound (no such page, or
// in the trash already).
func (db *DB) TrashPage(ctx context.Context, id uuid.UUID) error {
	err := db.write(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE pages SET deleted_at = $1 WHERE id = $2 AND `+notTrashed, db.now(), pgID(id))
		if err != nil {
			return err
		}
		return checkAffected(tag)
	})
	if err != nil {
		return fmt.Errorf("move page %s to the trash: %w", id, err)
	}
	return nil
}

// RestorePage takes a page out of the trash. Errors: ErrNotFound (not in
// the trash).
func (db *DB) RestorePage(ctx context.Context, id uuid.UUID) error {
	err := db.write(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE pages SET deleted_at = NULL WHERE id = $1 AND deleted_at IS NOT NULL`, pgID(id))
		if err != nil {
			return err
		}
		return checkAffected(tag)
	})
	if err != nil {
		return fmt.Errorf("restore page %s from the trash: %w", id, err)
	}
	return nil
}

// FindTrashedPages returns the pages in the trash, most recently trashed
// first, without sections (SectionCount and TrashedAt set).
func (db *DB) FindTrashedPages(ctx context.Context) ([]storage.Page, error) {
	var pages []storage.Page
	err := db.read(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+pageColumns+`, deleted_at FROM pages
			WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, slug`)
		if err != nil {
			return err
		}
		pages, err = collect(rows, scanTrashedPage)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find trashed pages: %w", err)
	}
	return pages, nil
}

// EmptyTrash deletes the trashed pages for good, with their sections,
// revisions and publication history.
func (db *DB) EmptyTrash(ctx context.Context) error {
	err := db.write(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM pages WHERE deleted_at IS NOT NULL`)
		return err
	})
	if err != nil {
		return fmt.Errorf("empty the trash: %w", err)
	}
	return nil
}

// scanTrashedPage scans pageColumns followed by deleted_at.
func scanTrashedPage(row pgx.CollectableRow) (storage.Page, error) {
	var trashed time.Time
	p, err := scanPageInto(row, &trashed)
	p.TrashedAt = trashed.UTC()
	return p, err
}
