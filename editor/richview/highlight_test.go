package richview

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/storage"
)

// markedBlock is an Arabic paragraph with the runes of each word in
// words highlighted as kind.
func markedBlock(text string, kind document.Highlight, words ...string) document.Block {
	b := document.Block{Text: []rune(text), Dir: storage.RTL}
	for _, w := range words {
		i := strings.Index(text, w)
		start := len([]rune(text[:i]))
		b.Spans = append(b.Spans, document.Span{Start: start, End: start + len([]rune(w)), Highlight: kind, Bold: kind == document.HighlightInserted})
	}
	return b
}

// inkBounds is the bounding box of the pixels of img that are not
// transparent.
func inkBounds(img *image.RGBA) image.Rectangle {
	var box image.Rectangle
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.RGBAAt(x, y).A > 0x40 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

// TestMarkRectsFollowGlyphs: a highlighted English word inside an Arabic
// line, and a highlighted Arabic word, each get their background exactly
// where the layout engine drew their glyphs (the English word in the
// middle of the right-to-left line, not at its logical offset), and a
// highlight across a line break gets one rectangle on each line.
func TestMarkRectsFollowGlyphs(t *testing.T) {
	test.NewTempApp(t)
	m := metricsOf(NewTheme())
	st := blockStyle{size: 20, lineHeight: 1.6}
	text := "نستخدم خدمة Google Analytics لتحليل الزيارات"
	for _, c := range []struct {
		name  string
		width float32
		words []string
		lines int // lines the highlight must cover
	}{
		{"latin-in-arabic", 800, []string{"Analytics"}, 1},
		{"arabic", 800, []string{"لتحليل"}, 1},
		{"both", 800, []string{"Google", "الزيارات"}, 1},
		{"wrapped", 210, []string{"Google Analytics لتحليل"}, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			blk := markedBlock(text, document.HighlightInserted, c.words...)
			box := layoutBlock(blk, c.width, st, m)
			box.size.Width = max(box.size.Width, 1)
			rects := markRects(&box)
			if len(box.marks) != len(c.words) {
				t.Fatalf("%d mark ranges, want %d", len(box.marks), len(c.words))
			}
			lines := map[float32]bool{}
			for _, r := range rects {
				lines[r.pos.Y] = true
			}
			if c.lines > 1 && len(lines) < c.lines {
				t.Errorf("the wrapped highlight has rectangles on %d lines, want %d: %v", len(lines), c.lines, rects)
			}
			// Each range's glyphs, drawn alone, lie inside its rectangles.
			w, h := int(box.size.Width)+2, int(box.size.Height)+2
			origin := image.Pt(px(box.textPos.X, 1), px(box.textPos.Y, 1))
			for _, mr := range box.marks {
				ink := image.NewRGBA(image.Rect(0, 0, w, h))
				box.text.DrawRange(ink, origin, 1, color.Black, mr.start, mr.end)
				inked := inkBounds(ink)
				if inked.Empty() {
					t.Fatalf("range %v draws nothing", mr)
				}
				covered, outside := 0, 0
				for y := inked.Min.Y; y < inked.Max.Y; y++ {
					for x := inked.Min.X; x < inked.Max.X; x++ {
						if ink.RGBAAt(x, y).A <= 0x40 {
							continue
						}
						if inAny(rects, float32(x)+0.5, float32(y)+0.5, 1) {
							covered++
						} else {
							outside++
						}
					}
				}
				// Arabic ascenders and descenders may reach past the line's
				// ascent and descent; every column of ink must be covered.
				if covered == 0 || float64(outside) > 0.05*float64(covered+outside) {
					t.Errorf("range %q: %d ink pixels inside its backgrounds, %d outside (ink %v, rects %v)",
						string(box.text.Text()[mr.start:mr.end]), covered, outside, inked, rects)
				}
				for x := inked.Min.X + 1; x < inked.Max.X-1; x++ {
					if !inAnyColumn(rects, float32(x)+0.5) {
						t.Errorf("range %q: ink column %d has no background", string(box.text.Text()[mr.start:mr.end]), x)
						break
					}
				}
			}
			// The other glyphs stay off the backgrounds (spaces separate them).
			rest := image.NewRGBA(image.Rect(0, 0, w, h))
			at := 0
			for _, mr := range box.marks {
				box.text.DrawRange(rest, origin, 1, color.Black, at, mr.start)
				at = mr.end
			}
			box.text.DrawRange(rest, origin, 1, color.Black, at, len(box.text.Text()))
			b := rest.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					if rest.RGBAAt(x, y).A > 0x80 && inAny(rects, float32(x)+0.5, float32(y)+0.5, -1.5) {
						t.Fatalf("an unhighlighted glyph is drawn at (%d,%d) inside a background %v", x, y, rects)
					}
				}
			}
		})
	}
}

