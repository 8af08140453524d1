package target

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// maxDirtyForSyncFS is the most dirty page-cache data (system-wide, from
// /proc/meminfo) with which a batch is made durable by syncfs: syncfs
// writes back every dirty file of the file system, other programs' too,
// so with much of it waiting, an fsync per file is quicker.
const maxDirtyForSyncFS = 64 << 20

// syncFSSafe reports whether syncfs(2) on the file system holding dir
// makes what was written to it durable and reports the write-back errors
// of that data: a Linux 5.8 or newer (before 5.8 syncfs did not return
// write-back errors) and a local file system whose sync writes its data
// and metadata and flushes the disk's cache (ext2/3/4, XFS, Btrfs, F2FS).
// Others (network and FUSE file systems among them) get an fsync per
// file.
func syncFSSafe(dir *os.File) bool {
	var st unix.Statfs_t
	if err := unix.Fstatfs(int(dir.Fd()), &st); err != nil {
		return false
	}
	switch st.Type {
	case unix.EXT4_SUPER_MAGIC, unix.XFS_SUPER_MAGIC, unix.BTRFS_SUPER_MAGIC, unix.F2FS_SUPER_MAGIC:
	default:
		return false
	}
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return false
	}
	return kernelAtLeast(unix.ByteSliceToString(u.Release[:]), 5, 8)
}

// kernelAtLeast says whether the kernel release (as uname gives it:
// "6.1.0-18-amd64") is major.minor or newer.
func kernelAtLeast(release string, major, minor int) bool {
	majStr, rest, ok := strings.Cut(release, ".")
	if !ok {
		return false
	}
	mnrStr := rest[:len(rest)-len(strings.TrimLeft(rest, "0123456789"))] // "8" of "8-rc1"
	maj, err1 := strconv.Atoi(majStr)
	mnr, err2 := strconv.Atoi(mnrStr)
	if err1 != nil || err2 != nil {
		return false
	}
	return maj > major || maj == major && mnr >= minor
}

// fewDirty reports whether the page cache holds little dirty data, so a
// syncfs has little but the batch to write.
func fewDirty() bool {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Bytes()
		if !bytes.HasPrefix(line, []byte("Dirty:")) {
			continue
		}
		fields := bytes.Fields(line[len("Dirty:"):])
		if len(fields) != 2 || string(fields[1]) != "kB" {
			return false
		}
		kb, err := strconv.ParseInt(string(fields[0]), 10, 64)
		return err == nil && kb<<10 <= maxDirtyForSyncFS
	}
	return false
}

// syncFS makes everything written to dir's file system durable and
// returns the write-back errors since dir was opened.
func syncFS(dir *os.File) error {
	return unix.Syncfs(int(dir.Fd()))
}
