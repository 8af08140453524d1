//go:build !nogui

package app

import (
	"context"
	"errors"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"github.com/qalam/policyeditor/editor/textedit"
	"github.com/qalam/policyeditor/publish/check"
	"github.com/qalam/policyeditor/storage"
)

// checker keeps the findings of the open page up to date while the user
// types, as the previewer does the preview: the page as edited here is
// checked off the UI goroutine by the same package (and options) as
// `policyeditor check`; checks asked for while one runs are coalesced
// into one more, and the result of a check overtaken by an edit is
// dropped, not shown. UI goroutine only.
type checker struct {
	w     *workbench
	busy  bool // a check is running
	again bool // another was asked for meanwhile: the running one's result is stale
	// page is the content the shown findings were computed on, fs the findings.
	page storage.Page
	fs   []check.Finding
	// onShown, if set, is called after each result is shown (tests).
	onShown func()
}

// refresh checks the open page as edited here.
func (c *checker) refresh() {
	if c.busy {
		c.again = true
		return
	}
	c.busy = true
	w := c.w
	page, opened := w.currentPage(), w.opened
	w.background(func() {
		var fs []check.Finding
		if opened {
			fs = check.Page(page, checkOptions())
		}
		fyne.Do(func() { c.show(page, fs) })
	})
}

func (c *checker) show(page storage.Page, fs []check.Finding) {
	c.busy = false
	if c.again {
		c.again = false
		c.refresh() // fs is about text that changed since: drop it
		return
	}
	c.page, c.fs = page, fs
	c.w.findings.setFindings(fs)
	c.w.side.setCount(tabFindings, len(fs))
	c.markEditors()
	if c.onShown != nil {
		c.onShown()
	}
}

// markEditors underlines the selected section's findings in the heading
// and body editors, where the editor still holds the text they were
// found in.
func (c *checker) markEditors() {
	w := c.w
	var heading, body []textedit.Mark
	for _, f := range c.fs {
		if f.Section != w.sel || w.sel < 0 {
			continue
		}
		text, ok := c.fieldText(f)
		if !ok {
			continue
		}
		start, end := runeRange(text, f)
		m := textedit.Mark{Start: start, End: end, Error: f.Severity == check.Error}
		if f.Field == check.FieldHeading {
			heading = append(heading, m)
		} else if f.Check != check.EmptySection {
			body = append(body, m)
		}
	}
	if w.sel >= 0 && c.fresh(w.sel, check.FieldHeading) {
		w.heading.SetMarks(heading)
	}
	if w.sel >= 0 && c.fresh(w.sel, check.FieldBody) {
		w.body.SetMarks(body)
	}
}

// fieldText is the text finding f was found in, as checked.
func (c *checker) fieldText(f check.Finding) (string, bool) {
	switch {
	case f.Field == check.FieldTitle:
		return c.page.Title, true
	case f.Section < 0 || f.Section >= len(c.page.Sections):
		return "", false
	case f.Field == check.FieldHeading:
		return c.page.Sections[f.Section].Heading, true
	default:
		return c.page.Sections[f.Section].Body, true
	}
}

// fresh reports whether the field of section i is as it was checked.
func (c *checker) fresh(i int, field check.Field) bool {
	w := c.w
	if !w.opened || c.page.ID != w.page.ID || i < 0 || i >= len(w.secs) || i >= len(c.page.Sections) {
		return false
	}
	if field == check.FieldHeading {
		return w.secs[i].heading == c.page.Sections[i].Heading
	}
	return w.secs[i].body == c.page.Sections[i].Body
}

// findingFresh reports whether f is about the text as it is now.
func (c *checker) findingFresh(f check.Finding) bool {
	switch f.Field {
	case check.FieldTitle:
		return c.w.opened && c.page.ID == c.w.page.ID && c.page.Title == c.w.page.Title
	case check.FieldDate:
		return true
	}
	return c.fresh(f.Section, f.Field)
}

// runeRange converts f's byte range in text into the editor's rune offsets.
func runeRange(text string, f check.Finding) (start, end int) {
	a, b := max(0, min(f.Offset, len(text))), max(0, min(f.End, len(text)))
	start = utf8.RuneCountInString(text[:a])
	return start, start + utf8.RuneCountInString(text[a:max(a, b)])
}

// editorOf is the editor that holds a section field.
func (w *workbench) editorOf(field check.Field) *textedit.Editor {
	if field == check.FieldHeading {
		return w.heading
	}
	return w.body
}

// onFindingSelected shows a finding: its section, with its range selected
// in the heading or body editor, which takes the focus. The title's and
// date's findings open the page settings, where they are edited.
func (w *workbench) onFindingSelected(f check.Finding) {
	if !w.checks.findingFresh(f) {
		w.findingsStale()
		return
	}
	if f.Section < 0 {
		w.onPageSettings()
		return
	}
	w.selectSection(f.Section)
	text, _ := w.checks.fieldText(f)
	start, end := runeRange(text, f)
	ed := w.editorOf(f.Field)
	focusEditor(w, ed)
	ed.Select(start, end)
}

// showFindingAt shows the findings tab and the finding of check name at
// section:line:col (the publish dialog's Show), else its section.
func (w *workbench) showFindingAt(section, line, col int, name string) {
	w.side.choose(tabFindings)
	for i, f := range w.findings.findings {
		if f.Section == section && f.Line == line && f.Col == col && f.Check == name {
			w.findings.list.UnselectAll()
			w.findings.list.Select(i) // scrolls the list to it and shows it in the text
			return
		}
	}
	w.selectSection(section)
}

