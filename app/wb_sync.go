//go:build !nogui

package app

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// watchEvery is how often the change counter of a store that cannot wait
// for changes (no storage.ChangeWaiter) is read; watchRetry is the pause
// after a failed wait or read before trying again.
const (
	watchEvery = time.Second
	watchRetry = 500 * time.Millisecond
)

// writeSection saves mine, a section's heading and body, if the stored
// section is still the version this window last saw. If someone else saved
// it meanwhile, nothing is written to the store: mine (with its kind) goes
// to the section's recovery record, then the window is told
// (onSectionConflict) and asks the user which version to keep; if the
// record cannot be written the error is returned and the saver tries again.
// If it was deleted elsewhere, this window's text is saved as a new
// section where it was, and the user is told. Once mine is stored, the
// recovery record of section record (uuid.Nil: none) is removed: the
// conflict it held is resolved (if the page itself was deleted, the record
// stays, to come back with the page). It runs on the saver's goroutine.
func (w *workbench) writeSection(ctx context.Context, pageID uuid.UUID, ref *secRef, mine storage.Section, record uuid.UUID) error {
	id, version := ref.get()
	sec, err := w.db.UpdateSection(ctx, id, sectionUpdate(mine.Heading, mine.Body, version))
	var conflict *storage.SectionConflict
	switch {
	case err == nil:
		ref.set(id, sectionVersion(sec))
	case errors.As(err, &conflict):
		theirs := conflict.Theirs
		rec := w.conflictRecord(pageID, id, version, sectionVersion(theirs), mine)
		if err := w.writeRecord(rec); err != nil {
			return err
		}
		fyne.Do(func() { w.onSectionConflict(pageID, ref, theirs, mine.Heading, mine.Body) })
		return nil
	case errors.Is(err, storage.ErrNotFound):
		var kept bool
		if kept, err = w.reinsertSection(ctx, pageID, ref, mine.Heading, mine.Body); !kept {
			return err
		}
	}
	if err == nil && record != uuid.Nil {
		err = w.recovery.remove(pageID, record)
	}
	return err
}

// reinsertSection saves heading and body as a new section at the end of
// the page (before its closing section): ref's section was deleted by
// someone else while it was edited here. It reports false if the page was
// deleted too (see insertKept).
func (w *workbench) reinsertSection(ctx context.Context, pageID uuid.UUID, ref *secRef, heading, body string) (bool, error) {
	done := lang.X("conflict.deleted", "Someone else deleted “{{.Heading}}” while you were editing it; your text is kept as a new section.",
		map[string]any{"Heading": heading})
	sec, ok, err := w.insertKept(ctx, pageID, uuid.Nil, storage.Section{Kind: storage.KindNumbered, Heading: heading, Body: body}, done)
	if ok {
		ref.set(sec.ID, sectionVersion(sec))
	}
	return ok, err
}

// changeWatcher follows a store's change counter from its own goroutine
// and reports every new value: through WaitDataChanged when the store can
// wait (PostgreSQL's LISTEN/NOTIFY, SQLite's commit signal and short
// poll), else by reading it every watchEvery. A failing store (a server
// restarting, a network down) is tried again every watchRetry, so the
// window follows the store again once it answers.
type changeWatcher struct {
	db interface {
		DataChanged(context.Context) (int64, error)
	}
	report func(int64) // called on the watcher's goroutine
}

// run reports the counter as it is now, then every change, until ctx ends.
func (c *changeWatcher) run(ctx context.Context) {
	since := int64(-1) // no value yet: the first one read is reported
	for ctx.Err() == nil {
		v, err := c.next(ctx, since)
		if err != nil {
			select {
			case <-ctx.Done():
			case <-time.After(watchRetry):
			}
			continue
		}
		since = v
		c.report(v)
	}
}

// next returns the first value of the counter other than since.
func (c *changeWatcher) next(ctx context.Context, since int64) (int64, error) {
	if cw, ok := c.db.(storage.ChangeWaiter); ok {
		return cw.WaitDataChanged(ctx, since)
	}
	for {
		v, err := c.db.DataChanged(ctx)
		if err != nil || v != since {
			return v, err
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(watchEvery):
		}
	}
}

// watchChanges starts following the store for what other windows,
// processes and people change, until the window closes; report gets each
// new value of the change counter on the watcher's goroutine (the app
// passes reportChange). It returns a channel closed once the watcher has
// stopped.
func (w *workbench) watchChanges(report func(int64)) <-chan struct{} {
	ctx, cancel := context.WithCancel(w.ctx)
	done := make(chan struct{})
	w.win.SetOnClosed(cancel)
	c := &changeWatcher{db: w.db, report: report}
	go func() {
		defer close(done)
		c.run(ctx)
	}()
	return done
}

// reportChange hands a new value of the change counter to the UI goroutine.
func (w *workbench) reportChange(n int64) { fyne.Do(func() { w.onStoreChanged(n) }) }

