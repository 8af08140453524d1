// Package target writes published pages to where the website is served
// from: a local folder (the web root) or a server reached over SFTP.
//
// Every write is atomic: the bytes go to a temporary file in the same folder
// ("."+"policyeditor-tmp-*"), are flushed to disk and then renamed over the
// destination, so a reader (the web server) sees either the old page or the
// new one, never a partial file. Every relative path is validated before
// anything is written and must stay inside the target root, also through
// symbolic links.
package target

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"time"

	"github.com/qalam/policyeditor/storage"
)

// Target is a place published files are written to. Implementations are
// safe for concurrent use (deploy's PublishAll writes pages and archive
// files from two goroutines).
type Target interface {
	// WriteFile replaces the file at rel (slash-separated, relative to the
	// target root) with data atomically, creating folders as needed.
	// Errors wrap ErrUnsafePath, ErrReadOnly, ErrNoSpace or the cause.
	WriteFile(ctx context.Context, rel string, data []byte) error
	// ReadFile returns the bytes of the file at rel; a missing file gives an
	// error that matches fs.ErrNotExist.
	ReadFile(ctx context.Context, rel string) ([]byte, error)
	// Close releases connections; the folder target has nothing to release.
	Close() error
}

// TempRemover is implemented by targets that can delete every temporary
// file a killed write left (Dir and SFTP); deploy calls it while holding
// the target's Lock.
type TempRemover interface {
	RemoveTemps(ctx context.Context)
}

// Sentinel causes, wrapped (together with the OS error) by WriteFile.
var (
	// ErrReadOnly: the target refuses writes (read-only file system, permission denied).
	ErrReadOnly = errors.New("read-only target")
	// ErrNoSpace: the target's disk or quota is full.
	ErrNoSpace = errors.New("no space left on target")
)

// tempPrefix starts the name of every temporary file; leftovers of crashed
// writes are recognised by it and removed when a target is opened.
const tempPrefix = ".policyeditor-tmp-"

// staleAfter is the age after which a temporary file is a leftover of a
// crashed write. A variable so tests can shorten it.
var staleAfter = time.Hour

// Open opens the target t: storage.TargetDir is a local folder (Location
// is its path), storage.TargetSFTP is a server (Location is
// user@host:port/path). Opening removes temporary files older than an hour
// left by crashed writes. An unknown kind is an error wrapping
// storage.ErrInvalid.
func Open(ctx context.Context, t storage.Target) (Target, error) {
	switch t.Kind {
	case storage.TargetDir:
		return OpenDir(t.Location)
	case storage.TargetSFTP:
		return OpenSFTP(ctx, t.Location, t.Options)
	}
	err := t.Kind.Validate()
	if err == nil {
		err = fmt.Errorf("kind %q has no writer", t.Kind)
	}
	return nil, fmt.Errorf("open target %q: %w", t.Name, err)
}

// classify wraps an I/O error of writing path with a sentinel that says
// what went wrong in words, keeping the OS error for errors.Is.
func classify(op, path string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT), errors.Is(err, syscall.EFBIG):
		return fmt.Errorf("%s %s: %w: %w", op, path, ErrNoSpace, err)
	case errors.Is(err, syscall.EROFS):
		return fmt.Errorf("%s %s: %w: %w", op, path, ErrReadOnly, err)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s %s: %w: %w", op, path, ErrReadOnly, err)
	}
	return fmt.Errorf("%s %s: %w", op, path, err)
}
