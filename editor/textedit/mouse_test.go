//go:build !nogui

package textedit

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/assets"
)

// pointOf returns the widget position of the caret stop of offset o in
// paragraph p.
func pointOf(e *Editor, p, o int) fyne.Position {
	pad := e.Theme().Size(theme.SizeNameInnerPadding)
	l := e.m.layout(p)
	c, _ := l.Caret(o)
	return fyne.NewPos(pad+c.X, pad+e.m.buf.paras[p].y+c.Y+c.Height/2)
}

func click(e *Editor, at fyne.Position, mod fyne.KeyModifier) {
	e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary, Modifier: mod})
	e.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary})
}

func TestClickFocusesAndPlacesCaret(t *testing.T) {
	test.NewTempApp(t)
	e := NewMultiLine()
	e.SetText("العدد 123 هنا\nsecond")
	other := widget.NewEntry()
	w := test.NewTempWindow(t, widget.NewForm(widget.NewFormItem("", other), widget.NewFormItem("", e)))
	w.Resize(fyne.NewSize(400, 300))
	w.Canvas().Focus(other)
	click(e, pointOf(e, 0, 3).Add(e.Position()).Subtract(e.Position()), 0)
	if w.Canvas().Focused() != e {
		t.Fatalf("click did not focus the editor: %v", w.Canvas().Focused())
	}
	if e.CaretOffset() != 3 {
		t.Errorf("click at the caret stop of 3: caret %d", e.CaretOffset())
	}
	click(e, pointOf(e, 1, 6), fyne.KeyModifierShift)
	if s, end := e.Selection(); s != 3 || end != 20 {
		t.Errorf("Shift+click: selection %d..%d, want 3..20", s, end)
	}
	if e.Cursor() != desktop.TextCursor {
		t.Error("cursor is not the text cursor")
	}
}

func TestDoubleAndTripleClick(t *testing.T) {
	e, _ := newTestEditor(t, "حماية البيانات الشخصية\nثان", fyne.NewSize(400, 200))
	clk := newTestClock()
	e.clicks.now = clk.now
	p := pointOf(e, 0, 8)
	click(e, p, 0)
	clk.advance(150 * time.Millisecond)
	click(e, p, 0)
	if e.SelectedText() != "البيانات" {
		t.Errorf("double-click: %q", e.SelectedText())
	}
	clk.advance(150 * time.Millisecond)
	click(e, p, 0)
	if e.SelectedText() != "حماية البيانات الشخصية" {
		t.Errorf("triple-click: %q", e.SelectedText())
	}
	clk.advance(time.Second)
	click(e, p, 0)
	if e.SelectedText() != "" {
		t.Errorf("a click after a pause still selects %q", e.SelectedText())
	}
}

func TestDragSelects(t *testing.T) {
	e, _ := newTestEditor(t, "العدد 123 هنا", fyne.NewSize(400, 100))
	from, to := pointOf(e, 0, 0), pointOf(e, 0, 5)
	e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, 0)})
	e.DragEnd()
	if e.SelectedText() != "العدد" {
		t.Errorf("drag: %q", e.SelectedText())
	}
	rects := e.m.selectionRects()
	if len(rects) != 1 || len(e.r.content.r.sel) != 1 {
		t.Errorf("selection drawn as %d rectangles (%d objects), want 1", len(rects), len(e.r.content.r.sel))
	}
}

func TestContextMenu(t *testing.T) {
	e, w := newTestEditor(t, "نص", fyne.NewSize(400, 200))
	e.TappedSecondary(&fyne.PointEvent{Position: fyne.NewPos(10, 10), AbsolutePosition: fyne.NewPos(10, 10)})
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("right-click showed no menu")
	}
	var labels []string
	for _, o := range test.LaidOutObjects(top) {
		if tx, ok := o.(*canvas.Text); ok && tx.Text != "" {
			labels = append(labels, tx.Text)
		}
	}
	if got := strings.Join(labels, ","); got != "Cut,Copy,Paste,Select all" {
		t.Errorf("menu items %q", got)
	}
	test.TapCanvas(w.Canvas(), fyne.NewPos(390, 190)) // close it
}

