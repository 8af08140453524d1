package richview

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"runtime"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/qalam/policyeditor/editor/bidi"
	"github.com/qalam/policyeditor/editor/textlayout"
	"github.com/qalam/policyeditor/storage/storagetest"
)

// drawAccentsWhole is the reference for drawAccents: the whole paragraph
// drawn again in the accent colour into a block-sized image, copied over
// the accent ranges' rectangles.
func drawAccentsWhole(dst *image.RGBA, b *blockBox, origin image.Point, scale float32, col color.Color) {
	tmp := image.NewRGBA(dst.Bounds())
	b.text.Draw(tmp, origin, scale, col)
	for _, ar := range b.accent {
		for _, rc := range b.text.SelectionRects(ar[0], ar[1]) {
			r := image.Rect(origin.X+px(rc.X, scale), origin.Y+px(rc.Y, scale),
				origin.X+px(rc.X+rc.Width, scale), origin.Y+px(rc.Y+rc.Height, scale)).Intersect(dst.Bounds())
			draw.Draw(dst, r, tmp, r.Min, draw.Src)
		}
	}
}

// accentBoxes returns blocks with accent ranges: the seed page's boxes
// that have any, and paragraphs with links and labels next to joined
// Arabic letters, italic and bold text, wrapped over several lines.
func accentBoxes(t *testing.T) []*blockBox {
	t.Helper()
	var out []*blockBox
	v := NewView()
	v.Resize(fyne.NewSize(500, 600))
	if err := v.SetPage(storagetest.SeedPage()); err != nil {
		t.Fatal(err)
	}
	l := v.currentLayout(500)
	for i := range l.boxes {
		if len(l.boxes[i].accent) > 0 {
			out = append(out, &l.boxes[i])
		}
	}
	for _, tc := range []struct {
		text   string
		spans  []textlayout.Span
		accent [][2]int
		width  float32
	}{
		{"أولاً: مقدمة سياسة الخصوصية والاستخدام", nil, [][2]int{{0, 6}}, 0},
		{"زوروا www.qlmlearn.com/privacy-policy للمزيد من المعلومات عن الخصوصية",
			[]textlayout.Span{{Start: 6, End: 37, Style: textlayout.Style{Link: true, Italic: true}}}, [][2]int{{6, 37}}, 120},
		{"بالمعلوماتوالبيانات الشخصية الخاصة بالمستخدمين",
			[]textlayout.Span{{Start: 3, End: 12, Style: textlayout.Style{Link: true, Bold: true}}}, [][2]int{{3, 12}, {20, 27}}, 90},
		{"1. See the policy page at https://example.com/a-b-c for details.",
			[]textlayout.Span{{Start: 26, End: 51, Style: textlayout.Style{Link: true}}}, [][2]int{{0, 2}, {26, 51}}, 100},
	} {
		p := textlayout.Layout(textlayout.Params{Text: []rune(tc.text), Spans: tc.spans, Dir: bidi.Auto, Width: tc.width, Size: 18})
		out = append(out, &blockBox{text: p, accent: tc.accent, size: fyne.NewSize(p.Width+20, p.Height+10), textPos: fyne.NewPos(10, 5)})
	}
	return out
}

// TestDrawAccentsMatchesWholeRedraw: drawing only the glyphs near each
// accent rectangle gives the pixels of the whole paragraph drawn again.
func TestDrawAccentsMatchesWholeRedraw(t *testing.T) {
	test.NewTempApp(t)
	fg, link := color.NRGBA{0x20, 0x20, 0x20, 0xff}, color.NRGBA{0x10, 0x60, 0xc0, 0xff}
	for i, b := range accentBoxes(t) {
		for _, scale := range []float32{1, 1.5, 2} {
			w, h := int(b.size.Width*scale), int(b.size.Height*scale)
			origin := image.Pt(px(b.textPos.X, scale), px(b.textPos.Y, scale))
			got, want := image.NewRGBA(image.Rect(0, 0, w, h)), image.NewRGBA(image.Rect(0, 0, w, h))
			b.text.Draw(got, origin, scale, fg)
			b.text.Draw(want, origin, scale, fg)
			drawAccents(got, b, origin, scale, link)
			drawAccentsWhole(want, b, origin, scale, link)
			if !bytes.Equal(got.Pix, want.Pix) {
				t.Errorf("box %d (%d lines, accent %v) at scale %g: pixels differ from the whole redraw", i, len(b.text.Lines), b.accent, scale)
			}
			if bytes.Equal(got.Pix, func() []byte {
				plain := image.NewRGBA(got.Rect)
				b.text.Draw(plain, origin, scale, fg)
				return plain.Pix
			}()) {
				t.Errorf("box %d at scale %g: accents changed nothing", i, scale)
			}
		}
	}
}

// TestDrawAccentsAllocation: drawAccents allocates images the size of the
// accent rectangles, not of the block.
func TestDrawAccentsAllocation(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	test.NewTempApp(t)
	text := []rune("زوروا الرابط التالي للمزيد من المعلومات عن سياسة الخصوصية والاستخدام وشروط الموقع وحقوق المستخدمين")
	p := textlayout.Layout(textlayout.Params{Text: text, Dir: bidi.RTL, Width: 300, Size: 18,
		Spans: []textlayout.Span{{Start: 6, End: 12, Style: textlayout.Style{Link: true}}}})
	b := &blockBox{text: p, accent: [][2]int{{6, 12}}, size: fyne.NewSize(p.Width, p.Height)}
	const scale = 2
	dst := image.NewRGBA(image.Rect(0, 0, int(p.Width*scale), int(p.Height*scale)))
	p.Draw(dst, image.Point{}, scale, color.Black)
	drawAccents(dst, b, image.Point{}, scale, color.White) // warm the glyph cache
	var before, after runtime.MemStats
	const runs = 5
	runtime.ReadMemStats(&before)
	for range runs {
		drawAccents(dst, b, image.Point{}, scale, color.White)
	}
	runtime.ReadMemStats(&after)
	perRun := (after.TotalAlloc - before.TotalAlloc) / runs
	if block := uint64(len(dst.Pix)); perRun > block/4 {
		t.Errorf("drawAccents allocates %d bytes per call for a %s block of %d bytes", perRun, fmt.Sprint(dst.Rect.Size()), block)
	}
}
