package target

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// TryLockFile takes the exclusive lock of the open file f without waiting:
// LockFileEx on its first byte here, flock(2) on Unix. It is ErrLocked
// while another process holds it. Closing f releases it, and so does the
// end of the process.
func TryLockFile(f *os.File) error {
	var ol windows.Overlapped
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return ErrLocked
	}
	return err
}
