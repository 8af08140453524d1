package snapshot

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrIsDir is returned (wrapped) by WriteFile when the path is a directory.
var ErrIsDir = errors.New("is a directory")

// ErrNotRegular is returned (wrapped) by WriteFile when the path exists and
// is not a regular file (a device, FIFO, socket or symbolic link): renaming
// over it would replace it (as root, -o /dev/null would replace the device),
// and writing through a link could land outside the folder named.
var ErrNotRegular = errors.New("is not a regular file")

// WriteFile builds the snapshot and writes it to path atomically: into a
// temporary file in the same folder, synced, then renamed over path, so a
// reader never sees half a file and a failure leaves any old file intact.
// Errors: those of Build (nothing is written then), ErrIsDir (wrapped)
// when path is a directory, ErrNotRegular (wrapped, naming what it is)
// when it is a device, FIFO, socket or symbolic link, and file system
// errors naming the path.
func WriteFile(ctx context.Context, store Store, slug, path string, opts Options) (Result, error) {
	if err := checkOutput(path); err != nil {
		return Result{}, fmt.Errorf("snapshot: %w", err)
	}
	out, res, err := Build(ctx, store, slug, opts)
	if err != nil {
		return Result{}, err
	}
	if err := writeAtomic(path, out); err != nil {
		return Result{}, fmt.Errorf("snapshot: %w", err)
	}
	return res, nil
}

// checkOutput accepts a path that does not exist yet or is a regular file.
func checkOutput(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	switch m := fi.Mode(); {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return fmt.Errorf("%s: %w", path, ErrIsDir)
	case m&fs.ModeSymlink != 0:
		return fmt.Errorf("%s: %w: it is a symbolic link", path, ErrNotRegular)
	case m&fs.ModeNamedPipe != 0:
		return fmt.Errorf("%s: %w: it is a FIFO", path, ErrNotRegular)
	case m&fs.ModeSocket != 0:
		return fmt.Errorf("%s: %w: it is a socket", path, ErrNotRegular)
	case m&fs.ModeDevice != 0:
		return fmt.Errorf("%s: %w: it is a device", path, ErrNotRegular)
	}
	return fmt.Errorf("%s: %w", path, ErrNotRegular)
}

// writeAtomic writes data to path through a synced temporary file and a
// rename, then syncs the folder.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		defer d.Close()
		if serr := d.Sync(); serr != nil {
			return fmt.Errorf("sync %s: %w", dir, serr)
		}
	}
	return nil
}
