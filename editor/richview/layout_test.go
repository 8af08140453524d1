package richview

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/storagetest"
)

func TestViewReusesLayoutsAcrossRefresh(t *testing.T) {
	v, w := newTestView(t, 600)
	var calls []float32
	v.layoutHook = func(width float32) { calls = append(calls, width) }

	if err := v.SetPage(storagetest.SeedPage()); err != nil {
		t.Fatal(err)
	}
	fit(v, w) // height change only
	for range 5 {
		v.Refresh()
		w.Canvas().Capture()
	}
	if want := []float32{600}; !slices.Equal(calls, want) {
		t.Fatalf("after SetPage and 5 refreshes: layouts at %v, want %v", calls, want)
	}
	tall := v.MinSize().Height

	w.Resize(fyne.NewSize(400, w.Canvas().Size().Height))
	w.Canvas().Capture()
	if want := []float32{600, 400}; !slices.Equal(calls, want) {
		t.Fatalf("after narrowing: layouts at %v, want %v", calls, want)
	}
	if h := v.MinSize().Height; h <= tall {
		t.Errorf("MinSize height at 400 = %v, want more than %v (at 600)", h, tall)
	}

	w.Resize(fyne.NewSize(600, w.Canvas().Size().Height))
	v.Refresh()
	if want := []float32{600, 400}; !slices.Equal(calls, want) {
		t.Errorf("back to 600: layouts at %v, want %v (cached)", calls, want)
	}
	if h := v.MinSize().Height; h != tall {
		t.Errorf("MinSize height back at 600 = %v, want %v", h, tall)
	}

	v.SetDoc(mustDoc(t, "نص جديد", storage.RTL))
	if want := []float32{600, 400, 600}; !slices.Equal(calls, want) {
		t.Errorf("after SetDoc: layouts at %v, want %v", calls, want)
	}
}

func TestViewSelectAndCopy(t *testing.T) {
	v, w := newTestView(t, 500)
	v.SetDoc(mustDoc(t, "أول فقرة\n\nثانية `code` هنا\n\nثالثة", storage.RTL))
	fit(v, w)

	v.SelectAll()
	want := "أول فقرة\nثانية code هنا\nثالثة"
	if got := v.SelectedText(); got != want {
		t.Errorf("SelectAll: SelectedText() = %q, want %q", got, want)
	}
	cb := fyne.CurrentApp().Clipboard()
	v.TypedShortcut(&fyne.ShortcutCopy{Clipboard: cb})
	if got := cb.Content(); got != want {
		t.Errorf("clipboard after copy = %q, want %q", got, want)
	}
}

func TestViewDragSelection(t *testing.T) {
	v, w := newTestView(t, 500)
	v.SetDoc(mustDoc(t, "أول فقرة\n\nثانية هنا\n\nثالثة", storage.RTL))
	fit(v, w)
	l := v.currentLayout(500)
	first, last := l.boxes[0], l.boxes[2]
	// RTL: the start of the first block is at its right edge, the end of the
	// last block at the left edge of its text.
	start := fyne.NewPos(first.pos.X+first.size.Width-1, first.pos.Y+first.size.Height/2)
	end := fyne.NewPos(last.pos.X+1, last.pos.Y+last.size.Height/2)
	// As the GLFW driver does: press, then drag events at the current
	// pointer position with the distance moved since the last one.
	v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: start}, Button: desktop.MouseButtonPrimary})
	mid := fyne.NewPos((start.X+end.X)/2, (start.Y+end.Y)/2)
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(mid.X-start.X, mid.Y-start.Y)})
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: end}, Dragged: fyne.NewDelta(end.X-mid.X, end.Y-mid.Y)})
	v.DragEnd()
	if got := w.Canvas().Focused(); got != v {
		t.Errorf("focused after press = %v, want the view (so copy reaches it)", got)
	}
	want := "أول فقرة\nثانية هنا\nثالثة"
	if got := v.SelectedText(); got != want {
		t.Errorf("drag selection = %q, want %q", got, want)
	}
	if rects := v.selectionRects(l); len(rects) < 3 {
		t.Errorf("selection rects = %d, want at least one per block", len(rects))
	}
}

