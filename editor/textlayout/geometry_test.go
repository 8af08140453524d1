package textlayout

import (
	"fmt"
	"testing"

	"github.com/qalam/policyeditor/editor/bidi"
)

// TestNextVisualVisitsEveryCaret walks every single-line mixed case from
// the visual left edge to the right edge and back: every grapheme boundary
// is visited exactly once, caret X strictly increases (decreases), and the
// walk ends at the right (left) edge.
func TestNextVisualVisitsEveryCaret(t *testing.T) {
	for _, tc := range mixedCases {
		t.Run(tc.name, func(t *testing.T) {
			text := []rune(tc.text)
			p := Layout(Params{Text: text, Dir: tc.dir})
			or := newOracle(text)
			y := p.Lines[0].Y + p.Lines[0].Height/2
			for _, right := range []bool{true, false} {
				o := p.HitTest(-1000, y)
				end := p.HitTest(1e6, y)
				if !right {
					o, end = end, o
				}
				seen := map[int]bool{o: true}
				prev, _ := p.Caret(o)
				for {
					next := p.NextVisual(o, right)
					if next == o {
						break
					}
					c, _ := p.Caret(next)
					if right && c.X <= prev.X || !right && c.X >= prev.X {
						t.Fatalf("NextVisual(%d, right=%v) = %d: caret %.2f after %.2f", o, right, next, c.X, prev.X)
					}
					if seen[next] {
						t.Fatalf("NextVisual visits %d twice", next)
					}
					seen[next] = true
					o, prev = next, c
				}
				if o != end {
					t.Errorf("walk right=%v stopped at %d, want the edge %d", right, o, end)
				}
				for b := range or.graphemes {
					if !seen[b] {
						t.Errorf("walk right=%v never visits offset %d", right, b)
					}
				}
				if len(seen) != len(or.graphemes) {
					t.Errorf("walk right=%v visits %d offsets, want %d", right, len(seen), len(or.graphemes))
				}
			}
		})
	}
}

// TestNextVisualRTLDirection: in RTL text "right" moves logically
// backward, "left" forward, and the numbers inside keep their own order.
func TestNextVisualRTLDirection(t *testing.T) {
	text := []rune("العدد 123 هنا")
	p := Layout(Params{Text: text, Dir: bidi.RTL})
	if got := p.NextVisual(0, true); got != 0 {
		t.Errorf("NextVisual(0, right) = %d, want 0 (already at the right edge)", got)
	}
	var seq []int
	for o := 0; ; {
		seq = append(seq, o)
		next := p.NextVisual(o, false)
		if next == o {
			break
		}
		o = next
	}
	// Leftward from the start: through "العدد " (0..6), then across the
	// number from its right end (9, 8, 7), its left end (9 is shared: the
	// caret of 9 is left of the number, 6 right of it), then "هنا".
	want := "[0 1 2 3 4 5 6 8 7 9 10 11 12 13]"
	if fmt.Sprint(seq) != want {
		t.Errorf("leftward walk = %v, want %s", seq, want)
	}
}

// TestNextVisualAcrossLines: pressing left in a wrapped RTL paragraph
// walks the whole text logically forward, line after line.
func TestNextVisualAcrossLines(t *testing.T) {
	text := longestSeedParagraph()
	or := newOracle(text)
	p := Layout(Params{Text: text, Dir: bidi.RTL, Width: 300})
	seen := map[int]bool{}
	o := 0
	for i := 0; i < 2*len(text); i++ {
		seen[o] = true
		next := p.NextVisual(o, false)
		if next == o {
			break
		}
		if p.LineOf(next) < p.LineOf(o) {
			t.Fatalf("NextVisual(%d, left) = %d goes back a line", o, next)
		}
		o = next
	}
	if o != len(text) {
		t.Errorf("leftward walk ends at %d, want %d", o, len(text))
	}
	for b := range or.graphemes {
		if !seen[b] {
			t.Errorf("leftward walk never visits %d", b)
		}
	}
	// And right from the end comes back to the start.
	for i := 0; i < 2*len(text); i++ {
		next := p.NextVisual(o, true)
		if next == o {
			break
		}
		o = next
	}
	if o != 0 {
		t.Errorf("rightward walk ends at %d, want 0", o)
	}
}