// inAny reports whether (x, y) is inside a rectangle grown by pad.
func inAny(rs []markRect, x, y, pad float32) bool {
	for _, r := range rs {
		if x >= r.pos.X-pad && x < r.pos.X+r.size.Width+pad && y >= r.pos.Y-pad*8 && y < r.pos.Y+r.size.Height+pad*8 {
			return true
		}
	}
	return false
}

func inAnyColumn(rs []markRect, x float32) bool {
	for _, r := range rs {
		if x >= r.pos.X-1 && x < r.pos.X+r.size.Width+1 {
			return true
		}
	}
	return false
}

// TestDrawMarks: the raster of a block holds the highlight colour behind
// the highlighted words and nowhere else, and the text is still drawn
// over it.
func TestDrawMarks(t *testing.T) {
	test.NewTempApp(t)
	m := metricsOf(NewTheme())
	blk := markedBlock("حذفنا كلمة deleted من هنا", document.HighlightDeleted, "كلمة deleted")
	box := layoutBlock(blk, 600, blockStyle{size: 20, lineHeight: 1.6}, m)
	pal := palette{fg: color.Black, accent: color.Black}
	pal.marks[document.HighlightDeleted] = color.NRGBA{0xff, 0, 0, 0x80}
	img := drawBox(&box, int(box.size.Width), int(box.size.Height), pal).(*image.RGBA)
	rects := markRects(&box)
	tinted, stray := 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := img.RGBAAt(x, y)
			if c.R > 0x30 && c.G == 0 && c.B == 0 { // red, premultiplied
				if inAny(rects, float32(x)+0.5, float32(y)+0.5, 1) {
					tinted++
				} else {
					stray++
				}
			}
		}
	}
	if tinted < 200 || stray > 0 {
		t.Errorf("%d highlight pixels inside the word's rectangles, %d outside", tinted, stray)
	}
	if len(rects) != 1 {
		t.Errorf("one word on one line gives %d rectangles", len(rects))
	}
	// Without the highlight the same pixels have no red.
	pal.marks[document.HighlightDeleted] = nil
	plain := drawBox(&box, int(box.size.Width), int(box.size.Height), pal).(*image.RGBA)
	for i := 0; i < len(plain.Pix); i += 4 {
		if plain.Pix[i] > 0x30 && plain.Pix[i+1] == 0 && plain.Pix[i+2] == 0 && plain.Pix[i+3] > 0 && plain.Pix[i] != plain.Pix[i+3] {
			t.Fatal("red pixels without a highlight")
		}
	}
}

// TestHighlightColours: in the light and the dark variant each highlight
// is visible against the background, the text on it keeps a contrast of
// 4.5:1, and insertions and deletions differ.
func TestHighlightColours(t *testing.T) {
	th := NewTheme()
	for _, v := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		variant := v.variant
		bg, fg := th.Color(theme.ColorNameBackground, variant), th.Color(theme.ColorNameForeground, variant)
		seen := map[color.NRGBA]document.Highlight{}
		for h := document.HighlightNone + 1; h < document.NumHighlights; h++ {
			c := HighlightColour(th, variant, h)
			on := over(c, bg)
			if r := contrast(fg, on); r < 4.5 {
				t.Errorf("%s %d: text contrast %.2f on %v, want ≥ 4.5", v.name, h, r, on)
			}
			if d := colourDistance(on, bg); d < 40 {
				t.Errorf("%s %d: %v is hardly distinguishable from the background %v (distance %d)", v.name, h, on, bg, d)
			}
			if o, dup := seen[on]; dup {
				t.Errorf("%s: highlights %d and %d have the same colour", v.name, o, h)
			}
			seen[on] = h
		}
	}
}

