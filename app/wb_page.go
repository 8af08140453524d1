//go:build !nogui

package app

import (
	"context"
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// secRef is a section's identity in the store: its id (set once its insert
// has run) and the version this window last read or wrote. The saver's
// goroutine writes it, so it has its own lock.
type secRef struct {
	mu      sync.Mutex
	id      uuid.UUID
	version int64
}

func (r *secRef) get() (uuid.UUID, int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.id, r.version
}

func (r *secRef) set(id uuid.UUID, version int64) {
	r.mu.Lock()
	r.id, r.version = id, version
	r.mu.Unlock()
}

func (r *secRef) key() string { return fmt.Sprintf("section %p", r) }

func newSecState(s storage.Section) *secState {
	return &secState{kind: s.Kind, heading: s.Heading, body: s.Body, ref: &secRef{id: s.ID, version: sectionVersion(s)}}
}

// openPage shows p: its sections in the list, the first (or the restored)
// section in the editor, and its preview; the layout mirrors to its
// direction.
func (w *workbench) openPage(p storage.Page) {
	w.keepUnresolved()
	w.page = p
	w.opened = true
	w.openComments = 0
	w.secs = w.secs[:0]
	for _, s := range p.Sections {
		w.secs = append(w.secs, newSecState(s))
	}
	w.page.Sections = nil
	w.sel = -1
	w.arrange(p.Dir != storage.LTR)
	w.sectionList.UnselectAll()
	w.sectionList.Refresh()
	w.updatePageInfo()
	sel, caret, inHeading := 0, 0, false
	if r := w.restoring; r != nil && r.page == p.ID {
		sel, caret, inHeading = r.sectionIndex(w.secs), r.caret, r.inHeading
		y := r.scroll
		w.prev.restoreY = &y
	}
	w.restoring = nil
	if len(w.secs) > 0 {
		w.secs[sel].caret = caret
		w.selectSection(sel)
		if inHeading {
			w.focusHeading()
			w.heading.SetCaretOffset(caret)
		} else {
			w.focusBody()
		}
	} else {
		w.showSection(-1)
	}
	w.contentChanged()
	w.loadComments()
	w.savePlace()
}

// closePage empties the window when there is no page to show.
func (w *workbench) closePage() {
	w.opened = false
	w.page = storage.Page{}
	w.secs = nil
	w.showSection(-1)
	w.sectionList.Refresh()
	w.updatePageInfo()
	w.contentChanged()
	w.loadComments()
}

func (w *workbench) updatePageInfo() {
	if !w.opened {
		w.pageInfo.SetText(lang.L("No page"))
		return
	}
	info := lang.L("{{.Slug}} · {{.Count}} sections", map[string]any{"Slug": w.page.Slug, "Count": len(w.secs)})
	info += " · " + statusText(w.page.Status)
	if w.openComments > 0 {
		info += " · " + lang.X("workbench.comments.open", "open comments: {{.Count}}", map[string]any{"Count": w.openComments})
	}
	w.pageInfo.SetText(info)
}

// currentPage is the open page as edited here, with its sections.
func (w *workbench) currentPage() storage.Page {
	p := w.page
	p.Sections = make([]storage.Section, len(w.secs))
	for i, s := range w.secs {
		id, _ := s.ref.get()
		p.Sections[i] = storage.Section{ID: id, PageID: p.ID, Position: i, Kind: s.kind, Heading: s.heading, Body: s.body}
	}
	p.SectionCount = len(w.secs)
	return p
}

// showSection puts section i (or nothing, for -1) into the editors.
func (w *workbench) showSection(i int) {
	w.keepCaret()
	w.sel = i
	w.settingKind = true
	if i < 0 || i >= len(w.secs) {
		w.sel = -1
		w.heading.SetText("")
		w.body.SetText("")
		w.heading.SetReadOnly(true)
		w.body.SetReadOnly(true)
		w.kind.ClearSelected()
		for _, d := range w.sectionTool {
			d.Disable()
		}
	} else {
		s := w.secs[i]
		caret := s.caret
		w.filling = true // the editors report the caret moving while they are filled
		w.heading.SetReadOnly(false)
		w.body.SetReadOnly(false)
		w.heading.SetText(s.heading)
		w.body.SetText(s.body)
		w.body.SetCaretOffset(caret)
		w.filling = false
		w.kind.SetSelectedIndex(kindIndex(s.kind))
		for _, d := range w.sectionTool {
			d.Enable()
		}
	}
	w.settingKind = false
	w.checks.markEditors()
	w.showComments()
	w.conflicts.update()
	w.prev.follow()
}

// keepCaret remembers the body caret of the section being left.
func (w *workbench) keepCaret() {
	if w.sel >= 0 && w.sel < len(w.secs) {
		w.secs[w.sel].caret = w.body.CaretOffset()
	}
}

// selectSection shows section i in the editors (saving the one left) and
// selects its row.
func (w *workbench) selectSection(i int) {
	if i < 0 || i >= len(w.secs) {
		return
	}
	if i != w.sel {
		w.saveNow()
		w.showSection(i)
		w.savePlace()
	}
	w.sectionList.Select(i)
}

func (w *workbench) onSectionSelected(id int) {
	if id == w.sel {
		return
	}
	w.saveNow()
	w.showSection(id)
	w.savePlace()
}

func (w *workbench) onHeadingChanged(text string) {
	if w.sel < 0 || w.filling {
		return
	}
	w.secs[w.sel].heading = text
	w.edited()
	w.sectionList.RefreshItem(w.sel)
}

func (w *workbench) onBodyChanged(text string) {
	if w.sel < 0 || w.filling {
		return
	}
	w.secs[w.sel].body = text
	w.edited()
}

// edited marks the selected section for saving once typing pauses and
// refreshes the preview.
func (w *workbench) edited() {
	w.secs[w.sel].dirty = true
	w.scheduleSave()
	w.contentChanged()
	w.find.invalidate()
}

func (w *workbench) onCaretMoved(int) {
	if w.filling {
		return
	}
	w.keepCaret()
	w.prev.follow()
	w.scheduleSave()
}

// scheduleSave (re)starts the idle timer: the edit is saved, and the place
// remembered, once typing has paused for idleSave.
func (w *workbench) scheduleSave() {
	if w.saveTimer != nil {
		w.saveTimer()
	}
	w.saveTimer = w.after(idleSave, w.saveNow)
}

// saveNow queues the save of every edited section and remembers where the
// user is. It is called when typing pauses, on section and page switch, on
// focus loss and on quit.
func (w *workbench) saveNow() {
	if w.saveTimer != nil {
		w.saveTimer()
		w.saveTimer = nil
	}
	for _, s := range w.secs {
		if s.dirty {
			w.queueSave(s)
		}
	}
	if w.opened {
		w.savePlace()
	}
}

// queueSave queues the write of s's heading and body as they are now.
// While s waits for the choice between two versions only its recovery
// record is written; the first save after the choice removes it.
func (w *workbench) queueSave(s *secState) {
	s.dirty = false
	if s.theirs != nil {
		w.queueRecord(s)
		return
	}
	mine := storage.Section{Kind: s.kind, Heading: s.heading, Body: s.body}
	ref, pageID, record := s.ref, w.page.ID, uuid.Nil
	if s.recorded {
		record, _ = ref.get()
		s.recorded = false
	}
	w.saver.enqueueEdit(ref.key(), pageID, func(ctx context.Context) error {
		return w.writeSection(ctx, pageID, ref, mine, record)
	})
}

func (w *workbench) onUndoEdit() {
	if w.isFocused(w.heading) {
		w.heading.Undo()
		return
	}
	w.body.Undo()
}

func (w *workbench) onRedoEdit() {
	if w.isFocused(w.heading) {
		w.heading.Redo()
		return
	}
	w.body.Redo()
}

func (w *workbench) isFocused(o fyne.CanvasObject) bool {
	f, ok := w.win.Canvas().Focused().(fyne.CanvasObject)
	return ok && f == o
}

// onSaveState shows the saver's state in the status line.
func (w *workbench) onSaveState(st saveState) {
	w.saveState = st
	switch {
	case st.Err != nil:
		w.status.SetText(lang.L("Not saved: {{.Reason}}. Retrying…", map[string]any{"Reason": describe(st.Err)}))
	case st.Pending > 0:
		w.status.SetText(lang.L("Saving…"))
	default:
		w.status.SetText(lang.L("Saved"))
		w.catchUp()
	}
}
