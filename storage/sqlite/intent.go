package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/qalam/policyeditor/storage"
)

// BeginPublications stores each intent in one transaction and sets its
// ID. Each intent's Record must have a Publication whose Body hashes to
// Hash. The body itself is not stored: an intent is only completed when
// the live file has exactly that hash, and then the live file's bytes are
// the body (PendingPublications returns the record without it). Writing
// every page's bytes twice would slow publish --all by a tenth.
// Errors: ErrInvalid, ErrNotFound (no such page).
func (db *DB) BeginPublications(ctx context.Context, intents []storage.PendingPublication) error {
	records, err := storage.IntentRecords(intents, db.newPublication)
	if err != nil {
		return err
	}
	now := formatTime(db.now())
	err = db.write(ctx, func(tx *sql.Tx) error {
		for i, in := range intents {
			res, err := tx.ExecContext(ctx, `INSERT INTO pending_publications (page_id, target_name, rel, hash, record, body, created_at)
				VALUES (?, ?, ?, ?, ?, x'', ?)`, in.Record.PageID.String(), in.Target, in.Rel, in.Hash, records[i], now)
			if err != nil {
				return mapErr(err)
			}
			if intents[i].ID, err = res.LastInsertId(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("begin publications: %w", err)
	}
	return nil
}

// PendingPublications returns the target's intents, oldest first, without
// their bodies (see BeginPublications). It only returns I/O errors (and
// ErrInvalid for a record that does not decode).
func (db *DB) PendingPublications(ctx context.Context, target string) ([]storage.PendingPublication, error) {
	var out []storage.PendingPublication
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = queryAll(ctx, tx, scanPending, `SELECT `+pendingColumns+` FROM pending_publications
			WHERE target_name = ? ORDER BY id`, target)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pending publications of %q: %w", target, err)
	}
	return out, nil
}

const pendingColumns = `id, target_name, rel, hash, record, created_at`

func scanPending(rows *sql.Rows) (storage.PendingPublication, error) {
	var p storage.PendingPublication
	var record, at string
	if err := rows.Scan(&p.ID, &p.Target, &p.Rel, &p.Hash, &record, &at); err != nil {
		return p, err
	}
	var err error
	if p.Record, err = storage.DecodeIntentRecord(p.ID, record); err != nil {
		return p, err
	}
	if p.At, err = parseTime(at); err != nil {
		return p, fmt.Errorf("pending publication %d: %w", p.ID, err)
	}
	return p, nil
}

// dumpPending reads every intent, oldest first (Dump).
func dumpPending(ctx context.Context, tx *sql.Tx) ([]storage.PendingPublication, error) {
	return queryAll(ctx, tx, scanPending, `SELECT `+pendingColumns+` FROM pending_publications ORDER BY id`)
}

// loadPending inserts intents keeping their ids and times (Load).
func loadPending(ctx context.Context, tx *sql.Tx, ps []storage.PendingPublication) error {
	for _, p := range ps {
		record, err := storage.EncodeIntentRecord(p.Record)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO pending_publications (id, page_id, target_name, rel, hash, record, body, created_at)
			VALUES (?, ?, ?, ?, ?, ?, x'', ?)`, p.ID, p.Record.PageID.String(), p.Target, p.Rel, p.Hash, record, formatTime(p.At))
		if err != nil {
			return fmt.Errorf("pending publication %d to %q: %w", p.ID, p.Target, mapErr(err))
		}
	}
	return nil
}

// DiscardPublications deletes the intents with these IDs (missing ones
// are ignored).
func (db *DB) DiscardPublications(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM pending_publications WHERE id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, args...)
		return err
	})
	if err != nil {
		return fmt.Errorf("discard pending publications: %w", err)
	}
	return nil
}

// completeIntent deletes the intent a record completes, inside its
// transaction.
func completeIntent(ctx context.Context, tx *sql.Tx, id int64) error {
	if id == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM pending_publications WHERE id = ?`, id)
	return err
}
