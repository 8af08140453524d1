package textlayout

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/vector"
)

// Draw rasterises the paragraph into dst with its top-left corner at
// origin (in dst pixels) and every layout coordinate multiplied by scale
// (the HiDPI factor; 0 means 1), in colour col, composited over what dst
// holds. Link runs are underlined. Glyph outlines are drawn with
// anti-aliasing at their exact sub-pixel positions, so what is drawn
// matches Caret and SelectionRects scaled by the same factor.
func (p *Paragraph) Draw(dst *image.RGBA, origin image.Point, scale float32, col color.Color) {
	if scale <= 0 {
		scale = 1
	}
	w := p.fonts.get()
	defer p.fonts.put(w)
	d := drawer{dst: dst, src: image.NewUniform(col), scale: scale}
	ox, oy := float32(origin.X), float32(origin.Y)
	for _, l := range p.Lines {
		for _, r := range l.Runs {
			face := w.faces[r.Face]
			em := r.Size * scale / float32(face.Upem())
			for _, g := range r.Glyphs {
				x := ox + (r.X+g.X)*scale
				y := oy + (l.Baseline+g.Y)*scale
				if out, ok := face.GlyphData(font.GID(g.ID)).(font.GlyphOutline); ok {
					d.glyph(out, x, y, em)
				}
			}
			if r.Style.Link {
				thick := max(1, r.Size/16*scale)
				y := oy + (l.Baseline+r.Size/10)*scale
				d.rect(ox+r.X*scale, y, ox+(r.X+r.Width)*scale, y+thick)
			}
		}
	}
}

type drawer struct {
	dst   *image.RGBA
	src   image.Image
	scale float32
	z     vector.Rasterizer
}

// glyph fills one outline (font units, y up) scaled by em with its origin
// at (x, y) in dst pixels.
func (d *drawer) glyph(out font.GlyphOutline, x, y, em float32) {
	if len(out.Segments) == 0 {
		return
	}
	minX, minY := float32(math.MaxFloat32), float32(math.MaxFloat32)
	maxX, maxY := -minX, -minY
	for _, s := range out.Segments {
		for _, a := range s.Args[:argCount(s.Op)] {
			px, py := x+a.X*em, y-a.Y*em
			minX, maxX = min(minX, px), max(maxX, px)
			minY, maxY = min(minY, py), max(maxY, py)
		}
	}
	r := image.Rect(int(math.Floor(float64(minX))), int(math.Floor(float64(minY))),
		int(math.Ceil(float64(maxX)))+1, int(math.Ceil(float64(maxY)))+1)
	clip := r.Intersect(d.dst.Bounds())
	if clip.Empty() {
		return
	}
	bx, by := float32(r.Min.X), float32(r.Min.Y)
	d.z.Reset(r.Dx(), r.Dy())
	d.z.DrawOp = draw.Over
	pt := func(a ot.SegmentPoint) (float32, float32) { return x + a.X*em - bx, y - a.Y*em - by }
	for _, s := range out.Segments {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			d.z.ClosePath()
			d.z.MoveTo(pt(s.Args[0]))
		case ot.SegmentOpLineTo:
			d.z.LineTo(pt(s.Args[0]))
		case ot.SegmentOpQuadTo:
			x1, y1 := pt(s.Args[0])
			x2, y2 := pt(s.Args[1])
			d.z.QuadTo(x1, y1, x2, y2)
		case ot.SegmentOpCubeTo:
			x1, y1 := pt(s.Args[0])
			x2, y2 := pt(s.Args[1])
			x3, y3 := pt(s.Args[2])
			d.z.CubeTo(x1, y1, x2, y2, x3, y3)
		}
	}
	d.z.ClosePath()
	if clip == r {
		d.z.Draw(d.dst, r, d.src, image.Point{})
		return
	}
	mask := image.NewAlpha(image.Rectangle{Max: r.Size()})
	d.z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
	draw.DrawMask(d.dst, clip, d.src, image.Point{}, mask, clip.Min.Sub(r.Min), draw.Over)
}

// rect fills [x0, x1) × [y0, y1) in dst pixels.
func (d *drawer) rect(x0, y0, x1, y1 float32) {
	r := image.Rect(int(math.Round(float64(x0))), int(math.Round(float64(y0))),
		int(math.Round(float64(x1))), int(math.Round(float64(y1))))
	draw.Draw(d.dst, r.Intersect(d.dst.Bounds()), d.src, image.Point{}, draw.Over)
}

func argCount(op ot.SegmentOp) int {
	switch op {
	case ot.SegmentOpQuadTo:
		return 2
	case ot.SegmentOpCubeTo:
		return 3
	}
	return 1
}