// onStoreChanged takes in what changed in the store (the counter is now
// n): the open page, if any, is read again and merged, and the page list. While
// edits of this window are still being written it waits for them
// (catchUp runs it again once the saver is idle).
func (w *workbench) onStoreChanged(n int64) {
	w.seen = n
	if n == w.changes || w.busyEditing() {
		return
	}
	w.changes = n
	if w.opened {
		w.reloadPage(w.page.ID) // and its comments
	}
	w.refreshPageList() // pages others created, renamed or deleted, whether one is open here or not
}

// catchUp takes in the last change the watcher reported if it had to wait
// for this window's edits. It runs when the saver becomes idle.
func (w *workbench) catchUp() {
	if w.seen != w.changes {
		w.onStoreChanged(w.seen)
	}
}

// busyEditing reports edits not yet written; merging the stored page must
// wait for them.
func (w *workbench) busyEditing() bool {
	if w.saveState.Pending > 0 {
		return true
	}
	for _, s := range w.secs {
		if s.dirty {
			return true
		}
	}
	return false
}

// refreshPageList reads the page list again, keeping the open page.
func (w *workbench) refreshPageList() {
	w.background(func() {
		pages, err := w.db.FindPages(w.ctx, storage.PageFilter{})
		if err != nil {
			return
		}
		fyne.Do(func() {
			w.pages = pages
			w.filterPages(w.search.Text())
			w.pageList.Refresh()
		})
	})
}

// reloadPage reads the open page again and merges it: sections changed
// elsewhere and not edited here take the stored text; the section being
// edited keeps its caret.
func (w *workbench) reloadPage(pageID uuid.UUID) {
	w.background(func() {
		p, err := w.db.FindPage(w.ctx, pageID)
		fyne.Do(func() {
			if !w.opened || w.page.ID != pageID {
				return
			}
			if errors.Is(err, storage.ErrNotFound) {
				w.loadPages(uuid.Nil)
				return
			}
			if err != nil {
				w.showError(err)
				return
			}
			w.mergePage(p)
		})
	})
	w.loadComments()
}

// mergePage takes the stored page p as the open page, keeping the state
// (and unsaved text) of the sections it still has.
func (w *workbench) mergePage(p storage.Page) {
	byID := map[uuid.UUID]*secState{}
	for _, s := range w.secs {
		if id, _ := s.ref.get(); id != uuid.Nil {
			byID[id] = s
		}
	}
	var selState *secState
	if w.sel >= 0 && w.sel < len(w.secs) {
		selState = w.secs[w.sel]
	}
	w.keepCaret()
	changed := !sameSettings(w.page, p) || len(p.Sections) != len(w.secs)
	selChanged := false
	secs := make([]*secState, 0, len(p.Sections))
	for i, stored := range p.Sections {
		s, ok := byID[stored.ID]
		switch {
		case !ok:
			s = newSecState(stored)
		case s.theirs != nil:
			if s.theirs.Version != stored.Version {
				theirs := stored // a newer version of theirs: the choice is about it now
				s.theirs = &theirs
			}
		case !s.dirty && s.storedVersion() != sectionVersion(stored):
			s.heading, s.body, s.kind = stored.Heading, stored.Body, stored.Kind
			s.ref.set(stored.ID, sectionVersion(stored))
			changed = true
			selChanged = selChanged || s == selState
		}
		delete(byID, stored.ID)
		changed = changed || i >= len(w.secs) || w.secs[i] != s
		secs = append(secs, s)
	}
	for _, gone := range byID {
		if gone.theirs != nil { // deleted elsewhere while the choice waited: mine stays
			w.keepAsNewSection(p.ID, uuid.Nil, storage.Section{Kind: gone.kind, Heading: gone.heading, Body: gone.body}, recordOf(gone))
			gone.theirs, gone.recorded = nil, false
		}
	}
	if !changed {
		return // our own writes coming back: leave the editors alone (their undo history too)
	}
	p.Sections = nil
	w.page = p
	w.secs = secs
	w.arrange(p.Dir != storage.LTR)
	sel := -1
	for i, s := range secs {
		if s == selState {
			sel = i
		}
	}
	w.refreshSections()
	switch {
	case sel >= 0 && !selChanged:
		w.sel = sel // same section, moved or not: the editors keep their text, caret and undo
		w.sectionList.Select(sel)
	case len(secs) > 0:
		sel = max(sel, 0)
		w.sel = -1
		w.showSection(sel)
		w.sectionList.Select(sel)
	default:
		w.sel = -1
		w.sectionList.UnselectAll()
		w.showSection(-1)
	}
	w.updatePageInfo()
}

// storedVersion is the version of the stored section this state was
// last read from or saved as.
func (s *secState) storedVersion() int64 {
	_, v := s.ref.get()
	return v
}

// sameSettings reports whether a and b have the same page settings.
func sameSettings(a, b storage.Page) bool {
	return a.Slug == b.Slug && a.Title == b.Title && a.Lang == b.Lang && a.Dir == b.Dir && a.Numbering == b.Numbering &&
		a.DateStyle == b.DateStyle && a.LastUpdated.Equal(b.LastUpdated) && a.Status == b.Status
}
