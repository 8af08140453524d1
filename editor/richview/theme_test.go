package richview

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// arabicWidgets is a small screen of ordinary Fyne widgets with Arabic text.
func arabicWidgets() fyne.CanvasObject {
	items := []string{"سياسة الخصوصية", "الشروط والأحكام", "Refund policy"}
	list := widget.NewList(func() int { return len(items) },
		func() fyne.CanvasObject { return widget.NewLabel("template") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(items[i]) })
	bold := widget.NewLabelWithStyle("عنوان عريض Bold", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	italic := widget.NewLabelWithStyle("نص مائل Italic", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	top := container.NewVBox(widget.NewLabel("منصة قلم Qalam 2023"), bold, italic, widget.NewButton("نشر Publish", nil))
	return container.NewBorder(top, nil, nil, nil, list)
}

func captureWidgets(t *testing.T, th fyne.Theme) image.Image {
	t.Helper()
	test.NewTempApp(t)
	test.ApplyTheme(t, th)
	w := test.NewTempWindow(t, arabicWidgets())
	w.Resize(fyne.NewSize(320, 300))
	return w.Canvas().Capture()
}

// TestThemeArabicInFyneWidgets renders labels, a button and a list with
// Arabic text under the application theme (golden image: Arabic joined,
// Latin from Fyne's Noto Sans) and checks that the theme actually changes
// what is drawn compared with Fyne's default theme, whose fonts have no
// Arabic glyphs.
func TestThemeArabicInFyneWidgets(t *testing.T) {
	ours := captureWidgets(t, lightTheme{NewTheme()})
	assertImage(t, "theme-widgets", ours)
	def := captureWidgets(t, lightTheme{theme.DefaultTheme()})
	if differentPixels(ours, def) == 0 {
		t.Error("Arabic text renders the same with Fyne's default theme: the theme's fonts are not used")
	}
}

func TestThemeFonts(t *testing.T) {
	th := NewTheme()
	tests := []struct {
		style fyne.TextStyle
		want  fyne.Resource
	}{
		{fyne.TextStyle{}, arabicRegular},
		{fyne.TextStyle{Bold: true}, arabicBold},
		{fyne.TextStyle{Italic: true}, arabicRegular},
		{fyne.TextStyle{Bold: true, Italic: true}, arabicBold},
		{fyne.TextStyle{Monospace: true}, arabicRegular},
		{fyne.TextStyle{Symbol: true}, theme.DefaultTheme().Font(fyne.TextStyle{Symbol: true})},
	}
	for _, tt := range tests {
		if got := th.Font(tt.style); got != tt.want {
			t.Errorf("Font(%+v) = %s, want %s", tt.style, got.Name(), tt.want.Name())
		}
	}
}

func differentPixels(a, b image.Image) int {
	n := 0
	r := a.Bounds().Intersect(b.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if absDiff(r1, r2) > 0x300 || absDiff(g1, g2) > 0x300 || absDiff(b1, b2) > 0x300 || absDiff(a1, a2) > 0x300 {
				n++
			}
		}
	}
	return n
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
