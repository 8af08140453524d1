package target

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// mountTmpfs mounts a small tmpfs at a new folder (needs CAP_SYS_ADMIN, as
// root in CI) and unmounts it when the test ends.
func mountTmpfs(t *testing.T, size string) (string, bool) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "mnt")
	mustMkdir(t, dir)
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size+",mode=0755"); err != nil {
		t.Logf("mount tmpfs: %v", err)
		return "", false
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir, true
}

// TestFullDisk: a write that does not fit leaves the old page intact, no
// temp file, and an error that names the path and says the disk is full.
func TestFullDisk(t *testing.T) {
	root, ok := mountTmpfs(t, "64k")
	if !ok {
		// No CAP_SYS_ADMIN (a container, or not root): check at least that
		// a real ENOSPC, from /dev/full, is mapped to ErrNoSpace.
		t.Log("cannot mount a tmpfs: falling back to the /dev/full error mapping")
		TestClassify(t)
		return
	}
	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	old := bytes.Repeat([]byte("قديم "), 1000) // ~9 KB
	if err := d.WriteFile(ctx, "privacy/index.html", old); err != nil {
		t.Fatal(err)
	}
	err = d.WriteFile(ctx, "privacy/index.html", bytes.Repeat([]byte("x"), 200<<10))
	if !errors.Is(err, ErrNoSpace) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("WriteFile(200 KB on 64 KB disk) = %v, want ErrNoSpace", err)
	}
	t.Logf("full disk: %v", err)
	for _, want := range []string{filepath.Join(root, "privacy", "index.html"), "no space left"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	assertPage(t, root, "privacy/index.html", old)
	assertNoTemps(t, root)
}

// TestReadOnlyTarget: a target remounted read-only refuses the write with
// a clear error, the old page is intact and no temp file is left.
func TestReadOnlyTarget(t *testing.T) {
	root, ok := mountTmpfs(t, "1m")
	if !ok {
		if os.Geteuid() == 0 { // root ignores permissions: no read-only folder without a mount
			t.Skip("root without CAP_SYS_ADMIN: cannot make a read-only target; TestClassify checks the EROFS mapping")
		}
		testReadOnlyByPermissions(t)
		return
	}
	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	old := []byte("<p>الصفحة القديمة</p>")
	if err := d.WriteFile(ctx, "privacy/index.html", old); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("", root, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatalf("remount read-only: %v", err)
	}
	for _, rel := range []string{"privacy/index.html", "new/index.html"} {
		err = d.WriteFile(ctx, rel, []byte("new"))
		if !errors.Is(err, ErrReadOnly) || !errors.Is(err, syscall.EROFS) || !strings.Contains(err.Error(), "read-only") {
			t.Errorf("WriteFile(%s) on read-only target = %v, want ErrReadOnly", rel, err)
		}
		t.Logf("read-only: %v", err)
		if err != nil && !strings.Contains(err.Error(), filepath.Join(root, rel)) {
			t.Errorf("error %q does not name the path", err)
		}
	}
	assertPage(t, root, "privacy/index.html", old)
	assertNoTemps(t, root)
}

// testReadOnlyByPermissions is the non-root variant: a 0555 folder.
func testReadOnlyByPermissions(t *testing.T) {
	root := t.TempDir()
	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	old := []byte("old")
	if err := d.WriteFile(ctx, "privacy/index.html", old); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "privacy")
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	err = d.WriteFile(ctx, "privacy/index.html", []byte("new"))
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), dir) {
		t.Errorf("WriteFile on 0555 folder = %v, want ErrReadOnly naming the path", err)
	}
	assertPage(t, root, "privacy/index.html", old)
	assertNoTemps(t, root)
}
