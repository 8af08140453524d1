package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Target kinds.
const (
	TargetDir  = "dir"
	TargetSFTP = "sftp"
)

// validateTarget checks the name (1–100 visible characters, no surrounding
// spaces), the kind, that a location is given and the layout option.
func validateTarget(t Target) error {
	switch {
	case t.Name == "" || strings.TrimSpace(t.Name) != t.Name:
		return fmt.Errorf("target name %q: empty or with surrounding spaces: %w", t.Name, ErrInvalid)
	case utf8.RuneCountInString(t.Name) > 100 || !utf8.ValidString(t.Name):
		return fmt.Errorf("target name %q: longer than 100 characters or not UTF-8: %w", t.Name, ErrInvalid)
	case strings.IndexFunc(t.Name, func(r rune) bool { return unicode.IsControl(r) || isBidiControl(r) }) >= 0:
		return fmt.Errorf("target name %q: contains a control character: %w", t.Name, ErrInvalid)
	case t.Kind != TargetDir && t.Kind != TargetSFTP:
		return invalid("target kind", t.Kind, TargetDir, TargetSFTP)
	case t.Location == "":
		return fmt.Errorf("target %q: empty location: %w", t.Name, ErrInvalid)
	}
	switch t.Options.Layout {
	case "", "index", "flat":
		return nil
	}
	return invalid("target layout", t.Options.Layout, "index", "flat")
}

// CreateTarget validates and stores t; Created is set from Now when zero.
// Errors: ErrInvalid, ErrConflict (the name is taken).
func (db *DB) CreateTarget(ctx context.Context, t *Target) error {
	nt := *t
	if nt.Created.IsZero() {
		nt.Created = db.now()
	}
	nt.Created = nt.Created.UTC()
	err := validateTarget(nt)
	if err == nil {
		err = db.write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO targets (name, kind, location, options, created_at)
				VALUES (?, ?, ?, ?, ?)`, nt.Name, nt.Kind, nt.Location, string(canonicalJSON(nt.Options)),
				formatTime(nt.Created))
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
func (db *DB) FindTarget(ctx context.Context, name string) (Target, error) {
	var ts []Target
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		ts, err = findTargets(ctx, tx, []string{"name = ?"}, []any{name})
		return err
	})
	if err == nil && len(ts) == 0 {
		err = ErrNotFound
	}
	if err != nil {
		return Target{}, fmt.Errorf("find target %q: %w", name, err)
	}
	return ts[0], nil
}

// FindTargets returns every target ordered by name. It only returns I/O
// errors.
func (db *DB) FindTargets(ctx context.Context) ([]Target, error) {
	var ts []Target
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		ts, err = findTargets(ctx, tx, nil, nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find targets: %w", err)
	}
	return ts, nil
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

func findTargets(ctx context.Context, tx *sql.Tx, where []string, args []any) ([]Target, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, kind, location, options, created_at FROM targets
		WHERE `+joinWhere(where)+` ORDER BY name`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []Target
	for rows.Next() {
		var t Target
		var opts, created string
		if err := rows.Scan(&t.Name, &t.Kind, &t.Location, &opts, &created); err != nil {
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
