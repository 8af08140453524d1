//go:build !nogui

package app

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// conflictRecord is mine of section id of page pageID, an edit of version
// base in conflict with their version theirs, as this window records it.
func (w *workbench) conflictRecord(pageID, id uuid.UUID, base, theirs int64, mine storage.Section) conflictRecord {
	return conflictRecord{Page: pageID, Section: id, Base: base, Theirs: theirs,
		Kind: mine.Kind, Heading: mine.Heading, Body: mine.Body, Saved: time.Now().UTC(), Owner: w.id}
}

// writeRecord writes rec, holding first the lock that tells other windows
// this one lives (recovery_owner.go). It runs on the saver's goroutine.
func (w *workbench) writeRecord(rec conflictRecord) error {
	if err := w.recoveryLock.hold(w.recovery, w.id); err != nil {
		return err
	}
	return w.recovery.write(rec)
}

// recordKey is the saver's key of the writes of a section's recovery
// record: a write still waiting is replaced by the newer one.
func recordKey(ref *secRef) string { return "recovery " + ref.key() }

// recordOf is the section whose recovery record s holds, or uuid.Nil.
func recordOf(s *secState) uuid.UUID {
	if !s.recorded {
		return uuid.Nil
	}
	id, _ := s.ref.get()
	return id
}

// queueRecord queues the write of the recovery record of s, a section in
// conflict, with its text as it is now.
func (w *workbench) queueRecord(s *secState) {
	id, base := s.ref.get()
	rec := w.conflictRecord(w.page.ID, id, base, s.theirs.Version, storage.Section{Kind: s.kind, Heading: s.heading, Body: s.body})
	s.recorded = true
	w.saver.enqueue(recordKey(s.ref), func(context.Context) error { return w.writeRecord(rec) })
}

// dropRecord queues the removal of the recovery record of s, if it has
// one, in place of a write of it still waiting.
func (w *workbench) dropRecord(s *secState) {
	id := recordOf(s)
	if id == uuid.Nil {
		return
	}
	s.recorded = false
	pageID := w.page.ID
	w.saver.enqueue(recordKey(s.ref), func(context.Context) error { return w.recovery.remove(pageID, id) })
}

// resumeConflicts brings back the conflicts of p, the page just opened,
// that a window now gone (closed by a crash or a kill) left in the
// recovery records recs (errRecs: the records that could not be read).
// A section in conflict shows mine again, with the choice against the
// version stored now; if nobody saved it since mine was read, mine is just
// saved; if it was deleted, mine is kept as a new section.
func (w *workbench) resumeConflicts(p storage.Page, recs []conflictRecord, errRecs error) {
	if errRecs != nil {
		w.showError(fmt.Errorf("%s: %w", lang.X("recovery.unreadable", "A version kept from before the app closed could not be read"), errRecs))
	}
	stored := map[uuid.UUID]storage.Section{}
	for _, s := range p.Sections {
		stored[s.ID] = s
	}
	for _, r := range recs {
		if !w.opened || w.page.ID != p.ID {
			continue
		}
		w.resume(r, stored[r.Section], w.secByID(r.Section))
	}
}

// resume brings back the conflict of record r, whose section is stored
// as theirs and shown as s (nil: deleted meanwhile).
func (w *workbench) resume(r conflictRecord, theirs storage.Section, s *secState) {
	mine := storage.Section{Kind: r.Kind, Heading: r.Heading, Body: r.Body}
	args := map[string]any{"Heading": r.Heading}
	switch {
	case s == nil:
		w.keepNew(r.Page, uuid.Nil, mine, r.Section, lang.X("recovery.deleted",
			"Your unsaved version of “{{.Heading}}” from before the app closed is back; its section was deleted meanwhile, so it is kept as a new section.", args))
		return
	case theirs.Heading == r.Heading && theirs.Body == r.Body:
		s.recorded = true
		w.dropRecord(s) // the stored version is mine already
		return
	}
	s.kind, s.heading, s.body = mine.Kind, mine.Heading, mine.Body
	s.ref.set(r.Section, r.Base)
	s.recorded = true
	if sectionVersion(theirs) == r.Base {
		// Nobody saved it since mine was read: no choice to make.
		w.queueSave(s)
		w.refill(s)
		w.setMessage(lang.X("recovery.saved", "Your unsaved version of “{{.Heading}}” from before the app closed is back and saved.", args))
		return
	}
	s.theirs = &theirs
	w.queueRecord(s) // the record is this window's now
	w.refill(s)
	w.setMessage(lang.X("recovery.conflict",
		"Your unsaved version of “{{.Heading}}” from before the app closed is back. Someone else saved another version: choose which to keep.", args))
}

func (w *workbench) secByID(id uuid.UUID) *secState {
	for _, s := range w.secs {
		if sid, _ := s.ref.get(); sid == id {
			return s
		}
	}
	return nil
}