func TestRightClickKeepsSelectionOrMovesCaret(t *testing.T) {
	e, _ := newTestEditor(t, "حماية البيانات الشخصية", fyne.NewSize(400, 200))
	e.Select(6, 14)
	in := pointOf(e, 0, 10)
	e.TappedSecondary(&fyne.PointEvent{Position: in, AbsolutePosition: in})
	if e.SelectedText() != "البيانات" {
		t.Errorf("right-click inside the selection changed it to %q", e.SelectedText())
	}
	out := pointOf(e, 0, 2)
	e.TappedSecondary(&fyne.PointEvent{Position: out, AbsolutePosition: out})
	if e.SelectedText() != "" || e.CaretOffset() != 2 {
		t.Errorf("right-click outside the selection: caret %d selection %q, want caret 2", e.CaretOffset(), e.SelectedText())
	}
}

// TestMenuStringsTranslated checks that the context menu's strings have
// English and Arabic translations.
func TestMenuStringsTranslated(t *testing.T) {
	for _, file := range []string{"translations/en.json", "translations/ar.json"} {
		b, err := assets.Translations.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, key := range menuKeys {
			if m[key] == "" {
				t.Errorf("%s has no translation of %q", file, key)
			}
		}
	}
}

func drag(e *Editor, to fyne.Position) {
	e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}})
}

func TestDragAfterDoubleClickExtendsByWords(t *testing.T) {
	e, _ := newTestEditor(t, "حماية البيانات الشخصية للمستخدمين\nسطر ثان للتجربة", fyne.NewSize(500, 200))
	clk := newTestClock()
	e.clicks.now = clk.now
	p := pointOf(e, 0, 9) // inside البيانات
	click(e, p, 0)
	clk.advance(100 * time.Millisecond)
	e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
	drag(e, pointOf(e, 0, 17)) // inside الشخصية
	if got := e.SelectedText(); got != "البيانات الشخصية" {
		t.Errorf("drag forward after a double-click: %q, want whole words", got)
	}
	drag(e, pointOf(e, 0, 2)) // inside حماية
	if got := e.SelectedText(); got != "حماية البيانات" {
		t.Errorf("drag back after a double-click: %q, want the first word kept whole", got)
	}
	if e.CaretOffset() != 0 {
		t.Errorf("dragging back: caret %d, want at the start of the word reached", e.CaretOffset())
	}
	drag(e, pointOf(e, 1, 5)) // next paragraph, inside ثان
	if got := e.SelectedText(); got != "البيانات الشخصية للمستخدمين\nسطر ثان" {
		t.Errorf("drag into the next paragraph: %q", got)
	}
	e.DragEnd()
	e.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
	clk.advance(time.Second)
	click(e, pointOf(e, 0, 9), 0)
	drag(e, pointOf(e, 0, 17))
	if got := e.SelectedText(); got != "يانات ال" {
		t.Errorf("a plain drag after the double-click one goes by characters: %q", got)
	}
}

func TestDragAfterTripleClickExtendsByParagraphs(t *testing.T) {
	e, _ := newTestEditor(t, "أولاً: المقدمة\nثانياً: البيانات\nثالثاً: الحقوق", fyne.NewSize(500, 200))
	clk := newTestClock()
	e.clicks.now = clk.now
	p := pointOf(e, 1, 3)
	for range 3 {
		e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
		clk.advance(100 * time.Millisecond)
	}
	drag(e, pointOf(e, 2, 2))
	if got := e.SelectedText(); got != "ثانياً: البيانات\nثالثاً: الحقوق" {
		t.Errorf("drag down after a triple-click: %q", got)
	}
	drag(e, pointOf(e, 0, 4))
	if got := e.SelectedText(); got != "أولاً: المقدمة\nثانياً: البيانات" {
		t.Errorf("drag up after a triple-click: %q", got)
	}
}
