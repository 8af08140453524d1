package target

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/qalam/policyeditor/storage"
)

// lockPoll is how often Lock tries again while another process holds the
// lock.
const lockPoll = 20 * time.Millisecond

// Lock takes the exclusive lock of target t across processes and returns
// the function that releases it. Every publisher takes it before it reads
// what is live and what was published last, so two processes publishing
// the same page one after the other write and record it once (the second
// sees it unchanged), and a publisher holding it knows that every
// temporary file on the target is a leftover (see RemoveTemps).
//
// The lock is TryLockFile's (flock(2); LockFileEx on Windows) on a file
// in the user's cache folder (~/.cache/policyeditor/locks, 0700) named
// after the target's kind and location (a folder's real path, symlinks
// resolved), so two databases publishing to the same folder exclude each
// other too, and the web root gets no lock file. An SFTP target cannot be
// locked on the server: it is locked on this machine only. Lock waits
// while another process holds the lock and gives up when ctx is done.
func Lock(ctx context.Context, t storage.Target) (release func(), err error) {
	path, err := lockPath(t)
	if err != nil {
		return nil, fmt.Errorf("lock target %q: %w", t.Name, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, classify("lock target", path, err)
	}
	for {
		err := TryLockFile(f)
		if err == nil {
			return func() { f.Close() }, nil // closing releases the lock
		}
		if !errors.Is(err, ErrLocked) {
			f.Close()
			return nil, fmt.Errorf("lock target %q: %s: %w", t.Name, path, err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("lock target %q: another process is publishing to it: %w", t.Name, ctx.Err())
		case <-time.After(lockPoll):
		}
	}
}

// lockPath is where the lock file of t lives.
func lockPath(t storage.Target) (string, error) {
	where := t.Location
	if t.Kind == storage.TargetDir {
		abs, err := filepath.Abs(t.Location)
		if err != nil {
			return "", err
		}
		where = realPath(abs)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "policyeditor", "locks")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(string(t.Kind) + "\x00" + where))
	return filepath.Join(dir, hex.EncodeToString(sum[:12])+".lock"), nil
}

// realPath resolves the symlinks of the deepest existing folder of abs, so
// a folder names the same lock before and after it is created.
func realPath(abs string) string {
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(p) == p {
			return abs
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}
