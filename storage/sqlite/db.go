// Package sqlite is the SQLite implementation of the draft store of package
// storage: DB (one file in WAL mode), its migrations, queries, batch reads
// and batch recording. It returns the domain types of package storage and
// implements its store interfaces (storage.Store).
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/internal/changes"
)

// busyTimeout is how long a connection waits for another process's lock
// before giving up with "database is locked".
const busyTimeout = 10 * time.Second

// driverName is go-sqlite3 with connectHook run on every connection it
// opens (registered by init).
const driverName = "sqlite3-policyeditor"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: connectHook})
}

// connectHook sets what the DSN cannot: temp_store=MEMORY keeps the
// statement journal of a savepoint in memory rather than in a temporary
// file. RecordPublications runs every record in its own savepoint, and
// SQLite copies each page a savepoint changes into that journal: for
// publish --all of 100 pages, about 1500 pages (6 MB) and 3200 pwrite
// calls to an unlinked file, only ever read by a ROLLBACK TO. It is never
// part of what survives a crash (the WAL is).
func connectHook(c *sqlite3.SQLiteConn) error {
	_, err := c.Exec(`PRAGMA temp_store = MEMORY`, nil)
	return err
}

// DB is the draft store: one SQLite file in WAL mode.
//
// Connections. DB holds two handles on the same file. The writer has exactly
// one connection (SetMaxOpenConns(1)) and begins every transaction with
// BEGIN IMMEDIATE (_txlock=immediate): writers inside this process queue on
// database/sql's pool instead of racing for SQLite's lock, so they never see
// SQLITE_BUSY, and a write transaction never has to upgrade a read lock
// (the classic cause of "database is locked" that busy_timeout cannot fix).
// Writers in other processes wait up to busyTimeout for the lock. The reader
// is a pool of query_only connections: in WAL mode readers see the last
// committed state and neither block nor are blocked by the writer, so the UI
// can read while an autosave commits. One handle with a single connection
// would be simpler but would serialise every read behind every write.
//
// Durability. journal_mode=WAL with synchronous=NORMAL: a commit is written
// to the WAL file (the OS page cache) before it returns, so an acknowledged
// commit survives the process being killed at any moment (tested by
// TestCrashKill). Only a power loss or OS crash can lose the last few commits
// (never corrupt the file), because the WAL is fsynced at checkpoints rather
// than at every commit; that is the usual trade for autosave every keystroke.
//
// Times come from Now (UTC is applied), which tests may replace.
type DB struct {
	writer *sql.DB
	reader *sql.DB
	path   string
	// committed is notified after every commit of this DB (WaitDataChanged).
	committed changes.Signal
	// checkpoints is the background checkpoint running, if any
	// (checkpointBehind); Close waits for it.
	checkpoints checkpointer

	// Now returns the current time; replace it in tests (it must be safe
	// for concurrent use). Defaults to time.Now. Stored times are UTC.
	Now func() time.Time
}

// DefaultPath returns where the app keeps its drafts:
// os.UserConfigDir()/policyeditor/drafts.db.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("default draft store path: %w", err)
	}
	return filepath.Join(dir, "policyeditor", "drafts.db"), nil
}

// Open opens (creating if needed, mode 0600, with its parent folder, 0700)
// the draft store at
// path, which may be missing, empty or an existing store, and applies the
// migrations it does not have yet. It returns an error if the file is not
// an SQLite database, cannot be created, or a migration fails (then no part
// of that migration is applied), and ErrInvalid if a newer version of the
// program has already migrated the file further.
func Open(path string) (*DB, error) {
	return openUpTo(path, -1)
}

// openUpTo opens the store applying migrations up to version upTo
// (-1: all of them). Tests use it to build files at older schema versions.
func openUpTo(path string, upTo int) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open draft store: empty path: %w", storage.ErrInvalid)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open draft store: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("open draft store: %w", err)
	}
	// Drafts are confidential until published: a new file is created 0600
	// before SQLite opens it (SQLite gives its -wal and -shm files the
	// database file's mode).
	if f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		f.Close()
	} else if !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("open draft store: %w", err)
	}
	db := &DB{path: abs, Now: time.Now}
	if db.writer, err = sql.Open(driverName, dsn(abs, false)); err != nil {
		return nil, fmt.Errorf("open draft store %s: %w", abs, err)
	}
	db.writer.SetMaxOpenConns(1)
	db.writer.SetConnMaxIdleTime(0) // keep the one connection (and its statement cache)
	if err := db.writer.Ping(); err != nil {
		db.writer.Close()
		return nil, fmt.Errorf("open draft store %s: %w", abs, err)
	}
	if err := migrate(context.Background(), db.writer, upTo); err != nil {
		db.writer.Close()
		return nil, fmt.Errorf("open draft store %s: %w", abs, err)
	}
	if err := fillSlugKeys(context.Background(), db.writer); err != nil {
		db.writer.Close()
		return nil, fmt.Errorf("open draft store %s: %w", abs, err)
	}
	// The reader is opened after the writer has switched the file to WAL.
	if db.reader, err = sql.Open(driverName, dsn(abs, true)); err != nil {
		db.writer.Close()
		return nil, fmt.Errorf("open draft store %s: %w", abs, err)
	}
	db.reader.SetMaxOpenConns(4)
	db.reader.SetMaxIdleConns(4)
	return db, nil
}

// dsn builds the go-sqlite3 URI for path. The writer sets WAL, synchronous
// and foreign keys; the reader is query_only and uses deferred transactions
// so that a multi-query read sees one snapshot.
func dsn(abs string, reader bool) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:///C:/...
	}
	u := url.URL{Scheme: "file", Path: p}
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(busyTimeout.Milliseconds()))
	q.Set("_foreign_keys", "1")
	q.Set("_stmt_cache_size", "32") // reuse prepared statements per connection
	if reader {
		q.Set("_query_only", "1")
		q.Set("_txlock", "deferred")
	} else {
		q.Set("_journal_mode", "WAL")
		q.Set("_synchronous", "NORMAL")
		q.Set("_txlock", "immediate")
	}
	return u.String() + "?" + q.Encode()
}

// Path returns the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// Close closes both handles. Call it once, when no method is running.
// The last connection to close checkpoints the WAL into the database file
// and deletes it.
func (db *DB) Close() error {
	db.checkpoints.wait()
	var errs []error
	if db.reader != nil {
		if err := db.reader.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	if db.writer != nil {
		if err := db.writer.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("close draft store: %w", errs[0])
	}
	return nil
}

// now returns db.Now in UTC.
func (db *DB) now() time.Time {
	if db.Now == nil {
		return time.Now().UTC()
	}
	return db.Now().UTC()
}

// write runs fn in one write transaction (BEGIN IMMEDIATE) and commits it
// if fn returns nil.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // no-op after Commit
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", mapErr(err))
	}
	db.committed.Notify()
	return nil
}

// read runs fn in one read transaction on the reader pool: every query in
// fn sees the same committed snapshot.
func (db *DB) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.reader.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	return fn(tx)
}

// DataChanged returns a number that changes whenever a page or a section is
// created, changed or deleted, by this process or any other (the sqlite3
// shell included): triggers bump a counter row in the same transaction as the
// change. Poll it, or wait on it with WaitDataChanged, to reload live
// views. It only returns I/O errors.
func (db *DB) DataChanged(ctx context.Context) (int64, error) {
	var n int64
	err := db.reader.QueryRowContext(ctx, `SELECT n FROM data_changes WHERE id = 1`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("data changed: %w", err)
	}
	return n, nil
}
