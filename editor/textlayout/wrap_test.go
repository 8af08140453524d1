package textlayout

import (
	"fmt"
	"testing"

	"github.com/qalam/policyeditor/editor/bidi"
)

// TestWrapSeedParagraph wraps the longest paragraph of the sample policy
// at 300 and 600 px.
func TestWrapSeedParagraph(t *testing.T) {
	text := longestSeedParagraph()
	if len(text) < 300 {
		t.Fatalf("longest seed paragraph has %d runes, expected the 369-rune one", len(text))
	}
	for _, width := range []float32{300, 600} {
		p := Layout(Params{Text: text, Dir: bidi.Auto, Width: width})
		if !p.Level.IsRTL() {
			t.Fatalf("seed paragraph level %d, want RTL", p.Level)
		}
		checkStructure(t, p, len(text), AlignStart)
		checkWrap(t, p, text, width)
		checkGeometry(t, p, text)
		if len(p.Lines) < 3 {
			t.Errorf("width %.0f: %d lines, a 369-rune paragraph needs more", width, len(p.Lines))
		}
		t.Logf("width %.0f: %d lines", width, len(p.Lines))
	}
}

// checkWrap asserts that no line is wider than width (unless it is a
// single grapheme), that lines end at legal break opportunities (or at a
// grapheme boundary when the line holds no opportunity at all), and that
// the wrapping is greedy: the next line's first word did not fit.
func checkWrap(t *testing.T, p *Paragraph, text []rune, width float32) {
	t.Helper()
	or := newOracle(text)
	for li, l := range p.Lines {
		graphemes := 0
		for i := l.Start; i < l.End; i++ {
			if or.graphemes[i] {
				graphemes++
			}
		}
		if l.Width > width+eps && graphemes > 1 {
			t.Errorf("line %d [%d,%d) is %.2f px wide, over %.0f: %q", li, l.Start, l.End, l.Width, width, string(text[l.Start:l.End]))
		}
		if li == len(p.Lines)-1 {
			continue
		}
		if !or.breaks[l.End] {
			inner := false
			for i := l.Start + 1; i < l.End; i++ {
				inner = inner || or.breaks[i]
			}
			if inner || !or.graphemes[l.End] {
				t.Errorf("line %d ends at %d, not a break opportunity (%q|%q)", li, l.End, string(text[max(l.End-5, 0):l.End]), string(text[l.End:min(l.End+5, len(text))]))
			}
		}
	}
}

// TestWrapGreedy checks that each line takes as many words as fit: laying
// out the line plus the next word without wrapping is wider than the limit.
func TestWrapGreedy(t *testing.T) {
	text := longestSeedParagraph()
	or := newOracle(text)
	const width = 300
	p := Layout(Params{Text: text, Dir: bidi.RTL, Width: width})
	for li, l := range p.Lines[:len(p.Lines)-1] {
		next := l.End + 1
		for next < len(text) && !or.breaks[next] {
			next++
		}
		q := Layout(Params{Text: text[l.Start:next], Dir: bidi.RTL})
		if q.Lines[0].Width <= width-1 {
			t.Errorf("line %d could also hold %q: %.2f px <= %d", li, string(text[l.End:next]), q.Lines[0].Width, width)
		}
	}
}

// TestWrapLongWord breaks a word wider than the line at grapheme
// boundaries, never inside a ligature or a base+mark cluster.
func TestWrapLongWord(t *testing.T) {
	for _, s := range []string{
		"www.qlmlearn.com/privacy-policy/ar/index.html",
		"بالإستخداماتللمعلوماتوالبياناتالشخصيةلاالخاصةبالمستخدمين",
		"مُحَمَّدٌمُحَمَّدٌمُحَمَّدٌمُحَمَّدٌ",
	} {
		text := []rune(s)
		p := Layout(Params{Text: text, Dir: bidi.Auto, Width: 60})
		checkStructure(t, p, len(text), AlignStart)
		checkWrap(t, p, text, 60)
		checkGeometry(t, p, text)
		if len(p.Lines) < 2 {
			t.Errorf("%q: %d lines at 60 px, want several", s, len(p.Lines))
		}
	}
}

// TestWrapHangingSpaces keeps trailing spaces on the line they end, past
// the edge, so they never push a word to the next line.
func TestWrapHangingSpaces(t *testing.T) {
	text := []rune("سياسة     الخصوصية     لموقع")
	p := Layout(Params{Text: text, Dir: bidi.RTL, Width: 70})
	checkStructure(t, p, len(text), AlignStart)
	if len(p.Lines) != 3 {
		t.Fatalf("%d lines, want 3", len(p.Lines))
	}
	for li, l := range p.Lines[:2] {
		if text[l.End-1] != ' ' || l.Hang <= 0 {
			t.Errorf("line %d ends with %q, hang %.2f: want the spaces to hang", li, text[l.End-1], l.Hang)
		}
		if l.X+l.Width != p.Width {
			t.Errorf("line %d: content ends at %.2f, want %.2f (right-aligned without its spaces)", li, l.X+l.Width, p.Width)
		}
	}
}

