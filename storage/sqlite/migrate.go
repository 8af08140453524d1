package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"time"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/internal/migrations"
)

// migrationFS holds the schema: numbered files NNNN_what.sql, applied in
// order, each in its own transaction, and recorded in schema_migrations.
// Never edit a file that has shipped; add the next number instead.
//
//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered schema step (read by the migrations package
// shared with the other store).
type migration = migrations.Migration

// loadMigrations reads and orders the embedded migrations.
func loadMigrations(fsys fs.FS) ([]migration, error) { return migrations.Load(fsys) }

// migrate applies the embedded migrations with version <= upTo (-1: all)
// that the file does not have yet. It refuses (ErrInvalid) a file written
// by a newer program, whose schema this one does not know.
func migrate(ctx context.Context, w *sql.DB, upTo int) error {
	migs, err := loadMigrations(migrationFS)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	// Read first, under a read lock only: a file that is up to date (the
	// usual case) is opened without ever taking the write lock, so a
	// read-only command is not blocked by another process's writes.
	applied, err := appliedVersions(ctx, w)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	newest := 0
	for v := range applied {
		newest = max(newest, v)
	}
	if known := migs[len(migs)-1].Version; newest > known {
		// A newer Policy Editor wrote this file; its constraints are unknown here.
		return fmt.Errorf("migrate: the file is at schema version %d, newer than this program's %d: %w",
			newest, known, storage.ErrInvalid)
	}
	pending := false
	for _, m := range migs {
		if (upTo < 0 || m.Version <= upTo) && !applied[m.Version] {
			pending = true
		}
	}
	if !pending {
		return nil
	}
	if _, err := w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	for _, m := range migs {
		if upTo >= 0 && m.Version > upTo {
			break
		}
		if err := applyMigration(ctx, w, m); err != nil {
			return fmt.Errorf("migrate: %s: %w", m.Name, err)
		}
	}
	return nil
}

// appliedVersions reads the recorded migrations (none for a new file) with
// plain SELECTs: the writer's transactions are BEGIN IMMEDIATE, which
// would take the write lock.
func appliedVersions(ctx context.Context, w *sql.DB) (map[int]bool, error) {
	var n int
	if err := w.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&n); err != nil {
		return nil, err
	}
	out := map[int]bool{}
	if n == 0 {
		return out, nil
	}
	rows, err := w.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out[v] = true
	}
	return out, rows.Err()
}

// applyMigration runs one migration in one transaction unless it is already
// recorded. The check is inside the (immediate) transaction, so two
// processes opening the same new file cannot both apply it.
func applyMigration(ctx context.Context, w *sql.DB, m migration) error {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // no-op after Commit
	var n int
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.Version).Scan(&n)
	if err != nil || n > 0 {
		return err
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, formatTime(time.Now()))
	if err != nil {
		return err
	}
	return tx.Commit()
}

// SchemaVersion returns the highest applied migration version. It only
// returns I/O errors.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.reader.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

// fillSlugKeys sets slug_key (migration 0005) for pages written before it,
// reading first so that an up-to-date file takes no write lock. A page
// whose key another page already has keeps none (the two were created
// before the rule; renaming one makes the pair valid).
func fillSlugKeys(ctx context.Context, w *sql.DB) error {
	var hasColumn int
	if err := w.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('pages') WHERE name = 'slug_key'`).Scan(&hasColumn); err != nil || hasColumn == 0 {
		return err // an older schema (tests build those): nothing to fill
	}
	var missing int
	if err := w.QueryRowContext(ctx, `SELECT count(*) FROM pages WHERE slug_key IS NULL`).Scan(&missing); err != nil || missing == 0 {
		return err
	}
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("fill slug keys: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // no-op after Commit
	rows, err := tx.QueryContext(ctx, `SELECT id, slug FROM pages WHERE slug_key IS NULL ORDER BY created_at, id`)
	if err != nil {
		return fmt.Errorf("fill slug keys: %w", err)
	}
	type page struct{ id, slug string }
	var pages []page
	for rows.Next() {
		var p page
		if err := rows.Scan(&p.id, &p.slug); err != nil {
			rows.Close()
			return fmt.Errorf("fill slug keys: %w", err)
		}
		pages = append(pages, p)
	}
	rows.Close()
	for _, p := range pages {
		if _, err := tx.ExecContext(ctx, `UPDATE pages SET slug_key = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM pages WHERE slug_key = ?)`,
			storage.SlugKey(p.slug), p.id, storage.SlugKey(p.slug)); err != nil {
			return fmt.Errorf("fill slug keys: %w", err)
		}
	}
	return tx.Commit()
}
