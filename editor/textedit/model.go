package textedit

import (
	"sort"
	"time"

	"github.com/qalam/policyeditor/editor/bidi"
	"github.com/qalam/policyeditor/editor/textlayout"
)

// This file is the editor's state without a window: text, caret,
// selection, undo history and the layout of every paragraph. The widget
// (editor.go, keys.go, mouse.go, render.go) drives it. It does not import
// Fyne.

// affinity says which of the two caret positions of an offset at a
// direction boundary is shown (see the package doc).
type affinity uint8

const (
	// affPrev shows the caret at the trailing edge of the rune before the
	// offset: after typing or moving forward.
	affPrev affinity = iota
	// affNext shows it at the leading edge of the rune after the offset:
	// after moving backward.
	affNext
)

// model is the editing state.
type model struct {
	buf           buffer
	caret, anchor pos
	aff           affinity
	upstream      bool    // at a soft line wrap, show the caret at the end of the line before
	goalX         float32 // x that Up and Down keep
	hasGoal       bool
	multi         bool
	readOnly      bool
	logical       bool           // Left/Right move logically, not visually
	forced        bidi.Direction // LTR or RTL for every paragraph; Auto: per paragraph
	fallbackRTL   bool           // direction of a first paragraph without strong characters

	width, size, lineHeight float32 // layout parameters; width 0 = no wrapping
	viewHeight              float32 // visible height, for PageUp/PageDown

	hist    history
	yValid  bool   // para.y are up to date
	layouts int    // paragraphs laid out so far (tests count them)
	changed bool   // the text changed since the flag was cleared
	moved   bool   // the caret moved since the flag was cleared
	edits   uint64 // bumped on every edit
	marks   []Mark // underlined ranges (marks.go)
}

func newModel(multi bool) *model {
	m := &model{multi: multi, forced: bidi.Auto, fallbackRTL: true, size: textlayout.DefaultSize,
		lineHeight: textlayout.DefaultLineHeight}
	m.hist.now = time.Now
	m.setText("")
	return m
}

// setText replaces the text, clears the history and puts the caret at the
// start.
func (m *model) setText(text string) {
	if !m.multi {
		text = oneLine([]rune(text))
	}
	m.buf = newBuffer(text)
	m.caret, m.anchor, m.aff, m.upstream, m.hasGoal = pos{}, pos{}, affPrev, false, false
	m.hist.clear()
	m.marks = m.marks[:0]
	m.resolveDirs(0, len(m.buf.paras)-1, true)
	m.yValid = false
	m.moved = true
}

func oneLine(rs []rune) string {
	out := make([]rune, len(rs))
	for i, r := range rs {
		if r == '\n' {
			r = ' '
		}
		out[i] = r
	}
	return string(out)
}

// setLayout changes the layout parameters, dropping every layout if they
// differ.
func (m *model) setLayout(width, size, lineHeight float32) {
	if width == m.width && size == m.size && lineHeight == m.lineHeight {
		return
	}
	m.width, m.size, m.lineHeight = width, size, lineHeight
	m.invalidateAll()
}

func (m *model) invalidateAll() {
	for _, p := range m.buf.paras {
		p.lay = nil
	}
	m.yValid = false
}

// setDirection forces every paragraph's direction, or with bidi.Auto lets
// each take its own.
func (m *model) setDirection(d bidi.Direction) {
	m.forced = d
	m.resolveDirs(0, len(m.buf.paras)-1, true)
}

// resolveDirs gives paragraphs [first, last] (whose text changed) their
// direction, and the paragraphs after them that inherit theirs. A
// paragraph without strong characters takes the direction of the one
// before it (an empty line under an Arabic line is Arabic). A paragraph
// whose direction changes is laid out again.
func (m *model) resolveDirs(first, last int, all bool) {
	ps := m.buf.paras
	for i := first; i < len(ps); i++ {
		p := ps[i]
		if i > last && !all && p.own {
			break
		}
		rtl, own := false, true
		switch m.forced {
		case bidi.RTL:
			rtl = true
		case bidi.LTR:
		default:
			rtl, own = strongDir(p.text)
			if !own {
				rtl = m.fallbackRTL
				if i > 0 {
					rtl = ps[i-1].rtl
				}
			}
		}
		if rtl != p.rtl {
			p.lay = nil
			m.yValid = false
		}
		p.rtl, p.own = rtl, own
	}
}

