package app

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// Notes of the revisions the app keeps before it replaces a draft.
const (
	noteBeforeFix    = "before fix"
	noteBeforeImport = "before import"
)

// restoreNote is the note of the revision that keeps the draft before
// revision n was restored.
func restoreNote(n int) string { return fmt.Sprintf("before restore of %d", n) }

// restoreStore is what restoring a revision needs of the draft store.
type restoreStore interface {
	FindPage(ctx context.Context, id uuid.UUID) (storage.Page, error)
	ReplaceContent(ctx context.Context, pageID uuid.UUID, c storage.Page, expect, author, note string) (storage.Page, storage.Revision, error)
}

// errRestoreRace: the draft changed between reading it and restoring.
var errRestoreRace = errors.New("the page changed while it was being restored")

// restoreRevision makes rev the draft of its page, keeping the draft as it
// is now as a revision first (restoreNote), the same step for the command
// line and the window. It returns the new draft, the revision that keeps
// the old one, and changed=false (nothing written) when the draft holds
// rev's content already. Errors: errRestoreRace (wrapping
// storage.ErrConflict) when someone saved in between, or the store's.
func restoreRevision(ctx context.Context, db restoreStore, pageID uuid.UUID, rev storage.Revision, person string) (storage.Page, storage.Revision, bool, error) {
	p, err := db.FindPage(ctx, pageID)
	if err != nil {
		return storage.Page{}, storage.Revision{}, false, fmt.Errorf("read the draft: %w", err)
	}
	if storage.ContentHash(rev.Page) == storage.ContentHash(p) {
		return p, storage.Revision{}, false, nil // and an approval of the draft stands
	}
	got, before, err := db.ReplaceContent(ctx, p.ID, rev.Page, storage.ContentHash(p), person, restoreNote(rev.Number))
	if errors.Is(err, storage.ErrConflict) {
		return storage.Page{}, storage.Revision{}, false, fmt.Errorf("%w: %w", errRestoreRace, err)
	}
	if err != nil {
		return storage.Page{}, storage.Revision{}, false, fmt.Errorf("restore revision %d: %w", rev.Number, err)
	}
	return got, before, true, nil
}

// defaultPerson names who acts when nobody was named: $POLICYEDITOR_USER,
// else the system user.
func defaultPerson() string {
	if u := os.Getenv("POLICYEDITOR_USER"); u != "" {
		return u
	}
	return author()
}
