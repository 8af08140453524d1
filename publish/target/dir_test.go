package target

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

func TestDirWriteRead(t *testing.T) {
	old := syscall.Umask(0o077) // pages must be readable by the web server whatever the umask
	defer syscall.Umask(old)
	root := filepath.Join(t.TempDir(), "site")
	tg, err := Open(context.Background(), storage.Target{Name: "site", Kind: storage.TargetDir, Location: root})
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	ctx := context.Background()
	for i, body := range []string{"<p>أولاً</p>", "<p>ثانياً</p>", ""} {
		if err := tg.WriteFile(ctx, "privacy/index.html", []byte(body)); err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
		got, err := tg.ReadFile(ctx, "privacy/index.html")
		if err != nil || string(got) != body {
			t.Fatalf("ReadFile after write %d = %q, %v; want %q", i, got, err, body)
		}
	}
	if err := tg.WriteFile(ctx, "a/b/c/deep.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]fs.FileMode{
		"privacy":            fs.ModeDir | 0o755,
		"a/b":                fs.ModeDir | 0o755,
		"privacy/index.html": 0o644,
		"a/b/c/deep.html":    0o644,
	} {
		fi, err := os.Stat(filepath.Join(root, p))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != want {
			t.Errorf("mode of %s = %v, want %v", p, fi.Mode(), want)
		}
	}
	assertNoTemps(t, root)
	if _, err := tg.ReadFile(ctx, "missing.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile(missing) = %v, want fs.ErrNotExist", err)
	}
}

func TestDirFolderInTheWay(t *testing.T) {
	root := t.TempDir()
	mustMkdir(t, filepath.Join(root, "page.html"))
	mustWrite(t, filepath.Join(root, "file"), "x")
	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, rel := range []string{"page.html", "file/index.html"} {
		err := d.WriteFile(context.Background(), rel, []byte("new"))
		if err == nil || !strings.Contains(err.Error(), root) {
			t.Errorf("WriteFile(%q) = %v, want an error naming the path", rel, err)
		}
	}
	assertNoTemps(t, root)
}

func TestDirCanceledContext(t *testing.T) {
	root := t.TempDir()
	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := d.WriteFile(ctx, "x.html", []byte("x")); !errors.Is(err, context.Canceled) {
		t.Errorf("WriteFile(canceled) = %v, want context.Canceled", err)
	}
	if _, err := os.Stat(filepath.Join(root, "x.html")); err == nil {
		t.Error("file written despite canceled context")
	}
}

func TestDirRemovesStaleTemps(t *testing.T) {
	root := t.TempDir()
	mustMkdir(t, filepath.Join(root, "p"))
	stale := filepath.Join(root, "p", tempPrefix+"stale")
	fresh := filepath.Join(root, "p", tempPrefix+"fresh")
	other := filepath.Join(root, "p", "index.html")
	for _, p := range []string{stale, fresh, other} {
		mustWrite(t, p, "x")
	}
	long := time.Now().Add(-2 * time.Hour)
	for _, p := range []string{stale, other} {
		if err := os.Chtimes(p, long, long); err != nil {
			t.Fatal(err)
		}
	}
	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale temp file kept: %v", err)
	}
	for _, p := range []string{fresh, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed: %v", p, err)
		}
	}
}

// Stale temporary files are looked for where the writer puts them (the
// root, page folders, their versions folders), not in the whole web root.
func TestDirStaleTempsDepthLimited(t *testing.T) {
	root := t.TempDir()
	mustMkdir(t, filepath.Join(root, "p", "versions", "deep", "deeper"))
	near := []string{
		filepath.Join(root, tempPrefix+"0"),
		filepath.Join(root, "p", tempPrefix+"1"),
		filepath.Join(root, "p", "versions", tempPrefix+"2"),
	}
	far := []string{
		filepath.Join(root, "p", "versions", "deep", tempPrefix+"3"),
		filepath.Join(root, "p", "versions", "deep", "deeper", tempPrefix+"4"),
	}
	long := time.Now().Add(-2 * time.Hour)
	for _, p := range append(append([]string{}, near...), far...) {
		mustWrite(t, p, "x")
		if err := os.Chtimes(p, long, long); err != nil {
			t.Fatal(err)
		}
	}
	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	for _, p := range near {
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("stale temp file %s kept: %v", p, err)
		}
	}
	for _, p := range far {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s (below the depth limit) was walked and removed: %v", p, err)
		}
	}
}

func TestOpenUnknownKind(t *testing.T) {
	if _, err := Open(context.Background(), storage.Target{Name: "x", Kind: "ftp"}); err == nil {
		t.Error("Open(kind ftp) = nil error")
	}
}

func TestClassify(t *testing.T) {
	// /dev/full answers every write with ENOSPC: the real error, mapped.
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer f.Close()
	_, werr := f.Write(bytes.Repeat([]byte("x"), 10))
	err = classify("write", "/site/p/index.html", werr)
	if !errors.Is(err, ErrNoSpace) || !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "no space left") ||
		!strings.Contains(err.Error(), "/site/p/index.html") {
		t.Errorf("classify(/dev/full write) = %v", err)
	}
	err = classify("write", "/site/x", &fs.PathError{Op: "open", Path: "/site/x", Err: syscall.EROFS})
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("classify(EROFS) = %v", err)
	}
}

func assertNoTemps(t *testing.T, root string) {
	t.Helper()
	filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(e.Name(), tempPrefix) {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}

// assertPage fails t unless the file rel under root holds want.
func assertPage(t *testing.T, root, rel string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s = %d bytes, %v; want the old %d bytes intact", rel, len(got), err, len(want))
	}
}
