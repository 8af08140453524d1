//go:build !nogui

package app

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/numbering"
)

var sectionKinds = []storage.SectionKind{storage.KindIntro, storage.KindNumbered, storage.KindClosing}

// kindLabels are the section kinds as the kind menu shows them.
func kindLabels() []string {
	return []string{lang.L("Introduction"), lang.L("Numbered section"), lang.L("Closing section")}
}

func kindIndex(k storage.SectionKind) int {
	for i, x := range sectionKinds {
		if x == k {
			return i
		}
	}
	return 1
}

// sectionRow is a row of the section list; it can be dragged up or down
// to move its section.
type sectionRow struct {
	widget.BaseWidget
	w     *workbench
	label *richview.Label
	index int
	dy    float32
}

func (w *workbench) newSectionRow() fyne.CanvasObject {
	r := &sectionRow{w: w, label: richview.NewLabel("")}
	r.ExtendBaseWidget(r)
	return r
}

func (r *sectionRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.label) }

// Dragged accumulates the vertical drag.
func (r *sectionRow) Dragged(e *fyne.DragEvent) { r.dy += e.Dragged.DY }

// DragEnd moves the section by as many rows as it was dragged.
func (r *sectionRow) DragEnd() {
	h := r.Size().Height + r.w.sectionList.Theme().Size("padding")
	steps := 0
	if h > 0 {
		steps = int(r.dy/h + sign(r.dy)*0.5)
	}
	r.dy = 0
	if steps != 0 {
		r.w.moveSection(r.index, r.index+steps)
	}
}

func sign(f float32) float32 {
	if f < 0 {
		return -1
	}
	return 1
}

func (w *workbench) sectionCount() int { return len(w.secs) }

func (w *workbench) updateSectionRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*sectionRow)
	r.index = id
	title := w.sectionTitle(id)
	if title == "" {
		title = lang.L("(no heading)")
	}
	if id < len(w.secs) && w.secs[id].theirs != nil {
		title = lang.X("conflict.row", "{{.Title}} · two versions", map[string]any{"Title": title})
	}
	r.label.SetText(title)
}

// sectionTitle is section i's heading as the page shows it, numbered from
// its kind and position (never from typed text).
func (w *workbench) sectionTitle(i int) string {
	if i < 0 || i >= len(w.secs) {
		return ""
	}
	kinds := make([]storage.Section, i+1)
	for j := range kinds {
		kinds[j].Kind = w.secs[j].kind
	}
	style := w.page.Numbering
	return numbering.Heading(style, numbering.SectionLabel(style, kinds, i), w.secs[i].heading)
}

// refreshSections redraws the list (numbering follows the data) and the preview.
func (w *workbench) refreshSections() {
	w.sectionList.Refresh()
	w.updatePageInfo()
	w.contentChanged()
	w.find.invalidate()
}

// onAddSection inserts an empty numbered section after the selected one
// (before a closing section) and puts the caret in its heading.
func (w *workbench) onAddSection() {
	if !w.opened {
		return
	}
	w.saveNow()
	pos := w.sel + 1
	if w.sel >= 0 && w.secs[w.sel].kind == storage.KindClosing {
		pos = w.sel
	}
	s := &secState{kind: storage.KindNumbered, ref: &secRef{}}
	w.insertSection(pos, s)
	w.selectSection(pos)
	w.focusHeading()
}

// insertSection puts s at pos here and queues its insert in the store.
func (w *workbench) insertSection(pos int, s *secState) {
	pos = max(0, min(pos, len(w.secs)))
	w.secs = append(w.secs, nil)
	copy(w.secs[pos+1:], w.secs[pos:])
	w.secs[pos] = s
	if w.sel >= pos {
		w.sel++
	}
	w.refreshSections()
	kind, heading, body, ref, pageID := s.kind, s.heading, s.body, s.ref, w.page.ID
	w.saver.enqueueEdit("", pageID, func(ctx context.Context) error {
		sec, err := w.db.InsertSection(ctx, pageID, pos, storage.Section{Kind: kind, Heading: heading, Body: body})
		if errors.Is(err, storage.ErrInvalid) { // the page has fewer sections now (changed elsewhere): append
			var p storage.Page
			if p, err = w.db.FindPage(ctx, pageID); err == nil {
				sec, err = w.db.InsertSection(ctx, pageID, len(p.Sections), storage.Section{Kind: kind, Heading: heading, Body: body})
			}
		}
		if errors.Is(err, storage.ErrNotFound) {
			fyne.Do(func() { w.showError(fmt.Errorf("%s: %w", lang.L("The page was deleted elsewhere"), err)) })
			return nil
		}
		if err != nil {
			return err
		}
		ref.set(sec.ID, sectionVersion(sec))
		return nil
	})
}

