package richview

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/qalam/policyeditor/editor/document"
)

// renderer draws a docLayout: one canvas.Raster per block, rasterised by
// textlayout at the canvas scale, with selection rectangles behind.
type renderer struct {
	view    *View
	layout  *docLayout // the layout the rasters were built for
	rasters []*canvas.Raster
	sel     []fyne.CanvasObject
	bars    []*canvas.Rectangle // quote bars
	objects []fyne.CanvasObject
	repaint *canvas.Rectangle // transparent, 1×1: refreshing it repaints without re-uploading textures
}

func (r *renderer) Destroy() {}

func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *renderer) MinSize() fyne.Size { return r.view.MinSize() }

// Layout places the block rasters; it lays text out only when the width
// has no layout yet (View.Resize normally made it already).
func (r *renderer) Layout(size fyne.Size) {
	l := r.view.currentLayout(size.Width)
	if l != r.layout {
		r.build(l)
	}
	r.place()
}

// Refresh redraws with the current theme colours (a block is rasterised
// again only if its colours or pixel size changed). Text is laid out again
// only if the theme's text sizes changed. A refresh asked for by a
// selection change only redraws the selection.
//
// Fyne's canvas.Refresh does nothing for objects the canvas has not walked
// yet (new rasters, new selection rectangles), so the renderer asks for the
// repaint through objects the canvas knows: the view itself (which also
// drops the block textures so they are uploaded again) or, for a selection
// change, a permanent one-pixel transparent rectangle (nothing re-uploaded).
func (r *renderer) Refresh() {
	selOnly := r.view.takeSelectionOnly()
	l := r.view.currentLayout(r.view.Size().Width)
	if l != r.layout {
		r.build(l)
		r.place()
		selOnly = false
	}
	r.updateSelection()
	if selOnly {
		canvas.Refresh(r.repaint)
		return
	}
	canvas.Refresh(r.view)
}

func (r *renderer) build(l *docLayout) {
	r.layout = l
	r.rasters = r.rasters[:0]
	r.bars = r.bars[:0]
	if l != nil {
		for i := range l.boxes {
			r.rasters = append(r.rasters, r.newRaster(&l.boxes[i]))
			for _, b := range l.boxes[i].bars {
				bar := canvas.NewRectangle(color.Transparent)
				bar.Move(b.pos)
				bar.Resize(b.size)
				r.bars = append(r.bars, bar)
			}
		}
	}
	r.updateSelection()
}

func (r *renderer) place() {
	if r.layout == nil {
		return
	}
	for i, ras := range r.rasters {
		b := &r.layout.boxes[i]
		ras.Move(b.pos)
		ras.Resize(b.size)
	}
}

// updateSelection rebuilds the selection rectangles and the object list.
func (r *renderer) updateSelection() {
	rects := r.view.selectionRects(r.layout)
	col := r.view.Theme().Color(theme.ColorNameSelection, fyne.CurrentApp().Settings().ThemeVariant())
	r.sel = r.sel[:0]
	for _, rc := range rects {
		o := canvas.NewRectangle(col)
		o.Move(rc.pos)
		o.Resize(rc.size)
		r.sel = append(r.sel, o)
	}
	if r.repaint == nil {
		r.repaint = canvas.NewRectangle(color.Transparent)
		r.repaint.Resize(fyne.NewSize(1, 1))
	}
	bar := r.view.ruleColour()
	r.objects = make([]fyne.CanvasObject, 0, len(r.sel)+len(r.bars)+len(r.rasters)+1)
	r.objects = append(r.objects, r.repaint)
	r.objects = append(r.objects, r.sel...)
	for _, b := range r.bars {
		b.FillColor = bar
		r.objects = append(r.objects, b)
	}
	for _, ras := range r.rasters {
		r.objects = append(r.objects, ras)
	}
}

// rasterCache keeps the last image of a block so that a Refresh that does
// not change the pixel size or the colours does not rasterise again.
type rasterCache struct {
	mu   sync.Mutex
	w, h int
	pal  palette
	img  image.Image
}

// palette is the colours a block is drawn in: its text, its accent
// (links, numbering labels, list markers) and the background of each kind
// of highlight (translucent, so the selection behind shows through).
type palette struct {
	fg, accent color.Color
	marks      [document.NumHighlights]color.Color
}