// TestCaretAtDirectionBoundary checks both caret edges where the number
// meets the Arabic text in "العدد 123 هنا".
func TestCaretAtDirectionBoundary(t *testing.T) {
	text := []rune("العدد 123 هنا")
	p := Layout(Params{Text: text, Dir: bidi.RTL, Width: 300})
	var num Run
	for _, rn := range p.Lines[0].Runs {
		if !rn.RTL {
			num = rn
		}
	}
	if p.String(num) != "123" {
		t.Fatalf("LTR run = %q, want 123", p.String(num))
	}
	left, right := num.X, num.X+num.Width
	for _, c := range []struct {
		offset                 int
		primary, secondary     float32
		primaryDesc, otherDesc string
	}{
		{6, right, left, "right of the number (after the space)", "left of 1"},
		{9, left, right, "left of the number (before the space)", "right of 3"},
	} {
		pr, se := p.Caret(c.offset)
		if !near(pr.X, c.primary) || !near(se.X, c.secondary) {
			t.Errorf("Caret(%d) = %.2f / %.2f, want %.2f (%s) / %.2f (%s)", c.offset, pr.X, se.X, c.primary, c.primaryDesc, c.secondary, c.otherDesc)
		}
	}
	// Inside the number the caret moves left to right with the digits.
	c7, _ := p.Caret(7)
	c8, _ := p.Caret(8)
	if !(left < c7.X && c7.X < c8.X && c8.X < right) {
		t.Errorf("carets 7, 8 at %.2f, %.2f; want increasing inside (%.2f, %.2f)", c7.X, c8.X, left, right)
	}
	// At the paragraph start the caret is at the right edge.
	c0, _ := p.Caret(0)
	if !near(c0.X, 300) {
		t.Errorf("Caret(0) = %.2f, want 300 (right edge)", c0.X)
	}
}

// TestCaretInsideLigature: Naskh draws لا as one shape; the caret between
// lam and alef is inside it, half way.
func TestCaretInsideLigature(t *testing.T) {
	text := []rune("سلام")
	p := Layout(Params{Text: text, Dir: bidi.RTL})
	c1, _ := p.Caret(1)
	c2, _ := p.Caret(2)
	c3, _ := p.Caret(3)
	if !(c3.X < c2.X && c2.X < c1.X) {
		t.Errorf("carets 1, 2, 3 = %.2f, %.2f, %.2f; want strictly decreasing (2 inside the lam-alef)", c1.X, c2.X, c3.X)
	}
	if mid := (c1.X + c3.X) / 2; !near(c2.X, mid) {
		t.Errorf("caret inside لا at %.2f, want the middle %.2f", c2.X, mid)
	}
}

// TestCaretAffinityAtWrap: the offset where a line wraps shows at the
// start of the next line, and hit-testing the end of a line gives the
// offset before its hanging space.
func TestCaretAffinityAtWrap(t *testing.T) {
	text := longestSeedParagraph()
	p := Layout(Params{Text: text, Dir: bidi.RTL, Width: 300})
	l0, l1 := p.Lines[0], p.Lines[1]
	c, _ := p.Caret(l0.End)
	if c.Line != 1 || !near(c.X, l1.X+l1.Width) {
		t.Errorf("Caret(%d) = line %d x %.2f, want line 1 at its right edge %.2f", l0.End, c.Line, c.X, l1.X+l1.Width)
	}
	if o := p.HitTest(-50, l0.Y+1); o != l0.End {
		t.Errorf("HitTest left of line 0 = %d, want %d (after the hanging space)", o, l0.End)
	}
	if c, _ := p.CaretUpstream(l0.End); c.Line != 0 || c.X > l0.X+0.01 {
		t.Errorf("CaretUpstream(%d) = line %d x %.2f, want line 0 left of %.2f", l0.End, c.Line, c.X, l0.X)
	}
	if o := p.HitTest(1000, l1.Y+1); o != l1.Start {
		t.Errorf("HitTest right of line 1 = %d, want %d", o, l1.Start)
	}
	if o := p.HitTest(100, -40); p.LineOf(o) != 0 {
		t.Errorf("HitTest above the paragraph = %d on line %d, want line 0", o, p.LineOf(o))
	}
	if o := p.HitTest(100, p.Height+40); p.LineOf(o) != len(p.Lines)-1 {
		t.Errorf("HitTest below the paragraph = %d, want last line", o)
	}
}

// TestHitTestHalves: a click on the right half of an Arabic letter puts
// the caret before it (logically), on the left half after it.
func TestHitTestHalves(t *testing.T) {
	text := []rune("قلم")
	p := Layout(Params{Text: text, Dir: bidi.RTL})
	lead, _ := p.Caret(0)
	trail, _ := p.Caret(1)
	y := p.Lines[0].Y + 2
	w := lead.X - trail.X
	if o := p.HitTest(lead.X-w*0.3, y); o != 0 {
		t.Errorf("right half of ق hits %d, want 0", o)
	}
	if o := p.HitTest(trail.X+w*0.3, y); o != 1 {
		t.Errorf("left half of ق hits %d, want 1", o)
	}
}

