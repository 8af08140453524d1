package richview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/qalam/policyeditor/editor/bidi"
	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/editor/textlayout"
	"github.com/qalam/policyeditor/storage"
)

// metrics are the theme sizes a layout depends on; a layout is reused only
// while they are unchanged.
type metrics struct {
	pad, textSize, heading, subHeading float32
}

func newMetrics(o fyne.Widget) metrics {
	th := theme.DefaultTheme()
	if w, ok := o.(interface{ Theme() fyne.Theme }); ok {
		th = w.Theme()
	}
	return metricsOf(th)
}

func metricsOf(th fyne.Theme) metrics {
	return metrics{
		pad:        th.Size(theme.SizeNameInnerPadding),
		textSize:   th.Size(theme.SizeNameText),
		heading:    th.Size(theme.SizeNameHeadingText),
		subHeading: th.Size(theme.SizeNameSubHeadingText),
	}
}

// docLayout is a document laid out at one width.
type docLayout struct {
	metrics metrics
	width   float32 // widget width
	height  float32 // content height, padding included
	content float32 // width blocks are laid out in (never below minContent)
	boxes   []blockBox
}

// blockBox is one laid-out block, in widget coordinates.
type blockBox struct {
	block   int // index into Doc.Blocks
	kind    document.Kind
	pos     fyne.Position // top-left of the box (the full content width at the block's indent)
	size    fyne.Size
	text    *textlayout.Paragraph
	textPos fyne.Position // paragraph origin relative to pos
	marker  *textlayout.Paragraph
	markPos fyne.Position
	links   []linkRange
	accent  [][2]int    // rune ranges drawn in the accent colour: links and numbering labels
	strike  [][2]int    // rune ranges struck through
	marks   []markRange // rune ranges drawn on a highlight background
	textLen int
	rule    bool   // a thin rule under the block (section headings, like the published h2)
	quote   bool   // inside a block quote: muted text
	bars    []rect // quote bars on the start side, in widget coordinates
	rtl     bool
}

// markRange is a run of highlighted text (rune offsets into the block's text).
type markRange struct {
	start, end int
	kind       document.Highlight
}

// linkRange is a run of link text (rune offsets into the block's text).
type linkRange struct {
	start, end int
	url        string
}

// blockStyle is the base text style and spacing of a kind of block.
type blockStyle struct {
	size       float32
	bold       bool
	mono       bool
	lineHeight float32
	before     float32 // space above, in text sizes
}

func styleOf(b document.Block, m metrics) blockStyle {
	switch b.Kind {
	case document.KindTitle:
		return blockStyle{size: m.heading, bold: true, lineHeight: 1.4, before: 0}
	case document.KindHeading:
		if b.Level <= 2 {
			return blockStyle{size: m.subHeading, bold: true, lineHeight: 1.5, before: 1.2}
		}
		return blockStyle{size: m.textSize * 1.15, bold: true, lineHeight: 1.5, before: 0.9}
	case document.KindMeta:
		return blockStyle{size: m.textSize, lineHeight: 1.6, before: 0.2}
	case document.KindListItem:
		return blockStyle{size: m.textSize, lineHeight: 1.6, before: 0.25}
	case document.KindCode:
		return blockStyle{size: m.textSize, mono: true, lineHeight: 1.4, before: 0.6}
	}
	return blockStyle{size: m.textSize, lineHeight: 1.6, before: 0.6}
}

// markerWidth is the width of the box list markers sit in; it is also the
// indent step of nested blocks.
func markerWidth(m metrics) float32 { return 2.2 * m.textSize }

// minContent is the narrowest width blocks are laid out in: room for a
// list marker and a column of text. A narrower widget clips.
func minContent(m metrics) float32 { return 2 * markerWidth(m) }

// layoutDoc lays every block of d out for a widget of width w.
func layoutDoc(d document.Doc, w float32, m metrics) *docLayout {
	l := &docLayout{metrics: m, width: w}
	content := max(w-2*m.pad, minContent(m))
	l.content = content
	y := m.pad
	for i, b := range d.Blocks {
		st := styleOf(b, m)
		if i > 0 {
			y += st.before * m.textSize
		}
		box := layoutBlock(b, content, st, m)
		box.block = i
		box.pos.X += m.pad
		box.pos.Y = y
		box.bars = quoteBars(b, box, m)
		y += box.size.Height
		l.boxes = append(l.boxes, box)
	}
	l.height = y + m.pad
	return l
}

