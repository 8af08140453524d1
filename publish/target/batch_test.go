package target

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestDirWriteFiles: a batch writes every good file (new folders, an
// existing page replaced, two pages in one folder) with the modes WriteFile
// gives, whatever the umask, and fails only the bad ones, in place.
func TestDirWriteFiles(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	root := t.TempDir()
	outside := t.TempDir()
	mustMkdir(t, filepath.Join(root, "folder.html"))
	mustMkdir(t, filepath.Join(root, "old"))
	mustWrite(t, filepath.Join(root, "old", "index.html"), "old")
	if err := os.Symlink(outside, filepath.Join(root, "escape")); err != nil {
		t.Fatal(err)
	}
	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	files := []File{
		{"privacy/index.html", []byte("<p>أولاً</p>")},
		{"../evil.html", []byte("x")},
		{"old/index.html", []byte("new")},
		{"folder.html", []byte("x")},
		{"a/b/c.html", []byte("deep")},
		{"escape/index.html", []byte("x")},
		{"privacy/en.html", []byte("<p>first</p>")},
	}
	errs := d.WriteFiles(context.Background(), files)
	if len(errs) != len(files) {
		t.Fatalf("WriteFiles returned %d errors for %d files", len(errs), len(files))
	}
	bad := map[string]error{"../evil.html": ErrUnsafePath, "escape/index.html": ErrUnsafePath, "folder.html": nil}
	for i, f := range files {
		want, isBad := bad[f.Rel]
		switch {
		case isBad && errs[i] == nil:
			t.Errorf("WriteFiles(%q) succeeded, want an error", f.Rel)
		case isBad && want != nil && !errors.Is(errs[i], want):
			t.Errorf("WriteFiles(%q) = %v, want %v", f.Rel, errs[i], want)
		case !isBad && errs[i] != nil:
			t.Errorf("WriteFiles(%q) = %v", f.Rel, errs[i])
		case !isBad:
			got, err := os.ReadFile(filepath.Join(root, f.Rel))
			if err != nil || string(got) != string(f.Data) {
				t.Errorf("%s holds %q, %v; want %q", f.Rel, got, err, f.Data)
			}
			if fi, _ := os.Stat(filepath.Join(root, f.Rel)); fi == nil || fi.Mode() != 0o644 {
				t.Errorf("mode of %s = %v, want 0644", f.Rel, fi.Mode())
			}
		}
	}
	for _, dir := range []string{"privacy", "a", "a/b"} {
		if fi, err := os.Stat(filepath.Join(root, dir)); err != nil || fi.Mode() != fs.ModeDir|0o755 {
			t.Errorf("folder %s: %v, %v; want drwxr-xr-x", dir, fi, err)
		}
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("WriteFiles wrote outside the target: %v", entries)
	}
	assertNoTemps(t, root)
}

// TestDirWriteFilesCanceled: nothing is written under a canceled context.
func TestDirWriteFilesCanceled(t *testing.T) {
	root := t.TempDir()
	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, err := range d.WriteFiles(ctx, []File{{"a.html", nil}, {"b/index.html", nil}}) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("WriteFiles under a canceled context = %v", err)
		}
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("canceled WriteFiles left %v", entries)
	}
}

// BenchmarkDirWriteFiles100: 100 pages of 50 KB in their own new folders in
// one batch (PublishAll's first publication of a site).
func BenchmarkDirWriteFiles100(b *testing.B) {
	page := make([]byte, 50<<10)
	files := make([]File, 100)
	for i := range files {
		files[i] = File{Rel: fmt.Sprintf("policy-%03d/index.html", i), Data: page}
	}
	for b.Loop() {
		b.StopTimer()
		d, err := OpenDir(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := errors.Join(d.WriteFiles(context.Background(), files)...); err != nil {
			b.Fatal(err)
		}
		d.Close()
	}
}
