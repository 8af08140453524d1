//go:build !nogui

package app

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/publish/diff"
	"github.com/qalam/policyeditor/storage"
)

// A save of a section whose stored version someone else has replaced
// since this window read it is a conflict. Nothing is written: the window
// keeps its text (mine) and theirs, marks the section and shows the
// conflict bar above the editor until the user chooses:
//   - keep mine: this window's text is saved over theirs, explicitly, as a
//     change of the version they saved (a third person's newer save is a
//     new conflict);
//   - take theirs: the section shows their text; mine stays one Undo away;
//   - see both: the two versions side by side with the word diff, and the
//     same two choices.
// Keeping mine offers Undo too (their text back), so neither choice loses
// a version without a way back. While the choice waits, typing in the
// section goes on and is kept here, not saved to the store: mine goes to
// the section's recovery record instead (recovery.go), so a crash does not
// lose it and the next window resumes the choice (wb_resume.go); closing
// the window waits for the choice, and leaving the page keeps mine as a
// new section after theirs (the old behaviour, which loses nothing).

// conflictBar is the strip above the editor that offers the choice for
// one section in conflict: the selected one if it is, else the first.
type conflictBar struct {
	w    *workbench
	root *fyne.Container
	text *richview.Label
	sec  *secState // the section the bar is about, nil when hidden

	keep, take, both *widget.Button
	// The open "see both" dialog and its choices (tests tap them).
	dlg              dialog.Dialog
	dlgKeep, dlgTake *widget.Button
	sides            [2]*richview.View // theirs, mine
}

func newConflictBar(w *workbench) *conflictBar {
	b := &conflictBar{w: w, text: richview.NewBoldLabel("")}
	b.keep = widget.NewButton(lang.X("conflict.keepMine", "Keep mine"), b.onKeepMine)
	b.take = widget.NewButton(lang.X("conflict.takeTheirs", "Take theirs"), b.onTakeTheirs)
	b.both = widget.NewButton(lang.X("conflict.seeBoth", "See both"), b.onSeeBoth)
	b.keep.Importance = widget.HighImportance
	// A line (cut short if it must be, so the editor keeps its width),
	// then the choices at the end edge, in the UI's reading order.
	b.root = container.NewVBox(b.text, buttonBar(b.both, b.take, b.keep), widget.NewSeparator())
	b.root.Hide()
	return b
}

func (b *conflictBar) content() fyne.CanvasObject { return b.root }

// update shows the bar for the selected section if it is in conflict,
// else for the first one that is, or hides it.
func (b *conflictBar) update() {
	w := b.w
	b.sec = nil
	if w.sel >= 0 && w.sel < len(w.secs) && w.secs[w.sel].theirs != nil {
		b.sec = w.secs[w.sel]
	} else {
		for _, s := range w.secs {
			if s.theirs != nil {
				b.sec = s
				break
			}
		}
	}
	if b.sec == nil {
		b.root.Hide()
		return
	}
	b.text.SetText(lang.X("conflict.bar", "Two versions of “{{.Heading}}”: choose one.", map[string]any{"Heading": sectionName(b.sec)}))
	b.root.Show()
}

func (b *conflictBar) onKeepMine() {
	if b.sec != nil {
		b.w.keepMine(b.sec)
	}
}

func (b *conflictBar) onTakeTheirs() {
	if b.sec != nil {
		b.w.takeTheirs(b.sec)
	}
}

func (b *conflictBar) onSeeBoth() {
	if b.sec != nil {
		b.w.seeBoth(b.sec)
	}
}

// sectionName is how a message names a section: its heading, or "(no
// heading)".
func sectionName(s *secState) string {
	if s.heading == "" {
		return lang.L("(no heading)")
	}
	return s.heading
}

// onSectionConflict takes in, on the UI goroutine, that the save of ref's
// section (heading, body) met theirs, a newer stored version.
func (w *workbench) onSectionConflict(pageID uuid.UUID, ref *secRef, theirs storage.Section, heading, body string) {
	s := w.secByRef(ref)
	if s == nil || !w.opened || w.page.ID != pageID {
		// The section is no longer open here: keep the text that was
		// being saved beside theirs rather than ask about a hidden page.
		w.keepAsNewSection(pageID, theirs.ID, storage.Section{Kind: theirs.Kind, Heading: heading, Body: body}, theirs.ID)
		return
	}
	s.theirs = &theirs
	s.recorded = true // writeSection wrote mine to the recovery record
	s.dirty = false
	w.conflicts.update()
	w.sectionList.Refresh()
	w.setMessage(lang.X("conflict.found",
		"Someone else saved “{{.Heading}}” while you were editing it. Nothing is saved over their version until you choose.",
		map[string]any{"Heading": sectionName(s)}))
}

