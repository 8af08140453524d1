//go:build !nogui

package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/publish/target"
)

// A recovery record belongs to the window that wrote it while that window
// lives: another window of the same person on the same page (a second
// process) must not resume a conflict the first still holds, or both
// would ask for the same choice. A window holding records holds the lock
// of target.TryLockFile (flock(2); LockFileEx on Windows) on
// <folder>/<owner>.lock for as long as it runs; the kernel releases it
// when the process ends, by SIGKILL too. A record whose owner's lock can
// be taken, or is gone, was left by a window that is gone.
// (publish/target.Lock relies on the same lock.)

// ownerLock is a window's hold on its lock file.
type ownerLock struct {
	mu sync.Mutex
	f  *os.File
}

func (d recoveryDir) lockPath(owner uuid.UUID) string {
	return filepath.Join(string(d), owner.String()+".lock")
}

// hold takes owner's lock in d, if it is not held yet: before the first
// record is written. It is the window's own, so taking it never waits.
func (l *ownerLock) hold(d recoveryDir, owner uuid.UUID) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if d == "" || l.f != nil {
		return nil
	}
	if err := os.MkdirAll(string(d), 0o700); err != nil {
		return fmt.Errorf("recovery lock: %w", err)
	}
	f, err := os.OpenFile(d.lockPath(owner), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("recovery lock: %w", err)
	}
	if err := target.TryLockFile(f); err != nil {
		f.Close()
		return fmt.Errorf("recovery lock: %w", err)
	}
	l.f = f
	return nil
}

// drop lets the lock go as the end of the process does, leaving the file.
func (l *ownerLock) drop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f != nil {
		l.f.Close()
		l.f = nil
	}
}

// release lets the lock go and removes its file: the window is closing.
func (l *ownerLock) release(d recoveryDir, owner uuid.UUID) {
	l.mu.Lock()
	held := l.f != nil
	l.mu.Unlock()
	if held {
		_ = os.Remove(d.lockPath(owner)) // still locked: nobody takes it for a dead one meanwhile
		l.drop()
	}
}

// ownerGone reports whether owner, the writer of a record, has ended: its
// lock file is gone or can be locked (then it is removed). A lock that
// cannot be checked counts as gone: resuming a conflict twice loses
// nothing, not resuming it would hide mine.
func (d recoveryDir) ownerGone(owner uuid.UUID) bool {
	path := d.lockPath(owner)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return true
	}
	defer f.Close()
	err = target.TryLockFile(f)
	if errors.Is(err, target.ErrLocked) {
		return false
	}
	if err == nil {
		_ = os.Remove(path) // while locked, so its owner, were it starting, could not hold it unseen
	}
	return true
}

// sweepLocks removes the lock files of windows that ended long ago
// without leaving records (the age spares a window between creating its
// file and locking it).
func (d recoveryDir) sweepLocks() {
	locks, _ := filepath.Glob(filepath.Join(string(d), "*.lock"))
	for _, name := range locks {
		fi, err := os.Lstat(name)
		if err != nil || !fi.Mode().IsRegular() || time.Since(fi.ModTime()) <= staleTemp {
			continue
		}
		if owner, err := uuid.Parse(filepath.Base(name[:len(name)-len(".lock")])); err == nil {
			d.ownerGone(owner)
		}
	}
}
