package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/qalam/policyeditor/storage"
)

// BeginPublications stores each intent in one transaction and sets its
// ID. Each intent's Record must have a Publication whose Body hashes to
// Hash. The body itself is not stored (as in the SQLite store): an intent
// is only completed when the live file has exactly that hash, and then
// the live file's bytes are the body. Errors: ErrInvalid, ErrNotFound.
func (db *DB) BeginPublications(ctx context.Context, intents []storage.PendingPublication) error {
	records, err := storage.IntentRecords(intents, db.newPublication)
	if err != nil {
		return err
	}
	now := db.now()
	ids := make([]int64, len(intents))
	err = db.write(ctx, func(tx pgx.Tx) error {
		for i, in := range intents {
			err := tx.QueryRow(ctx, `INSERT INTO pending_publications (page_id, target_name, rel, hash, record, body, created_at)
				VALUES ($1, $2, $3, $4, $5, '', $6) RETURNING id`, pgID(in.Record.PageID), in.Target, in.Rel, in.Hash,
				records[i], now).Scan(&ids[i])
			if err != nil {
				return mapErr(err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("begin publications: %w", err)
	}
	for i := range intents {
		intents[i].ID = ids[i]
	}
	return nil
}

// PendingPublications returns the target's intents, oldest first, without
// their bodies (ErrInvalid for a record that does not decode).
func (db *DB) PendingPublications(ctx context.Context, target string) ([]storage.PendingPublication, error) {
	var out []storage.PendingPublication
	err := db.read(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+pendingColumns+` FROM pending_publications
			WHERE target_name = $1 ORDER BY id`, target)
		if err != nil {
			return err
		}
		out, err = collect(rows, scanPending)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pending publications of %q: %w", target, err)
	}
	return out, nil
}

const pendingColumns = `id, target_name, rel, hash, record, created_at`

func scanPending(row pgx.CollectableRow) (storage.PendingPublication, error) {
	var p storage.PendingPublication
	var record string
	if err := row.Scan(&p.ID, &p.Target, &p.Rel, &p.Hash, &record, &p.At); err != nil {
		return p, err
	}
	var err error
	p.Record, err = storage.DecodeIntentRecord(p.ID, record)
	p.At = p.At.UTC()
	return p, err
}

// dumpPending reads every intent, oldest first (Dump).
func dumpPending(ctx context.Context, tx pgx.Tx) ([]storage.PendingPublication, error) {
	rows, err := tx.Query(ctx, `SELECT `+pendingColumns+` FROM pending_publications ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanPending)
}

// loadPending inserts intents keeping their ids and times (Load).
func loadPending(ctx context.Context, tx pgx.Tx, ps []storage.PendingPublication) error {
	for _, p := range ps {
		record, err := storage.EncodeIntentRecord(p.Record)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO pending_publications (id, page_id, target_name, rel, hash, record, body, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, '', $7)`, p.ID, pgID(p.Record.PageID), p.Target, p.Rel, p.Hash, record, p.At)
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
	err := db.write(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM pending_publications WHERE id = ANY($1)`, ids)
		return err
	})
	if err != nil {
		return fmt.Errorf("discard pending publications: %w", err)
	}
	return nil
}

// completeIntent deletes the intent a record completes, inside its
// transaction.
func completeIntent(ctx context.Context, tx pgx.Tx, id int64) error {
	if id == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `DELETE FROM pending_publications WHERE id = $1`, id)
	return err
}
