package textedit

import (
	"image"
	"image/color"
	"testing"
)

func TestSameInk(t *testing.T) {
	const text = "سطر أول طويل بما يكفي ليلتف على سطرين أو ثلاثة في هذا العرض"
	la := newTestModel(text, 160).layout(0)
	// A zero-width right-to-left mark at the start shifts every offset
	// without changing how the lines after the first look.
	lb := newTestModel("\u200f"+text, 160).layout(0)
	// A different last letter changes the last line only.
	lc := newTestModel(text[:len(text)-len("ض")]+"ن", 160).layout(0)
	if len(la.Lines) < 3 || len(lb.Lines) != len(la.Lines) || len(lc.Lines) != len(la.Lines) {
		t.Fatalf("lines %d, %d, %d", len(la.Lines), len(lb.Lines), len(lc.Lines))
	}
	for i, ch := range inkChanged(la, lb) {
		if i > 0 && ch {
			t.Errorf("line %d changed though only its offsets moved", i)
		}
	}
	for i, ch := range inkChanged(la, lc) {
		if last := i == len(la.Lines)-1; ch != last {
			t.Errorf("line %d changed = %v after editing the last line", i, ch)
		}
	}
	for _, ch := range inkChanged(nil, la) {
		if !ch {
			t.Error("with no old layout every line must be drawn")
		}
	}
}

func TestDrawLineDrawsOnlyItsLine(t *testing.T) {
	m := newTestModel("سطر أول طويل بما يكفي ليلتف على سطرين أو ثلاثة في هذا العرض", 160)
	l := m.layout(0)
	_, h := lineBox(l, 1, m.size)
	img := image.NewRGBA(image.Rect(0, 0, 160, int(h)+1))
	drawLine(img, l, 1, m.size, 1, color.Black)
	ink := 0
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] != 0 {
			ink++
		}
	}
	if ink < 50 {
		t.Errorf("line 1 drawn with %d ink pixels", ink)
	}
}
