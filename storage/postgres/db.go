// Package postgres is the PostgreSQL implementation of the draft store of
// package storage, for teams: several administrators and reviewers, each
// with the app on their own machine, share one database. It implements the
// same store interfaces as storage/sqlite (storage.Store and the batch,
// publish-lock, change-wait and dump roles) through github.com/jackc/pgx/v5.
//
// Concurrency. Every write that touches a page or its sections first locks
// the page's row (SELECT … FOR UPDATE), so writes to one page are applied
// one after the other in every client, and per-page numbers (revisions,
// publications) cannot collide. Reads run in REPEATABLE READ READ ONLY
// transactions: a page and its sections come from one snapshot. Publishing
// one page is serialised across clients by a session advisory lock
// (LockPublish).
//
// Failures. pgxpool replaces broken connections; a transaction whose
// request never reached the server (pgconn.SafeToRetry), or that lost a
// deadlock or serialisation race, is run again once. A commit that returns
// nil was acknowledged by the server and is durable there.
package postgres

import (
	"context"
	"errors"
	"fmt"
	neturl "net/url"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/internal/changes"
)

// IsURL reports whether s names a PostgreSQL database (postgres:// or
// postgresql://) rather than an SQLite file.
func IsURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// HasPassword reports whether the PostgreSQL URL s carries a password
// (postgres://user:password@host/db, or ?password=).
func HasPassword(s string) bool {
	if !IsURL(s) {
		return false
	}
	u, err := neturl.Parse(s)
	if err != nil {
		return false
	}
	_, set := u.User.Password()
	return set || u.Query().Has("password")
}

// DB is the draft store on one PostgreSQL database.
type DB struct {
	pool *pgxpool.Pool
	name string // the URL without its password, for messages
	url  string // as given to Open

	// Now returns the current time; replace it in tests (it must be safe
	// for concurrent use). Stored times are UTC with microseconds, and
	// successive times from one DB always grow.
	Now func() time.Time

	clockMu sync.Mutex
	last    time.Time

	changes *listener
}

// Open connects to the database at url (postgres://user@host:port/db?…),
// applies the migrations it does not have yet and starts listening for
// other clients' changes. The password and TLS settings are those pgx
// reads: from the URL, the PGPASSWORD and PG* environment variables or
// the PGPASSFILE (~/.pgpass); sslmode and its friends pass through.
// Errors: ErrInvalid for a URL that cannot be parsed or a database that a
// newer program has migrated further; otherwise the server's error.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message may quote the URL; never echo a password.
		return nil, fmt.Errorf("open draft store: the PostgreSQL address is not valid (%s): %w",
			redactErr(err, url), storage.ErrInvalid)
	}
	cfg.MaxConns = 8
	cfg.MinConns = 0
	cfg.MaxConnIdleTime = 5 * time.Minute
	cfg.HealthCheckPeriod = 10 * time.Second
	if cfg.ConnConfig.RuntimeParams == nil {
		cfg.ConnConfig.RuntimeParams = map[string]string{}
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = "policyeditor"
	cfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	name := describeConfig(cfg.ConnConfig)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open draft store %s: %w", name, err)
	}
	db := &DB{pool: pool, name: name, url: url, Now: time.Now}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open draft store %s: cannot connect (check the address, that the server is running "+
			"and accepts this machine and user, and the password in ~/.pgpass or PGPASSWORD): %w", name, err)
	}
	if err := migrate(ctx, pool, -1); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open draft store %s: %w", name, err)
	}
	if err := fillSlugKeys(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open draft store %s: fill slug keys: %w", name, err)
	}
	db.changes = newListener(pool, cfg.ConnConfig)
	return db, nil
}

// describeConfig names the server and database without the password.
func describeConfig(c *pgx.ConnConfig) string {
	if strings.HasPrefix(c.Host, "/") { // a unix socket folder
		return fmt.Sprintf("postgres://%s@/%s?host=%s", c.User, c.Database, c.Host)
	}
	return fmt.Sprintf("postgres://%s@%s:%d/%s", c.User, c.Host, c.Port, c.Database)
}

// redactErr returns err's text with any password in url removed.
func redactErr(err error, url string) string {
	msg := err.Error()
	if i := strings.Index(url, "://"); i >= 0 {
		rest := url[i+3:]
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			if colon := strings.Index(rest[:at], ":"); colon >= 0 {
				if pw := rest[colon+1 : at]; pw != "" {
					msg = strings.ReplaceAll(msg, pw, "xxxxx")
				}
			}
		}
	}
	return msg
}

// Name is the database's address without the password.
func (db *DB) Name() string { return db.name }

// Close stops listening and closes every connection. Call it once, when no
// method is running.
func (db *DB) Close() error {
	if db.changes != nil {
		db.changes.stop()
	}
	db.pool.Close()
	return nil
}

// now returns db.Now in UTC at microseconds (what timestamptz keeps),
// later than any time this DB returned before.
func (db *DB) now() time.Time {
	f := db.Now
	if f == nil {
		f = time.Now
	}
	t := f().UTC().Truncate(time.Microsecond)
	db.clockMu.Lock()
	defer db.clockMu.Unlock()
	if !t.After(db.last) {
		t = db.last.Add(time.Microsecond)
	}
	db.last = t
	return t
}

// retryable: the request never reached the server, or the server chose
// this transaction as the loser of a deadlock or serialisation race.
func retryable(err error) bool {
	if pgconn.SafeToRetry(err) {
		return true
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// write runs fn in one read-write transaction and commits it if fn returns
// nil; it runs again once if the first attempt failed in a retryable way.
func (db *DB) write(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return db.inTx(ctx, pgx.TxOptions{}, fn)
}

// read runs fn in one REPEATABLE READ READ ONLY transaction: every query
// in fn sees the same committed snapshot.
func (db *DB) read(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return db.inTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, fn)
}

func (db *DB) inTx(ctx context.Context, opts pgx.TxOptions, fn func(tx pgx.Tx) error) error {
	return mapErr(retry(ctx, func() error { return pgx.BeginTxFunc(ctx, db.pool, opts, fn) }))
}

// retry runs fn up to three times while it fails in a retryable way.
func retry(ctx context.Context, fn func() error) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = fn()
		if err == nil || !retryable(err) || ctx.Err() != nil {
			break
		}
	}
	return err
}

// DataChanged returns a number that changes whenever a page or a section is
// created, changed or deleted by any client of the database: triggers bump
// a counter row in the same transaction as the change. It is read from the
// database (one indexed row), so a caller sees its own commit at once; use
// WaitDataChanged to hear of other clients' commits without polling. It
// only returns I/O errors.
func (db *DB) DataChanged(ctx context.Context) (int64, error) {
	return db.readCounter(ctx)
}

func (db *DB) readCounter(ctx context.Context) (int64, error) {
	var n int64
	if err := db.pool.QueryRow(ctx, `SELECT n FROM data_changes WHERE id = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("data changed: %w", err)
	}
	return n, nil
}

// WaitDataChanged returns as soon as DataChanged differs from since: when
// another client's commit is notified (LISTEN policyeditor_data), or at
// the next poll, every pollInterval while the listener is disconnected and
// every listenPoll while it is connected (in case a notification was
// lost), or with ctx's error.
func (db *DB) WaitDataChanged(ctx context.Context, since int64) (int64, error) {
	return changes.Wait(ctx, since, db.DataChanged, db.changes.arm, db.changes.poll)
}
