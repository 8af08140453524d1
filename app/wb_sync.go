//go:build !nogui

package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// watchEvery is how often the store's change counter is read to notice
// edits made by another window or process.
const watchEvery = time.Second

// writeSection saves a section's heading and body if the stored section is
// still the version this window last saw. If another window or process
// changed it meanwhile, or deleted it, nothing is overwritten: this
// window's text is saved as a new section after it, and the user is told.
// It runs on the saver's goroutine.
func (w *workbench) writeSection(ctx context.Context, pageID uuid.UUID, ref *secRef, heading, body string) error {
	id, version := ref.get()
	sec, err := w.db.UpdateSection(ctx, id, sectionUpdate(heading, body, version))
	if err == nil {
		ref.set(id, sectionVersion(sec))
		return nil
	}
	if !errors.Is(err, storage.ErrConflict) && !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	p, ferr := w.db.FindPage(ctx, pageID)
	if ferr != nil {
		if errors.Is(ferr, storage.ErrNotFound) {
			fyne.Do(func() { w.showError(fmt.Errorf("%s: %w", lang.L("The page was deleted elsewhere"), ferr)) })
			return nil
		}
		return ferr
	}
	pos, kind := len(p.Sections), storage.KindNumbered
	for _, s := range p.Sections {
		if s.ID == id {
			pos, kind = s.Position+1, s.Kind
		}
	}
	if kind == storage.KindClosing {
		kind = storage.KindNumbered
	}
	copySec, err := w.db.InsertSection(ctx, pageID, pos, storage.Section{Kind: kind, Heading: heading, Body: body})
	if err != nil {
		return err
	}
	ref.set(copySec.ID, sectionVersion(copySec))
	fyne.Do(func() { w.onConflict(pageID, heading) })
	return nil
}

// onConflict tells the user that both versions of a section were kept.
func (w *workbench) onConflict(pageID uuid.UUID, heading string) {
	w.reloadPage(pageID)
	dialog.ShowInformation(lang.L("Section changed elsewhere"),
		lang.L("This section was changed in another window while you were editing it. Nothing was lost: your version is kept as a new section right after the other one. Compare them and delete the one you do not want."),
		w.win)
}

// watchChanges polls the store's change counter and reloads what another
// window or process changed.
func (w *workbench) watchChanges() {
	go func() {
		t := time.NewTicker(watchEvery)
		defer t.Stop()
		for {
			select {
			case <-w.ctx.Done():
				return
			case <-t.C:
			}
			n, err := w.db.DataChanged(w.ctx)
			if err != nil {
				continue
			}
			fyne.Do(func() { w.onStoreChanged(n) })
		}
	}()
}

func (w *workbench) onStoreChanged(n int64) {
	if n == w.changes || !w.opened {
		return
	}
	if w.busyEditing() {
		return // look again at the next tick
	}
	w.changes = n
	w.reloadPage(w.page.ID)
	w.refreshPageList()
	w.loadComments()
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
		if !ok {
			s = newSecState(stored)
		} else if _, v := s.ref.get(); !s.dirty && v != sectionVersion(stored) {
			s.heading, s.body, s.kind = stored.Heading, stored.Body, stored.Kind
			s.ref.set(stored.ID, sectionVersion(stored))
			changed = true
			selChanged = selChanged || s == selState
		}
		changed = changed || i >= len(w.secs) || w.secs[i] != s
		secs = append(secs, s)
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

// sameSettings reports whether a and b have the same page settings.
func sameSettings(a, b storage.Page) bool {
	return a.Slug == b.Slug && a.Title == b.Title && a.Lang == b.Lang && a.Dir == b.Dir && a.Numbering == b.Numbering &&
		a.DateStyle == b.DateStyle && a.LastUpdated.Equal(b.LastUpdated) && a.Status == b.Status
}
