package textedit

import (
	"testing"
)

// walk presses Left (or Right) until the caret stops and returns the
// offsets and caret x visited, the start included.
func walk(m *model, right bool) (offs []int, xs []float32) {
	for range 200 {
		offs = append(offs, offsetOf(m))
		xs = append(xs, m.caretGeom().x)
		before := m.caret
		m.horizontal(right, false, false)
		if m.caret == before {
			break
		}
	}
	return offs, xs
}

func TestVisualArrowsAcrossNumber(t *testing.T) {
	m := newTestModel("العدد 123 هنا", 0)
	offs, xs := walk(m, false)
	want := []int{0, 1, 2, 3, 4, 5, 6, 8, 7, 9, 10, 11, 12, 13}
	if !equalInts(offs, want) {
		t.Fatalf("Left from the start visits %v, want %v", offs, want)
	}
	for i := 1; i < len(xs); i++ {
		if !(xs[i] < xs[i-1]) {
			t.Errorf("Left press %d: caret x %v -> %v, want it to move left", i, xs[i-1], xs[i])
		}
	}
	l := m.layout(0)
	for i, o := range offs {
		if p, _ := l.Caret(o); !near(p.X, xs[i]) {
			t.Errorf("offset %d drawn at x=%v, want the engine's caret stop %v", o, xs[i], p.X)
		}
	}
	back, _ := walk(m, true)
	for i := range back {
		if back[i] != want[len(want)-1-i] {
			t.Fatalf("Right from the end visits %v, want %v reversed", back, want)
		}
	}
}

func TestVisualArrowsAcrossURL(t *testing.T) {
	text := "منصة قلم (www.qlmlearn.com)"
	m := newTestModel(text, 0)
	offs, xs := walk(m, false)
	n := len([]rune(text))
	if len(offs) != n+1 {
		t.Fatalf("Left from the start visits %d stops %v, want %d", len(offs), offs, n+1)
	}
	seen := map[int]bool{}
	for i, o := range offs {
		if seen[o] {
			t.Errorf("offset %d visited twice: %v", o, offs)
		}
		seen[o] = true
		if i > 0 && !(xs[i] < xs[i-1]) {
			t.Errorf("Left press %d (offset %d): caret x %v -> %v, want it to move left", i, o, xs[i-1], xs[i])
		}
	}
	if lx := m.layout(0).Lines[0].X; !near(xs[len(xs)-1], lx) {
		t.Errorf("Left ends at x=%v, want the line's left edge %v", xs[len(xs)-1], lx)
	}
}

func TestLogicalArrows(t *testing.T) {
	m := newTestModel("العدد 123 هنا", 0)
	m.logical = true
	offs, _ := walk(m, false)
	for i, o := range offs {
		if o != i {
			t.Fatalf("logical Left visits %v, want 0..13 in order", offs)
		}
	}
}

func TestCaretFollowsTypedText(t *testing.T) {
	for _, text := range []string{"سياسة الخصوصية", "Privacy policy", "منصة قلم www.qlmlearn.com وهي", "Terms of قلم use", "العدد 123 هنا"} {
		m := newTestModel("", 600)
		if !isLTRText(text) {
			m.fallbackRTL = true
		}
		i := 0
		for _, r := range text {
			m.typeRune(r)
			i++
			g := m.caretGeom()
			want := trailingEdge(t, m, 0, i-1)
			if !near(g.x, want) {
				t.Errorf("%q after typing %d runes: caret x=%v, want the trailing edge of %q at %v", text, i, g.x, string(r), want)
			}
		}
	}
}

func isLTRText(s string) bool { return s[0] < 0x80 }

func TestUniscribeCaretAtBoundary(t *testing.T) {
	m := newTestModel("مرحبا ", 0)
	m.docEdge(true, false)
	typeString(m, "abc")
	g := m.caretGeom()
	if want := trailingEdge(t, m, 0, 8); !near(g.x, want) || g.rtl {
		t.Errorf("after typing abc: caret x=%v rtl=%v, want right of c at %v, tick pointing right", g.x, g.rtl, want)
	}
	// Moving backward (logically) puts the caret at the leading edge of
	// the character passed.
	m.logical = true
	for i, o := range []int{8, 7, 6, 5} {
		m.horizontal(true, false, false) // Right = backward in an RTL paragraph
		if offsetOf(m) != o {
			t.Fatalf("step %d: caret at %d, want %d", i, offsetOf(m), o)
		}
		if g, want := m.caretGeom(), leadingEdge(t, m, 0, o); !near(g.x, want) {
			t.Errorf("backward to %d: caret x=%v, want the leading edge of rune %d at %v", o, g.x, o, want)
		}
	}
	if g := m.caretGeom(); !g.rtl {
		t.Error("caret before the space of an Arabic line has its tick pointing right")
	}
	// Forward again: the trailing edge of the character passed.
	m.horizontal(false, false, false)
	if g, want := m.caretGeom(), trailingEdge(t, m, 0, 5); offsetOf(m) != 6 || !near(g.x, want) {
		t.Errorf("forward to 6: caret %d x=%v, want 6 at the trailing edge of the space %v", offsetOf(m), g.x, want)
	}
}

