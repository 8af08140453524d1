//go:build unix

package target

import (
	"errors"
	"os"
	"syscall"
)

// TryLockFile takes the exclusive lock of the open file f without waiting:
// flock(2) here, LockFileEx on Windows. It is ErrLocked while another
// process holds it. Closing f releases it, and so does the end of the
// process, SIGKILL included.
func TryLockFile(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return ErrLocked
		}
		return err
	}
}
