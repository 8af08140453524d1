package richview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestLabelInList shows page titles with mixed directions in a widget.List
// of Labels (golden: Arabic titles right-aligned with Latin words in place,
// the English title left-aligned) and checks the label's height matches
// widget.Label's closely enough to sit in the same rows.
func TestLabelInList(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, lightTheme{NewTheme()})
	titles := []string{"سياسة الخصوصية لمنصة قلم (Qalam)", "الشروط والأحكام 2023", "Refund policy — سياسة الاسترداد", "Google Analytic في منصة قلم"}
	list := widget.NewList(func() int { return len(titles) },
		func() fyne.CanvasObject { return NewLabel("template") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*Label).SetText(titles[i]) })
	w := test.NewTempWindow(t, container.NewStack(list))
	w.Resize(fyne.NewSize(200, 200)) // long titles do not fit: ellipsis
	assertImage(t, "label-list", w.Canvas().Capture())

	ours, theirs := NewLabel("سياسة Policy").MinSize().Height, widget.NewLabel("سياسة Policy").MinSize().Height
	if d := ours - theirs; d < -6 || d > 6 {
		t.Errorf("Label height %v, widget.Label %v: rows would jump", ours, theirs)
	}
}

func TestLabelDirection(t *testing.T) {
	test.NewTempApp(t)
	for _, tt := range []struct {
		text string
		rtl  bool
	}{{"سياسة Policy", true}, {"Policy سياسة", false}, {"(www.qlmlearn.com) منصة", true}, {"123", false}} {
		l := NewLabel(tt.text)
		if got := l.paragraph().Level%2 == 1; got != tt.rtl {
			t.Errorf("NewLabel(%q) right-to-left = %v, want %v", tt.text, got, tt.rtl)
		}
	}
	l := NewLabel("a")
	w := l.MinSize().Width
	l.SetText("a much longer text")
	if l.MinSize().Width <= w || l.Text() != "a much longer text" {
		t.Errorf("SetText did not relayout: width %v → %v", w, l.MinSize().Width)
	}
}

func TestLabelEllipsis(t *testing.T) {
	test.NewTempApp(t)
	l := NewLabel("سياسة الخصوصية لموقع منصة قلم Qalam")
	full := l.paragraph().Width
	p := l.fit(full / 2)
	text := []rune(string(p.Text()))
	if p.Width > full/2 || len(text) < 2 || text[len(text)-1] != '…' {
		t.Fatalf("fit(%v) = %q (width %v), want a prefix with an ellipsis that fits", full/2, string(text), p.Width)
	}
	if want := []rune(l.Text())[:len(text)-1]; string(text[:len(text)-1]) != string(want) {
		t.Errorf("fit kept %q, want the logical prefix %q", string(text[:len(text)-1]), string(want))
	}
	if l.fit(full+1) != l.paragraph() {
		t.Error("fit with enough room does not return the whole text")
	}
}