func TestHomeEnd(t *testing.T) {
	for _, c := range []struct {
		text      string
		homeRight bool
	}{
		{"مرحبا Google", true},
		{"Google مرحبا", true}, // RTL only if first strong is Arabic: this one is LTR
		{"Hello عالم", false},
	} {
		m := newTestModel(c.text, 0)
		l := m.layout(0)
		rtl := l.Level.IsRTL()
		ln := l.Lines[0]
		left, right := ln.X, ln.X+ln.Width
		m.setCaretOffset(3)
		m.home(false)
		if offsetOf(m) != 0 {
			t.Errorf("%q Home: caret %d, want 0", c.text, offsetOf(m))
		}
		homeX := m.caretGeom().x
		m.end(false)
		if offsetOf(m) != len([]rune(c.text)) {
			t.Errorf("%q End: caret %d, want the end", c.text, offsetOf(m))
		}
		endX := m.caretGeom().x
		wantHome, wantEnd := left, right
		if rtl {
			wantHome, wantEnd = right, left
		}
		if !near(homeX, wantHome) || !near(endX, wantEnd) {
			t.Errorf("%q (rtl %v): Home x=%v End x=%v, want %v and %v", c.text, rtl, homeX, endX, wantHome, wantEnd)
		}
	}
}

func TestHomeEndRTLStartingWithLatin(t *testing.T) {
	m := newTestModel("Google منصة", 0)
	m.setDirection(1) // bidi.RTL
	l := m.layout(0)
	ln := l.Lines[0]
	m.setCaretOffset(3)
	m.home(false)
	if g := m.caretGeom(); offsetOf(m) != 0 || !near(g.x, ln.X+ln.Width) {
		t.Errorf("Home in an RTL line starting with Latin: caret %d x=%v, want 0 at the right edge %v", offsetOf(m), g.x, ln.X+ln.Width)
	}
}

func TestHomeEndWrappedLines(t *testing.T) {
	m := newTestModel("هذه سياسة الخصوصية لمنصة قلم التعليمية وهي تشرح كيف نجمع بياناتك ونستخدمها", 200)
	l := m.layout(0)
	if len(l.Lines) < 3 {
		t.Fatalf("%d lines, want at least 3", len(l.Lines))
	}
	ln := l.Lines[1]
	m.setCaretOffset(ln.Start + 2)
	m.end(false)
	g := m.caretGeom()
	if offsetOf(m) != ln.End || g.y >= m.buf.paras[0].y+l.Lines[2].Y {
		t.Errorf("End on line 1: caret %d y=%v, want %d on line 1", offsetOf(m), g.y, ln.End)
	}
	if !near(g.x, ln.X-ln.Hang) && !near(g.x, ln.X) {
		t.Errorf("End on wrapped RTL line: x=%v, want its left edge %v", g.x, ln.X)
	}
	m.home(false)
	if offsetOf(m) != ln.Start || !near(m.caretGeom().x, ln.X+ln.Width) {
		t.Errorf("Home after End: caret %d x=%v, want %d at the right edge", offsetOf(m), m.caretGeom().x, ln.Start)
	}
}

