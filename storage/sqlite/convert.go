package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/mattn/go-sqlite3"

	"github.com/qalam/policyeditor/storage"
)

// timeLayout is RFC 3339 in UTC with a fixed nine-digit fraction, so stored
// times also sort correctly as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// formatDate stores a civil date; the zero time is stored as NULL.
func formatDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(storage.DateLayout)
}

func parseDate(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(storage.DateLayout, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored date %q: %w", s.String, err)
	}
	return t, nil
}

func newID() (uuid.UUID, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.Nil, fmt.Errorf("new id: %w", err)
	}
	return id, nil
}

// nullID stores uuid.Nil as NULL.
func nullID(id uuid.UUID) any {
	if id == uuid.Nil {
		return nil
	}
	return id.String()
}

func parseNullID(s sql.NullString) (uuid.UUID, error) {
	if !s.Valid || s.String == "" {
		return uuid.Nil, nil
	}
	return uuid.Parse(s.String)
}

// mapErr turns SQLite constraint errors into the package's sentinels,
// keeping the driver error in the chain: UNIQUE and PRIMARY KEY → ErrConflict,
// CHECK → ErrInvalid, FOREIGN KEY → ErrNotFound.
func mapErr(err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) || se.Code != sqlite3.ErrConstraint {
		return err
	}
	switch se.ExtendedCode {
	case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
		return fmt.Errorf("%w (%w)", storage.ErrConflict, err)
	case sqlite3.ErrConstraintCheck:
		return fmt.Errorf("%w (%w)", storage.ErrInvalid, err)
	case sqlite3.ErrConstraintForeignKey:
		return fmt.Errorf("%w (%w)", storage.ErrNotFound, err)
	}
	return err
}

// notFound turns sql.ErrNoRows into ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return storage.ErrNotFound
	}
	return err
}

// checkAffected returns ErrNotFound when a statement touched no row.
func checkAffected(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return storage.ErrNotFound
	}
	return nil
}

// joinWhere joins WHERE conditions with AND; no condition matches all rows.
// queryAll runs q and scans every row with scan. It is how the finders
// collect their results.
func queryAll[T any](ctx context.Context, tx *sql.Tx, scan func(*sql.Rows) (T, error), q string, args ...any) ([]T, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func joinWhere(where []string) string {
	if len(where) == 0 {
		return "1"
	}
	return strings.Join(where, " AND ")
}
