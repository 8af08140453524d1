package target

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

func TestLockExcludes(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	tg := storage.Target{Name: "site", Kind: storage.TargetDir, Location: filepath.Join(dir, "not-yet")}
	release, err := Lock(context.Background(), tg)
	if err != nil {
		t.Fatal(err)
	}
	// The same folder under another name (a symlink to its parent) is the same lock.
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := Lock(ctx, storage.Target{Name: "other", Kind: storage.TargetDir, Location: filepath.Join(link, "not-yet")}); err == nil {
		t.Fatal("a second Lock of the same folder succeeded while the first was held")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("Lock wrote into the target's parent: %v", entries)
	}
	release()
	again, err := Lock(context.Background(), tg)
	if err != nil {
		t.Fatalf("Lock after release: %v", err)
	}
	again()
}

func TestTempFilesPrivate(t *testing.T) {
	d, err := OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	f, name, err := d.createTemp(".")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := d.root.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if m := fi.Mode().Perm(); m != 0o600 {
		t.Errorf("temporary file mode %v, want 0600 until it is renamed", m)
	}
	d.RemoveTemps(context.Background())
	if _, err := d.root.Stat(name); err == nil {
		t.Errorf("RemoveTemps left a fresh temporary file %s", name)
	}
}

// TestTryLockFile: a second open of a locked file cannot take the lock
// (ErrLocked) until the first is closed.
func TestTryLockFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	open := func() *os.File {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	a, b := open(), open()
	defer b.Close()
	if err := TryLockFile(a); err != nil {
		t.Fatalf("first lock: %v", err)
	}
	if err := TryLockFile(b); !errors.Is(err, ErrLocked) {
		t.Fatalf("second lock while the first is held = %v, want ErrLocked", err)
	}
	a.Close()
	if err := TryLockFile(b); err != nil {
		t.Fatalf("second lock after the first was closed: %v", err)
	}
}
