//go:build !nogui

package textedit

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// newTestEditor puts a multi-line editor of the given size in a test
// window with text, and focuses it.
func newTestEditor(t *testing.T, text string, size fyne.Size) (*Editor, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	e := NewMultiLine()
	e.SetText(text)
	w := test.NewTempWindow(t, e)
	w.SetPadded(false)
	w.Resize(size)
	w.Canvas().Focus(e)
	return e, w
}

// saveShot writes the window's pixels to out/name when TEXTEDIT_SHOTS is set.
func saveShot(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	dir := os.Getenv("TEXTEDIT_SHOTS")
	if dir == "" {
		return
	}
	img := w.Canvas().Capture()
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func TestShotMixed(t *testing.T) {
	e, w := newTestEditor(t, "١. سياسة الخصوصية لمنصة قلم (www.qlmlearn.com) تحمي بياناتك.\nالعدد 123 هنا\nEnglish line with كلمة عربية inside.\n- بند أول\n\nبِسْمِ اللَّهِ", fyne.NewSize(420, 300))
	e.Select(8, 20)
	saveShot(t, w, "mixed.png")
}

// BenchmarkWidgetKeystroke is one keystroke through the widget (TypedRune
// or Backspace, OnChanged with the whole text, the renderer's refresh of
// rasters, selection and caret, scrolling the caret into view) in the
// test driver, without the GL painting itself.
func BenchmarkWidgetKeystroke(b *testing.B) {
	section := section20KB()
	for _, c := range []struct{ name, text string }{
		{"paragraph2000", paragraphOf(2000)},
		{"section20KB", section},
	} {
		b.Run(c.name, func(b *testing.B) {
			test.NewTempApp(b)
			e := NewMultiLine()
			e.SetText(c.text)
			w := test.NewTempWindow(b, e)
			w.Resize(fyne.NewSize(840, 600))
			w.Canvas().Focus(e)
			e.OnChanged = func(string) {}
			e.SetCaretOffset(len([]rune(c.text)) / 2)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if i%2 == 0 {
					e.TypedRune('ب')
				} else {
					e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
				}
			}
		})
	}
}

// TestCaretDrawnAtEngineEdgeWithTick checks the caret objects: the bar is
// centred on the engine's edge of the character just typed, and the tick
// points left after Arabic and right after Latin.
func TestCaretDrawnAtEngineEdgeWithTick(t *testing.T) {
	e, _ := newTestEditor(t, "", fyne.NewSize(400, 120))
	cr := e.r.content.r
	pad := e.Theme().Size(theme.SizeNameInnerPadding)
	for i, c := range []struct {
		r        rune
		tickLeft bool
	}{{'م', true}, {'ن', true}, {' ', true}, {'Q', false}, {'a', false}} {
		e.TypedRune(c.r)
		want := pad + trailingEdge(t, e.m, 0, i)
		if got := cr.caret.Position().X + caretWidth/2; !near(got, want) {
			t.Errorf("after %q: caret bar at x=%v, want %v", c.r, got, want)
		}
		left := cr.tick.Position().X < cr.caret.Position().X
		if left != c.tickLeft || cr.caret.Hidden {
			t.Errorf("after %q: tick left=%v hidden=%v, want left=%v", c.r, left, cr.caret.Hidden, c.tickLeft)
		}
	}
	e.FocusLost()
	if !cr.caret.Hidden {
		t.Error("caret shown without the focus")
	}
}

// TestWidgetKeystrokeLaysOutOneParagraph checks the widget lays out, and
// redraws, only what a keystroke changed.
func TestWidgetKeystrokeLaysOutOneParagraph(t *testing.T) {
	e, w := newTestEditor(t, strings.Repeat("سطر من نص السياسة يلتف على أكثر من سطر في هذا العرض الضيق، وهو طويل بما يكفي ليلتف ثلاث مرات أو أكثر\n", 20), fyne.NewSize(260, 300))
	e.SetCaretOffset(110)
	w.Canvas().Capture() // paint every line once
	before := e.m.layouts
	e.TypedRune('ب')
	if n := e.m.layouts - before; n != 1 {
		t.Errorf("a keystroke laid out %d paragraphs, want 1", n)
	}
	pv := e.r.content.r.views[e.m.buf.paras[1]]
	redraw := 0
	for _, lv := range pv.lines {
		if !lv.done {
			redraw++
		}
	}
	if len(pv.lines) < 3 {
		t.Fatalf("the paragraph has %d lines, want 3 or more for this test", len(pv.lines))
	}
	if redraw == 0 || redraw == len(pv.lines) {
		t.Errorf("%d of %d lines of the edited paragraph to redraw, want the changed ones only", redraw, len(pv.lines))
	}
}

func TestPlaceholder(t *testing.T) {
	e, _ := newTestEditor(t, "", fyne.NewSize(300, 100))
	e.SetPlaceholder("اكتب نص القسم هنا")
	cr := e.r.content.r
	if cr.placeholder == nil || len(cr.placeholder.lines) == 0 {
		t.Fatal("no placeholder shown in an empty editor")
	}
	if cr.placeholder.lay.Level%2 != 1 {
		t.Error("Arabic placeholder laid out left to right")
	}
	e.TypedRune('a')
	if cr.placeholder != nil {
		t.Error("placeholder shown over text")
	}
}

// TestSetTextFewerParagraphsInScroll: replacing a long text by a shorter
// one in a laid-out editor with the caret far down (scrolling to the
// caret places the paragraphs before the renderer has rebuilt its list)
// does not index past the new paragraphs.
func TestSetTextFewerParagraphsInScroll(t *testing.T) {
	long := strings.Repeat("فقرة من نص السياسة تطول قليلاً.\n\n", 40)
	e, w := newTestEditor(t, long, fyne.NewSize(400, 200))
	w.Canvas().Focus(e)
	e.SetCaretOffset(len([]rune(long)))
	e.SetText("سطر واحد")
	e.SetCaretOffset(3)
	if e.Text() != "سطر واحد" {
		t.Fatalf("text %q", e.Text())
	}
}