func TestUpDownKeepX(t *testing.T) {
	text := "هذه سياسة الخصوصية لمنصة قلم التعليمية وهي تشرح كيف نجمع بياناتك ونستخدمها\nسطر ثان قصير\nوسطر ثالث أطول قليلاً من الثاني"
	m := newTestModel(text, 220)
	m.ensure()
	lines := 0
	for i := range m.buf.paras {
		lines += len(m.layout(i).Lines)
	}
	m.setCaretOffset(5)
	x0 := m.caretGeom().x
	var ys []float32
	for range lines - 1 {
		m.vertical(1, false)
		g := m.caretGeom()
		ys = append(ys, g.y)
		l := m.layout(m.caret.p)
		ln := l.Lines[m.caretLine(m.caret, m.upstream)]
		if x0 < ln.X || x0 > ln.X+ln.Width {
			continue // a short line: the caret goes to its nearest end
		}
		if d := g.x - x0; d > 12 || d < -12 {
			t.Errorf("Down to offset %d: caret x=%v, want near %v", offsetOf(m), g.x, x0)
		}
	}
	for i := 1; i < len(ys); i++ {
		if ys[i] <= ys[i-1] {
			t.Errorf("Down %d did not go down: y %v -> %v", i, ys[i-1], ys[i])
		}
	}
	for range lines - 1 {
		m.vertical(-1, false)
	}
	if offsetOf(m) != 5 {
		t.Errorf("%d Downs and as many Ups: caret %d, want 5", lines-1, offsetOf(m))
	}
	m.vertical(-1, false)
	if offsetOf(m) != 0 {
		t.Errorf("Up on the first line: caret %d, want 0", offsetOf(m))
	}
	m.docEdge(true, false)
	m.vertical(1, false)
	if m.caret != m.buf.end() {
		t.Errorf("Down on the last line: caret %v, want the end", m.caret)
	}
}

func TestPageDownAndDocEdges(t *testing.T) {
	var text string
	for range 40 {
		text += "سطر من النص\n"
	}
	m := newTestModel(text, 300)
	m.viewHeight = 100
	m.page(true, false)
	g := m.caretGeom()
	if g.y < 80 || g.y > 130 {
		t.Errorf("PageDown: caret y=%v, want about 100 px down", g.y)
	}
	first := m.caret
	m.page(true, true)
	if s, e := m.selection(); s != first || !(e.p > first.p) {
		t.Errorf("Shift+PageDown: selection %v..%v, want from %v down", s, e, first)
	}
	m.docEdge(true, false)
	if m.caret != m.buf.end() {
		t.Errorf("Ctrl+End: caret %v", m.caret)
	}
	m.docEdge(false, true)
	if m.caret != (pos{}) || m.anchor != m.buf.end() {
		t.Errorf("Ctrl+Shift+Home: caret %v anchor %v", m.caret, m.anchor)
	}
}

func TestWordMovesInScreenDirection(t *testing.T) {
	m := newTestModel("حماية البيانات الشخصية", 0)
	m.horizontal(false, true, false) // Ctrl+Left: forward in RTL
	if offsetOf(m) != 5 {
		t.Errorf("Ctrl+Left in RTL: caret %d, want 5", offsetOf(m))
	}
	m.horizontal(false, true, true)
	if s, e := m.selection(); m.buf.offset(s) != 5 || m.buf.offset(e) != 14 {
		t.Errorf("Ctrl+Shift+Left: selection %v..%v, want 5..14", s, e)
	}
	m.horizontal(true, true, false) // Ctrl+Right: backward
	if offsetOf(m) != 6 {
		t.Errorf("Ctrl+Right in RTL: caret %d, want 6", offsetOf(m))
	}
	e := newTestModel("privacy policy", 0)
	e.horizontal(true, true, false)
	if offsetOf(e) != 7 {
		t.Errorf("Ctrl+Right in LTR: caret %d, want 7", offsetOf(e))
	}
}

func TestShiftArrowsSelectLogicalRange(t *testing.T) {
	m := newTestModel("العدد 123 هنا", 0)
	m.setCaretOffset(4)
	for range 4 {
		m.horizontal(false, false, true)
	}
	s, e := m.selection()
	// Visually: 5, 6 (right of "123"), 8, 7.
	if m.buf.offset(s) != 4 || m.buf.offset(e) != 7 {
		t.Errorf("Shift+Left ×4 from 4: selection %d..%d, want 4..7", m.buf.offset(s), m.buf.offset(e))
	}
	m.horizontal(true, false, false)
	if offsetOf(m) != 4 || m.hasSelection() {
		t.Errorf("Right with a selection in RTL: caret %d, want its start 4", offsetOf(m))
	}
}