// layout returns the layout of paragraph i, laying it out if needed.
func (m *model) layout(i int) *textlayout.Paragraph {
	p := m.buf.paras[i]
	if p.lay == nil {
		dir := bidi.LTR
		if p.rtl {
			dir = bidi.RTL
		}
		p.lay = textlayout.Layout(textlayout.Params{Text: p.text, Dir: dir, Width: m.width,
			Size: m.size, LineHeight: m.lineHeight})
		p.gen++
		m.layouts++
		m.yValid = false
	}
	return p.lay
}

// ensure lays out every paragraph that needs it and places them one under
// the other.
func (m *model) ensure() {
	if m.yValid {
		return
	}
	var y float32
	for i, p := range m.buf.paras {
		l := m.layout(i)
		p.y = y
		y += l.Height
	}
	m.yValid = true
}

// height returns the height of the laid-out text.
func (m *model) height() float32 {
	m.ensure()
	last := m.buf.paras[len(m.buf.paras)-1]
	return last.y + last.lay.Height
}

// paraAt returns the paragraph whose box contains y (the first or last
// beyond the text).
func (m *model) paraAt(y float32) int {
	m.ensure()
	ps := m.buf.paras
	i := sort.Search(len(ps), func(i int) bool { return ps[i].y+ps[i].lay.Height > y })
	return min(i, len(ps)-1)
}

// lineAt returns the line of layout l whose box contains y (paragraph
// coordinates), the first or last beyond it.
func lineAt(l *textlayout.Paragraph, y float32) int {
	for k := range l.Lines {
		if y < l.Lines[k].Y+l.Lines[k].Height {
			return k
		}
	}
	return len(l.Lines) - 1
}

// isSoftWrap reports whether offset o of layout l starts a line that is
// not the first: where a caret may be drawn upstream.
func isSoftWrap(l *textlayout.Paragraph, o int) bool {
	li := l.LineOf(o)
	return li > 0 && l.Lines[li].Start == o
}

// caretLine returns the line the caret of q is drawn on.
func (m *model) caretLine(q pos, upstream bool) int {
	l := m.layout(q.p)
	li := l.LineOf(q.o)
	if upstream && isSoftWrap(l, q.o) {
		li--
	}
	return li
}

// caretGeom is where the caret is drawn, in content coordinates (from the
// top of the line's ascent to the bottom of its descent), and the
// direction of the run that text typed there joins.
type caretGeom struct {
	x, y, h float32
	rtl     bool
}

// caretAt returns the caret geometry of q shown with aff and upstream.
func (m *model) caretAt(q pos, aff affinity, upstream bool) caretGeom {
	m.ensure()
	l := m.layout(q.p)
	before, after, brtl, artl := caretEdges(l, q.o, upstream && isSoftWrap(l, q.o))
	c, rtl := before, brtl
	if aff == affNext {
		c, rtl = after, artl
	}
	ln := &l.Lines[c.Line]
	return caretGeom{x: c.X, y: m.buf.paras[q.p].y + ln.Baseline - ln.Ascent, h: ln.Ascent + ln.Descent, rtl: rtl}
}

// caretGeom returns the geometry of the caret.
func (m *model) caretGeom() caretGeom { return m.caretAt(m.caret, m.aff, m.upstream) }

