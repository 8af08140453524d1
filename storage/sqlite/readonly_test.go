package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

// TestOpenWhileAnotherProcessWrites: with another connection holding the
// write lock (as a process in the middle of a publish does), an up-to-date
// file opens and reads without waiting for the lock.
func TestOpenWhileAnotherProcessWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "drafts.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	other, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetMaxOpenConns(1)
	ctx := context.Background()
	tx, err := other.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE data_changes SET n = n + 1 WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	reader, err := Open(path) // before the fix: "database is locked" after busyTimeout
	if err != nil {
		t.Fatalf("Open while another connection holds the write lock: %v", err)
	}
	defer reader.Close()
	if _, err := reader.FindPages(ctx, storage.PageFilter{}); err != nil {
		t.Errorf("FindPages while another connection writes: %v", err)
	}
}

func TestNewFilePrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "config", "policyeditor")
	path := filepath.Join(dir, "drafts.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.DataChanged(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			continue // -shm/-wal may not exist yet
		}
		if m := fi.Mode().Perm(); m != 0o600 {
			t.Errorf("%s: mode %v, want 0600", filepath.Base(p), m)
		}
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("config folder mode %v (%v), want 0700", fi.Mode().Perm(), err)
	}
}
