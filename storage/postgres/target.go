package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/qalam/policyeditor/storage"
)

// CreateTarget validates and stores t; Created is set from Now when zero.
// Errors: ErrInvalid, ErrConflict (the name is taken).
func (db *DB) CreateTarget(ctx context.Context, t *storage.Target) error {
	nt := *t
	if nt.Created.IsZero() {
		nt.Created = db.now()
	}
	nt.Created = nt.Created.UTC().Truncate(1000)
	err := storage.ValidateTarget(nt)
	if err == nil {
		err = db.write(ctx, func(tx pgx.Tx) error { return insertTarget(ctx, tx, nt) })
	}
	if err != nil {
		return fmt.Errorf("create target %q: %w", t.Name, err)
	}
	*t = nt
	return nil
}

func insertTarget(ctx context.Context, tx pgx.Tx, t storage.Target) error {
	_, err := tx.Exec(ctx, `INSERT INTO targets (name, kind, location, options, url, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, t.Name, t.Kind, t.Location, string(storage.CanonicalJSON(t.Options)), t.URL, t.Created)
	return mapErr(err)
}

// FindTarget returns the target with this name. Errors: ErrNotFound.
func (db *DB) FindTarget(ctx context.Context, name string) (storage.Target, error) {
	var ts []storage.Target
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		ts, err = findTargets(ctx, tx, []string{"name = $1"}, args{name})
		return err
	})
	if err == nil && len(ts) == 0 {
		err = storage.ErrNotFound
	}
	if err != nil {
		return storage.Target{}, fmt.Errorf("find target %q: %w", name, err)
	}
	return ts[0], nil
}

// FindTargets returns every target ordered by name.
func (db *DB) FindTargets(ctx context.Context) ([]storage.Target, error) {
	var ts []storage.Target
	err := db.read(ctx, func(tx pgx.Tx) (err error) {
		ts, err = findTargets(ctx, tx, nil, nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find targets: %w", err)
	}
	return ts, nil
}

// UpdateTarget replaces the kind, location, options and URL of the target
// called name and, when t.Name differs, renames it and its publications
// (its history and rollback follow it), in one transaction. Created is
// kept; t is updated to the stored target on success.
// Errors: ErrNotFound, ErrConflict (t.Name is taken), ErrInvalid.
func (db *DB) UpdateTarget(ctx context.Context, name string, t *storage.Target) error {
	nt := *t
	err := storage.ValidateTarget(nt)
	if err == nil {
		err = db.write(ctx, func(tx pgx.Tx) error {
			err := tx.QueryRow(ctx, `UPDATE targets SET name = $1, kind = $2, location = $3, options = $4, url = $5
				WHERE name = $6 RETURNING created_at`, nt.Name, nt.Kind, nt.Location, string(storage.CanonicalJSON(nt.Options)),
				nt.URL, name).Scan(&nt.Created)
			if err != nil {
				return mapErr(err)
			}
			nt.Created = nt.Created.UTC()
			if nt.Name != name {
				for _, table := range []string{"publications", "pending_publications"} {
					if _, err := tx.Exec(ctx, `UPDATE `+table+` SET target_name = $1 WHERE target_name = $2`, nt.Name, name); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	if err != nil {
		return fmt.Errorf("update target %q: %w", name, err)
	}
	*t = nt
	return nil
}

// DeleteTarget deletes a target. Its publication history is kept.
// Errors: ErrNotFound.
func (db *DB) DeleteTarget(ctx context.Context, name string) error {
	err := db.write(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM targets WHERE name = $1`, name)
		if err != nil {
			return err
		}
		return checkAffected(tag)
	})
	if err != nil {
		return fmt.Errorf("delete target %q: %w", name, err)
	}
	return nil
}

func findTargets(ctx context.Context, tx pgx.Tx, where []string, a args) ([]storage.Target, error) {
	rows, err := tx.Query(ctx, `SELECT name, kind, location, options, url, created_at FROM targets
		WHERE `+joinWhere(where)+` ORDER BY name`, a...)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(row pgx.CollectableRow) (storage.Target, error) {
		var t storage.Target
		var opts string
		if err := row.Scan(&t.Name, &t.Kind, &t.Location, &opts, &t.URL, &t.Created); err != nil {
			return storage.Target{}, err
		}
		if err := json.Unmarshal([]byte(opts), &t.Options); err != nil {
			return storage.Target{}, fmt.Errorf("target %q: options: %w", t.Name, err)
		}
		t.Created = t.Created.UTC()
		return t, nil
	})
}