// caretEdges returns the two positions of the caret of offset o on its
// line: before is the trailing edge of the rune before o, after the leading
// edge of the rune at o, with the directions of those runes. At the start
// and end of a line the missing neighbour is a virtual character at the
// paragraph level, at the line's edge (textlayout.Caret's rule).
func caretEdges(l *textlayout.Paragraph, o int, upstream bool) (before, after textlayout.CaretPos, brtl, artl bool) {
	prim, sec := l.Caret(o)
	if upstream {
		prim, sec = l.CaretUpstream(o)
	}
	ln := &l.Lines[prim.Line]
	paraRTL := l.Level.IsRTL()
	switch {
	case ln.Start == ln.End:
		return prim, prim, paraRTL, paraRTL
	case o <= ln.Start:
		return prim, sec, paraRTL, runRTL(ln, o)
	case o >= ln.End:
		return sec, prim, runRTL(ln, o-1), paraRTL
	}
	la, lb := runLevel(ln, o-1), runLevel(ln, o)
	brtl, artl = la.IsRTL(), lb.IsRTL()
	if la > lb {
		return sec, prim, brtl, artl
	}
	return prim, sec, brtl, artl
}

func runOf(ln *textlayout.Line, i int) *textlayout.Run {
	for k := range ln.Runs {
		if r := &ln.Runs[k]; r.Start <= i && i < r.End {
			return r
		}
	}
	return nil
}

func runLevel(ln *textlayout.Line, i int) bidi.Level {
	if r := runOf(ln, i); r != nil {
		return r.Level
	}
	return 0
}

func runRTL(ln *textlayout.Line, i int) bool {
	if r := runOf(ln, i); r != nil {
		return r.RTL
	}
	return false
}

// primaryAff returns the affinity that shows the caret of q where
// textlayout's primary caret is (NextVisual's and HitTest's stops).
func (m *model) primaryAff(q pos, upstream bool) affinity {
	l := m.layout(q.p)
	up := upstream && isSoftWrap(l, q.o)
	prim, _ := l.Caret(q.o)
	if up {
		prim, _ = l.CaretUpstream(q.o)
	}
	before, _, _, _ := caretEdges(l, q.o, up)
	if before.X == prim.X {
		return affPrev
	}
	return affNext
}

// isBoundary reports whether o is a grapheme cluster boundary of
// paragraph p.
func (m *model) isBoundary(p, o int) bool {
	if o <= 0 || o >= len(m.buf.paras[p].text) {
		return true
	}
	l := m.layout(p)
	return l.NextLogical(l.NextLogical(o, false), true) == o
}

// snap moves q back to the grapheme boundary at or before it.
func (m *model) snap(q pos) pos {
	if !m.isBoundary(q.p, q.o) {
		q.o = m.layout(q.p).NextLogical(q.o, false)
	}
	return q
}

// snapForward moves q on to the grapheme boundary at or after it: an edit
// can put a combining mark right after the caret's base character (a
// deleted space between them), and the caret then goes after the mark.
func (m *model) snapForward(q pos) pos {
	if !m.isBoundary(q.p, q.o) {
		q.o = m.layout(q.p).NextLogical(q.o, true)
	}
	return q
}

// sel returns the selection as offsets, for the history.
func (m *model) sel() selState {
	return selState{caret: m.buf.offset(m.caret), anchor: m.buf.offset(m.anchor), aff: m.aff}
}

// setSel restores a selection from offsets.
func (m *model) setSel(s selState) {
	m.caret, m.anchor, m.aff = m.snapForward(m.buf.pos(s.caret)), m.snapForward(m.buf.pos(s.anchor)), s.aff
	m.upstream, m.hasGoal = false, false
	m.moved = true
}

// selection returns the selected range, ordered.
func (m *model) selection() (from, to pos) {
	if m.anchor.less(m.caret) {
		return m.anchor, m.caret
	}
	return m.caret, m.anchor
}

func (m *model) hasSelection() bool { return m.caret != m.anchor }

// hit returns the position nearest to the content point (x, y), with the
// affinity and wrap side that draw its caret where HitTest found it.
func (m *model) hit(x, y float32) (q pos, aff affinity, upstream bool) {
	i := m.paraAt(y)
	l := m.layout(i)
	py := y - m.buf.paras[i].y
	o := l.HitTest(x, py)
	li := lineAt(l, py)
	upstream = li < len(l.Lines)-1 && o == l.Lines[li].End
	q = pos{i, o}
	return q, m.primaryAff(q, upstream), upstream
}
