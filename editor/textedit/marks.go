package textedit

import "github.com/qalam/policyeditor/editor/textlayout"

// This file keeps the marked ranges (the content checks' findings, which
// the editor underlines) in step with edits, and computes their
// rectangles. It does not import Fyne.

// Mark is a range of the text, [Start, End) in rune offsets, drawn
// underlined: in the error colour when Error is set, else in the warning
// colour. An empty range is drawn as a short stroke at its offset.
type Mark struct {
	Start, End int
	Error      bool
}

// markWidth is the width of an empty mark's stroke and markThickness the
// underline's thickness, in Fyne units.
const (
	markWidth     = 6
	markThickness = 2
)

// setMarks replaces the marks, clamped to the text and sorted as given.
func (m *model) setMarks(marks []Mark) {
	n := m.buf.Len()
	m.marks = m.marks[:0]
	for _, k := range marks {
		k.Start = max(0, min(k.Start, n))
		k.End = max(k.Start, min(k.End, n))
		m.marks = append(m.marks, k)
	}
}

// shiftMarks follows an edit that replaced del runes at offset at with
// ins runes: marks before it stay, marks after it move, and marks the
// edit touches are dropped (their finding no longer holds as it was).
func (m *model) shiftMarks(at, del, ins int) {
	if len(m.marks) == 0 {
		return
	}
	out := m.marks[:0]
	for _, k := range m.marks {
		switch {
		case k.End <= at:
			out = append(out, k)
		case k.Start >= at+del:
			k.Start += ins - del
			k.End += ins - del
			out = append(out, k)
		}
	}
	m.marks = out
}

// markRect is the underline of one visual piece of a mark.
type markRect struct {
	textlayout.Rect
	err bool
}

// markRects returns the underlines of the marks in content coordinates:
// one per piece of selection-like rectangle, at its bottom.
func (m *model) markRects() []markRect {
	if len(m.marks) == 0 {
		return nil
	}
	m.ensure()
	var out []markRect
	for _, k := range m.marks {
		from, to := m.buf.pos(k.Start), m.buf.pos(k.End)
		rects := m.rangeRects(from, to)
		if k.Start == k.End {
			c := m.caretAt(from, affPrev, false)
			rects = []textlayout.Rect{{X: c.x - markWidth/2, Y: c.y, Width: markWidth, Height: c.h}}
		}
		for _, r := range rects {
			r.Y += r.Height - markThickness
			r.Height = markThickness
			out = append(out, markRect{Rect: r, err: k.Error})
		}
	}
	return out
}