func colourDistance(a, b color.Color) int {
	x, y := color.NRGBAModel.Convert(a).(color.NRGBA), color.NRGBAModel.Convert(b).(color.NRGBA)
	d := func(p, q uint8) int {
		if p > q {
			return int(p - q)
		}
		return int(q - p)
	}
	return d(x.R, y.R) + d(x.G, y.G) + d(x.B, y.B)
}

// TestViewDrawsHighlights: a view showing a diff-like document draws the
// theme's highlight colours (composited over the background) in its
// capture, in the light and in the dark variant.
func TestViewDrawsHighlights(t *testing.T) {
	for _, variant := range []string{"light", "dark"} {
		t.Run(variant, func(t *testing.T) {
			a := test.NewTempApp(t)
			v := theme.VariantLight
			if variant == "dark" {
				v = theme.VariantDark
			}
			th := forcedVariant{NewTheme(), v}
			a.Settings().SetTheme(th)
			blk := markedBlock("أضفنا كلمة جديدة added هنا", document.HighlightInserted, "جديدة added")
			del := markedBlock("وحذفنا كلمة قديمة هنا", document.HighlightDeleted, "قديمة")
			view := NewView()
			view.SetDoc(document.Doc{Dir: storage.RTL, Blocks: []document.Block{blk, del}})
			w := test.NewTempWindow(t, view)
			w.Resize(fyne.NewSize(500, 200))
			img := w.Canvas().Capture()
			bg := th.Color(theme.ColorNameBackground, v)
			for _, h := range []document.Highlight{document.HighlightInserted, document.HighlightDeleted} {
				want := over(HighlightColour(th, v, h), bg)
				if n := countNear(img, want, 6); n < 100 {
					t.Errorf("%s: %d pixels of the highlight colour %v, want the words' backgrounds", variant, n, want)
				}
			}
		})
	}
}

func countNear(img image.Image, want color.NRGBA, tol int) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if colourDistance(img.At(x, y), want) <= tol {
				n++
			}
		}
	}
	return n
}

// forcedVariant is a theme that answers every colour in one variant.
type forcedVariant struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (f forcedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.v)
}

// BenchmarkDrawBoxMarks rasterises one wrapped Arabic paragraph with a
// third of its words highlighted, and the same paragraph without
// highlights side by side (the cost of the backgrounds), at scale 2.
func BenchmarkDrawBoxMarks(b *testing.B) {
	test.NewTempApp(b)
	m := metricsOf(NewTheme())
	words := strings.Fields(strings.Repeat("نستخدم خدمة Google Analytics لتحليل الزيارات وتحسين المحتوى ", 6))
	text := strings.Join(words, " ")
	blk := document.Block{Text: []rune(text), Dir: storage.RTL}
	at := 0
	for i, w := range words {
		n := len([]rune(w))
		if i%3 == 0 {
			blk.Spans = append(blk.Spans, document.Span{Start: at, End: at + n, Highlight: document.HighlightInserted, Bold: true})
		}
		at += n + 1
	}
	plain := blk
	plain.Spans = nil
	for i := range blk.Spans {
		plain.Spans = append(plain.Spans, document.Span{Start: blk.Spans[i].Start, End: blk.Spans[i].End, Bold: true})
	}
	pal := paletteOf(NewTheme(), theme.VariantLight, document.KindParagraph)
	for _, c := range []struct {
		name string
		blk  document.Block
	}{{"highlighted", blk}, {"plain", plain}} {
		box := layoutBlock(c.blk, 500, styleOf(c.blk, m), m)
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				drawBox(&box, int(box.size.Width*2), int(box.size.Height*2), pal)
			}
		})
	}
	b.Run("palette", func(b *testing.B) {
		th := NewTheme()
		for b.Loop() {
			paletteOf(th, theme.VariantLight, document.KindParagraph)
		}
	})
}
