package textlayout

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/vector"
)

// Draw rasterises the paragraph into dst with its top-left corner at
// origin (in dst pixels) and every layout coordinate multiplied by scale
// (the HiDPI factor; 0 means 1), in colour col, composited over what dst
// holds. Link runs are underlined. Glyphs are anti-aliased at quarter-pixel
// positions, so what is drawn matches Caret and SelectionRects scaled by
// the same factor.
func (p *Paragraph) Draw(dst *image.RGBA, origin image.Point, scale float32, col color.Color) {
	p.DrawRange(dst, origin, scale, col, 0, len(p.text))
}

// DrawRange is Draw restricted to the glyph clusters that start in the
// runes [start, end): drawing a link or a label again in another colour
// over a Draw of the whole paragraph.
func (p *Paragraph) DrawRange(dst *image.RGBA, origin image.Point, scale float32, col color.Color, start, end int) {
	if scale <= 0 {
		scale = 1
	}
	w := p.fonts.get()
	defer p.fonts.put(w)
	d := drawer{dst: dst, src: image.NewUniform(col), cache: &p.fonts.masks}
	ox, oy := float32(origin.X), float32(origin.Y)
	for _, l := range p.Lines {
		if l.End <= start || l.Start >= end {
			continue
		}
		for _, r := range l.Runs {
			if r.End <= start || r.Start >= end {
				continue
			}
			face := w.faces[r.Face]
			em := r.Size * scale / float32(face.Upem())
			for _, g := range r.Glyphs {
				if g.Cluster < start || g.Cluster >= end {
					continue
				}
				x := ox + (r.X+g.X)*scale
				y := oy + (l.Baseline+g.Y)*scale
				d.glyph(face, r.Face, g.ID, x, y, em)
			}
			if r.Style.Link {
				a, b := max(start, r.Start), min(end, r.End)
				x0, x1 := p.geo.lead[a], p.geo.trail[b-1]
				if r.RTL {
					x0, x1 = x1, x0
				}
				thick := max(1, r.Size/16*scale)
				y := oy + (l.Baseline+r.Size/10)*scale
				d.rect(ox+x0*scale, y, ox+x1*scale, y+thick)
			}
		}
	}
}

type drawer struct {
	dst   *image.RGBA
	src   image.Image
	cache *maskCache
}

// glyph draws glyph id of face (em: pixels per font unit) with its origin
// at (x, y) in dst pixels.
func (d *drawer) glyph(face *font.Face, fid FaceID, id uint32, x, y, em float32) {
	ix, iy := math.Floor(float64(x)), math.Floor(float64(y))
	k := maskKey{face: fid, id: id, em: em,
		fx: uint8(math.Round((float64(x) - ix) * subpixels)), fy: uint8(math.Round((float64(y) - iy) * subpixels))}
	m := d.cache.get(k, face)
	if m == nil {
		return
	}
	r := m.rect.Add(image.Pt(int(ix), int(iy)))
	clip := r.Intersect(d.dst.Bounds())
	if clip.Empty() {
		return
	}
	draw.DrawMask(d.dst, clip, d.src, image.Point{}, m.alpha, m.alpha.Rect.Min.Add(clip.Min.Sub(r.Min)), draw.Over)
}

// rect fills [x0, x1) × [y0, y1) in dst pixels.
func (d *drawer) rect(x0, y0, x1, y1 float32) {
	r := image.Rect(int(math.Round(float64(x0))), int(math.Round(float64(y0))),
		int(math.Round(float64(x1))), int(math.Round(float64(y1))))
	draw.Draw(d.dst, r.Intersect(d.dst.Bounds()), d.src, image.Point{}, draw.Over)
}

// subpixels is the number of glyph positions per pixel, on each axis.
const subpixels = 4

// maskKey identifies a rasterised glyph: face, glyph, scale and sub-pixel
// phase of its origin.
type maskKey struct {
	face   FaceID
	id     uint32
	em     float32
	fx, fy uint8
}

// mask is a rasterised glyph: coverage in alpha, placed at rect relative to
// the integer pixel of the glyph origin.
type mask struct {
	alpha *image.Alpha
	rect  image.Rectangle
}

// maskCache keeps rasterised glyphs for all paragraphs drawn with a Fonts
// set; when it is full it starts over.
type maskCache struct {
	mu sync.Mutex
	m  map[maskKey]*mask
	z  vector.Rasterizer
}

const maskCacheLimit = 1 << 13

var emptyMask = &mask{alpha: image.NewAlpha(image.Rectangle{})}

func (c *maskCache) get(k maskKey, face *font.Face) *mask {
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.m[k]; ok {
		return m
	}
	if c.m == nil || len(c.m) >= maskCacheLimit {
		c.m = make(map[maskKey]*mask)
	}
	m := emptyMask
	if out, ok := face.GlyphData(font.GID(k.id)).(font.GlyphOutline); ok && len(out.Segments) > 0 {
		m = c.rasterise(out, float32(k.fx)/subpixels, float32(k.fy)/subpixels, k.em)
	}
	c.m[k] = m
	return m
}

// rasterise fills an outline (font units, y up) scaled by em with its
// origin at (x, y) inside the pixel (0, 0).
func (c *maskCache) rasterise(out font.GlyphOutline, x, y, em float32) *mask {
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
	bx, by := float32(r.Min.X), float32(r.Min.Y)
	z := &c.z
	z.Reset(r.Dx(), r.Dy())
	z.DrawOp = draw.Src
	pt := func(a ot.SegmentPoint) (float32, float32) { return x + a.X*em - bx, y - a.Y*em - by }
	for _, s := range out.Segments {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			z.ClosePath()
			z.MoveTo(pt(s.Args[0]))
		case ot.SegmentOpLineTo:
			z.LineTo(pt(s.Args[0]))
		case ot.SegmentOpQuadTo:
			x1, y1 := pt(s.Args[0])
			x2, y2 := pt(s.Args[1])
			z.QuadTo(x1, y1, x2, y2)
		case ot.SegmentOpCubeTo:
			x1, y1 := pt(s.Args[0])
			x2, y2 := pt(s.Args[1])
			x3, y3 := pt(s.Args[2])
			z.CubeTo(x1, y1, x2, y2, x3, y3)
		}
	}
	z.ClosePath()
	alpha := image.NewAlpha(image.Rectangle{Max: r.Size()})
	z.Draw(alpha, alpha.Bounds(), image.Opaque, image.Point{})
	return &mask{alpha: alpha, rect: r}
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