// TestSelectionRectsMixed: selecting across the direction boundary of a
// line gives two separate rectangles.
func TestSelectionRectsMixed(t *testing.T) {
	text := []rune("العدد 123 هنا")
	p := Layout(Params{Text: text, Dir: bidi.RTL})
	// "د 12": the last letter of العدد, the space, and two digits.
	rects := p.SelectionRects(4, 8)
	if len(rects) != 2 {
		t.Fatalf("SelectionRects(4, 8) = %+v, want 2 rectangles", rects)
	}
	var num Run
	for _, rn := range p.Lines[0].Runs {
		if !rn.RTL {
			num = rn
		}
	}
	c8, _ := p.Caret(8)
	// Visual order: the digits "12" (left part of the number) first, then
	// the Arabic part to the right of the number.
	if !near(rects[0].X, num.X) || !near(rects[0].X+rects[0].Width, c8.X) {
		t.Errorf("first rect %+v, want x %.2f..%.2f (the digits 1 and 2)", rects[0], num.X, c8.X)
	}
	c4, _ := p.Caret(4)
	if !near(rects[1].X, num.X+num.Width) || !near(rects[1].X+rects[1].Width, c4.X) {
		t.Errorf("second rect %+v, want x %.2f..%.2f", rects[1], num.X+num.Width, c4.X)
	}
	if got := p.SelectionRects(8, 4); fmt.Sprint(got) != fmt.Sprint(rects) {
		t.Errorf("SelectionRects(8, 4) = %v, want the same as (4, 8)", got)
	}
	if got := p.SelectionRects(5, 5); len(got) != 0 {
		t.Errorf("empty selection gives %v", got)
	}
}

// TestSelectionRectsWrapped: a selection spanning lines gives a rectangle
// on every line it touches.
func TestSelectionRectsWrapped(t *testing.T) {
	text := longestSeedParagraph()
	p := Layout(Params{Text: text, Dir: bidi.RTL, Width: 300})
	start, end := p.Lines[0].End-3, p.Lines[2].Start+3
	rects := p.SelectionRects(start, end)
	lines := map[float32]bool{}
	for _, rc := range rects {
		lines[rc.Y] = true
	}
	if len(lines) != 3 {
		t.Errorf("selection over 3 lines covers %d: %+v", len(lines), rects)
	}
	// The middle line is covered completely.
	l1 := p.Lines[1]
	found := false
	for _, rc := range rects {
		if rc.Y == l1.Y && near(rc.X, l1.Runs[0].X) && near(rc.X+rc.Width, l1.Runs[len(l1.Runs)-1].X+l1.Runs[len(l1.Runs)-1].Width) {
			found = true
		}
	}
	if !found {
		t.Errorf("middle line not fully selected: %+v", rects)
	}
}

