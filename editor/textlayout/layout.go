// Package textlayout lays out one paragraph of mixed Arabic and Latin text
// the way a browser would: bidi levels from editor/bidi (UAX #9), runs
// shaped with HarfBuzz (go-text/typesetting) in the bundled Noto Naskh
// Arabic and Noto Sans faces with per-character fallback, lines broken at
// UAX #14 opportunities (grapheme boundaries for a word longer than the
// line), each line reordered visually (L1, L2) and aligned (right for RTL
// paragraphs by default).
//
// A laid-out Paragraph answers the geometry questions of an editor: where
// the caret of a logical offset is drawn (Caret), which offset a point hits
// (HitTest), the rectangles of a selection (SelectionRects) and where the
// caret goes with the arrow keys (NextLogical, NextVisual). Draw rasterises
// the same glyphs, so pixels and geometry agree.
//
// Coordinates are pixels with the origin at the top-left corner of the
// paragraph box, x to the right and y down. Offsets are rune indices into
// Params.Text; offset len(Text) is the end of the paragraph.
//
// The package does not import Fyne.
package textlayout

import (
	"github.com/qalam/policyeditor/editor/bidi"
)

// Style is the look of a span of text. Size 0 means the paragraph's size.
type Style struct {
	Bold, Italic, Mono bool
	Size               float32 // px; 0 = Params.Size
	Link               bool    // drawn underlined
}

// Span applies a Style to the runes [Start, End) of the paragraph. Where
// spans overlap, the later one wins.
type Span struct {
	Start, End int
	Style      Style
}

// Align is the horizontal alignment of lines inside the paragraph width.
type Align uint8

const (
	// AlignStart follows the paragraph direction: right for RTL, left for LTR.
	AlignStart Align = iota
	// AlignEnd is the opposite of AlignStart.
	AlignEnd
	// AlignCenter centres every line.
	AlignCenter
)

// Defaults used when a Params field is zero.
const (
	DefaultSize       = 16  // px
	DefaultLineHeight = 1.6 // × font size, as CSS line-height
)

// Params describes a paragraph to lay out.
type Params struct {
	Text       []rune // must not change while the Paragraph is in use
	Spans      []Span
	Dir        bidi.Direction // LTR, RTL or Auto (first strong character)
	Width      float32        // px; 0 = no wrapping
	Size       float32        // px; 0 = DefaultSize
	LineHeight float32        // line box = LineHeight × the largest font size on the line (CSS semantics); 0 = DefaultLineHeight
	Align      Align
}

// Paragraph is a laid-out paragraph. Width is Params.Width, or the widest
// line when Params.Width is 0; Height is the sum of the line heights. It is
// immutable and safe for concurrent use.
type Paragraph struct {
	Lines  []Line
	Width  float32
	Height float32
	Level  bidi.Level // paragraph embedding level: odd = RTL

	text  []rune
	fonts *Fonts
	geo   geometry
}

// Line is one visual line. Its runes are the logical range [Start, End).
// X and Width describe the aligned content, without the trailing
// whitespace that hangs past the line edge (Hang is its width). Y is the
// top of the line box of height Height; the glyphs sit on Baseline, placed
// as CSS does: the Ascent+Descent box is centred in the line box (it may
// overflow it a little when LineHeight is small). Ascent and Descent
// (positive, px) are the largest font metrics on the line, at least those
// of Noto Naskh Arabic at Params.Size so Latin and Arabic lines are spaced
// alike.
type Line struct {
	Start, End       int
	X, Y, Width      float32
	Ascent, Descent  float32
	Height, Baseline float32
	Hang             float32
	Runs             []Run // visual order, left to right
}

// Run is a maximal piece of a line with one bidi level, font face, script
// and style, in visual order inside its Line. X is the left edge of the
// run in paragraph coordinates. Glyphs are in visual order (left to right)
// with positions relative to (X, Line.Baseline).
type Run struct {
	Start, End int // logical runes [Start, End)
	Level      bidi.Level
	RTL        bool
	X, Width   float32
	Style      Style
	Size       float32 // px, the resolved font size
	Face       FaceID
	Glyphs     []Glyph
}

// Glyph is one shaped glyph. X is the pen position relative to Run.X
// (offsets applied), Y the offset from the baseline (down is positive).
// The glyph belongs to the cluster of runes [Cluster, Cluster+Runes).
type Glyph struct {
	ID      uint32
	X, Y    float32
	Advance float32
	Cluster int
	Runes   int
}

// Rect is an axis-aligned rectangle in paragraph coordinates.
type Rect struct {
	X, Y, Width, Height float32
}

// Layout lays p out with DefaultFonts.
func Layout(p Params) *Paragraph { return DefaultFonts().Layout(p) }

// Layout lays p out with the faces of fs. It never fails: runes that no
// face covers are drawn as the missing-glyph box.
func (fs *Fonts) Layout(p Params) *Paragraph {
	if p.Size <= 0 {
		p.Size = DefaultSize
	}
	if p.LineHeight <= 0 {
		p.LineHeight = DefaultLineHeight
	}
	w := fs.get()
	defer fs.put(w)
	return w.layout(&p)
}

// String returns the runes of the run r of paragraph p.
func (p *Paragraph) String(r Run) string { return string(p.text[r.Start:r.End]) }

// Text returns the text the paragraph was laid out from.
func (p *Paragraph) Text() []rune { return p.text }
