package textlayout

import (
	"sort"
	"sync"
	"unicode"

	"github.com/qalam/policyeditor/editor/bidi"
)

// geometry holds the per-rune caret edges of a laid-out paragraph.
type geometry struct {
	flags []uint8      // len(text)+1: grapheme and break boundaries
	lead  []float32    // x of the leading edge of each rune (left in LTR, right in RTL)
	trail []float32    // x of the trailing edge
	level []bidi.Level // level of each rune after the line rules (L1)

	stopsOnce sync.Once
	stops     [][]stop // per line: caret stops sorted by x
	hits      [][]stop // per line: stops plus a wrapped line's End (upstream), sorted by x
}

// stop is a caret position of a line: the offset whose primary caret is
// drawn at x.
type stop struct {
	x      float32
	offset int
}

// CaretPos is where a caret is drawn: a vertical bar at X from Y down to
// Y+Height (the line box), on line number Line.
type CaretPos struct {
	X, Y, Height float32
	Line         int
}

// recordRun stores the caret edges of the runes of run (X relative to the
// line start; align shifts them). A glyph cluster covering several
// grapheme clusters has its advance split equally between them, so the
// caret can stop inside a ligature. Fonts that draw a ligature as one
// glyph plus an empty one (Naskh's lam-alef: the alef gets a zero-advance
// glyph of its own) are treated the same way: a zero-width cluster that
// starts with a letter joins the logically preceding cluster.
func (g *geometry) recordRun(run *Run, text []rune) {
	for i := run.Start; i < run.End; i++ {
		g.lead[i], g.trail[i], g.level[i] = run.X, run.X, run.Level
	}
	var buf [32]span
	spans := buf[:0]
	var pen float32
	gs := run.Glyphs
	for i := 0; i < len(gs); {
		c, cnt := gs[i].Cluster, gs[i].Runes
		x0 := pen
		for ; i < len(gs) && gs[i].Cluster == c; i++ {
			pen += gs[i].Advance
		}
		spans = append(spans, span{max(c, run.Start), min(c+cnt, run.End), run.X + x0, run.X + pen})
	}
	if run.RTL { // visual → logical order
		for a, b := 0, len(spans)-1; a < b; a, b = a+1, b-1 {
			spans[a], spans[b] = spans[b], spans[a]
		}
	}
	merged := spans[:0]
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp.x0 == sp.x1 && merged[n-1].e == sp.s &&
			sp.s < sp.e && unicode.IsLetter(text[sp.s]) {
			prev := &merged[n-1]
			prev.e = sp.e
			prev.x0, prev.x1 = min(prev.x0, sp.x0), max(prev.x1, sp.x1)
			continue
		}
		merged = append(merged, sp)
	}
	for _, sp := range merged {
		g.splitCluster(run, sp.s, sp.e, sp.x0, sp.x1)
	}
}

// span is a glyph cluster: runes [s, e) drawn in [x0, x1).
type span struct {
	s, e   int
	x0, x1 float32
}

// splitCluster gives the runes [s, e) of one glyph cluster spanning
// [x0, x1) their edges, one equal share per grapheme cluster.
func (g *geometry) splitCluster(run *Run, s, e int, x0, x1 float32) {
	parts := 1
	for i := s + 1; i < e; i++ {
		if g.flags[i]&flagGrapheme != 0 {
			parts++
		}
	}
	d := (x1 - x0) / float32(parts)
	j := 0
	for i := s; i < e; i++ {
		if i > s && g.flags[i]&flagGrapheme != 0 {
			j++
		}
		if run.RTL {
			g.lead[i], g.trail[i] = x1-float32(j)*d, x1-float32(j+1)*d
		} else {
			g.lead[i], g.trail[i] = x0+float32(j)*d, x0+float32(j+1)*d
		}
	}
}

// align measures the hanging white space of every line, positions lines
// horizontally (Params.Align) and vertically (Params.LineHeight × size).
func (p *Paragraph) align(pp *Params) {
	var width float32
	for k := range p.Lines {
		l := &p.Lines[k]
		for i := l.End - 1; i >= l.Start && p.geo.flags[i]&flagSpace != 0; i-- {
			l.Hang += abs(p.geo.lead[i] - p.geo.trail[i])
		}
		l.Width -= l.Hang
		width = max(width, l.Width)
	}
	if pp.Width > 0 {
		width = pp.Width
	}
	p.Width = width
	rtl := p.Level.IsRTL()
	left := (pp.Align == AlignStart) != rtl
	var y float32
	for k := range p.Lines {
		l := &p.Lines[k]
		switch {
		case pp.Align == AlignCenter:
			l.X = (width - l.Width) / 2
		case left:
			l.X = 0
		default:
			l.X = width - l.Width
		}
		shift := l.X
		if rtl {
			shift -= l.Hang // trailing white space is the visually leftmost
		}
		p.shiftLine(l, shift)
		size := pp.Size
		for _, r := range l.Runs {
			size = max(size, r.Size)
		}
		l.Y = y
		l.Height = shapeSize(size) * pp.LineHeight
		l.Baseline = y + (l.Height-l.Ascent-l.Descent)/2 + l.Ascent
		y += l.Height
	}
	p.Height = y
}

func (p *Paragraph) shiftLine(l *Line, dx float32) {
	for i := range l.Runs {
		l.Runs[i].X += dx
	}
	for i := l.Start; i < l.End; i++ {
		p.geo.lead[i] += dx
		p.geo.trail[i] += dx
	}
}