// BenchmarkViewLayoutSeed sets the seed page on a view 800 px wide: Markdown
// parsing, numbering and laying out every block (shaping, line breaking,
// bidi). Rasterising is measured separately by BenchmarkViewDrawSeed.
func BenchmarkViewLayoutSeed(b *testing.B) {
	test.NewTempApp(b)
	p := storagetest.SeedPage()
	v := NewView()
	v.Resize(fyne.NewSize(800, 600))
	for b.Loop() {
		if err := v.SetPage(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkViewDrawSeed rasterises every block of the seed page laid out at
// 800 px, at scale 1 and 2 (what Fyne's raster generators do on the first
// paint on an ordinary and a HiDPI screen).
func BenchmarkViewDrawSeed(b *testing.B) {
	test.NewTempApp(b)
	v := NewView()
	v.Resize(fyne.NewSize(800, 600))
	if err := v.SetPage(storagetest.SeedPage()); err != nil {
		b.Fatal(err)
	}
	l := v.currentLayout(800)
	pal := v.palette(0)
	for _, scale := range []float32{1, 2} {
		b.Run(fmt.Sprintf("scale=%g", scale), func(b *testing.B) {
			for b.Loop() {
				for i := range l.boxes {
					bx := &l.boxes[i]
					drawBox(bx, int(bx.size.Width*scale), int(bx.size.Height*scale), pal)
				}
			}
		})
	}
}

// TestViewInScroll checks the usage the app has: the view inside a
// vertical scroll container gets the scroll's width and grows to its
// laid-out height, also after the window narrows and after a new page.
func TestViewInScroll(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, lightTheme{NewTheme()})
	v := NewView()
	scroll := container.NewVScroll(v)
	w := test.NewTempWindow(t, scroll)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(600, 300))
	if err := v.SetPage(storagetest.SeedPage()); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		// The GLFW driver re-lays out the parent of a widget whose MinSize
		// changed on every frame (Canvas.EnsureMinSize); the test canvas
		// does not, so do what that does for the scroll here.
		scroll.Refresh()
		got, min := v.Size(), v.MinSize()
		if got.Width != 600 && got.Width != 400 {
			t.Errorf("%s: view width = %v, want the scroll's width", when, got.Width)
		}
		if got.Height != min.Height || min.Height <= 300 {
			t.Errorf("%s: view height = %v, MinSize height = %v; want equal and taller than the window", when, got.Height, min.Height)
		}
	}
	check("after SetPage")
	w.Resize(fyne.NewSize(400, 300))
	check("after narrowing")
	v.SetDoc(mustDoc(t, listMD+"\n\n"+mixedMD+"\n\n"+listMD, storage.RTL))
	check("after SetDoc")
}

func TestViewRasterisesOnlyWhenNeeded(t *testing.T) {
	v, w := newTestView(t, 500)
	draws := 0
	v.drawHook = func() { draws++ }
	v.SetDoc(mustDoc(t, mixedMD, storage.RTL))
	fit(v, w)
	w.Canvas().Capture()
	blocks := len(v.Doc().Blocks)
	if draws != blocks {
		t.Fatalf("first paint rasterised %d blocks, want %d", draws, blocks)
	}
	v.Refresh()
	v.SelectAll()
	w.Canvas().Capture()
	if draws != blocks {
		t.Errorf("Refresh and a selection rasterised again: %d draws, want %d", draws, blocks)
	}
	w.Resize(fyne.NewSize(450, w.Canvas().Size().Height))
	w.Canvas().Capture()
	if draws != 2*blocks {
		t.Errorf("after a width change: %d draws, want %d", draws, 2*blocks)
	}
}

func TestViewSelectionRender(t *testing.T) {
	v, w := newTestView(t, 420)
	v.SetDoc(mustDoc(t, mixedMD, storage.RTL))
	fit(v, w)
	l := v.currentLayout(420)
	b := l.boxes[1] // "العدد 123 هنا، والتاريخ 17/07/2023م، وراسلنا على support@gmail.com …"
	// From the middle of the first line to the middle of the second.
	start := fyne.NewPos(b.pos.X+b.size.Width*0.6, b.pos.Y+b.size.Height*0.25)
	end := fyne.NewPos(b.pos.X+b.size.Width*0.7, b.pos.Y+b.size.Height*0.75)
	v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: start}, Button: desktop.MouseButtonPrimary})
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: end}, Dragged: fyne.NewDelta(end.X-start.X, end.Y-start.Y)})
	if v.SelectedText() == "" {
		t.Fatal("nothing selected")
	}
	assertImage(t, "selection-mixed-420", w.Canvas().Capture())
}

func TestViewLinkTap(t *testing.T) {
	v, w := newTestView(t, 500)
	v.SetDoc(mustDoc(t, "نص ثم [الموقع](https://qlmlearn.com) بعده", storage.RTL))
	fit(v, w)
	var got []string
	v.OnLinkTapped = func(u string) { got = append(got, u) }
	l := v.currentLayout(500)
	b := l.boxes[0]
	rects := b.text.SelectionRects(b.links[0].start, b.links[0].end)
	r := rects[0]
	on := fyne.NewPos(b.pos.X+b.textPos.X+r.X+r.Width/2, b.pos.Y+b.textPos.Y+r.Y+r.Height/2)
	off := fyne.NewPos(b.pos.X+b.textPos.X+r.X+r.Width+20, on.Y)
	test.TapAt(v, off)
	test.TapAt(v, on)
	if want := []string{"https://qlmlearn.com"}; !slices.Equal(got, want) {
		t.Errorf("tapped links = %q, want %q", got, want)
	}
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: on}})
	if c := v.Cursor(); c != desktop.PointerCursor {
		t.Errorf("cursor over a link = %v, want the pointer", c)
	}
	v.MouseOut()
	if c := v.Cursor(); c != desktop.TextCursor {
		t.Errorf("cursor after leaving = %v, want the text cursor", c)
	}
}

