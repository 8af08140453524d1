package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// The rules both stores apply before they write, kept here once so the
// two cannot drift apart.

// PreparePublication fills what a new publication gets before it is
// stored: At (now when zero, in UTC), an empty Body for none, and Hash
// (the SHA-256 of Body); a Hash given that is not the body's is
// ErrInvalid.
func PreparePublication(np Publication, now time.Time) (Publication, error) {
	if np.At.IsZero() {
		np.At = now
	}
	np.At = np.At.UTC()
	if np.Body == nil {
		np.Body = []byte{}
	}
	sum := sha256.Sum256(np.Body)
	if hash := hex.EncodeToString(sum[:]); np.Hash == "" {
		np.Hash = hash
	} else if np.Hash != hash {
		return np, fmt.Errorf("create publication: hash %s is not the SHA-256 of the body: %w", np.Hash, ErrInvalid)
	}
	return np, nil
}

// IntentRecords checks the intents BeginPublications is given and returns
// the record text to store for each (EncodeIntentRecord): every intent
// needs a Publication, which prepare completes (PreparePublication and
// the store's own precision), whose hash must be the intent's Hash.
// Errors: ErrInvalid.
func IntentRecords(intents []PendingPublication, prepare func(Publication) (Publication, error)) ([]string, error) {
	records := make([]string, len(intents))
	for i, in := range intents {
		if in.Record.Publication == nil {
			return nil, fmt.Errorf("begin publication: intent %d has no publication: %w", i, ErrInvalid)
		}
		pub, err := prepare(*in.Record.Publication)
		if err != nil {
			return nil, fmt.Errorf("begin publication: %w", err)
		}
		if pub.Hash != in.Hash {
			return nil, fmt.Errorf("begin publication: hash %s is not the body's: %w", in.Hash, ErrInvalid)
		}
		rec := in.Record
		rec.Publication = &pub
		if records[i], err = EncodeIntentRecord(rec); err != nil {
			return nil, fmt.Errorf("begin publication: %w", err)
		}
	}
	return records, nil
}

// CheckPermutation returns ErrInvalid unless order holds each id of
// current exactly once (ReorderSections).
func CheckPermutation(current []Section, order []uuid.UUID) error {
	if len(order) != len(current) {
		return fmt.Errorf("%d ids given, the page has %d sections: %w", len(order), len(current), ErrInvalid)
	}
	left := make(map[uuid.UUID]bool, len(current))
	for _, s := range current {
		left[s.ID] = true
	}
	for _, id := range order {
		if !left[id] {
			return fmt.Errorf("section %s: repeated or not in this page: %w", id, ErrInvalid)
		}
		delete(left, id)
	}
	return nil
}

// KeptSections returns the ids of current that next (a page's new
// content, ReplaceContent) keeps; the other sections of next are new. An
// id that next holds twice is ErrInvalid.
func KeptSections(current, next []Section) (map[uuid.UUID]bool, error) {
	have := make(map[uuid.UUID]bool, len(current))
	for _, s := range current {
		have[s.ID] = true
	}
	keep := map[uuid.UUID]bool{}
	for _, s := range next {
		if have[s.ID] {
			if keep[s.ID] {
				return nil, fmt.Errorf("section %s twice: %w", s.ID, ErrInvalid)
			}
			keep[s.ID] = true
		}
	}
	return keep, nil
}

// AttachSections gives each of pages its sections from secs (which keep
// their order) and the count of them; a page without any gets none (nil,
// as FindPage returns it). A section of a page not in pages is ignored.
func AttachSections(pages []Page, secs []Section) {
	at := make(map[uuid.UUID]int, len(pages))
	for i := range pages {
		pages[i].Sections = nil
		at[pages[i].ID] = i
	}
	for _, s := range secs {
		if i, ok := at[s.PageID]; ok {
			pages[i].Sections = append(pages[i].Sections, s)
		}
	}
	for i := range pages {
		pages[i].SectionCount = len(pages[i].Sections)
	}
}

// PagesInOrder sets out[i] to the page of found whose ID is ids[i], the
// zero Page where none is (FindPagesByID).
func PagesInOrder(ids []uuid.UUID, found, out []Page) {
	byID := make(map[uuid.UUID]Page, len(found))
	for _, p := range found {
		byID[p.ID] = p
	}
	for i, id := range ids {
		out[i] = byID[id]
	}
}