func (w *workbench) secByRef(ref *secRef) *secState {
	for _, s := range w.secs {
		if s.ref == ref {
			return s
		}
	}
	return nil
}

// inConflict reports whether a section of the open page waits for the
// choice between two versions.
func (w *workbench) inConflict() bool {
	for _, s := range w.secs {
		if s.theirs != nil {
			return true
		}
	}
	return false
}

// keepMine saves this window's text of s over theirs: a write from their
// version, so a newer save by a third person is a conflict again. Undo
// puts their text back.
func (w *workbench) keepMine(s *secState) {
	theirs := *s.theirs
	s.theirs = nil
	s.ref.set(theirs.ID, theirs.Version)
	w.queueSave(s) // and then removes the recovery record
	w.conflicts.update()
	w.sectionList.Refresh()
	w.offerUndo(lang.X("conflict.keptMine", "Your version of “{{.Heading}}” is saved over theirs.", map[string]any{"Heading": sectionName(s)}),
		func() { w.replaceText(s, theirs.Heading, theirs.Body) })
}

// takeTheirs shows their text of s and drops this window's; Undo puts it
// back (and saves it).
func (w *workbench) takeTheirs(s *secState) {
	theirs := *s.theirs
	mineHeading, mineBody := s.heading, s.body
	w.dropRecord(s)
	s.theirs = nil
	s.dirty = false
	s.heading, s.body, s.kind = theirs.Heading, theirs.Body, theirs.Kind
	s.ref.set(theirs.ID, theirs.Version)
	w.refill(s)
	w.offerUndo(lang.X("conflict.tookTheirs", "Their version of “{{.Heading}}” is kept; yours is one Undo away.", map[string]any{"Heading": sectionName(s)}),
		func() { w.replaceText(s, mineHeading, mineBody) })
	w.reloadPage(w.page.ID) // what they saved since the conflict
}

// replaceText sets s's heading and body (an Undo of a choice) and saves
// them.
func (w *workbench) replaceText(s *secState, heading, body string) {
	if w.secByRef(s.ref) == nil {
		return // the section or its page is gone from the window
	}
	s.heading, s.body = heading, body
	w.refill(s)
	w.queueSave(s)
}

// refill redraws what shows s: the bar, the list and, if s is selected,
// the editors and the preview.
func (w *workbench) refill(s *secState) {
	w.conflicts.update()
	w.sectionList.Refresh()
	if w.sel >= 0 && w.sel < len(w.secs) && w.secs[w.sel] == s {
		s.caret = min(s.caret, len([]rune(s.body)))
		sel := w.sel
		w.sel = -1
		w.showSection(sel)
	}
	w.prev.refresh()
}

// keepUnresolved is called before the open page is replaced: a section
// still in conflict keeps this window's text as a new section right after
// theirs, so leaving the page loses neither version.
func (w *workbench) keepUnresolved() {
	for _, s := range w.secs {
		if s.theirs == nil {
			continue
		}
		w.keepAsNewSection(w.page.ID, s.theirs.ID, storage.Section{Kind: s.kind, Heading: s.heading, Body: s.body}, recordOf(s))
		s.theirs, s.recorded = nil, false
	}
	w.conflicts.update()
}

// keepAsNewSection queues the insert of mine as a new section right after
// the section after (or at the end of the page if it is gone) and tells
// the user; then the recovery record of section record (uuid.Nil: none)
// is removed.
func (w *workbench) keepAsNewSection(pageID, after uuid.UUID, mine storage.Section, record uuid.UUID) {
	done := lang.X("conflict.keptBoth", "Your version of “{{.Heading}}” is kept as a new section right after theirs.",
		map[string]any{"Heading": mine.Heading})
	w.keepNew(pageID, after, mine, record, done)
}

// keepNew is keepAsNewSection with the message done. A failed removal of
// the record is retried without inserting mine again; if the page itself
// was deleted, the record stays (it comes back with the page).
func (w *workbench) keepNew(pageID, after uuid.UUID, mine storage.Section, record uuid.UUID, done string) {
	inserted := false
	w.saver.enqueue("", func(ctx context.Context) error {
		if !inserted {
			_, ok, err := w.insertKept(ctx, pageID, after, mine, done)
			if err != nil || !ok {
				return err
			}
			inserted = true
		}
		if record == uuid.Nil {
			return nil
		}
		return w.recovery.remove(pageID, record)
	})
}