func (r *renderer) newRaster(b *blockBox) *canvas.Raster {
	c := &rasterCache{}
	v := r.view
	ras := canvas.NewRaster(func(w, h int) image.Image {
		pal := v.palette(b.kind)
		if b.quote {
			pal.fg = v.mutedColour()
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.img != nil && c.w == w && c.h == h && c.pal == pal {
			return c.img
		}
		c.img = drawBox(b, w, h, pal)
		if b.rule {
			drawRule(c.img.(*image.RGBA), v.ruleColour())
		}
		c.w, c.h, c.pal = w, h, pal
		if v.drawHook != nil {
			v.drawHook()
		}
		return c.img
	})
	ras.ScaleMode = canvas.ImageScalePixels
	return ras
}

// palette is the colours of a kind of block in the view's theme.
func (v *View) palette(k document.Kind) palette {
	return paletteOf(v.Theme(), fyne.CurrentApp().Settings().ThemeVariant(), k)
}

func paletteOf(th fyne.Theme, variant fyne.ThemeVariant, k document.Kind) palette {
	p := palette{}
	p.fg, p.accent = coloursOf(th, variant, k)
	for h := document.HighlightNone + 1; h < document.NumHighlights; h++ {
		p.marks[h] = HighlightColour(th, variant, h)
	}
	return p
}

// coloursOf returns the text colour of a kind of block and the accent
// colour (links, numbering labels, list markers, the title), as the
// published stylesheet does with its accent colour.
func coloursOf(th fyne.Theme, variant fyne.ThemeVariant, k document.Kind) (fg, accent color.Color) {
	accent = th.Color(theme.ColorNamePrimary, variant)
	switch k {
	case document.KindMeta:
		fg = th.Color(theme.ColorNamePlaceHolder, variant)
	case document.KindTitle:
		fg = accent
	default:
		fg = th.Color(theme.ColorNameForeground, variant)
	}
	return fg, accent
}

// drawBox rasterises a block into a w×h image: the highlight backgrounds,
// then the paragraph in the text colour, its accent ranges (links,
// numbering label) and the list marker in the accent colour.
func drawBox(b *blockBox, w, h int, pal palette) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	if b.size.Width <= 0 || w <= 0 {
		return img
	}
	fg, link := pal.fg, pal.accent
	scale := float32(w) / b.size.Width
	at := func(p fyne.Position) image.Point {
		return image.Pt(px(p.X, scale), px(p.Y, scale))
	}
	if len(b.marks) > 0 {
		drawMarks(img, b, scale, pal)
	}
	b.text.Draw(img, at(b.textPos), scale, fg)
	if len(b.accent) > 0 {
		drawAccents(img, b, at(b.textPos), scale, link)
	}
	if len(b.strike) > 0 {
		drawStrike(img, b, at(b.textPos), scale, fg)
	}
	if b.marker != nil {
		b.marker.Draw(img, at(b.markPos), scale, link)
	}
	return img
}

// drawAccents repaints the accent ranges of a block (links, numbering
// labels) in the accent colour: over each of the ranges' rectangles the
// text is drawn again in that colour (textlayout underlines link runs)
// into a rectangle-sized image, which replaces those pixels. Only the
// glyphs of the rectangle's line and the lines next to it are drawn (ink
// of glyphs just outside the range, or of a tall mark from a neighbouring
// line, may reach into the rectangle), so the pixels are those of the
// whole paragraph drawn in the accent colour.
func drawAccents(dst *image.RGBA, b *blockBox, origin image.Point, scale float32, col color.Color) {
	lines := b.text.Lines
	for _, ar := range b.accent {
		for _, rc := range b.text.SelectionRects(ar[0], ar[1]) {
			r := image.Rect(origin.X+px(rc.X, scale), origin.Y+px(rc.Y, scale),
				origin.X+px(rc.X+rc.Width, scale), origin.Y+px(rc.Y+rc.Height, scale)).Intersect(dst.Bounds())
			if r.Empty() {
				continue
			}
			li := 0
			for li < len(lines)-1 && lines[li].Y < rc.Y {
				li++
			}
			start, end := lines[max(li-1, 0)].Start, lines[min(li+1, len(lines)-1)].End
			tmp := image.NewRGBA(r)
			b.text.DrawRange(tmp, origin, scale, col, start, end)
			draw.Draw(dst, r, tmp, r.Min, draw.Src)
		}
	}
}

// drawMarks fills the highlight backgrounds of a block (markRects).
func drawMarks(dst *image.RGBA, b *blockBox, scale float32, pal palette) {
	for _, m := range markRects(b) {
		col := pal.marks[m.kind]
		if col == nil {
			continue
		}
		r := image.Rect(px(m.pos.X, scale), px(m.pos.Y, scale),
			px(m.pos.X+m.size.Width, scale), px(m.pos.Y+m.size.Height, scale))
		draw.Draw(dst, r.Intersect(dst.Bounds()), image.NewUniform(col), image.Point{}, draw.Over)
	}
}

// drawStrike draws a line through the struck-through ranges, a quarter of
// the text size above the baseline of their line.
func drawStrike(dst *image.RGBA, b *blockBox, origin image.Point, scale float32, col color.Color) {
	for _, sr := range b.strike {
		for _, rc := range b.text.SelectionRects(sr[0], sr[1]) {
			for _, ln := range b.text.Lines {
				if ln.Y != rc.Y {
					continue
				}
				y := origin.Y + px(ln.Baseline-0.28*(ln.Ascent+ln.Descent)/1.3, scale)
				thick := max(1, px(1, scale))
				r := image.Rect(origin.X+px(rc.X, scale), y, origin.X+px(rc.X+rc.Width, scale), y+thick)
				draw.Draw(dst, r.Intersect(dst.Bounds()), image.NewUniform(col), image.Point{}, draw.Over)
			}
		}
	}
}

// drawRule draws a one-pixel line along the bottom of img.
func drawRule(img *image.RGBA, col color.Color) {
	r := img.Bounds()
	draw.Draw(img, image.Rect(r.Min.X, r.Max.Y-1, r.Max.X, r.Max.Y), image.NewUniform(col), image.Point{}, draw.Over)
}

func (v *View) mutedColour() color.Color {
	return v.Theme().Color(theme.ColorNamePlaceHolder, fyne.CurrentApp().Settings().ThemeVariant())
}

func (v *View) ruleColour() color.Color {
	return v.Theme().Color(theme.ColorNameSeparator, fyne.CurrentApp().Settings().ThemeVariant())
}

func px(v, scale float32) int { return int(math.Round(float64(v * scale))) }
