package textlayout

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/qalam/policyeditor/editor/bidi"
)

var (
	black     = color.RGBA{0, 0, 0, 255}
	zeroPoint image.Point
)

func newImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	return img
}

// renderMixed draws every mixed case, right-aligned in a 360 px column at
// scale 2, each line over tinted run boxes (blue for RTL runs, orange for
// LTR) with the primary carets as thin red bars, so a reviewer sees the
// geometry and the glyphs agree.
func renderMixed() *image.RGBA {
	const width, scale, margin = 360, 2, 8
	var paras []*Paragraph
	height := float32(margin)
	for _, tc := range mixedCases {
		p := Layout(Params{Text: []rune(tc.text), Dir: tc.dir, Width: width})
		paras = append(paras, p)
		height += p.Height + margin
	}
	wrapped := Layout(Params{Text: []rune(mixedCases[1].text + " " + mixedCases[3].text), Dir: bidi.RTL, Width: 200})
	paras = append(paras, wrapped)
	height += wrapped.Height + margin
	img := newImage((width+2*margin)*scale, int(height)*scale)
	y := float32(margin)
	for _, p := range paras {
		origin := image.Pt(margin*scale, int(y*scale))
		for _, l := range p.Lines {
			for _, r := range l.Runs {
				tint := color.RGBA{255, 228, 196, 255}
				if r.RTL {
					tint = color.RGBA{214, 232, 255, 255}
				}
				fill(img, origin, scale, Rect{r.X, l.Y, r.Width, l.Height}, tint)
			}
		}
		for o := 0; o <= len(p.Text()); o = p.NextLogical(o, true) {
			c, _ := p.Caret(o)
			fill(img, origin, scale, Rect{c.X - 0.25, c.Y + c.Height*0.8, 0.5, c.Height * 0.2}, color.RGBA{220, 0, 0, 255})
			if o == len(p.Text()) {
				break
			}
		}
		p.Draw(img, origin, scale, black)
		y += p.Height + margin
	}
	return img
}

func fill(img *image.RGBA, origin image.Point, scale float32, r Rect, c color.Color) {
	rect := image.Rect(int(r.X*scale), int(r.Y*scale), int((r.X+r.Width)*scale+0.5), int((r.Y+r.Height)*scale+0.5)).Add(origin)
	draw.Draw(img, rect, image.NewUniform(c), image.Point{}, draw.Over)
}

// TestDrawGolden compares the rendering of the mixed lines with
// testdata/mixed_lines.png (small tolerance for rasteriser rounding) and
// writes the rendering to the temp directory for review.
func TestDrawGolden(t *testing.T) {
	img := renderMixed()
	out := filepath.Join(os.TempDir(), "textlayout-mixed-lines.png")
	if err := writePNG(out, img); err != nil {
		t.Fatal(err)
	}
	t.Logf("rendering written to %s", out)
	golden := filepath.Join("testdata", "mixed_lines.png")
	if *update {
		if err := writePNG(golden, img); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := readPNG(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("rendering is %v, golden %v", img.Bounds(), want.Bounds())
	}
	differ := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if colorDistance(img.At(x, y), want.At(x, y)) > 48 {
				differ++
			}
		}
	}
	if limit := b.Dx() * b.Dy() / 500; differ > limit {
		t.Errorf("%d pixels differ from %s (limit %d); look at %s", differ, golden, limit, out)
	}
}

// TestDrawInk checks that Draw puts ink inside the line boxes and only
// there, at scale 1 and 2, and that the ink of an RTL line sits at the
// right edge.
func TestDrawInk(t *testing.T) {
	text := []rune("العدد 123 هنا")
	for _, scale := range []float32{1, 2} {
		p := Layout(Params{Text: text, Dir: bidi.RTL, Width: 300})
		w, h := int(300*scale), int(p.Height*scale)
		img := newImage(w+20, h+20)
		p.Draw(img, image.Pt(10, 10), scale, black)
		minX, maxX, inked := w+20, 0, 0
		for y := 0; y < h+20; y++ {
			for x := 0; x < w+20; x++ {
				if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
					inked++
					minX, maxX = min(minX, x), max(maxX, x)
				}
			}
		}
		l := p.Lines[0]
		if inked < 100 {
			t.Fatalf("scale %v: only %d dark pixels", scale, inked)
		}
		left, right := 10+int(l.X*scale), 10+int((l.X+l.Width)*scale)
		if minX < left-2 || maxX > right+2 || maxX < right-int(4*scale) {
			t.Errorf("scale %v: ink spans x %d..%d, want within the line %d..%d and reaching its right edge", scale, minX, maxX, left, right)
		}
	}
}

func colorDistance(a, b color.Color) int {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) int {
		if x > y {
			return int(x-y) >> 8
		}
		return int(y-x) >> 8
	}
	return max(d(ar, br), d(ag, bg), d(ab, bb))
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func readPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

// TestDrawRange draws a range in red over the paragraph drawn in black:
// red ink appears only inside the range's selection rectangles, and the
// whole range is covered.
func TestDrawRange(t *testing.T) {
	text := []rune("زوروا منصة قلم (www.qlmlearn.com) اليوم")
	p := Layout(Params{Text: text, Dir: bidi.RTL, Width: 400, Spans: []Span{{16, 32, Style{Link: true}}}})
	const scale = 2
	img := newImage(800, int(p.Height*scale)+4)
	p.Draw(img, zeroPoint, scale, black)
	red := color.RGBA{255, 0, 0, 255}
	p.DrawRange(img, zeroPoint, scale, red, 16, 32)
	rects := p.SelectionRects(16, 32)
	if len(rects) != 1 {
		t.Fatalf("link rects %+v, want 1", rects)
	}
	rc := rects[0]
	reds := 0
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			c := img.RGBAAt(x, y)
			if c.R > 200 && c.G < 80 {
				reds++
				fx, fy := float32(x)/scale, float32(y)/scale
				if fx < rc.X-1 || fx > rc.X+rc.Width+1 || fy < rc.Y || fy > rc.Y+rc.Height {
					t.Fatalf("red pixel at %d,%d outside the link %+v", x, y, rc)
				}
			}
		}
	}
	if reds < 200 {
		t.Errorf("only %d red pixels for the link", reds)
	}
}

// TestDrawSeedPage renders every paragraph of the sample policy at 600 px
// (scale 1.5) and writes it to the temp directory for review; it checks
// that every paragraph put ink inside its own box.
func TestDrawSeedPage(t *testing.T) {
	const width, scale, gap = 600, 1.5, 10
	var paras []*Paragraph
	height := float32(gap)
	for _, text := range seedParagraphs() {
		p := Layout(Params{Text: text, Dir: bidi.Auto, Width: width})
		paras = append(paras, p)
		height += p.Height + gap
	}
	img := newImage(int((width+2*gap)*scale), int(height*scale))
	y := float32(gap)
	for i, p := range paras {
		origin := image.Pt(int(gap*scale), int(y*scale))
		p.Draw(img, origin, scale, black)
		box := image.Rect(origin.X, origin.Y, origin.X+int(width*scale), origin.Y+int(p.Height*scale))
		if !hasInk(img, box) {
			t.Errorf("paragraph %d drew nothing in its box %v", i, box)
		}
		y += p.Height + gap
	}
	out := filepath.Join(os.TempDir(), "textlayout-seed-page.png")
	if err := writePNG(out, img); err != nil {
		t.Fatal(err)
	}
	t.Logf("seed page written to %s", out)
}

func hasInk(img *image.RGBA, r image.Rectangle) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if img.RGBAAt(x, y).R < 0x80 {
				return true
			}
		}
	}
	return false
}
