package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/internal/migrations"
)

// migrationFS holds the schema: numbered files NNNN_what.sql, applied in
// order, each in its own transaction, and recorded in schema_migrations.
// Never edit a file that has shipped; add the next number instead.
//
//go:embed migrations/*.sql
var migrationFS embed.FS

// migrationLock is the advisory lock key under which migrations run, so
// that two apps starting at once against a new database do not both apply
// a migration ("PEmigrat" in ASCII).
const migrationLock int64 = 0x50456d6967726174

// migration is one numbered schema step (read by the migrations package
// shared with the other store).
type migration = migrations.Migration

// loadMigrations reads and orders the embedded migrations.
func loadMigrations(fsys fs.FS) ([]migration, error) { return migrations.Load(fsys) }

// migrate applies the embedded migrations with version <= upTo (-1: all)
// that the database does not have yet, each in its own transaction under
// the migration advisory lock. It refuses (ErrInvalid) a database that a
// newer program has migrated further.
func migrate(ctx context.Context, pool *pgxpool.Pool, upTo int) error {
	migs, err := loadMigrations(migrationFS)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, m := range migs {
		if upTo >= 0 && m.Version > upTo {
			break
		}
		err := pgx.BeginTxFunc(ctx, pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
			return applyMigration(ctx, tx, m, migs[len(migs)-1].Version)
		})
		if err != nil {
			return fmt.Errorf("migrate: %s: %w", m.Name, err)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, tx pgx.Tx, m migration, known int) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer PRIMARY KEY,
		name       text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now()
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	var newest, have int
	err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0), count(*) FILTER (WHERE version = $1)
		FROM schema_migrations`, m.Version).Scan(&newest, &have)
	if err != nil {
		return err
	}
	if newest > known {
		return fmt.Errorf("the database is at schema version %d, newer than this program's %d: %w",
			newest, known, storage.ErrInvalid)
	}
	if have > 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, m.SQL); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name)
	return err
}

// fillSlugKeys sets slug_key (migration 0005) for pages written before
// it; a page whose key another page already has keeps none (the two were
// created before the rule; renaming one makes the pair valid).
func fillSlugKeys(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginTxFunc(ctx, pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id::text, slug FROM pages WHERE slug_key IS NULL ORDER BY created_at, id FOR UPDATE`)
		if err != nil {
			return err
		}
		type page struct{ id, slug string }
		pages, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (page, error) {
			var p page
			return p, r.Scan(&p.id, &p.slug)
		})
		if err != nil {
			return err
		}
		for _, p := range pages {
			key := storage.SlugKey(p.slug)
			if _, err := tx.Exec(ctx, `UPDATE pages SET slug_key = $1 WHERE id = $2::uuid
				AND NOT EXISTS (SELECT 1 FROM pages WHERE slug_key = $1)`, key, p.id); err != nil {
				return err
			}
		}
		return nil
	})
}

// SchemaVersion returns the highest applied migration version.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}
