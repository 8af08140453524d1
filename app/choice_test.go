//go:build !nogui

package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// markAndLabel finds the item of c that shows text and returns the x
// positions of its mark and of its label on their line.
func markAndLabel(t *testing.T, c fyne.Canvas, text string) (mark, label float32) {
	t.Helper()
	for _, o := range test.LaidOutObjects(c.Content()) {
		item, ok := o.(*choiceItem)
		if !ok {
			continue
		}
		if l, ok := item.label.(interface{ Text() string }); !ok || l.Text() != text {
			continue
		}
		for _, p := range test.LaidOutObjects(item) {
			box, ok := p.(*fyne.Container)
			if !ok || len(box.Objects) != 1 {
				continue
			}
			if _, ok := box.Objects[0].(*canvas.Image); ok {
				return box.Position().X, item.label.Position().X
			}
		}
	}
	t.Fatalf("no option %q on the window", text)
	return 0, 0
}

func TestRadioGroupMirrorsInArabic(t *testing.T) {
	newTestApp(t)
	for _, rtl := range []bool{false, true} {
		uiRTL.Store(rtl)
		var got []string
		r := newRadioGroup([]string{"تغيير جوهري", "تصحيح", "أخرى"}, func(s string) { got = append(got, s) })
		w := test.NewTempWindow(t, container.NewVBox(r))
		w.Resize(fyne.NewSize(500, 200))
		mark, label := markAndLabel(t, w.Canvas(), "تصحيح")
		if mark == label || rtl != (mark > label) {
			t.Errorf("rtl=%v: the mark is at x=%v and the label at x=%v", rtl, mark, label)
		}
		// a tap on the label chooses, and gives the group the focus
		for _, o := range test.LaidOutObjects(r) {
			if item, ok := o.(*choiceItem); ok && item.label.(*uiText).Text() == "تصحيح" {
				test.Tap(item)
				break
			}
		}
		if r.Selected != "تصحيح" || len(got) != 1 || w.Canvas().Focused() != r {
			t.Fatalf("rtl=%v: after a tap selected %q, changes %q, focused %v", rtl, r.Selected, got, w.Canvas().Focused())
		}
		// Left is the next option in Arabic (the options run right to left), the previous in English
		r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
		if want := map[bool]string{false: "تغيير جوهري", true: "أخرى"}[rtl]; r.Selected != want {
			t.Errorf("rtl=%v: after Left selected %q, want %q", rtl, r.Selected, want)
		}
		r.SetSelected("تغيير جوهري")
		r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		if r.Selected != "تصحيح" {
			t.Errorf("rtl=%v: Down from the first option selected %q, want the second", rtl, r.Selected)
		}
		r.Disable()
		r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
		if r.Selected != "تصحيح" {
			t.Errorf("rtl=%v: a disabled group changed to %q", rtl, r.Selected)
		}
	}
	uiRTL.Store(false)
}

func TestCheckBox(t *testing.T) {
	newTestApp(t)
	uiRTL.Store(true)
	defer uiRTL.Store(false)
	var got []bool
	c := newCheckBox("الاحتفاظ بالإصدارات السابقة", func(on bool) { got = append(got, on) })
	w := test.NewTempWindow(t, container.NewVBox(c))
	w.Resize(fyne.NewSize(500, 200))
	if mark, label := markAndLabel(t, w.Canvas(), "الاحتفاظ بالإصدارات السابقة"); mark < label {
		t.Errorf("the check mark is at x=%v, left of its label at x=%v, in an Arabic window", mark, label)
	}
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	c.SetChecked(true) // no change: no call
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if len(got) != 2 || !got[0] || got[1] || c.Checked {
		t.Fatalf("Space, Space: changes %v, checked %v; want [true false], false", got, c.Checked)
	}
	c.Disable()
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if c.Checked {
		t.Error("a disabled box was checked")
	}
}
