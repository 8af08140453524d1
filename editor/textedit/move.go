package textedit

import (
	"unicode"

	"github.com/qalam/policyeditor/editor/textlayout"
)

// This file holds the caret movements of the model (arrows, words,
// Home/End, Up/Down, pages, the whole text) and selection by word and
// paragraph. It does not import Fyne.

// moveTo puts the caret at q, shown with aff and upstream; with extend the
// anchor stays (the selection grows or shrinks), else it follows. A move
// ends the undo step being typed.
func (m *model) moveTo(q pos, aff affinity, upstream, extend bool) {
	q = m.snap(q) // word boundaries need not be grapheme boundaries ("\u0603 ")
	m.caret, m.aff, m.upstream = q, aff, upstream
	if !extend {
		m.anchor = q
	}
	m.hasGoal = false
	m.hist.close()
	m.moved = true
}

// rtlAt reports the direction of paragraph p.
func (m *model) rtlAt(p int) bool { return m.buf.paras[p].rtl }

// horizontal moves the caret one step right or left on the screen: by
// grapheme, visually (the default) or logically, or with word by word in
// the arrow's screen direction (Ctrl+arrow). Without extend, an arrow
// pressed with a selection collapses it to its start or end.
func (m *model) horizontal(right, word, extend bool) {
	rtl := m.rtlAt(m.caret.p)
	forward := right != rtl
	if !extend && !word && m.hasSelection() {
		from, to := m.selection()
		if forward {
			m.moveTo(to, affPrev, false, false)
		} else {
			m.moveTo(from, affNext, false, false)
		}
		return
	}
	switch {
	case word && m.logical:
		m.logicalStep(forward, true, extend)
	case word:
		m.visualWordStep(right, extend)
	case m.logical:
		m.logicalStep(forward, false, extend)
	default:
		m.visualStep(right, extend)
	}
}

// logicalStep moves to the next grapheme (or word end, word start)
// boundary in reading order, across paragraphs.
func (m *model) logicalStep(forward, word, extend bool) {
	c := m.caret
	n := len(m.buf.paras[c.p].text)
	switch {
	case forward && c.o == n:
		if c.p+1 < len(m.buf.paras) {
			m.moveTo(pos{c.p + 1, 0}, affPrev, false, extend)
		}
		return
	case !forward && c.o == 0:
		if c.p > 0 {
			m.moveTo(pos{c.p - 1, len(m.buf.paras[c.p-1].text)}, affNext, false, extend)
		}
		return
	}
	l := m.layout(c.p)
	o := l.NextLogical(c.o, forward)
	if word {
		o = l.NextWord(c.o, forward)
	}
	aff := affNext
	if forward {
		aff = affPrev
	}
	m.moveTo(pos{c.p, o}, aff, false, extend)
}

// visualStep moves to the caret stop next to the caret on the screen
// (textlayout.NextVisual), continuing on the line or paragraph that comes
// next in that direction. The caret is then shown where the engine's stop
// is (its primary position).
func (m *model) visualStep(right, extend bool) {
	c := m.caret
	l := m.layout(c.p)
	rtl := m.rtlAt(c.p)
	if m.upstream && isSoftWrap(l, c.o) {
		// Shown at the end of the line before: forward goes to the start
		// of the next line, backward into the line.
		q := c
		if right == rtl {
			q.o = l.NextLogical(c.o, false)
		}
		m.moveTo(q, m.primaryAff(q, false), false, extend)
		return
	}
	// Start from where the caret is drawn: after typing at a direction
	// boundary that is not the engine's primary stop of the offset, but the
	// stop of another offset at the same place.
	start := c.o
	if g, prim := m.caretGeom(), primaryOf(l, c.o); prim.X != g.x {
		start = l.HitTest(g.x, prim.Y+prim.Height/2)
	}
	o := l.NextVisual(start, right)
	if o == start {
		back := right == rtl
		switch {
		case back && c.p > 0:
			q := pos{c.p - 1, len(m.buf.paras[c.p-1].text)}
			m.moveTo(q, m.primaryAff(q, false), false, extend)
		case !back && c.p+1 < len(m.buf.paras):
			q := pos{c.p + 1, 0}
			m.moveTo(q, m.primaryAff(q, false), false, extend)
		}
		return
	}
	q := pos{c.p, o}
	m.moveTo(q, m.primaryAff(q, false), false, extend)
}

