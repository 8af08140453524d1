package textlayout

import (
	"flag"
	"math"
	"strings"
	"testing"

	"github.com/go-text/typesetting/segmenter"
	"github.com/qalam/policyeditor/assets"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const eps = 0.02 // px

func near(a, b float32) bool { return math.Abs(float64(a-b)) <= eps }

// seedParagraphs returns the non-empty lines of the sample policy, trimmed.
func seedParagraphs() [][]rune {
	var out [][]rune
	for _, l := range strings.Split(string(assets.SamplePolicy), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, []rune(l))
		}
	}
	return out
}

// longestSeedParagraph is the longest paragraph of the sample policy.
func longestSeedParagraph() []rune {
	var best []rune
	for _, p := range seedParagraphs() {
		if len(p) > len(best) {
			best = p
		}
	}
	return best
}

// oracle computes break opportunities and grapheme boundaries with the
// segmenter directly, independently of the package's flags. Breaks are
// UAX #14 opportunities that are also grapheme boundaries.
type oracle struct {
	breaks    map[int]bool
	graphemes map[int]bool
}

func newOracle(text []rune) oracle {
	var seg segmenter.Segmenter
	seg.Init(text)
	o := oracle{breaks: map[int]bool{}, graphemes: map[int]bool{len(text): true}}
	for it := seg.LineIterator(); it.Next(); {
		l := it.Line()
		o.breaks[l.Offset+len(l.Text)] = true
	}
	for it := seg.GraphemeIterator(); it.Next(); {
		o.graphemes[it.Grapheme().Offset] = true
	}
	// A break inside a grapheme (space + combining mark, LB10) is not
	// one we take.
	for b := range o.breaks {
		if !o.graphemes[b] {
			delete(o.breaks, b)
		}
	}
	return o
}

// checkStructure asserts the invariants every layout must satisfy: lines
// tile the text in order, runs tile their line (each offset in exactly one
// run), run X positions are adjacent left to right and add up to the line
// width plus its hanging white space, and lines are aligned.
func checkStructure(t *testing.T, p *Paragraph, n int, align Align) {
	t.Helper()
	if len(p.Lines) == 0 {
		t.Fatalf("no lines")
	}
	next := 0
	for li, l := range p.Lines {
		// Only the line of an empty text and the last line after a
		// trailing hard break are empty.
		emptyOK := n == 0 || (li == len(p.Lines)-1 && hardBreak(p.text[n-1]))
		if l.Start != next || l.End < l.Start || (l.End == l.Start && !emptyOK) {
			t.Fatalf("line %d = [%d,%d), want start %d and non-empty", li, l.Start, l.End, next)
		}
		next = l.End
		seen := make([]int, l.End-l.Start)
		var total float32
		for k, r := range l.Runs {
			if r.Start < l.Start || r.End > l.End || r.Start >= r.End {
				t.Fatalf("line %d run %d = [%d,%d) outside line [%d,%d)", li, k, r.Start, r.End, l.Start, l.End)
			}
			for i := r.Start; i < r.End; i++ {
				seen[i-l.Start]++
			}
			if k > 0 && !near(l.Runs[k-1].X+l.Runs[k-1].Width, r.X) {
				t.Errorf("line %d run %d: X = %.2f, previous ends at %.2f", li, k, r.X, l.Runs[k-1].X+l.Runs[k-1].Width)
			}
			if r.RTL != r.Level.IsRTL() {
				t.Errorf("line %d run %d: RTL %v with level %d", li, k, r.RTL, r.Level)
			}
			total += r.Width
		}
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("line %d: offset %d is in %d runs", li, l.Start+i, c)
			}
		}
		if !near(total, l.Width+l.Hang) {
			t.Errorf("line %d: runs add up to %.2f, want width %.2f + hang %.2f", li, total, l.Width, l.Hang)
		}
		if len(l.Runs) > 0 {
			left := l.X
			if p.Level.IsRTL() {
				left -= l.Hang
			}
			if !near(l.Runs[0].X, left) {
				t.Errorf("line %d: first run at %.2f, want %.2f", li, l.Runs[0].X, left)
			}
		}
		rtl := p.Level.IsRTL()
		switch {
		case align == AlignCenter:
		case (align == AlignStart) == rtl:
			if !near(l.X+l.Width, p.Width) {
				t.Errorf("line %d: right edge %.2f, want right-aligned at %.2f", li, l.X+l.Width, p.Width)
			}
		default:
			if !near(l.X, 0) {
				t.Errorf("line %d: X = %.2f, want left-aligned at 0", li, l.X)
			}
		}
		if li > 0 && !near(l.Y, p.Lines[li-1].Y+p.Lines[li-1].Height) {
			t.Errorf("line %d: Y = %.2f, want it right below line %d", li, l.Y, li-1)
		}
	}
	if next != n {
		t.Fatalf("lines end at %d, want %d", next, n)
	}
	if last := p.Lines[len(p.Lines)-1]; n > 0 && hardBreak(p.text[n-1]) && last.Start != n {
		t.Fatalf("text ends in a hard break but the last line is [%d,%d), want empty [%d,%d)", last.Start, last.End, n, n)
	}
}

