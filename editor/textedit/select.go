package textedit

import "github.com/qalam/policyeditor/editor/textlayout"

// This file computes what the selection looks like: the engine's
// rectangles per paragraph (split where runs change direction) and a
// narrow mark for each selected line break. It does not import Fyne.

// selectionRects returns the rectangles of the selection in content
// coordinates.
func (m *model) selectionRects() []textlayout.Rect {
	if !m.hasSelection() {
		return nil
	}
	m.ensure()
	from, to := m.selection()
	return m.rangeRects(from, to)
}

// rangeRects returns the rectangles of [from, to) in content coordinates,
// with a break mark for each line break inside it.
func (m *model) rangeRects(from, to pos) []textlayout.Rect {
	var out []textlayout.Rect
	for p := from.p; p <= to.p; p++ {
		pr := m.buf.paras[p]
		l := m.layout(p)
		a, b := 0, len(pr.text)
		if p == from.p {
			a = from.o
		}
		if p == to.p {
			b = to.o
		}
		for _, r := range l.SelectionRects(a, b) {
			r.Y += pr.y
			out = append(out, r)
		}
		if p < to.p {
			out = append(out, m.breakRect(p))
		}
	}
	return out
}

// breakRect is the mark of a selected line break: a quarter of the text
// size wide, after the end of the paragraph's last line, on the side its
// direction ends.
func (m *model) breakRect(p int) textlayout.Rect {
	pr := m.buf.paras[p]
	l := m.layout(p)
	ln := l.Lines[len(l.Lines)-1]
	w := m.size / 3
	c, _ := l.Caret(len(pr.text))
	x := c.X
	if pr.rtl {
		x -= w
	}
	return textlayout.Rect{X: x, Y: pr.y + ln.Y, Width: w, Height: ln.Height}
}