// onCheckContent (F7) shows the findings of the page as it is now.
func (w *workbench) onCheckContent() {
	w.side.choose(tabFindings)
	w.checks.refresh()
}

// onShowComments shows the section's comments, read again.
func (w *workbench) onShowComments() {
	w.side.choose(tabComments)
	w.loadComments()
}

// findingsStale tells the user the list is being brought up to date.
func (w *workbench) findingsStale() {
	w.setMessage(tr("review.findings.stale"))
	w.checks.refresh()
}

// onFixFinding applies one finding's fix. A section's fix goes through the
// editor (one undo step, saved like typing); the title's through the page
// settings.
func (w *workbench) onFixFinding(f check.Finding) {
	if f.Fix == nil {
		return
	}
	if !w.checks.findingFresh(f) {
		w.findingsStale()
		return
	}
	if f.Section < 0 {
		if f.Field == check.FieldTitle {
			title, _ := check.Apply(w.page.Title, []check.Finding{f})
			w.savePageSettings(storage.PageUpdate{Title: &title}, nil)
		}
		return
	}
	w.selectSection(f.Section)
	text, _ := w.checks.fieldText(f)
	start, end := runeRange(text, f)
	ed := w.editorOf(f.Field)
	focusEditor(w, ed)
	ed.Replace(start, end, *f.Fix)
	w.setMessage(tr("review.fixed", 1))
}

// onFixCheck applies the fixes of every finding of one check shown now.
// The selected section changes through its editors (undoable there); the
// others as if typed in; the draft before is kept as a revision, and Undo
// in the status line takes the whole fix back.
func (w *workbench) onFixCheck(name string) {
	var group []check.Finding
	for _, f := range w.checks.fs {
		if f.Check == name && f.Fix != nil && f.Field != check.FieldDate {
			if !w.checks.findingFresh(f) {
				w.findingsStale()
				return
			}
			group = append(group, f)
		}
	}
	if len(group) == 0 {
		return
	}
	w.saveNow()
	w.keepRevision("before fix")
	var title *string
	before := map[*secState][2]string{}
	n := 0
	for key, fs := range groupFindings(group) {
		text, _ := w.checks.fieldText(fs[0])
		fixed, k := check.Apply(text, fs)
		n += k
		if key.section < 0 {
			title = &fixed
			continue
		}
		s := w.secs[key.section]
		if _, ok := before[s]; !ok {
			before[s] = [2]string{s.heading, s.body}
		}
		w.setSectionText(key.section, key.field, fixed)
	}
	oldTitle, pageID := w.page.Title, w.page.ID
	if title != nil {
		w.savePageSettings(storage.PageUpdate{Title: title}, nil)
	}
	w.saveNow()
	w.sectionList.Refresh()
	w.checks.refresh()
	w.offerUndo(tr("review.fixed", n), func() {
		if title != nil && w.opened && w.page.ID == pageID {
			w.savePageSettings(storage.PageUpdate{Title: &oldTitle}, nil)
		}
		w.restoreTexts(before)
	})
}

// fieldKey names a text of the page: a section's heading or body, or the
// title (section -1).
type fieldKey struct {
	section int
	field   check.Field
}

func groupFindings(fs []check.Finding) map[fieldKey][]check.Finding {
	m := map[fieldKey][]check.Finding{}
	for _, f := range fs {
		k := fieldKey{f.Section, f.Field}
		m[k] = append(m[k], f)
	}
	return m
}

// setSectionText gives a section field new text: through the editor for
// the selected section (the changed stretch only, one undo step), else in
// the section's state, to be saved.
func (w *workbench) setSectionText(i int, field check.Field, text string) {
	s := w.secs[i]
	if i == w.sel {
		ed := w.editorOf(field)
		old := ed.Text()
		start, oldEnd, newEnd := changedStretch(old, text)
		ed.Replace(start, oldEnd, string([]rune(text)[start:newEnd]))
		return
	}
	if field == check.FieldHeading {
		s.heading = text
	} else {
		s.body = text
	}
	s.dirty = true
}

// changedStretch returns the rune range [start, oldEnd) of a that b
// replaces with its [start, newEnd): what lies between their common
// prefix and suffix.
func changedStretch(a, b string) (start, oldEnd, newEnd int) {
	ra, rb := []rune(a), []rune(b)
	for start < len(ra) && start < len(rb) && ra[start] == rb[start] {
		start++
	}
	oldEnd, newEnd = len(ra), len(rb)
	for oldEnd > start && newEnd > start && ra[oldEnd-1] == rb[newEnd-1] {
		oldEnd--
		newEnd--
	}
	return start, oldEnd, newEnd
}

// restoreTexts puts back the headings and bodies a fix changed, in the
// sections still open.
func (w *workbench) restoreTexts(before map[*secState][2]string) {
	for i, s := range w.secs {
		if old, ok := before[s]; ok {
			if s.heading != old[0] {
				w.setSectionText(i, check.FieldHeading, old[0])
			}
			if s.body != old[1] {
				w.setSectionText(i, check.FieldBody, old[1])
			}
		}
	}
	w.saveNow()
	w.sectionList.Refresh()
	w.checks.refresh()
}

// keepRevision keeps the draft as stored once the queued writes are done
// (the state before a fix, for history and restore).
func (w *workbench) keepRevision(note string) {
	pageID, person := w.page.ID, w.personName()
	w.saver.enqueue("", func(ctx context.Context) error {
		_, _, err := w.db.KeepRevision(ctx, pageID, person, note)
		if errors.Is(err, storage.ErrNotFound) {
			return nil // the page was deleted meanwhile
		}
		return err
	})
}