func TestArrowsCrossParagraphs(t *testing.T) {
	m := newTestModel("أول\nsecond", 0)
	m.setCaretOffset(0)
	for range 3 {
		m.horizontal(false, false, false)
	}
	if offsetOf(m) != 3 {
		t.Fatalf("Left ×3 in RTL: %d", offsetOf(m))
	}
	m.horizontal(false, false, false)
	if m.caret != (pos{1, 0}) {
		t.Errorf("Left at the end of an RTL paragraph: caret %v, want the start of the next", m.caret)
	}
	m.horizontal(false, false, false)
	if m.caret != (pos{0, 3}) {
		t.Errorf("Left at the start of an LTR paragraph: caret %v, want the end of the one before", m.caret)
	}
}

func TestHitTestAndSelectionRects(t *testing.T) {
	m := newTestModel("العدد 123 هنا\nsecond line", 0)
	l := m.layout(0)
	c, _ := l.Caret(3)
	q, _, _ := m.hit(c.X, c.Y+2)
	if q != (pos{0, 3}) {
		t.Errorf("hit at the caret of 3: %v", q)
	}
	m.selectRange(4, 8) // across the RTL/LTR boundary: split rectangles
	rs := m.selectionRects()
	if len(rs) != 2 {
		t.Fatalf("selection 4..8 across a direction change: %d rects %v, want 2", len(rs), rs)
	}
	want := l.SelectionRects(4, 8)
	for i := range want {
		if rs[i] != want[i] {
			t.Errorf("rect %d = %v, want the engine's %v", i, rs[i], want[i])
		}
	}
	m.selectRange(10, 20) // across the paragraph break
	rs = m.selectionRects()
	var second bool
	for _, r := range rs {
		if r.Y >= m.buf.paras[1].y {
			second = true
		}
	}
	if !second || len(rs) < 3 {
		t.Errorf("selection across paragraphs: %v", rs)
	}
}

func TestWordAndParagraphSelection(t *testing.T) {
	m := newTestModel("حماية البيانات الشخصية\nثان", 0)
	m.selectWord(pos{0, 8})
	if got := string(m.buf.slice(m.selection())); got != "البيانات" {
		t.Errorf("double-click: %q", got)
	}
	m.selectParagraph(pos{0, 8})
	if got := string(m.buf.slice(m.selection())); got != "حماية البيانات الشخصية" {
		t.Errorf("triple-click: %q", got)
	}
}

func TestOnlyChangedParagraphIsLaidOutAgain(t *testing.T) {
	m := newTestModel("أول\nثان\nثالث\nرابع", 300)
	m.ensure()
	before := m.layouts
	m.setCaretOffset(6)
	m.typeRune('ي')
	m.ensure()
	if n := m.layouts - before; n != 1 {
		t.Errorf("typing in one paragraph laid out %d paragraphs, want 1", n)
	}
	before = m.layouts
	m.enter()
	m.ensure()
	if n := m.layouts - before; n != 2 {
		t.Errorf("Enter laid out %d paragraphs, want 2", n)
	}
}

func TestSnapToGrapheme(t *testing.T) {
	m := newTestModel("بِسْمِ", 0)
	m.setCaretOffset(2)
	if offsetOf(m) != 2 {
		t.Errorf("SetCaretOffset(2) = %d", offsetOf(m))
	}
	m.setCaretOffset(1)
	if offsetOf(m) != 0 {
		t.Errorf("SetCaretOffset(1) (between a letter and its kasra) = %d, want 0", offsetOf(m))
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestCtrlArrowsInMixedLineGoTheArrowsWay(t *testing.T) {
	m := newTestModel("مرحبا Google Chrome عالم", 0)
	var offs []int
	x := m.caretGeom().x
	for range 6 {
		m.horizontal(false, true, false)
		g := m.caretGeom()
		if len(offs) > 0 && offs[len(offs)-1] == offsetOf(m) {
			break
		}
		if !(g.x < x) {
			t.Errorf("Ctrl+Left to %d: x %v -> %v, want it to move left", offsetOf(m), x, g.x)
		}
		x = g.x
		offs = append(offs, offsetOf(m))
	}
	// Over مرحبا, over "Chrome" (the LTR run's right word), over "Google"
	// (drawn left of G: the end of Chrome), over عالم.
	if want := []int{5, 13, 19, 24}; !equalInts(offs, want) {
		t.Errorf("Ctrl+Left stops %v, want %v", offs, want)
	}
	for range 4 {
		m.horizontal(true, true, false)
	}
	if offsetOf(m) != 0 {
		t.Errorf("Ctrl+Right ×4 back: caret %d, want 0", offsetOf(m))
	}
}
