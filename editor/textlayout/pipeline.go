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
	f := w.faces[ArabicRegular]
	ext, _ := f.FontHExtents()
	scale := shapeSize(size) / float32(f.Upem())
	return ext.Ascender * scale, -ext.Descender * scale
}

// lineBuilder turns logical lines into visual runs.
type lineBuilder struct {
	w      *worker
	text   []rune
	items  []item
	styles []Style
	para   *Paragraph
	bp     *bidi.Paragraph
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
			out := it.out
			if s != it.start || e != it.end || it.level.IsRTL() != rtl {
				out = b.w.shape(b.text, s, e, rtl, it)
			}
			run := b.newRun(s, e, br.Level, it, out, x)
			x += run.Width
			l.Ascent = max(l.Ascent, fixedToFloat(out.LineBounds.Ascent))
			l.Descent = max(l.Descent, -fixedToFloat(out.LineBounds.Descent))
			l.Runs = append(l.Runs, run)
		}
	}
	l.Width = x
}

// newRun converts shaped output into a Run at x and records the caret
// edges of its runes.
func (b *lineBuilder) newRun(s, e int, level bidi.Level, it *item, out shaping.Output, x float32) Run {
	run := Run{
		Start: s, End: e, Level: level, RTL: level.IsRTL(), X: x,
		Style: b.styles[it.style], Size: it.size, Face: it.face,
		Glyphs: make([]Glyph, len(out.Glyphs)),
	}
	var pen float32
	for i, g := range out.Glyphs {
		run.Glyphs[i] = Glyph{
			ID:      uint32(g.GlyphID),
			X:       pen + fixedToFloat(g.XOffset),
			Y:       -fixedToFloat(g.YOffset),
			Advance: fixedToFloat(g.Advance),
			Cluster: g.ClusterIndex,
			Runes:   g.RuneCount,
		}
		pen += fixedToFloat(g.Advance)
	}
	run.Width = pen
	b.para.geo.recordRun(&run, b.text)
	return run
}
