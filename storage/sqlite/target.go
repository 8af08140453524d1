package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/qalam/policyeditor/storage"
)

// CreateTarget validates and stores t; Created is set from Now when zero.
// Errors: ErrInvalid, ErrConflict (the name is taken).
func (db *DB) CreateTarget(ctx context.Context, t *storage.Target) error {
	nt := *t
	if nt.Created.IsZero() {
		nt.Created = db.now()
	}
	nt.Created = nt.Created.UTC()
	err := storage.ValidateTarget(nt)
	if err == nil {
		err = db.write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO targets (name, kind, location, options, url, created_at)
				VALUES (?, ?, ?, ?, ?, ?)`, nt.Name, nt.Kind, nt.Location, string(storage.CanonicalJSON(nt.Options)),
				nt.URL, formatTime(nt.Created))
			return mapErr(err)
		})
	}
	if err != nil {
		return fmt.Errorf("create target %q: %w", t.Name, err)
	}
	*t = nt
	return nil
}

// FindTarget returns the target with this name. Errors: ErrNotFound.
func (db *DB) FindTarget(ctx context.Context, name string) (storage.Target, error) {
	var ts []storage.Target
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		ts, err = findTargets(ctx, tx, []string{"name = ?"}, []any{name})
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

// FindTargets returns every target ordered by name. It only returns I/O
// errors.
func (db *DB) FindTargets(ctx context.Context) ([]storage.Target, error) {
	var ts []storage.Target
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		ts, err = findTargets(ctx, tx, nil, nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find targets: %w", err)
	}
	return ts, nil
}

// UpdateTarget replaces the kind, location, options and URL of the target
// called name and, when t.Name differs, renames it and its publications (so
// its history and rollback follow it), in one transaction. Created is
// kept; t is updated to the stored target on success.
// Errors: ErrNotFound, ErrConflict (t.Name is taken), ErrInvalid.
func (db *DB) UpdateTarget(ctx context.Context, name string, t *storage.Target) error {
	nt := *t
	err := storage.ValidateTarget(nt)
	if err == nil {
		err = db.write(ctx, func(tx *sql.Tx) error { return updateTarget(ctx, tx, name, &nt) })
	}
	if err != nil {
		return fmt.Errorf("update target %q: %w", name, err)
	}
	*t = nt
	return nil
}

func updateTarget(ctx context.Context, tx *sql.Tx, name string, t *storage.Target) error {
	res, err := tx.ExecContext(ctx, `UPDATE targets SET name = ?, kind = ?, location = ?, options = ?, url = ?
		WHERE name = ?`, t.Name, t.Kind, t.Location, string(storage.CanonicalJSON(t.Options)), t.URL, name)
	if err != nil {
		return mapErr(err)
	}
	if err := checkAffected(res); err != nil {
		return err
	}
	if t.Name != name {
		if _, err := tx.ExecContext(ctx, `UPDATE publications SET target_name = ? WHERE target_name = ?`, t.Name, name); err != nil {
			return err
		}
	}
	ts, err := findTargets(ctx, tx, []string{"name = ?"}, []any{t.Name})
	if err != nil {
		return err
	}
	t.Created = ts[0].Created
	return nil
}

// DeleteTarget deletes a target. Its publication history is kept.
// Errors: ErrNotFound.
func (db *DB) DeleteTarget(ctx context.Context, name string) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM targets WHERE name = ?`, name)
		if err != nil {
			return err
		}
		return checkAffected(res)
	})
	if err != nil {
		return fmt.Errorf("delete target %q: %w", name, err)
	}
	return nil
}

func findTargets(ctx context.Context, tx *sql.Tx, where []string, args []any) ([]storage.Target, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, kind, location, options, url, created_at FROM targets
		WHERE `+joinWhere(where)+` ORDER BY name`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []storage.Target
	for rows.Next() {
		var t storage.Target
		var opts, created string
		if err := rows.Scan(&t.Name, &t.Kind, &t.Location, &opts, &t.URL, &created); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(opts), &t.Options); err != nil {
			return nil, fmt.Errorf("target %q: options: %w", t.Name, err)
		}
		if t.Created, err = parseTime(created); err != nil {
			return nil, fmt.Errorf("target %q: %w", t.Name, err)
		}
		ts = append(ts, t)
	}
	return ts, rows.Err()
}
