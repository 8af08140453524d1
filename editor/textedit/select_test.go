package textedit

import "testing"

func TestSelectionBreakMarkOnTheEndSide(t *testing.T) {
	m := newTestModel("عربي\nLatin\nend", 300)
	m.selectRange(0, 12)
	rs := m.selectionRects()
	l0, l1 := m.layout(0), m.layout(1)
	var rtlMark, ltrMark bool
	for _, r := range rs {
		if near(r.Width, m.size/3) && near(r.Y, m.buf.paras[0].y) && r.X < l0.Lines[0].X {
			rtlMark = true // left of the Arabic line: where it ends
		}
		if near(r.Width, m.size/3) && near(r.Y, m.buf.paras[1].y) && r.X >= l1.Lines[0].X+l1.Lines[0].Width-0.01 {
			ltrMark = true // right of the Latin line
		}
	}
	if !rtlMark || !ltrMark {
		t.Errorf("selected line breaks not marked at the lines' ends: %v", rs)
	}
	m.selectRange(3, 3)
	if rs := m.selectionRects(); rs != nil {
		t.Errorf("empty selection has rectangles %v", rs)
	}
}
