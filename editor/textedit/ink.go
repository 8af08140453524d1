package textedit

import (
	"image"
	"image/color"
	"math"

	"github.com/qalam/policyeditor/editor/textlayout"
)

// This file draws a paragraph line by line, so that a keystroke redraws
// only the lines whose glyphs changed (usually one; more when a word moves
// to the next line). It does not import Fyne.

// inkMargin is how far (× the text size) a line's image reaches above and
// below its line box, for harakat and descenders that overflow it; the
// images of neighbouring lines overlap there.
const inkMargin = 0.4

// sameInk reports whether two lines draw the same pixels relative to their
// line boxes: same runs, faces, sizes, styles and glyphs at the same
// places. Offsets (Start, End, Cluster) are not compared: typing earlier in
// the paragraph shifts them without changing the line's look.
func sameInk(a, b *textlayout.Line) bool {
	if a.Height != b.Height || a.Baseline-a.Y != b.Baseline-b.Y || len(a.Runs) != len(b.Runs) {
		return false
	}
	for i := range a.Runs {
		ra, rb := &a.Runs[i], &b.Runs[i]
		if ra.X != rb.X || ra.Width != rb.Width || ra.Face != rb.Face || ra.Size != rb.Size ||
			ra.Style != rb.Style || len(ra.Glyphs) != len(rb.Glyphs) {
			return false
		}
		for k := range ra.Glyphs {
			ga, gb := &ra.Glyphs[k], &rb.Glyphs[k]
			if ga.ID != gb.ID || ga.X != gb.X || ga.Y != gb.Y {
				return false
			}
		}
	}
	return true
}

// inkChanged reports, for each line of cur, whether it looks different
// from the line at the same index of old (nil: all do).
func inkChanged(old, cur *textlayout.Paragraph) []bool {
	out := make([]bool, len(cur.Lines))
	for i := range cur.Lines {
		out[i] = old == nil || i >= len(old.Lines) || !sameInk(&old.Lines[i], &cur.Lines[i])
	}
	return out
}

// lineBox returns the top and height of the image of line li of l
// (paragraph coordinates), margins included.
func lineBox(l *textlayout.Paragraph, li int, size float32) (top, height float32) {
	ln := &l.Lines[li]
	m := inkMargin * size
	return ln.Y - m, ln.Height + 2*m
}

// drawLine draws line li of l into img (which covers lineBox at scale).
func drawLine(img *image.RGBA, l *textlayout.Paragraph, li int, size, scale float32, col color.Color) {
	top, _ := lineBox(l, li, size)
	ln := &l.Lines[li]
	l.DrawRange(img, image.Pt(0, int(math.Round(float64(-top*scale)))), scale, col, ln.Start, ln.End)
}
