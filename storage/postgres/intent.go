package postgres

import (
	"context"
	"encoding/json"
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
	type row struct {
		record string
		body   []byte
	}
	rows := make([]row, len(intents))
	for i, in := range intents {
		if in.Record.Publication == nil {
			return fmt.Errorf("begin publication: intent %d has no publication: %w", i, storage.ErrInvalid)
		}
		pub, err := db.newPublication(*in.Record.Publication)
		if err != nil {
			return fmt.Errorf("begin publication: %w", err)
		}
		if pub.Hash != in.Hash {
			return fmt.Errorf("begin publication: hash %s is not the body's: %w", in.Hash, storage.ErrInvalid)
		}
		rec := in.Record
		meta := pub
		meta.Body = nil
		rec.Publication = &meta
		b, err := json.Marshal(rec)
		if err != nil {
			return fmt.Errorf("begin publication: %w", err)
		}
		rows[i] = row{string(b), []byte{}}
	}
	now := db.now()
	ids := make([]int64, len(intents))
	err := db.write(ctx, func(tx pgx.Tx) error {
		for i, in := range intents {
			err := tx.QueryRow(ctx, `INSERT INTO pending_publications (page_id, target_name, rel, hash, record, body, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, pgID(in.Record.PageID), in.Target, in.Rel, in.Hash,
				rows[i].record, rows[i].body, now).Scan(&ids[i])
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
		rows, err := tx.Query(ctx, `SELECT id, rel, hash, record, body FROM pending_publications
			WHERE target_name = $1 ORDER BY id`, target)
		if err != nil {
			return err
		}
		out, err = collect(rows, func(row pgx.CollectableRow) (storage.PendingPublication, error) {
			p := storage.PendingPublication{Target: target}
			var record string
			var body []byte
			if err := row.Scan(&p.ID, &p.Rel, &p.Hash, &record, &body); err != nil {
				return p, err
			}
			if err := json.Unmarshal([]byte(record), &p.Record); err != nil || p.Record.Publication == nil {
				return p, fmt.Errorf("pending publication %d: bad record: %w", p.ID, storage.ErrInvalid)
			}
			p.Record.Publication.Body = nil
			return p, nil
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pending publications of %q: %w", target, err)
	}
	return out, nil
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
