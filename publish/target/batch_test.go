package target

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

// TestDirWriteFiles: a batch writes every good file (new folders, an
// existing page replaced, two pages in one folder) with the modes WriteFile
// gives, whatever the umask, and fails only the bad ones, in place.
func TestDirWriteFiles(t *testing.T) {
	eachWay(t, testDirWriteFiles)
}

// eachWay runs test with Dirs whose batches are made durable the fsync way
// and, where the file system allows it, the syncfs way (see dirBatch).
func eachWay(t *testing.T, test func(t *testing.T, open func(t *testing.T, root string) *Dir)) {
	ways := []string{"fsync"}
	if runtime.GOOS == "linux" { // syncfs is Linux's
		ways = append(ways, "syncfs")
	}
	for _, way := range ways {
		t.Run(way, func(t *testing.T) {
			if way == "syncfs" {
				old := fewDirtyNow
				fewDirtyNow = func() bool { return true }
				t.Cleanup(func() { fewDirtyNow = old })
				onSyncFSDisk(t)
			}
			test(t, func(t *testing.T, root string) *Dir {
				d, err := OpenDir(root)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { d.Close() })
				if way == "syncfs" && !d.syncFS {
					t.Fatalf("the temporary folder's file system (%s) takes no syncfs: the syncfs way is not tested", root)
				}
				d.syncFS = way == "syncfs"
				b := d.BeginBatch(context.Background()).(*dirBatch)
				if (b.fs != nil) != d.syncFS {
					t.Fatalf("a %s batch has fs = %v", way, b.fs)
				}
				b.Commit()
				return d
			})
		})
	}
}

// onSyncFSDisk makes t.TempDir a folder on a file system that takes the
// syncfs way: the system's temporary folder if it does (a disk on CI),
// else one beside the package's sources (a tmpfs /tmp never does).
func onSyncFSDisk(t *testing.T) {
	takes := func(dir string) bool {
		f, err := os.Open(dir)
		if err != nil {
			return false
		}
		defer f.Close()
		return syncFSSafe(f)
	}
	if takes(os.TempDir()) || !takes(".") {
		return // on a machine where neither does, the open of eachWay fails
	}
	dir, err := os.MkdirTemp(".", ".syncfs-test-")
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(abs) })
	t.Setenv("TMPDIR", abs)
}

func testDirWriteFiles(t *testing.T, open func(t *testing.T, root string) *Dir) {
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
	d := open(t, root)
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

// TestSyncFSFails: when a syncfs of the batch fails, every file of the
// batch fails with it: before the renames nothing goes live and no
// temporary file is left; after them (the pages are live but may not
// survive a power cut) the error is reported for each.
func TestSyncFSFails(t *testing.T) {
	for _, failing := range []int{1, 2} {
		t.Run(fmt.Sprintf("sync %d fails", failing), func(t *testing.T) {
			eio := errors.New("input/output error")
			calls := 0
			old := syncFSNow
			syncFSNow = func(f *os.File) error {
				if calls++; calls == failing {
					return eio
				}
				return nil
			}
			t.Cleanup(func() { syncFSNow = old })
			eachWay(t, func(t *testing.T, open func(t *testing.T, root string) *Dir) {
				root := t.TempDir()
				mustMkdir(t, filepath.Join(root, "kept"))
				mustWrite(t, filepath.Join(root, "kept", "index.html"), "old")
				d := open(t, root)
				calls = 0
				errs := d.WriteFiles(context.Background(), []File{{"kept/index.html", []byte("new")}, {"other/index.html", []byte("other")}})
				if !d.syncFS {
					if calls != 0 || errors.Join(errs...) != nil {
						t.Fatalf("the fsync way: %d syncfs calls, errors %v", calls, errs)
					}
					return
				}
				for i, err := range errs {
					if !errors.Is(err, eio) {
						t.Errorf("file %d: %v, want the syncfs error", i, err)
					}
				}
				want := map[bool]string{true: "old", false: "new"}[failing == 1]
				if got, _ := os.ReadFile(filepath.Join(root, "kept", "index.html")); string(got) != want {
					t.Errorf("kept/index.html holds %q, want %q", got, want)
				}
				assertNoTemps(t, root)
			})
		})
	}
}

// onlyWriteFile hides a target's BatchWriter, so NewBatch falls back to
// one WriteFile per file.
type onlyWriteFile struct{ Target }

// TestBatchDrop: a dropped file leaves its destination as it was and no
// temporary file, while the others of the batch are written; the same for
// a Dir's own batch and for the fallback of a target without one.
func TestBatchDrop(t *testing.T) {
	for _, own := range []bool{true, false} {
		t.Run(fmt.Sprintf("own batch %v", own), func(t *testing.T) {
			root := t.TempDir()
			mustMkdir(t, filepath.Join(root, "kept"))
			mustWrite(t, filepath.Join(root, "kept", "index.html"), "old")
			d, err := OpenDir(root)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			var tg Target = d
			if !own {
				tg = onlyWriteFile{d}
			}
			b := NewBatch(context.Background(), tg)
			if _, ok := b.(*dirBatch); ok != own {
				t.Fatalf("NewBatch gave %T", b)
			}
			first := b.Add(File{"new/index.html", []byte("new page")})
			dropped := b.Add(File{"kept/index.html", []byte("must not go live")})
			last := b.Add(File{"other.html", []byte("other")})
			b.Drop(dropped)
			errs := b.Commit()
			if len(errs) != 3 || errs[first] != nil || errs[last] != nil || !errors.Is(errs[dropped], ErrDropped) {
				t.Fatalf("Commit = %v, want nil, ErrDropped, nil", errs)
			}
			for rel, want := range map[string]string{"new/index.html": "new page", "kept/index.html": "old", "other.html": "other"} {
				if got, err := os.ReadFile(filepath.Join(root, rel)); err != nil || string(got) != want {
					t.Errorf("%s holds %q, %v; want %q", rel, got, err, want)
				}
			}
			assertNoTemps(t, root)
		})
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
