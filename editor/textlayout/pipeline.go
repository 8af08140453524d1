package textlayout

import (
	"github.com/go-text/typesetting/shaping"
	"github.com/qalam/policyeditor/editor/bidi"
)

// layout runs the whole pipeline for one paragraph: bidi levels, items,
// shaping, line breaking, then every line in visual order.
func (w *worker) layout(p *Params) *Paragraph {
	text := p.Text
	n := len(text)
	bp := bidi.New(text, p.Dir)
	levels := bp.Levels()

	if cap(w.buf) < n {
		w.buf = make([]runeInfo, n)
	}
	info := w.buf[:n]
	clear(info)
	flags := make([]uint8, n+1)
	styles := resolveStyles(n, p.Spans, info)
	resolveScripts(text, info)
	items := w.itemize(text, levels, info, styles, p.Size)
	w.measure(text, items, info, flags)
	segment(&w.seg, text, flags)
	ends := breakLines(info, flags, p.Width)

	para := &Paragraph{
		Level: bp.Level(),
		text:  text,
		fonts: w.fonts,
		Lines: make([]Line, len(ends)),
		geo: geometry{
			flags: flags,
			lead:  make([]float32, n),
			trail: make([]float32, n),
			level: make([]bidi.Level, n),
		},
	}
	b := lineBuilder{w: w, text: text, items: items, styles: styles, para: para, bp: bp}
	asc, desc := w.baseMetrics(p.Size)
	start := 0
	for k, end := range ends {
		l := &para.Lines[k]
		l.Start, l.End = start, end
		l.Ascent, l.Descent = asc, desc
		b.build(l)
		start = end
	}
	para.align(p)
	return para
}

// baseMetrics is the ascent and descent of the Naskh face at size: every
// line is at least this tall, so lines of Latin and Arabic text get the
// same spacing.
func (w *worker) baseMetrics(size float32) (asc, desc float32) {
	return w.faceMetrics(ArabicRegular, shapeSize(size))
}

// lineBuilder turns logical lines into visual runs.
type lineBuilder struct {
	w      *worker
	text   []rune
	items  []item
	styles []Style
	para   *Paragraph
	bp     *bidi.Paragraph
	arena  []Glyph // backing store for the glyphs of all runs
}

// glyphs returns a slice of n glyphs carved from one allocation per
// paragraph.
func (b *lineBuilder) glyphs(n int) []Glyph {
	if len(b.arena) < n {
		b.arena = make([]Glyph, max(n, len(b.text)+16))
	}
	g := b.arena[:n:n]
	b.arena = b.arena[n:]
	return g
}

// build fills the runs of l in visual order, with X relative to the line
// start, and records the caret edges of its runes.
func (b *lineBuilder) build(l *Line) {
	var x float32
	for _, br := range b.bp.Runs(l.Start, l.End) {
		rtl := br.Level.IsRTL()
		first, last := itemAt(b.items, br.Start), itemAt(b.items, br.End-1)
		for k := first; k <= last; k++ {
			idx := k
			if rtl {
				idx = first + last - k
			}
			it := &b.items[idx]
			s, e := max(it.start, br.Start), min(it.end, br.End)
			glyphs := it.glyphs
			if s != it.start || e != it.end || it.level.IsRTL() != rtl {
				if it.level.IsRTL() == rtl && b.cuttable(s, it) && b.cuttable(e, it) {
					glyphs = sliceGlyphs(glyphs, s, e)
				} else {
					glyphs = b.w.shape(b.text, s, e, rtl, it).Glyphs
				}
			}
			run := b.newRun(s, e, br.Level, it, glyphs, x)
			x += run.Width
			asc, desc := b.w.faceMetrics(it.face, it.size)
			l.Ascent, l.Descent = max(l.Ascent, asc), max(l.Descent, desc)
			l.Runs = append(l.Runs, run)
		}
	}
	l.Width = x
}

// cuttable reports whether an item's shaped glyphs can be cut before
// rune i without shaping again: at the item's ends, or at a glyph cluster
// boundary that is a line break opportunity or next to white space (where
// Arabic letters do not join and fonts hardly kern).
func (b *lineBuilder) cuttable(i int, it *item) bool {
	if i == it.start || i == it.end {
		return true
	}
	f := b.para.geo.flags[i]
	return f&flagCluster != 0 && (f&(flagBreak|flagSpace) != 0 || b.para.geo.flags[i-1]&flagSpace != 0)
}

// sliceGlyphs returns the glyphs of the clusters in [s, e). Clusters are
// contiguous in the glyph slice, ascending for LTR output and descending
// for RTL output.
func sliceGlyphs(gs []shaping.Glyph, s, e int) []shaping.Glyph {
	lo, hi := -1, -1
	for i, g := range gs {
		if c := g.TextIndex(); c >= s && c < e {
			if lo < 0 {
				lo = i
			}
			hi = i + 1
		}
	}
	if lo < 0 {
		return nil
	}
	return gs[lo:hi]
}

// newRun converts shaped glyphs into a Run at x and records the caret
// edges of its runes.
func (b *lineBuilder) newRun(s, e int, level bidi.Level, it *item, glyphs []shaping.Glyph, x float32) Run {
	run := Run{
		Start: s, End: e, Level: level, RTL: level.IsRTL(), X: x,
		Style: b.styles[it.style], Size: it.size, Face: it.face,
		Glyphs: b.glyphs(len(glyphs)),
	}
	var pen float32
	for i, g := range glyphs {
		run.Glyphs[i] = Glyph{
			ID:      uint32(g.GlyphID),
			X:       pen + fixedToFloat(g.XOffset),
			Y:       -fixedToFloat(g.YOffset),
			Advance: fixedToFloat(g.Advance),
			Cluster: g.TextIndex(),
			Runes:   g.RunesCount(),
		}
		pen += fixedToFloat(g.Advance)
	}
	run.Width = pen
	b.para.geo.recordRun(&run, b.text)
	return run
}
