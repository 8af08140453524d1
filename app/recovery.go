//go:build !nogui

package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// While a section waits for the choice between two versions
// (wb_conflict.go), this window's text (mine) is saved nowhere in the
// draft store: a save would overwrite theirs. So that a crash or a kill
// does not lose it, mine is written to a recovery record, one file per
// section in conflict, in a folder of this machine: beside the SQLite
// database, or in the user's config folder for a PostgreSQL store. The
// folder is this person's, not the team's: mine is text nobody else has
// agreed to, and it must survive when the shared server is what fails.
//
// A record is written (through the saver, off the UI goroutine) when the
// conflict is found and after each pause in typing during it; it is
// removed once the choice is made and its result stored, or mine is kept
// as a new section. When a page opens, its records left by a window that
// is gone bring the conflict back (wb_resume.go).

// conflictRecord is mine of one section in conflict, as last written.
type conflictRecord struct {
	Page    uuid.UUID `json:"page"`
	Section uuid.UUID `json:"section"`
	// Base is the stored version mine was an edit of; Theirs the newer
	// version the conflict was found with.
	Base    int64               `json:"base"`
	Theirs  int64               `json:"theirs"`
	Kind    storage.SectionKind `json:"kind"`
	Heading string              `json:"heading"`
	Body    string              `json:"body"`
	Saved   time.Time           `json:"saved"`
	// Owner is the window that wrote it: a window does not resume its own
	// records (it still holds the conflict, or has a removal queued).
	Owner uuid.UUID `json:"owner"`
}

// recoveryDir is the folder of recovery records; "" keeps none.
type recoveryDir string

const recordExt = ".conflict.json"

func (d recoveryDir) path(page, section uuid.UUID) string {
	return filepath.Join(string(d), page.String()+"."+section.String()+recordExt)
}

// write stores r atomically: a synced temporary file (0600) renamed over
// the record, then the folder (0700) synced, so after a crash the record
// is either the previous one or r, whole.
func (d recoveryDir) write(r conflictRecord) (err error) {
	if d == "" {
		return nil
	}
	data, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("recovery record: %w", err)
	}
	if err := os.MkdirAll(string(d), 0o700); err != nil {
		return fmt.Errorf("recovery record: %w", err)
	}
	path := d.path(r.Page, r.Section)
	tmp, err := os.CreateTemp(string(d), ".tmp-*")
	if err != nil {
		return fmt.Errorf("recovery record: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("recovery record: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("recovery record: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("recovery record: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("recovery record: %w", err)
	}
	return d.sync()
}

// remove deletes the record of a section, if there is one, durably.
func (d recoveryDir) remove(page, section uuid.UUID) error {
	if d == "" {
		return nil
	}
	err := os.Remove(d.path(page, section))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("remove recovery record: %w", err)
	}
	return d.sync()
}

func (d recoveryDir) sync() error {
	f, err := os.Open(string(d))
	if err != nil {
		return fmt.Errorf("sync recovery folder: %w", err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync recovery folder: %w", err)
	}
	return nil
}

// staleTemp is the age past which a temporary file of a write is one a
// killed window left (a write takes milliseconds).
const staleTemp = 10 * time.Minute

// forPage reads the records of page's sections that windows now gone left
// (not self's, nor those of another window still running; see
// recovery_owner.go), and removes the temporary files writes killed
// mid-way left. A record that does not parse is left in place and
// reported in the error, with the others returned.
func (d recoveryDir) forPage(page, self uuid.UUID) ([]conflictRecord, error) {
	if d == "" {
		return nil, nil
	}
	d.sweep()
	d.sweepLocks()
	names, err := filepath.Glob(filepath.Join(string(d), page.String()+".*"+recordExt))
	if err != nil {
		return nil, fmt.Errorf("read recovery records: %w", err)
	}
	var recs []conflictRecord
	var errs []error
	for _, name := range names {
		r, err := readRecord(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if r.Page == page && strings.HasSuffix(name, r.Section.String()+recordExt) && r.Owner != self && d.ownerGone(r.Owner) {
			recs = append(recs, r)
		}
	}
	return recs, errors.Join(errs...)
}

// sweep removes the stale temporary files of writes; one it cannot remove
// costs only its space, so its error is not reported.
func (d recoveryDir) sweep() {
	temps, _ := filepath.Glob(filepath.Join(string(d), ".tmp-*"))
	for _, name := range temps {
		if fi, err := os.Lstat(name); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > staleTemp {
			_ = os.Remove(name)
		}
	}
}

func readRecord(path string) (conflictRecord, error) {
	var r conflictRecord
	data, err := os.ReadFile(path)
	if err != nil {
		return r, fmt.Errorf("read recovery record: %w", err)
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("read recovery record %s: %w", filepath.Base(path), err)
	}
	return r, nil
}
