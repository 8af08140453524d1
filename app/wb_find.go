//go:build !nogui

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/arabic"
	"github.com/qalam/policyeditor/editor/textedit"
)

// findBar is find and replace over the whole open page: headings and
// bodies of every section, matched loosely (editor/arabic), jumping from
// section to section. It is hidden until Ctrl+F or Ctrl+H.
type findBar struct {
	w          *workbench
	box        *fyne.Container
	replaceRow *fyne.Container
	query      *textedit.Editor
	repl       *textedit.Editor
	count      *widget.Label
	matches    []findMatch
	stale      bool // the page changed since matches were computed
	cur        int  // index of the current match, -1 for none
}

// findMatch is one occurrence: section, field and rune range.
type findMatch struct {
	sec        int
	inHeading  bool
	start, end int
}

func newFindBar(w *workbench) *findBar {
	f := &findBar{w: w, cur: -1, stale: true}
	f.query = textedit.NewSingleLine()
	f.query.SetPlaceholder(lang.L("Find"))
	f.query.OnChanged = f.onQuery
	f.repl = textedit.NewSingleLine()
	f.repl.SetPlaceholder(lang.L("Replace with"))
	f.count = widget.NewLabel("")
	nav := container.NewHBox(
		iconButton(theme.MoveUpIcon(), f.previous),
		iconButton(theme.MoveDownIcon(), f.next),
		f.count,
		iconButton(theme.CancelIcon(), f.close),
	)
	f.replaceRow = container.NewBorder(nil, nil, nil,
		container.NewHBox(widget.NewButton(lang.L("Replace"), f.replaceOne), widget.NewButton(lang.L("Replace all"), f.replaceAll)),
		f.repl)
	f.box = container.NewVBox(container.NewBorder(nil, nil, nil, nav, f.query), f.replaceRow)
	f.box.Hide()
	return f
}

func (f *findBar) content() fyne.CanvasObject { return f.box }

func (f *findBar) openFind() {
	f.open(false)
}

func (f *findBar) openReplace() {
	f.open(true)
}

func (f *findBar) open(replace bool) {
	if sel := f.w.body.SelectedText(); sel != "" && len([]rune(sel)) < 200 {
		f.query.SetText(sel)
	}
	if replace {
		f.replaceRow.Show()
	} else {
		f.replaceRow.Hide()
	}
	f.box.Show()
	f.invalidate()
	focusEditor(f.w, f.query)
}

func (f *findBar) close() {
	f.box.Hide()
	f.w.focusBody()
}

// invalidate marks the matches out of date (the text or the sections changed).
func (f *findBar) invalidate() { f.stale = true }

// update recomputes the matches over every section when needed.
func (f *findBar) update() {
	if !f.stale {
		return
	}
	f.stale = false
	f.matches = f.matches[:0]
	q := f.query.Text()
	for i, s := range f.w.secs {
		for _, m := range arabic.FindAll([]rune(s.heading), q) {
			f.matches = append(f.matches, findMatch{sec: i, inHeading: true, start: m.Start, end: m.End})
		}
		for _, m := range arabic.FindAll([]rune(s.body), q) {
			f.matches = append(f.matches, findMatch{sec: i, start: m.Start, end: m.End})
		}
	}
	f.cur = -1
	f.showCount()
}

func (f *findBar) showCount() {
	switch {
	case f.query.Text() == "":
		f.count.SetText("")
	case len(f.matches) == 0:
		f.count.SetText(lang.L("No matches"))
	case f.cur < 0:
		f.count.SetText(lang.L("{{.Total}} matches", map[string]any{"Total": len(f.matches)}))
	default:
		f.count.SetText(lang.L("{{.N}} of {{.Total}}", map[string]any{"N": f.cur + 1, "Total": len(f.matches)}))
	}
}

// onQuery jumps to the first match from the caret as the query is typed.
func (f *findBar) onQuery(string) {
	f.invalidate()
	f.update()
	if len(f.matches) > 0 {
		f.jump(f.firstFrom(false))
	}
}

