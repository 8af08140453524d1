package textedit

import (
	"slices"
	"strings"
	"testing"
)

// Marks follow the edits around them and go away with the edits that
// touch them; undo brings the text back but not a dropped mark.
func TestMarksFollowEdits(t *testing.T) {
	text := "نص إستخدام و الإطلاع هنا"
	m := newTestModel(text, 0)
	// إستخدام at 3..10, الإطلاع at 13..20
	m.setMarks([]Mark{{Start: 3, End: 10}, {Start: 13, End: 20, Error: true}, {Start: 90, End: 99}})
	if want := []Mark{{3, 10, false}, {13, 20, true}, {24, 24, false}}; !slices.Equal(m.marks, want) {
		t.Fatalf("setMarks clamped to %v, want %v", m.marks, want)
	}
	m.setMarks(m.marks[:2])
	m.selectRange(0, 0)
	typeString(m, "ال")
	if want := []Mark{{5, 12, false}, {15, 22, true}}; !slices.Equal(m.marks, want) {
		t.Fatalf("after typing before both: %v, want %v", m.marks, want)
	}
	m.selectRange(24, 24) // after both
	typeString(m, "x")
	if want := []Mark{{5, 12, false}, {15, 22, true}}; !slices.Equal(m.marks, want) {
		t.Fatalf("after typing after both: %v, want %v", m.marks, want)
	}
	m.selectRange(5, 6) // the hamza of the first
	typeString(m, "ا")
	if want := []Mark{{15, 22, true}}; !slices.Equal(m.marks, want) {
		t.Fatalf("after editing inside the first: %v, want %v", m.marks, want)
	}
	if rs := m.markRects(); len(rs) != 1 || !rs[0].err || rs[0].Height != markThickness || rs[0].Width < 10 {
		t.Errorf("markRects = %+v, want one error underline under the word", rs)
	}
	m.setText("جديد")
	if len(m.marks) != 0 || m.markRects() != nil {
		t.Errorf("setText kept marks %v", m.marks)
	}
}

// The underline lies at the bottom of the word's selection rectangle.
func TestMarkRectUnderTheWord(t *testing.T) {
	m := newTestModel("سطر أول\nفيه إستخدام هنا", 0)
	m.setMarks([]Mark{{Start: 12, End: 19}, {Start: 3, End: 3}})
	rs := m.markRects()
	if len(rs) != 2 {
		t.Fatalf("markRects = %+v, want 2", rs)
	}
	sel := m.rangeRects(m.buf.pos(12), m.buf.pos(19))
	if len(sel) != 1 || !near(rs[0].X, sel[0].X) || !near(rs[0].Width, sel[0].Width) || !near(rs[0].Y+rs[0].Height, sel[0].Y+sel[0].Height) {
		t.Errorf("underline %+v, selection rectangle %+v", rs[0], sel)
	}
	if rs[1].Width != markWidth || rs[1].Y >= rs[0].Y {
		t.Errorf("empty mark %+v, want a short stroke on the first line", rs[1])
	}
}

// BenchmarkMarkRects: the underlines of 200 findings in a 20 KB section
// of 300-character paragraphs, as a frame after a keystroke computes them
// (compare BenchmarkKeystroke's cost of the keystroke itself).
func BenchmarkMarkRects(b *testing.B) {
	var paras []string
	for range 66 {
		paras = append(paras, paragraphOf(300))
	}
	m := newTestModel(strings.Join(paras, "\n"), 600)
	var marks []Mark
	for i := range 200 {
		at := i * 100
		marks = append(marks, Mark{Start: at, End: at + 5})
	}
	m.setMarks(marks)
	m.ensure()
	b.ReportAllocs()
	for b.Loop() {
		m.markRects()
	}
}