// visualWordStep moves by word in the arrow's screen direction (Ctrl+Left,
// Ctrl+Right): caret stop by stop on the screen until it has passed a
// letter or digit and stands at the edge of a word, so in an Arabic line
// with an English name both go the way the arrow points. At the edge of a
// paragraph it goes on to the next one, as one arrow step does.
func (m *model) visualWordStep(right, extend bool) {
	passed := false
	for range 10000 {
		before := m.caret
		m.visualStep(right, true)
		c := m.caret
		if c == before || c.p != before.p {
			break // the paragraph's edge, or on into the next paragraph
		}
		text := m.buf.paras[c.p].text
		for _, r := range text[min(before.o, c.o):max(before.o, c.o)] {
			passed = passed || isWordRune(r)
		}
		if passed && m.isWordEdge(c) {
			break
		}
	}
	m.moveTo(m.caret, m.aff, false, extend) // the anchor stayed: now follow, unless extending
}

// isWordEdge reports whether q is the start or end of a word (a run of
// letters and digits, textlayout.WordAt) of its paragraph.
func (m *model) isWordEdge(q pos) bool {
	text := m.buf.paras[q.p].text
	s, e := m.layout(q.p).WordAt(q.o)
	return s < e && isWordRune(text[s]) && (s == q.o || e == q.o)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func primaryOf(l *textlayout.Paragraph, o int) textlayout.CaretPos {
	p, _ := l.Caret(o)
	return p
}

// home moves to the logical start of the caret's visual line, shown at the
// line's start edge (right in a right-to-left paragraph).
func (m *model) home(extend bool) {
	l := m.layout(m.caret.p)
	li := m.caretLine(m.caret, m.upstream)
	m.moveTo(pos{m.caret.p, l.Lines[li].Start}, affPrev, false, extend)
}

// end moves to the logical end of the caret's visual line (after its
// hanging space when it wraps), shown at the line's end edge.
func (m *model) end(extend bool) {
	l := m.layout(m.caret.p)
	li := m.caretLine(m.caret, m.upstream)
	if li < len(l.Lines)-1 {
		m.moveTo(pos{m.caret.p, l.Lines[li].End}, affNext, true, extend)
		return
	}
	m.moveTo(pos{m.caret.p, len(m.buf.paras[m.caret.p].text)}, affNext, false, extend)
}

// docEdge moves to the start or end of the text (Ctrl+Home, Ctrl+End).
func (m *model) docEdge(end, extend bool) {
	if end {
		m.moveTo(m.buf.end(), affNext, false, extend)
		return
	}
	m.moveTo(pos{}, affPrev, false, extend)
}

// vertical moves the caret lines lines down (negative: up), keeping its x
// (the x it had when the run of Up/Down presses started). Past the first
// or last line it goes to the start or end of the text.
func (m *model) vertical(lines int, extend bool) {
	m.ensure()
	goal := m.goal()
	p, li := m.caret.p, m.caretLine(m.caret, m.upstream)
	for ; lines != 0; lines -= sign(lines) {
		li += sign(lines)
		switch {
		case li < 0 && p == 0, li >= len(m.layout(p).Lines) && p == len(m.buf.paras)-1:
			m.docEdge(lines > 0, extend)
			return
		case li < 0:
			p--
			li = len(m.layout(p).Lines) - 1
		case li >= len(m.layout(p).Lines):
			p, li = p+1, 0
		}
	}
	l := m.layout(p)
	ln := l.Lines[li]
	m.placeAt(p, goal, ln.Y+ln.Height/2, extend)
	m.goalX, m.hasGoal = goal, true
}

// page moves the caret one visible height down (or up), keeping its x.
func (m *model) page(down, extend bool) {
	goal := m.goal()
	g := m.caretGeom()
	h := m.viewHeight
	if h <= 0 {
		h = 10 * m.size * m.lineHeight
	}
	y := g.y + g.h/2 - h
	if down {
		y = g.y + g.h/2 + h
	}
	if y < 0 || y >= m.height() {
		m.docEdge(down, extend)
		return
	}
	i := m.paraAt(y)
	m.placeAt(i, goal, y-m.buf.paras[i].y, extend)
	m.goalX, m.hasGoal = goal, true
}

// goal returns the x that vertical moves keep.
func (m *model) goal() float32 {
	if m.hasGoal {
		return m.goalX
	}
	return m.caretGeom().x
}

// placeAt moves the caret to the point (x, y) of paragraph p (paragraph
// coordinates).
func (m *model) placeAt(p int, x, y float32, extend bool) {
	q, aff, up := m.hit(x, m.buf.paras[p].y+y)
	m.moveTo(q, aff, up, extend)
}

func sign(n int) int {
	if n < 0 {
		return -1
	}
	return 1
}

// selectAll selects the whole text, the caret at its end.
func (m *model) selectAll() {
	m.anchor = pos{}
	m.caret, m.aff, m.upstream = m.buf.end(), affNext, false
	m.hist.close()
	m.moved = true
}

// selectWord selects the word at q (double-click).
func (m *model) selectWord(q pos) {
	s, e := m.layout(q.p).WordAt(q.o)
	m.anchor = m.snap(pos{q.p, s})
	m.caret, m.aff, m.upstream = m.snapForward(pos{q.p, e}), affPrev, false
	m.hist.close()
	m.moved = true
}

// selectParagraph selects the paragraph of q (triple-click).
func (m *model) selectParagraph(q pos) {
	m.anchor = pos{q.p, 0}
	m.caret, m.aff, m.upstream = pos{q.p, len(m.buf.paras[q.p].text)}, affNext, false
	m.hist.close()
	m.moved = true
}

// selUnit is what a drag extends the selection by: characters after a
// single click, whole words after a double-click, whole paragraphs after a
// triple-click.
type selUnit uint8

const (
	unitChar selUnit = iota
	unitWord
	unitParagraph
)

// unitAt returns the range of the word or paragraph at q.
func (m *model) unitAt(q pos, u selUnit) (from, to pos) {
	if u == unitParagraph {
		return pos{q.p, 0}, pos{q.p, len(m.buf.paras[q.p].text)}
	}
	s, e := m.layout(q.p).WordAt(q.o)
	return m.snap(pos{q.p, s}), m.snapForward(pos{q.p, e})
}

// extendByUnit extends a selection made by a double or triple click to
// the word or paragraph under the pointer at q (a drag): the selection
// then covers the first unit [origFrom, origTo] and every unit up to q,
// with the caret at the far end, the way text editors and browsers do.
func (m *model) extendByUnit(q pos, u selUnit, origFrom, origTo pos) {
	from, to := m.unitAt(q, u)
	if q.less(origFrom) {
		m.anchor = origTo
		m.caret, m.aff, m.upstream = from, affNext, false
	} else {
		m.anchor = origFrom
		m.caret, m.aff, m.upstream = to, affPrev, false
		if to.less(origTo) {
			m.caret = origTo
		}
	}
	m.hasGoal = false
	m.hist.close()
	m.moved = true
}

// setCaretOffset puts the caret at a rune offset, on a grapheme boundary.
func (m *model) setCaretOffset(off int) {
	q := m.snap(m.buf.pos(off))
	m.moveTo(q, affPrev, false, false)
}

// selectRange selects [start, end) (rune offsets), the caret at end.
func (m *model) selectRange(start, end int) {
	a, c := m.snap(m.buf.pos(start)), m.snap(m.buf.pos(end))
	m.moveTo(c, affPrev, false, false)
	m.anchor = a
}