// TestWordCacheMatchesContextShaping lays the seed page out with and
// without the word shaping cache: the same lines, glyphs and widths.
func TestWordCacheMatchesContextShaping(t *testing.T) {
	for _, text := range append(seedParagraphs(), mixedParagraph(2000)) {
		shapeCacheEnabled = false
		cold := Layout(Params{Text: text, Dir: bidi.Auto, Width: 600})
		shapeCacheEnabled = true
		Layout(Params{Text: text, Dir: bidi.Auto, Width: 600}) // fill the cache
		warm := Layout(Params{Text: text, Dir: bidi.Auto, Width: 600})
		if len(cold.Lines) != len(warm.Lines) {
			t.Fatalf("%q: %d lines with the cache, %d without", string(text[:20]), len(warm.Lines), len(cold.Lines))
		}
		for li := range cold.Lines {
			c, w := cold.Lines[li], warm.Lines[li]
			if c.Start != w.Start || c.End != w.End || !near(c.Width, w.Width) {
				t.Errorf("line %d: [%d,%d) %.2f px with the cache, [%d,%d) %.2f px without", li, w.Start, w.End, w.Width, c.Start, c.End, c.Width)
				continue
			}
			var cg, wg []uint32
			for _, r := range c.Runs {
				for _, g := range r.Glyphs {
					cg = append(cg, g.ID)
				}
			}
			for _, r := range w.Runs {
				for _, g := range r.Glyphs {
					wg = append(wg, g.ID)
				}
			}
			if fmt.Sprint(cg) != fmt.Sprint(wg) {
				t.Errorf("line %d: glyphs differ with the cache:\n%v\n%v", li, wg, cg)
			}
		}
	}
}

// TestControlCharacters: a tab is blank space four spaces wide, a line
// feed forces a line break and draws nothing (no missing-glyph box).
func TestControlCharacters(t *testing.T) {
	text := []rune("نص\tآخر\nسطر")
	p := Layout(Params{Text: text, Dir: bidi.RTL})
	checkStructure(t, p, len(text), AlignStart)
	if len(p.Lines) != 2 || p.Lines[0].End != 7 {
		t.Fatalf("lines %+v, want a break after the line feed at 6", p.Lines)
	}
	for _, l := range p.Lines {
		for _, r := range l.Runs {
			for _, g := range r.Glyphs {
				if g.ID == 0 {
					t.Errorf("missing-glyph box for %q", text[g.Cluster])
				}
				if text[g.Cluster] == '\t' && g.Advance < 8 {
					t.Errorf("tab advance %.2f, want four spaces", g.Advance)
				}
				if text[g.Cluster] == '\n' && g.Advance != 0 {
					t.Errorf("line feed advance %.2f, want 0", g.Advance)
				}
			}
		}
	}
}

// TestWrapLTRAndCenter wraps an LTR paragraph with Arabic inside, left and
// centred: hanging spaces stay at the right, outside the content.
func TestWrapLTRAndCenter(t *testing.T) {
	text := []rune("Our privacy policy (سياسة الخصوصية) was last updated on 17/07/2023 by the Qalam team at support@gmail.com.")
	for _, align := range []Align{AlignStart, AlignCenter, AlignEnd} {
		p := Layout(Params{Text: text, Dir: bidi.LTR, Width: 180, Align: align})
		checkStructure(t, p, len(text), align)
		checkWrap(t, p, text, 180)
		checkGeometry(t, p, text)
		for li, l := range p.Lines[:len(p.Lines)-1] {
			last := l.Runs[len(l.Runs)-1]
			if l.Hang > 0 && !near(last.X+last.Width, l.X+l.Width+l.Hang) {
				t.Errorf("align %d line %d: hanging space not at the right end", align, li)
			}
			if align == AlignCenter && !near(l.X, (180-l.Width)/2) {
				t.Errorf("line %d: X %.2f, want centred %.2f", li, l.X, (180-l.Width)/2)
			}
		}
	}
}

// TestMixedSizes: a larger span makes its line taller; the other lines
// keep the base height.
func TestMixedSizes(t *testing.T) {
	text := []rune("سياسة الخصوصية لموقع منصة قلم وهي سياسة عامة لجميع المستخدمين")
	p := Layout(Params{Text: text, Dir: bidi.RTL, Width: 150, Size: 16, LineHeight: 1.5,
		Spans: []Span{{0, 5, Style{Size: 30, Bold: true}}}})
	checkStructure(t, p, len(text), AlignStart)
	if len(p.Lines) < 2 {
		t.Fatalf("%d lines", len(p.Lines))
	}
	if got := p.Lines[0].Height; !near(got, 45) {
		t.Errorf("first line height %.2f, want 30 × 1.5", got)
	}
	if got := p.Lines[1].Height; !near(got, 24) {
		t.Errorf("second line height %.2f, want 16 × 1.5", got)
	}
	var h float32
	for _, l := range p.Lines {
		h += l.Height
	}
	if !near(p.Height, h) {
		t.Errorf("paragraph height %.2f, lines add up to %.2f", p.Height, h)
	}
	if l := p.Lines[0]; l.Baseline <= l.Y || l.Baseline >= l.Y+l.Height {
		t.Errorf("baseline %.2f outside line box %.2f..%.2f", l.Baseline, l.Y, l.Y+l.Height)
	}
}