// position is where the search starts: the selected section, the field
// with focus, and the caret (the start of a selection).
func (f *findBar) position() findMatch {
	w := f.w
	if w.isFocused(w.heading) {
		s, _ := w.heading.Selection()
		return findMatch{sec: w.sel, inHeading: true, start: s}
	}
	s, _ := w.body.Selection()
	return findMatch{sec: w.sel, start: s}
}

// before orders matches by section, heading before body, then offset.
func (a findMatch) before(b findMatch) bool {
	if a.sec != b.sec {
		return a.sec < b.sec
	}
	if a.inHeading != b.inHeading {
		return a.inHeading
	}
	return a.start < b.start
}

// firstFrom is the first match at or after the position (strictly after
// it with after), wrapping around to the first.
func (f *findBar) firstFrom(after bool) int {
	pos := f.position()
	for i, m := range f.matches {
		if pos.before(m) || (!after && !m.before(pos)) {
			return i
		}
	}
	return 0
}

func (f *findBar) next() {
	f.update()
	if len(f.matches) == 0 {
		return
	}
	if f.cur >= 0 && f.isSelected(f.matches[f.cur]) {
		f.jump((f.cur + 1) % len(f.matches))
		return
	}
	f.jump(f.firstFrom(true))
}

func (f *findBar) previous() {
	f.update()
	if len(f.matches) == 0 {
		return
	}
	i := f.firstFrom(false) - 1
	if f.cur >= 0 && f.isSelected(f.matches[f.cur]) {
		i = f.cur - 1
	}
	f.jump((i + len(f.matches)) % len(f.matches))
}

// jump selects match i in its section's editor.
func (f *findBar) jump(i int) {
	m := f.matches[i]
	f.cur = i
	w := f.w
	if m.sec != w.sel {
		w.selectSection(m.sec)
	}
	if m.inHeading {
		w.heading.Select(m.start, m.end)
	} else {
		w.body.Select(m.start, m.end)
		w.keepCaret()
	}
	w.prev.follow()
	f.showCount()
}

func (f *findBar) isSelected(m findMatch) bool {
	w := f.w
	if m.sec != w.sel {
		return false
	}
	ed := w.body
	if m.inHeading {
		ed = w.heading
	}
	s, e := ed.Selection()
	return s == m.start && e == m.end
}

// replaceOne replaces the current match (selected in its editor) and goes
// to the next one.
func (f *findBar) replaceOne() {
	f.update()
	if f.cur < 0 || !f.isSelected(f.matches[f.cur]) {
		f.next()
		return
	}
	m := f.matches[f.cur]
	if m.inHeading {
		f.w.heading.Replace(m.start, m.end, f.repl.Text())
	} else {
		f.w.body.Replace(m.start, m.end, f.repl.Text())
	}
	f.invalidate()
	f.next()
}

// replaceAll replaces every match in every section. In the section being
// edited the editor makes the replacements (so Undo takes them back); the
// other sections are changed and saved.
func (f *findBar) replaceAll() {
	f.invalidate()
	f.update()
	w := f.w
	n, with := len(f.matches), f.repl.Text()
	for i := len(f.matches) - 1; i >= 0; i-- {
		m := f.matches[i]
		switch {
		case m.sec == w.sel && m.inHeading:
			w.heading.Replace(m.start, m.end, with)
		case m.sec == w.sel:
			w.body.Replace(m.start, m.end, with)
		default:
			s := w.secs[m.sec]
			if m.inHeading {
				s.heading = replaceRunes(s.heading, m.start, m.end, with)
			} else {
				s.body = replaceRunes(s.body, m.start, m.end, with)
			}
			s.dirty = true
		}
	}
	w.saveNow()
	w.refreshSections()
	f.invalidate()
	f.update()
	w.setMessage(lang.L("Replaced {{.N}}", map[string]any{"N": n}))
}

func replaceRunes(s string, start, end int, with string) string {
	r := []rune(s)
	return string(r[:start]) + with + string(r[end:])
}