func TestWords(t *testing.T) {
	// Words: زوروا منصة قلم www.qlmlearn.com اليوم 17 07 2023 (the
	// slashes of the date separate numbers).
	text := []rune("زوروا منصة قلم (www.qlmlearn.com) اليوم، 17/07/2023")
	p := Layout(Params{Text: text, Dir: bidi.RTL})
	var ends, starts []int
	for o := 0; o < len(text); {
		o = p.NextWord(o, true)
		ends = append(ends, o)
	}
	for o := len(text); o > 0; {
		o = p.NextWord(o, false)
		starts = append(starts, o)
	}
	if got, want := fmt.Sprint(ends), "[5 10 14 32 39 43 46 51]"; got != want {
		t.Errorf("NextWord forward stops %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(starts), "[47 44 41 34 16 11 6 0]"; got != want {
		t.Errorf("NextWord backward stops %s, want %s", got, want)
	}
	for _, c := range []struct{ offset, start, end int }{
		{0, 0, 5}, {3, 0, 5}, {5, 0, 5}, {7, 6, 10}, {15, 15, 16}, // "(" is no word
		{16, 16, 32}, // UAX #29 keeps www.qlmlearn.com one word
		{39, 34, 39}, {40, 40, 41}, {51, 47, 51},
	} {
		if s, e := p.WordAt(c.offset); s != c.start || e != c.end {
			t.Errorf("WordAt(%d) = %d, %d (%q), want %d, %d (%q)", c.offset, s, e, string(text[s:e]), c.start, c.end, string(text[c.start:c.end]))
		}
	}
	empty := Layout(Params{})
	if s, e := empty.WordAt(0); s != 0 || e != 0 {
		t.Errorf("WordAt on empty text = %d, %d", s, e)
	}
}

// TestCaretUpstream: at a wrap the upstream caret is at the end of the
// line before, past its hanging space; elsewhere it is Caret.
func TestCaretUpstream(t *testing.T) {
	text := longestSeedParagraph()
	p := Layout(Params{Text: text, Dir: bidi.RTL, Width: 300})
	l0 := p.Lines[0]
	up, _ := p.CaretUpstream(l0.End)
	if up.Line != 0 || !near(up.X, l0.X-l0.Hang) {
		t.Errorf("CaretUpstream(%d) = line %d x %.2f, want line 0 at %.2f (left of the hanging space)", l0.End, up.Line, up.X, l0.X-l0.Hang)
	}
	for _, o := range []int{0, 5, l0.End - 1, len(text)} {
		a, b := p.Caret(o)
		c, d := p.CaretUpstream(o)
		if a != c || b != d {
			t.Errorf("CaretUpstream(%d) = %v %v, Caret = %v %v", o, c, d, a, b)
		}
	}
}

// TestHitTestPastWrappedLineEnd: a click past the end of a line that wraps
// without a trailing space (a long word split at a grapheme, a break after
// "-") hits the line's End, whose upstream caret is drawn at the end of
// that line; a line ending in a hard break hits before the break.
func TestHitTestPastWrappedLineEnd(t *testing.T) {
	for _, tc := range []struct {
		s     string
		width float32
	}{
		{"www.qlmlearn.com/privacy-policy/ar/index.html", 60},
		{"privacy-policy-terms-of-use", 70},
		{"بالإستخداماتللمعلوماتوالبياناتالشخصية", 60},
		{"سياسة-الخصوصية-والاستخدام", 60},
		{"abc def\nghi", 0},
	} {
		text := []rune(tc.s)
		p := Layout(Params{Text: text, Dir: bidi.Auto, Width: tc.width})
		if len(p.Lines) < 2 {
			t.Fatalf("%q: %d lines, want several", tc.s, len(p.Lines))
		}
		past := float32(1e4) // past the end of an LTR line
		if p.Level.IsRTL() {
			past = -1e4
		}
		for li, l := range p.Lines[:len(p.Lines)-1] {
			want := l.End
			if text[l.End-1] == '\n' {
				want = l.End - 1
			}
			if o := p.HitTest(past, l.Y+l.Height/2); o != want {
				t.Errorf("%q: HitTest past the end of line %d [%d,%d) = %d, want %d", tc.s, li, l.Start, l.End, o, want)
			}
			c, _ := p.CaretUpstream(l.End)
			if want == l.End && c.Line != li {
				t.Errorf("%q: CaretUpstream(%d) on line %d, want %d", tc.s, l.End, c.Line, li)
			}
		}
	}
}

// TestTrailingHardBreak: text ending in a line feed has an empty last
// line, where the caret of the end of the text is drawn and hit.
func TestTrailingHardBreak(t *testing.T) {
	for _, tc := range []struct {
		s   string
		dir bidi.Direction
	}{
		{"abc\n", bidi.LTR},
		{"سطر\n", bidi.RTL},
		{"abc\r\n", bidi.LTR},
		{"\n", bidi.RTL},
		{"a\n\n", bidi.LTR},
	} {
		text := []rune(tc.s)
		n := len(text)
		p := Layout(Params{Text: text, Dir: tc.dir, Width: 200})
		checkStructure(t, p, n, AlignStart)
		checkGeometry(t, p, text)
		last := p.Lines[len(p.Lines)-1]
		if last.Start != n || last.End != n {
			t.Errorf("%q: last line [%d,%d), want empty [%d,%d)", tc.s, last.Start, last.End, n, n)
			continue
		}
		li := len(p.Lines) - 1
		if c, _ := p.Caret(n); c.Line != li || !near(c.Y, last.Y) {
			t.Errorf("%q: Caret(%d) on line %d y %.2f, want line %d y %.2f", tc.s, n, c.Line, c.Y, li, last.Y)
		}
		if c, _ := p.CaretUpstream(n); c.Line != li {
			t.Errorf("%q: CaretUpstream(%d) on line %d, want %d", tc.s, n, c.Line, li)
		}
		if o := p.HitTest(50, last.Y+last.Height/2); o != n {
			t.Errorf("%q: HitTest on the last line = %d, want %d", tc.s, o, n)
		}
		if !near(p.Height, last.Y+last.Height) || last.Height <= 0 {
			t.Errorf("%q: height %.2f, last line y %.2f h %.2f", tc.s, p.Height, last.Y, last.Height)
		}
	}
}