// insertKept stores mine, text of this window that must not be lost, as a
// new section of the page right after the section after, or (after gone
// or uuid.Nil) at the end of the page before its closing section; then
// the page is read again and done is shown. It reports false if the page
// itself was deleted meanwhile (the user is told; there is nowhere to
// keep it). It runs on the saver's goroutine.
func (w *workbench) insertKept(ctx context.Context, pageID, after uuid.UUID, mine storage.Section, done string) (storage.Section, bool, error) {
	p, err := w.db.FindPage(ctx, pageID)
	if errors.Is(err, storage.ErrNotFound) {
		fyne.Do(func() { w.showError(fmt.Errorf("%s: %w", lang.L("The page was deleted elsewhere"), err)) })
		return storage.Section{}, false, nil
	}
	if err != nil {
		return storage.Section{}, false, err
	}
	pos := len(p.Sections)
	if pos > 0 && p.Sections[pos-1].Kind == storage.KindClosing {
		pos-- // the closing section stays last
	}
	for _, s := range p.Sections {
		if s.ID == after {
			pos = s.Position + 1
		}
	}
	if mine.Kind == storage.KindClosing {
		mine.Kind = storage.KindNumbered
	}
	sec, err := w.db.InsertSection(ctx, pageID, pos, mine)
	if err != nil {
		return storage.Section{}, false, err
	}
	fyne.Do(func() {
		w.reloadPage(pageID)
		w.setMessage(done)
	})
	return sec, true, nil
}

// seeBoth shows their version and this window's side by side, each with
// the words the other lacks marked (theirs struck through, mine in bold),
// with the two choices.
func (w *workbench) seeBoth(s *secState) {
	theirs := *s.theirs
	dir := storage.PageDir(w.page)
	headOps, bodyOps := diff.Words(theirs.Heading, s.heading), diff.Words(theirs.Body, s.body)
	b := w.conflicts
	column := func(side int, title string, keep diff.Kind) fyne.CanvasObject {
		b.sides[side] = richview.NewView()
		b.sides[side].SetDoc(sideDoc(headOps, bodyOps, keep, dir))
		return container.NewBorder(newBoldUIText(title), nil, nil, nil, container.NewVScroll(b.sides[side]))
	}
	cols := container.NewGridWithColumns(2, inReadingOrder([]fyne.CanvasObject{
		column(0, lang.X("conflict.theirs", "Their version (saved)"), diff.Delete),
		column(1, lang.X("conflict.mine", "Your version (this window)"), diff.Insert),
	})...)
	var d dialog.Dialog
	choose := func(f func(*secState)) func() {
		return func() {
			d.Hide()
			switch {
			case s.theirs == nil || w.secByRef(s.ref) == nil:
				// chosen meanwhile (the bar), or the section is gone
			case s.theirs.Version != theirs.Version:
				// They saved again while the dialog was open: show that
				// version before anything is chosen about it.
				w.setMessage(lang.X("conflict.again", "They saved “{{.Heading}}” again: here is their newest version.",
					map[string]any{"Heading": sectionName(s)}))
				w.seeBoth(s)
			default:
				f(s)
			}
		}
	}
	later := widget.NewButton(lang.X("conflict.later", "Decide later"), func() { d.Hide() })
	b.dlgTake = widget.NewButton(lang.X("conflict.takeTheirs", "Take theirs"), choose(w.takeTheirs))
	b.dlgKeep = widget.NewButton(lang.X("conflict.keepMine", "Keep mine"), choose(w.keepMine))
	b.dlgKeep.Importance = widget.HighImportance
	name := newBoldUIText(sectionName(s)) // a heading in the page's language: laid out by the bidi engine, not in the title
	d = newDialog(lang.X("conflict.title", "Two versions of a section"), container.NewBorder(name, nil, nil, nil, cols), w.win,
		later, b.dlgTake, b.dlgKeep)
	d.Resize(fyne.NewSize(w.win.Canvas().Size().Width*0.9, w.win.Canvas().Size().Height*0.8))
	b.dlg = d
	d.Show()
}

// sideDoc is one side of the side-by-side view of a section: the heading
// and the body of the word diff from theirs to mine, keeping the
// unchanged words and those of kind keep (diff.Delete: their side,
// diff.Insert: mine), marked.
func sideDoc(headOps, bodyOps []diff.Op, keep diff.Kind, dir storage.Direction) document.Doc {
	side := func(ops []diff.Op) []diff.Op {
		var out []diff.Op
		for _, op := range ops {
			if op.Kind == diff.Equal || op.Kind == keep {
				out = append(out, op)
			}
		}
		return out
	}
	d := document.Doc{Dir: dir}
	d.Blocks = append(d.Blocks, opsBlock(document.KindHeading, 2, side(headOps), dir))
	for _, line := range splitLines(side(bodyOps)) {
		d.Blocks = append(d.Blocks, opsBlock(document.KindParagraph, 0, line, dir))
	}
	return d
}
