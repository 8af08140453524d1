package richview

import "testing"

// TestScreenshotMatchesView checks that Screenshot, which draws without a
// Fyne window, gives the same pixels as the widget in the test window.
func TestScreenshotMatchesView(t *testing.T) {
	p := englishPage()
	img, err := Screenshot(p, 600, 0)
	if err != nil {
		t.Fatal(err)
	}
	v, w := newTestView(t, 600)
	if err := v.SetPage(p); err != nil {
		t.Fatal(err)
	}
	fit(v, w)
	want := w.Canvas().Capture()
	if img.Bounds() != want.Bounds() {
		t.Fatalf("Screenshot bounds = %v, window capture %v", img.Bounds(), want.Bounds())
	}
	if n := differentPixels(img, want); n > 0 {
		t.Errorf("Screenshot differs from the view in %d pixels", n)
	}
	if _, err := Screenshot(p, 600, 50); err != nil {
		t.Error(err)
	}
}
