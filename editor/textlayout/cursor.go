package textlayout

import "sort"

// NextLogical returns the next grapheme cluster boundary (UAX #29) after
// offset when forward, before it otherwise, clamped to [0, len(Text)].
func (p *Paragraph) NextLogical(offset int, forward bool) int {
	n := len(p.text)
	offset = min(max(offset, 0), n)
	step := 1
	if !forward {
		step = -1
	}
	for i := offset + step; i > 0 && i < n; i += step {
		if p.geo.flags[i]&flagGrapheme != 0 {
			return i
		}
	}
	if forward {
		return n
	}
	return 0
}

// NextWord returns the end of the word after offset when forward (the
// end of the word offset is in, or of the next one), and the start of the
// word before it otherwise, clamped to [0, len(Text)]. Words are UAX #29
// words of letters or digits: spaces and punctuation are skipped.
func (p *Paragraph) NextWord(offset int, forward bool) int {
	n := len(p.text)
	offset = min(max(offset, 0), n)
	if forward {
		for i := offset + 1; i <= n; i++ {
			if p.geo.flags[i]&flagWordEnd != 0 {
				return i
			}
		}
		return n
	}
	for i := offset - 1; i >= 0; i-- {
		if p.geo.flags[i]&flagWordStart != 0 {
			return i
		}
	}
	return 0
}

// WordAt returns the word around offset (for double-click selection): the
// word that contains the rune at offset, else the word that ends at
// offset. Between words it returns the grapheme cluster at offset (before
// it at the end of the text); for an empty paragraph (0, 0).
func (p *Paragraph) WordAt(offset int) (start, end int) {
	n := len(p.text)
	offset = min(max(offset, 0), n)
	if s, e, ok := p.wordContaining(offset); ok {
		return s, e
	}
	if s, e, ok := p.wordContaining(offset - 1); ok {
		return s, e
	}
	if offset == n {
		return p.NextLogical(n, false), n
	}
	return offset, p.NextLogical(offset, true)
}

// wordContaining returns the word that contains rune i.
func (p *Paragraph) wordContaining(i int) (start, end int, ok bool) {
	if i < 0 || i >= len(p.text) {
		return 0, 0, false
	}
	f := p.geo.flags
	for s := i; s >= 0; s-- {
		if f[s]&flagWordStart != 0 {
			e := i + 1
			for f[e]&flagWordEnd == 0 {
				e++
			}
			return s, e, true
		}
		if f[s]&flagWordEnd != 0 {
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// NextVisual returns the offset whose primary caret is the next one to the
// right (right) or left of the caret of offset on its line, as in Chrome
// or Gio: in right-to-left text "right" moves logically backward. Past
// the end of a line it continues on the line that comes next in that
// direction (the next line for right in LTR paragraphs and for left in RTL
// paragraphs), at its near edge. At the edges of the paragraph offset is
// returned unchanged.
func (p *Paragraph) NextVisual(offset int, right bool) int {
	offset = min(max(offset, 0), len(p.text))
	li := p.LineOf(offset)
	stops := p.lineStops(li)
	k := -1
	for i, s := range stops {
		if s.offset == offset {
			k = i
			break
		}
	}
	if k < 0 { // not a grapheme boundary: start from its caret position
		x, _ := p.Caret(offset)
		k = sort.Search(len(stops), func(i int) bool { return stops[i].x >= x.X })
		k = min(k, len(stops)-1)
	}
	x := stops[k].x
	if right {
		for i := k + 1; i < len(stops); i++ {
			if stops[i].x > x+epsilon {
				return stops[i].offset
			}
		}
	} else {
		for i := k - 1; i >= 0; i-- {
			if stops[i].x < x-epsilon {
				return stops[i].offset
			}
		}
	}
	next := li + 1
	if right == p.Level.IsRTL() {
		next = li - 1
	}
	if next < 0 || next >= len(p.Lines) {
		return offset
	}
	ns := p.lineStops(next)
	if right {
		return ns[0].offset
	}
	return ns[len(ns)-1].offset
}

// epsilon is the distance under which two caret positions are the same.
const epsilon = 0.01

// lineStops returns the caret stops of line li: its start and every
// grapheme boundary the line owns (up to End, End only on the last line),
// at the x of its primary caret, sorted left to right.
func (p *Paragraph) lineStops(li int) []stop {
	p.geo.stopsOnce.Do(p.computeStops)
	return p.geo.stops[li]
}

// computeStops fills the caret stops of every line, and the hit positions
// HitTest uses: the same stops plus, for a line that wraps (not at a hard
// break), its End at the x of its upstream caret, so a click past the end
// of the line reaches its last character's far edge.
func (p *Paragraph) computeStops() {
	p.geo.stops = make([][]stop, len(p.Lines))
	p.geo.hits = make([][]stop, len(p.Lines))
	for li, l := range p.Lines {
		end := l.End
		if li < len(p.Lines)-1 {
			end--
		}
		stops := make([]stop, 0, end-l.Start+1)
		for o := l.Start; o <= end; o++ {
			if p.geo.flags[o]&flagGrapheme == 0 && o != l.Start {
				continue
			}
			c, _ := p.Caret(o)
			stops = append(stops, stop{x: c.X, offset: o})
		}
		sortStops(stops)
		p.geo.stops[li] = stops
		p.geo.hits[li] = stops
		if li < len(p.Lines)-1 && p.geo.flags[l.End]&flagMandatory == 0 {
			c, _ := p.CaretUpstream(l.End)
			hits := append(make([]stop, 0, len(stops)+1), stops...)
			hits = append(hits, stop{x: c.X, offset: l.End})
			sortStops(hits)
			p.geo.hits[li] = hits
		}
	}
}

// sortStops sorts stops left to right, the lower offset first at one x.
func sortStops(stops []stop) {
	sort.Slice(stops, func(i, j int) bool {
		if stops[i].x != stops[j].x {
			return stops[i].x < stops[j].x
		}
		return stops[i].offset < stops[j].offset
	})
}
