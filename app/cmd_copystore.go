package app

import (
	"errors"
	"fmt"
	"os"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/postgres"
)

// runCopyStore copies every page, revision, target, publication and
// pending publication (with the review flow's rows) from
// one draft store to another, empty one (SQLite file → PostgreSQL, or
// back), in one transaction on the destination, then reads both back and
// compares their counts and digests (storage.Summarize).
func runCopyStore(e *env, args []string) error {
	if err := wantArgs(args, 2, "FROM and TO (an SQLite file or a postgres:// URL each)"); err != nil {
		return err
	}
	from, to := args[0], args[1]
	if !postgres.IsURL(from) {
		// Opening a missing file would create an empty store and copy nothing.
		if _, err := os.Stat(from); err != nil {
			return fmt.Errorf("copy from %s: %w", from, err)
		}
	}
	src, err := openStore(e.ctx, from)
	if err != nil {
		return fmt.Errorf("open the source store: %w", err)
	}
	defer src.Close()
	dst, err := openStore(e.ctx, to)
	if err != nil {
		return fmt.Errorf("open the destination store: %w", err)
	}
	defer dst.Close()
	dumper, ok1 := src.(storage.Dumper)
	loader, ok2 := dst.(storage.Loader)
	check, ok3 := dst.(storage.Dumper)
	if !ok1 || !ok2 || !ok3 {
		return errors.New("copy-store: this store cannot be copied") // both stores implement both roles
	}
	d, err := dumper.Dump(e.ctx)
	if err != nil {
		return err
	}
	want, err := storage.Summarize(d)
	if err != nil {
		return fmt.Errorf("the source store is damaged, nothing was copied: %w", err)
	}
	if err := loader.Load(e.ctx, d); err != nil {
		if errors.Is(err, storage.ErrConflict) {
			return fmt.Errorf("%w; copy-store only fills an empty store, nothing was copied", err)
		}
		return fmt.Errorf("%w; nothing was copied", err)
	}
	copied, err := check.Dump(e.ctx)
	if err != nil {
		return fmt.Errorf("read the copy back: %w", err)
	}
	got, err := storage.Summarize(copied)
	if err != nil {
		return fmt.Errorf("the copy differs from the source: %w", err)
	}
	if got != want {
		return fmt.Errorf("the copy differs from the source: source %v; copy %v", want, got)
	}
	fmt.Fprintf(e.stdout, "copied %v\n", got)
	return nil
}