func TestViewDoubleTapSelectsWord(t *testing.T) {
	v, w := newTestView(t, 500)
	v.SetDoc(mustDoc(t, "كلمة support@gmail.com أخرى", storage.RTL))
	fit(v, w)
	l := v.currentLayout(500)
	b := l.boxes[0]
	// the middle of the e-mail address (runes 5..22)
	r := b.text.SelectionRects(10, 11)[0]
	test.DoubleTap(v) // at (0,0): whatever it selects, the next one must win
	v.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(b.pos.X+b.textPos.X+r.X+r.Width/2, b.pos.Y+b.textPos.Y+r.Y+r.Height/2)})
	if got := v.SelectedText(); got != "support@gmail.com" {
		t.Errorf("double tap selected %q, want the e-mail address", got)
	}
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(1, 1)}})
	if c := v.Cursor(); c != desktop.TextCursor {
		t.Errorf("cursor off links = %v, want the text cursor", c)
	}
}

// bigText is the app theme with a larger text size.
type bigText struct{ fyne.Theme }

func (t bigText) Size(n fyne.ThemeSizeName) float32 {
	if n == "text" {
		return 20
	}
	return t.Theme.Size(n)
}

func TestViewRelayoutsOnTextSizeChangeOnly(t *testing.T) {
	v, w := newTestView(t, 500)
	var calls int
	v.layoutHook = func(float32) { calls++ }
	v.SetDoc(mustDoc(t, listMD, storage.RTL))
	fit(v, w)
	h := v.MinSize().Height
	test.ApplyTheme(t, lightTheme{NewTheme()}) // same sizes, new theme value
	v.Refresh()
	if calls != 1 {
		t.Fatalf("a theme with the same sizes laid out again: %d layouts, want 1", calls)
	}
	test.ApplyTheme(t, bigText{lightTheme{NewTheme()}})
	v.Refresh()
	if calls != 2 {
		t.Fatalf("a larger text size: %d layouts, want 2", calls)
	}
	if got := v.MinSize().Height; got <= h {
		t.Errorf("MinSize height with larger text = %v, want more than %v", got, h)
	}
}

func TestBlockTop(t *testing.T) {
	v, w := newTestView(t, 600)
	if _, ok := v.BlockTop(0); ok {
		t.Error("BlockTop(0) of an empty view = ok, want false")
	}
	if err := v.SetPage(storagetest.SeedPage()); err != nil {
		t.Fatal(err)
	}
	fit(v, w)
	n := len(v.Doc().Blocks)
	prev := float32(-1)
	for i := range n {
		y, ok := v.BlockTop(i)
		if !ok || y <= prev {
			t.Fatalf("BlockTop(%d) = %v, %v; want ok and below block %d at %v", i, y, ok, i-1, prev)
		}
		prev = y
	}
	if _, ok := v.BlockTop(n); ok {
		t.Errorf("BlockTop(%d) past the last block = ok, want false", n)
	}
}

// shortcutCanvas is a canvas that records the shortcuts typed on it.
type shortcutCanvas struct {
	fyne.Canvas
	got []string
}

func (c *shortcutCanvas) TypedShortcut(s fyne.Shortcut) { c.got = append(c.got, s.ShortcutName()) }

// TestViewPassesShortcuts: a shortcut the view does not use goes on to its
// window (a menu's Ctrl+Shift+P); copy and select-all do not.
func TestViewPassesShortcuts(t *testing.T) {
	v, w := newTestView(t, 300)
	c := &shortcutCanvas{Canvas: w.Canvas()}
	old := canvasOf
	canvasOf = func(fyne.CanvasObject) fyne.Canvas { return c }
	t.Cleanup(func() { canvasOf = old })
	v.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	v.TypedShortcut(&fyne.ShortcutCopy{Clipboard: fyne.CurrentApp().Clipboard()})
	v.TypedShortcut(&fyne.ShortcutSelectAll{})
	if len(c.got) != 1 || c.got[0] != "CustomDesktop:Shift+Control+P" {
		t.Errorf("the window got the shortcuts %q, want Ctrl+Shift+P alone", c.got)
	}
}
