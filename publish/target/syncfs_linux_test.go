package target

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

func TestKernelAtLeast(t *testing.T) {
	for _, tc := range []struct {
		release string
		want    bool
	}{
		{"5.8.0", true},
		{"5.7.19", false},
		{"6.1.0-18-amd64", true},
		{"5.10.0-28-cloud-amd64", true},
		{"4.19.0", false},
		{"5.8-rc1", true},
		{"5.4", false},
		{"", false},
		{"x.y", false},
	} {
		if got := kernelAtLeast(tc.release, 5, 8); got != tc.want {
			t.Errorf("kernelAtLeast(%q, 5, 8) = %v, want %v", tc.release, got, tc.want)
		}
	}
}

// TestSyncFSSafe: the temporary folder's file system takes syncfs exactly
// when it is one of the known local ones, and a tmpfs never does.
func TestSyncFSSafe(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var st unix.Statfs_t
	if err := unix.Fstatfs(int(f.Fd()), &st); err != nil {
		t.Fatal(err)
	}
	known := map[int64]bool{unix.EXT4_SUPER_MAGIC: true, unix.XFS_SUPER_MAGIC: true, unix.BTRFS_SUPER_MAGIC: true, unix.F2FS_SUPER_MAGIC: true}
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		t.Fatal(err)
	}
	want := known[int64(st.Type)] && kernelAtLeast(unix.ByteSliceToString(u.Release[:]), 5, 8)
	if got := syncFSSafe(f); got != want {
		t.Errorf("syncFSSafe(%s, file system %#x) = %v, want %v", dir, st.Type, got, want)
	}
	if tmpfs, ok := mountTmpfs(t, "1m"); ok {
		g, err := os.Open(tmpfs)
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		if syncFSSafe(g) {
			t.Errorf("syncFSSafe(tmpfs) = true, want false")
		}
	}
}

// TestFewDirty reads this machine's /proc/meminfo: the answer must agree
// with the Dirty line.
func TestFewDirty(t *testing.T) {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		t.Fatal(err)
	}
	var kb int64 = -1
	for _, line := range strings.Split(string(b), "\n") {
		var n int64
		if _, err := fmt.Sscanf(line, "Dirty: %d kB", &n); err == nil {
			kb = n
		}
	}
	if kb < 0 {
		t.Fatalf("no Dirty line in /proc/meminfo")
	}
	// The figure moves between the two reads; only far from the limit is
	// the answer certain.
	switch got := fewDirty(); {
	case kb<<10 < maxDirtyForSyncFS/2 && !got:
		t.Errorf("fewDirty() = false with %d kB dirty", kb)
	case kb<<10 > 2*maxDirtyForSyncFS && got:
		t.Errorf("fewDirty() = true with %d kB dirty", kb)
	}
}