// checkGeometry asserts that every caret position hit-tests back to its
// offset (or to an offset whose caret is drawn at the very same place),
// that selecting everything gives one rectangle per line covering its runs,
// and that NextLogical visits every grapheme boundary.
func checkGeometry(t *testing.T, p *Paragraph, text []rune) {
	t.Helper()
	or := newOracle(text)
	for o := 0; o <= len(text); o++ {
		if !or.graphemes[o] {
			continue
		}
		c, _ := p.Caret(o)
		hit := p.HitTest(c.X, c.Y+c.Height/2)
		if hit == o {
			continue
		}
		h, _ := p.Caret(hit)
		if l := p.Lines[c.Line]; hit == l.End && c.Line < len(p.Lines)-1 {
			h, _ = p.CaretUpstream(hit) // HitTest's wrapped line End
		}
		if !near(h.X, c.X) || h.Line != c.Line {
			t.Errorf("HitTest(Caret(%d) = %.2f,%.2f line %d) = %d, whose caret is at %.2f line %d", o, c.X, c.Y, c.Line, hit, h.X, h.Line)
		}
	}
	rects := p.SelectionRects(0, len(text))
	lines := p.Lines
	if n := len(lines); lines[n-1].Start == lines[n-1].End {
		lines = lines[:n-1] // the empty line after a trailing hard break
	}
	if len(text) > 0 && len(rects) != len(lines) {
		t.Errorf("SelectionRects(all) = %d rects, want one per non-empty line (%d)", len(rects), len(lines))
	}
	for i, r := range rects {
		if i >= len(lines) {
			break
		}
		l := lines[i]
		first, last := l.Runs[0], l.Runs[len(l.Runs)-1]
		if !near(r.X, first.X) || !near(r.X+r.Width, last.X+last.Width) || r.Y != l.Y || r.Height != l.Height {
			t.Errorf("SelectionRects(all)[%d] = %+v, want line %d box x %.2f..%.2f y %.2f h %.2f", i, r, i, first.X, last.X+last.Width, l.Y, l.Height)
		}
	}
	o, steps := 0, 0
	for o < len(text) {
		next := p.NextLogical(o, true)
		if next <= o || !or.graphemes[next] {
			t.Fatalf("NextLogical(%d, forward) = %d", o, next)
		}
		for k := o + 1; k < next; k++ {
			if or.graphemes[k] {
				t.Fatalf("NextLogical(%d, forward) = %d skips boundary %d", o, next, k)
			}
		}
		if back := p.NextLogical(next, false); back != o {
			t.Fatalf("NextLogical(%d, backward) = %d, want %d", next, back, o)
		}
		o = next
		steps++
	}
}