// onDeleteSection deletes the selected section; Undo in the status line
// brings it back.
func (w *workbench) onDeleteSection() {
	if w.sel < 0 {
		return
	}
	w.saveNow()
	pos, s := w.sel, w.secs[w.sel]
	w.secs = append(w.secs[:pos], w.secs[pos+1:]...)
	w.sel = -1
	w.refreshSections()
	if len(w.secs) > 0 {
		w.selectSection(min(pos, len(w.secs)-1))
	} else {
		w.sectionList.UnselectAll()
		w.showSection(-1)
	}
	ref := s.ref
	w.saver.enqueueEdit("", w.page.ID, func(ctx context.Context) error {
		id, _ := ref.get()
		if err := w.db.DeleteSection(ctx, id); err != nil && !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		return nil
	})
	title := w.titleOf(s, pos)
	pageID := w.page.ID
	w.offerUndo(lang.L("Section “{{.Title}}” deleted", map[string]any{"Title": title}), func() {
		if !w.opened || w.page.ID != pageID {
			return
		}
		back := &secState{kind: s.kind, heading: s.heading, body: s.body, caret: s.caret, ref: &secRef{}}
		w.insertSection(pos, back)
		w.selectSection(min(pos, len(w.secs)-1))
	})
}

func (w *workbench) titleOf(s *secState, pos int) string {
	if s.heading != "" {
		return s.heading
	}
	return fmt.Sprint(pos + 1)
}

func (w *workbench) onMoveUp()   { w.moveSection(w.sel, w.sel-1) }
func (w *workbench) onMoveDown() { w.moveSection(w.sel, w.sel+1) }

// moveSection moves section from to position to; the numbering follows.
func (w *workbench) moveSection(from, to int) {
	if from < 0 || from >= len(w.secs) {
		return
	}
	to = max(0, min(to, len(w.secs)-1))
	if to == from {
		return
	}
	w.saveNow()
	s := w.secs[from]
	w.secs = append(w.secs[:from], w.secs[from+1:]...)
	w.secs = append(w.secs[:to], append([]*secState{s}, w.secs[to:]...)...)
	w.sel = to
	w.refreshSections()
	w.selectSection(to)
	w.queueReorder()
}

// queueReorder writes the section order as it is here.
func (w *workbench) queueReorder() {
	refs := make([]*secRef, len(w.secs))
	for i, s := range w.secs {
		refs[i] = s.ref
	}
	pageID := w.page.ID
	w.saver.enqueueEdit("order "+pageID.String(), pageID, func(ctx context.Context) error {
		order := make([]uuid.UUID, len(refs))
		for i, r := range refs {
			order[i], _ = r.get()
		}
		err := w.db.ReorderSections(ctx, pageID, order)
		if errors.Is(err, storage.ErrInvalid) || errors.Is(err, storage.ErrNotFound) {
			// sections were added or removed elsewhere meanwhile: show the page as stored
			fyne.Do(func() { w.reloadPage(pageID) })
			return nil
		}
		return err
	})
}

func (w *workbench) onKindChosen(label string) {
	if w.settingKind || w.sel < 0 {
		return
	}
	i := w.kind.SelectedIndex()
	if i < 0 || sectionKinds[i] == w.secs[w.sel].kind {
		return
	}
	kind := sectionKinds[i]
	w.secs[w.sel].kind = kind
	w.refreshSections()
	ref := w.secs[w.sel].ref
	pageID := w.page.ID
	w.saver.enqueueEdit("", pageID, func(ctx context.Context) error {
		id, version := ref.get()
		sec, err := w.db.UpdateSection(ctx, id, storage.SectionUpdate{Kind: &kind, IfVersion: version})
		if errors.Is(err, storage.ErrConflict) || errors.Is(err, storage.ErrNotFound) {
			// changed elsewhere meanwhile: show it as stored; the user can choose the kind again
			fyne.Do(func() {
				w.setMessage(lang.L("The section was changed in another window; its kind was not changed."))
				w.reloadPage(pageID)
			})
			return nil
		}
		if err != nil {
			return err
		}
		ref.set(id, sectionVersion(sec))
		return nil
	})
}

// offerUndo shows label with an Undo button in the status line.
func (w *workbench) offerUndo(label string, undo func()) {
	w.lastUndo = &undoAction{label: label, undo: undo}
	w.undoButton.SetText(lang.L("Undo"))
	w.undoButton.Show()
	w.setMessage(label)
}

func (w *workbench) onUndo() {
	u := w.lastUndo
	w.lastUndo = nil
	w.undoButton.Hide()
	if u != nil {
		u.undo()
	}
}
