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

// WriteFile builds the snapshot and writes it to path atomically: into a
// temporary file in the same folder, synced, then renamed over path, so a
// reader never sees half a file and a failure leaves any old file intact.
// Errors: those of Build (nothing is written then), ErrIsDir (wrapped)
// when path is a directory, and file system errors naming the path.
func WriteFile(ctx context.Context, store Store, slug, path string, opts Options) (Result, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return Result{}, fmt.Errorf("snapshot: %s: %w", path, ErrIsDir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
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