// layoutBlock lays one block out; the result's pos.X is relative to the
// content box (padding excluded) and pos.Y is left to the caller.
func layoutBlock(b document.Block, content float32, st blockStyle, m metrics) blockBox {
	rtl := b.Dir != storage.LTR
	step := markerWidth(m)
	inset := float32(b.Indent) * step
	box := blockBox{kind: b.Kind, rtl: rtl, links: links(b), textLen: len(b.Text), quote: b.Quote > 0}
	if b.Kind == document.KindHeading && b.Level <= 2 {
		box.rule = true
	}
	if b.LabelLen > 0 {
		box.accent = append(box.accent, [2]int{0, min(b.LabelLen, len(b.Text))})
	}
	for _, l := range box.links {
		box.accent = append(box.accent, [2]int{l.start, l.end})
	}
	for _, sp := range b.Spans {
		if sp.Strike {
			box.strike = append(box.strike, [2]int{sp.Start, sp.End})
		}
		if sp.Highlight != document.HighlightNone && sp.Highlight < document.NumHighlights {
			if n := len(box.marks) - 1; n >= 0 && box.marks[n].end == sp.Start && box.marks[n].kind == sp.Highlight {
				box.marks[n].end = sp.End // one background across spans that differ in other styles
			} else {
				box.marks = append(box.marks, markRange{sp.Start, sp.End, sp.Highlight})
			}
		}
	}
	markW := float32(0)
	if b.ListMarker != "" {
		markW = step
	}
	// Deep nesting in a narrow view: indent less rather than overflow,
	// keeping at least one step of text.
	inset = max(min(inset, content-markW-step), 0)
	textW := max(content-inset-markW, step)
	boxW := textW + markW
	if rtl { // indent from the right edge
		box.pos.X = content - inset - boxW
	} else {
		box.pos.X = inset
	}
	box.size.Width = boxW
	box.text = textlayout.Layout(textlayout.Params{
		Text: b.Text, Spans: spans(b, st), Dir: dirOf(b.Dir), Width: textW,
		Size: st.size, LineHeight: st.lineHeight, Align: textlayout.AlignStart,
	})
	if rtl {
		box.textPos.X = 0
	} else {
		box.textPos.X = markW
	}
	box.size.Height = box.text.Height
	if b.ListMarker != "" {
		gap := 0.5 * m.textSize
		box.marker = textlayout.Layout(textlayout.Params{
			Text: []rune(b.ListMarker), Dir: dirOf(b.Dir), Width: markW - gap,
			Size: st.size, LineHeight: st.lineHeight, Align: textlayout.AlignEnd,
		})
		if rtl { // marker right of the text, its end (left) towards the text
			box.markPos.X = textW + gap
		}
		box.size.Height = max(box.size.Height, box.marker.Height)
	}
	return box
}

func dirOf(d storage.Direction) bidi.Direction {
	if d == storage.LTR {
		return bidi.LTR
	}
	return bidi.RTL
}

// spans converts the block's style spans into layout spans covering the
// whole text, with the block's base style (size, heading bold) merged in.
func spans(b document.Block, st blockStyle) []textlayout.Span {
	base := textlayout.Style{Bold: st.bold, Mono: st.mono, Size: st.size}
	var out []textlayout.Span
	at := 0
	for _, sp := range b.Spans {
		if sp.Start > at {
			out = append(out, textlayout.Span{Start: at, End: sp.Start, Style: base})
		}
		s := base
		s.Bold = s.Bold || sp.Bold
		s.Italic = sp.Italic
		s.Mono = s.Mono || sp.Code
		s.Link = sp.Link != ""
		out = append(out, textlayout.Span{Start: sp.Start, End: sp.End, Style: s})
		at = sp.End
	}
	if at < len(b.Text) {
		out = append(out, textlayout.Span{Start: at, End: len(b.Text), Style: base})
	}
	return out
}

func links(b document.Block) []linkRange {
	var out []linkRange
	for _, sp := range b.Spans {
		if sp.Link == "" {
			continue
		}
		if n := len(out) - 1; n >= 0 && out[n].end == sp.Start && out[n].url == sp.Link {
			out[n].end = sp.End
			continue
		}
		out = append(out, linkRange{start: sp.Start, end: sp.End, url: sp.Link})
	}
	return out
}

// quoteBars are the bars drawn beside a block inside block quotes, as the
// published stylesheet's 4 px border on the start side: one per quote level,
// in the indent space next to the box's start edge (right in RTL).
func quoteBars(b document.Block, box blockBox, m metrics) []rect {
	var out []rect
	const width = 4
	for k := range b.Quote {
		d := markerWidth(m)*0.5 + float32(k)*(width+4)
		x := box.pos.X - d - width
		if box.rtl {
			x = box.pos.X + box.size.Width + d
		}
		out = append(out, rect{pos: fyne.NewPos(x, box.pos.Y), size: fyne.NewSize(width, box.size.Height)})
	}
	return out
}

// markRect is the background of a piece of highlighted text, in block box
// coordinates.
type markRect struct {
	rect
	kind document.Highlight
}

// markRects are the backgrounds of the block's highlighted ranges: one per
// line and visually contiguous piece of each range, as the layout engine
// places the glyphs (textlayout.SelectionRects), so that a highlighted
// word follows its bidi run and its line when it wraps. Vertically a
// rectangle covers the line's glyph extent (ascent to descent, within the
// line box) rather than the whole line box, so that the backgrounds of
// consecutive lines do not touch.
func markRects(b *blockBox) []markRect {
	var out []markRect
	for _, m := range b.marks {
		for _, rc := range b.text.SelectionRects(m.start, m.end) {
			y0, y1 := rc.Y, rc.Y+rc.Height
			for _, ln := range b.text.Lines {
				if ln.Y == rc.Y {
					y0, y1 = max(y0, ln.Baseline-ln.Ascent), min(y1, ln.Baseline+ln.Descent)
				}
			}
			out = append(out, markRect{rect{
				pos:  fyne.NewPos(b.textPos.X+rc.X, b.textPos.Y+y0),
				size: fyne.NewSize(rc.Width, y1-y0),
			}, m.kind})
		}
	}
	return out
}
