package postgres

import (
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/qalam/policyeditor/storage"
)

// pgID passes a UUID to a query; uuid.Nil is NULL.
func pgID(id uuid.UUID) pgtype.UUID { return pgtype.UUID{Bytes: id, Valid: id != uuid.Nil} }

// fromPG returns a scanned UUID; NULL is uuid.Nil.
func fromPG(id pgtype.UUID) uuid.UUID {
	if !id.Valid {
		return uuid.Nil
	}
	return id.Bytes
}

// pgDate passes a civil date; the zero time is NULL.
func pgDate(t time.Time) pgtype.Date {
	if t.IsZero() {
		return pgtype.Date{}
	}
	return pgtype.Date{Time: storage.CivilDate(t), Valid: true}
}

func fromDate(d pgtype.Date) time.Time {
	if !d.Valid {
		return time.Time{}
	}
	y, m, day := d.Time.Date()
	return time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
}

func newID() (uuid.UUID, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.Nil, fmt.Errorf("new id: %w", err)
	}
	return id, nil
}

// mapErr turns PostgreSQL errors into the domain's sentinels, keeping the
// server's error in the chain: unique violation → ErrConflict; check
// violation and text PostgreSQL cannot store (a NUL character, invalid
// UTF-8) → ErrInvalid; foreign key violation and pgx.ErrNoRows →
// ErrNotFound.
func mapErr(err error) error {
	if err == nil || errors.Is(err, storage.ErrConflict) || errors.Is(err, storage.ErrInvalid) ||
		errors.Is(err, storage.ErrNotFound) {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return storage.ErrNotFound
	}
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	switch pe.Code {
	case "23505":
		return fmt.Errorf("%w (%w)", storage.ErrConflict, err)
	case "23514", "22021", "22P05":
		return fmt.Errorf("%w (%w)", storage.ErrInvalid, err)
	case "23503":
		return fmt.Errorf("%w (%w)", storage.ErrNotFound, err)
	}
	return err
}

// checkAffected returns ErrNotFound when a statement touched no row.
func checkAffected(tag pgconn.CommandTag) error {
	if tag.RowsAffected() == 0 {
		return storage.ErrNotFound
	}
	return nil
}

// joinWhere joins WHERE conditions with AND; no condition matches all rows.
func joinWhere(where []string) string {
	if len(where) == 0 {
		return "true"
	}
	s := where[0]
	for _, w := range where[1:] {
		s += " AND " + w
	}
	return s
}

// args collects query arguments and hands out their $n placeholders.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}

// collect scans every row; no rows is a nil slice, as in the SQLite store.
func collect[T any](rows pgx.Rows, scan pgx.RowToFunc[T]) ([]T, error) {
	out, err := pgx.CollectRows(rows, scan)
	if len(out) == 0 {
		out = nil
	}
	return out, err
}
