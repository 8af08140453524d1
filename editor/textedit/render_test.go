//go:build !nogui

package textedit

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