func abs(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// LineOf returns the line that shows the caret of offset: the line with
// Start <= offset < End. An offset at the end of a wrapped line belongs to
// the next line (downstream affinity); len(Text) belongs to the last line.
func (p *Paragraph) LineOf(offset int) int {
	k := sort.Search(len(p.Lines), func(k int) bool { return p.Lines[k].End > offset })
	return min(k, len(p.Lines)-1)
}

// Caret returns where the caret of offset (clamped to [0, len(Text)]) is
// drawn. Between two characters of the same level both positions are the
// same. At a direction boundary they differ: primary is the edge of the
// character with the lower level (the one closer to the paragraph
// direction, like Pango's strong cursor: where a character typed in the
// paragraph direction would appear), secondary the edge of the other
// character. The start of a line and the end of the paragraph count as
// characters at the paragraph level: in an RTL paragraph that starts with
// "Google", the primary caret of offset 0 is at the right edge of the line
// and the secondary one left of "G". The line follows LineOf (an offset
// at a wrap belongs to the next line).
func (p *Paragraph) Caret(offset int) (primary, secondary CaretPos) {
	offset = min(max(offset, 0), len(p.text))
	return p.caretOnLine(offset, p.LineOf(offset))
}

// CaretUpstream is Caret with upstream affinity: an offset where a line
// wraps is drawn at the end of the line before (after its last character,
// past any hanging white space) instead of at the start of the next one.
// Editors use it for the End key and for a click past the end of a
// wrapped line (HitTest returns that line's End); every other offset,
// including the start of a line after a hard line break, is drawn as
// Caret draws it.
func (p *Paragraph) CaretUpstream(offset int) (primary, secondary CaretPos) {
	offset = min(max(offset, 0), len(p.text))
	li := p.LineOf(offset)
	if li > 0 && offset == p.Lines[li].Start && p.geo.flags[offset]&flagMandatory == 0 {
		li--
	}
	return p.caretOnLine(offset, li)
}

// caretOnLine places the caret of offset on line li, which contains it or
// ends at it.
func (p *Paragraph) caretOnLine(offset, li int) (primary, secondary CaretPos) {
	l := &p.Lines[li]
	at := func(x float32) CaretPos { return CaretPos{X: x, Y: l.Y, Height: l.Height, Line: li} }
	g := &p.geo
	switch {
	case l.Start == l.End:
		primary = at(l.X)
		return primary, primary
	case offset == l.Start:
		// Before the first character sits a virtual character at the
		// paragraph level: the line's start edge.
		first := at(g.lead[offset])
		if g.level[offset] == p.Level {
			return first, first
		}
		return at(p.lineEdge(l, true)), first
	case offset >= l.End:
		// After the last character of the line (of the paragraph, or
		// upstream at a wrap): its end edge.
		last := at(g.trail[offset-1])
		if g.level[offset-1] == p.Level {
			return last, last
		}
		return at(p.lineEdge(l, false)), last
	}
	before, after := at(g.trail[offset-1]), at(g.lead[offset])
	switch la, lb := g.level[offset-1], g.level[offset]; {
	case la == lb:
		return after, after
	case la < lb:
		return before, after
	default:
		return after, before
	}
}

// lineEdge returns the x where the line starts (start) or ends in the
// paragraph direction: right and left for RTL paragraphs, including
// hanging white space.
func (p *Paragraph) lineEdge(l *Line, start bool) float32 {
	left := l.Runs[0].X
	last := l.Runs[len(l.Runs)-1]
	right := last.X + last.Width
	if start == p.Level.IsRTL() {
		return right
	}
	return left
}

// HitTest returns the caret offset nearest to the point (x, y): the line
// whose box contains y (the first or last line beyond the paragraph), then
// the grapheme boundary of that line whose primary caret is nearest to x.
// That is the leading or trailing edge of the grapheme under x, whichever
// half x is in. Past the end of a line that wraps (not at a hard line
// break), HitTest returns the line's End: that offset belongs to the next
// line (LineOf, Caret), so a caret drawn for it where the click was must
// use CaretUpstream.
func (p *Paragraph) HitTest(x, y float32) int {
	li := len(p.Lines) - 1
	for k := range p.Lines {
		if y < p.Lines[k].Y+p.Lines[k].Height {
			li = k
			break
		}
	}
	p.geo.stopsOnce.Do(p.computeStops)
	stops := p.geo.hits[li]
	k := sort.Search(len(stops), func(k int) bool { return stops[k].x >= x })
	switch {
	case k == len(stops):
		k--
	case k > 0 && x-stops[k-1].x <= stops[k].x-x:
		k--
	}
	return stops[k].offset
}

// SelectionRects returns the rectangles covering the characters of
// [start, end) (in either order): one per line and visually contiguous
// piece, so a selection across a direction boundary gives several
// rectangles on one line. Each spans its line box vertically.
func (p *Paragraph) SelectionRects(start, end int) []Rect {
	if start > end {
		start, end = end, start
	}
	start, end = max(start, 0), min(end, len(p.text))
	var rects []Rect
	for _, l := range p.Lines {
		if l.End <= start || l.Start >= end {
			continue
		}
		first := len(rects)
		for _, r := range l.Runs {
			a, b := max(start, r.Start), min(end, r.End)
			if a >= b {
				continue
			}
			x0, x1 := p.geo.lead[a], p.geo.trail[b-1]
			if r.RTL {
				x0, x1 = x1, x0
			}
			if n := len(rects); n > first && abs(rects[n-1].X+rects[n-1].Width-x0) < 0.01 {
				rects[n-1].Width = x1 - rects[n-1].X
				continue
			}
			rects = append(rects, Rect{X: x0, Y: l.Y, Width: x1 - x0, Height: l.Height})
		}
	}
	return rects
}
