//go:build !nogui

package textedit

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

func press(e *Editor, keys ...fyne.KeyName) {
	for _, k := range keys {
		e.TypedKey(&fyne.KeyEvent{Name: k})
	}
}

func ctrl(e *Editor, k fyne.KeyName, extra fyne.KeyModifier) {
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl | extra})
}

func TestTypingArabicEnglishMixed(t *testing.T) {
	e, _ := newTestEditor(t, "", fyne.NewSize(500, 200))
	var changes []string
	var moves []int
	e.OnChanged = func(s string) { changes = append(changes, s) }
	e.OnCaretMoved = func(o int) { moves = append(moves, o) }
	text := "سياسة قلم Qalam policy 2026"
	n := 0
	for _, r := range text {
		test.Type(e, string(r))
		n++
		g := e.m.caretGeom()
		if want := trailingEdge(t, e.m, 0, n-1); !near(g.x, want) {
			t.Errorf("after typing %q (%d): caret x=%v, want the trailing edge %v", string(r), n, g.x, want)
		}
	}
	press(e, fyne.KeyReturn)
	test.Type(e, "English second line")
	want := text + "\nEnglish second line"
	if e.Text() != want {
		t.Fatalf("Text() = %q, want %q", e.Text(), want)
	}
	if len(changes) != len([]rune(want)) || changes[len(changes)-1] != want {
		t.Errorf("OnChanged called %d times, want %d, last with the whole text", len(changes), len([]rune(want)))
	}
	if moves[len(moves)-1] != len([]rune(want)) {
		t.Errorf("OnCaretMoved last = %d", moves[len(moves)-1])
	}
	if !e.m.buf.paras[0].rtl || e.m.buf.paras[1].rtl {
		t.Error("paragraph directions: want RTL then LTR")
	}
}

func TestSetTextDoesNotCallOnChanged(t *testing.T) {
	e, _ := newTestEditor(t, "", fyne.NewSize(300, 100))
	called := false
	e.OnChanged = func(string) { called = true }
	e.SetText("نص")
	if called {
		t.Error("SetText called OnChanged")
	}
	test.Type(e, "x")
	if e.Text() != "xنص" {
		t.Errorf("typing after SetText: %q, want the caret at the start", e.Text())
	}
	e.Undo()
	if e.Text() != "نص" {
		t.Errorf("undo: %q", e.Text())
	}
	e.Undo()
	if e.Text() != "نص" {
		t.Errorf("undo past SetText: %q (SetText clears the history)", e.Text())
	}
}

func TestKeysMoveAndDelete(t *testing.T) {
	e, _ := newTestEditor(t, "بِسْمِ اللَّهِ", fyne.NewSize(400, 100))
	press(e, fyne.KeyEnd, fyne.KeyBackspace)
	if e.Text() != "بِسْمِ اللَّه" {
		t.Errorf("End, Backspace: %q", e.Text())
	}
	press(e, fyne.KeyHome, fyne.KeyDelete)
	if e.Text() != "سْمِ اللَّه" {
		t.Errorf("Home, Delete: %q", e.Text())
	}
	ctrl(e, fyne.KeyDelete, 0)
	if e.Text() != " اللَّه" {
		t.Errorf("Ctrl+Delete: %q", e.Text())
	}
	ctrl(e, fyne.KeyEnd, 0)
	ctrl(e, fyne.KeyBackspace, 0)
	if e.Text() != " " {
		t.Errorf("Ctrl+End, Ctrl+Backspace: %q", e.Text())
	}
}

func TestShiftExtendsSelection(t *testing.T) {
	e, _ := newTestEditor(t, "حماية البيانات", fyne.NewSize(400, 100))
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	press(e, fyne.KeyLeft, fyne.KeyLeft) // key repeat: TypedKey without KeyDown
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if s, end := e.Selection(); s != 0 || end != 2 || e.SelectedText() != "حم" {
		t.Errorf("Shift+Left ×2 in RTL: selection %d..%d %q, want 0..2", s, end, e.SelectedText())
	}
	press(e, fyne.KeyLeft)
	if s, end := e.Selection(); s != end {
		t.Errorf("Left after Shift is released still selects %d..%d", s, end)
	}
	ctrl(e, fyne.KeyLeft, fyne.KeyModifierShift)
	if e.SelectedText() != "اية" {
		t.Errorf("Ctrl+Shift+Left: %q", e.SelectedText())
	}
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	if e.SelectedText() != e.Text() {
		t.Errorf("select all: %q", e.SelectedText())
	}
}

func TestEnterAndTabInLists(t *testing.T) {
	e, _ := newTestEditor(t, "١. أولاً", fyne.NewSize(400, 200))
	press(e, fyne.KeyEnd, fyne.KeyReturn)
	test.Type(e, "ثانياً")
	if e.Text() != "١. أولاً\n٢. ثانياً" {
		t.Fatalf("Enter in a list: %q", e.Text())
	}
	if !e.AcceptsTab() {
		t.Fatal("AcceptsTab in a list item = false")
	}
	press(e, fyne.KeyTab)
	if e.Text() != "١. أولاً\n   ٢. ثانياً" {
		t.Errorf("Tab: %q", e.Text())
	}
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftRight})
	press(e, fyne.KeyTab)
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftRight})
	if e.Text() != "١. أولاً\n٢. ثانياً" {
		t.Errorf("Shift+Tab: %q", e.Text())
	}
	press(e, fyne.KeyReturn, fyne.KeyReturn)
	if e.Text() != "١. أولاً\n٢. ثانياً\n" {
		t.Errorf("Enter twice ends the list: %q", e.Text())
	}
	if e.AcceptsTab() {
		t.Error("AcceptsTab outside a list = true: Tab must move the focus")
	}
}

func TestFormattingShortcuts(t *testing.T) {
	e, _ := newTestEditor(t, "نص مهم", fyne.NewSize(400, 100))
	e.Select(3, 6)
	ctrl(e, fyne.KeyB, 0)
	if e.Text() != "نص **مهم**" {
		t.Errorf("Ctrl+B: %q", e.Text())
	}
	ctrl(e, fyne.KeyI, 0)
	if e.Text() != "نص ***مهم***" {
		t.Errorf("Ctrl+I: %q", e.Text())
	}
	ctrl(e, fyne.KeyZ, 0)
	ctrl(e, fyne.KeyZ, 0)
	if e.Text() != "نص مهم" {
		t.Errorf("Ctrl+Z twice: %q", e.Text())
	}
	ctrl(e, fyne.KeyZ, fyne.KeyModifierShift)
	if e.Text() != "نص **مهم**" {
		t.Errorf("Ctrl+Shift+Z: %q", e.Text())
	}
	e.TypedShortcut(&fyne.ShortcutRedo{})
	if e.Text() != "نص ***مهم***" {
		t.Errorf("Ctrl+Y: %q", e.Text())
	}
	e.Select(3, 12)
	ctrl(e, fyne.KeyK, 0)
	if e.Text() != "نص [***مهم***]()" {
		t.Errorf("Ctrl+K: %q", e.Text())
	}
}

func TestAltShortcutsAreIgnored(t *testing.T) {
	e, _ := newTestEditor(t, "نص", fyne.NewSize(300, 100))
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyB, Modifier: fyne.KeyModifierAlt})
	e.TypedRune('ـ') // what AltGr typed arrives as a rune
	if e.Text() != "ـنص" {
		t.Errorf("Alt shortcut then rune: %q", e.Text())
	}
}

func TestReadOnly(t *testing.T) {
	e, _ := newTestEditor(t, "نص ثابت", fyne.NewSize(300, 100))
	e.SetReadOnly(true)
	test.Type(e, "x")
	press(e, fyne.KeyBackspace, fyne.KeyDelete, fyne.KeyReturn)
	e.Replace(0, 2, "y")
	if e.Text() != "نص ثابت" || !e.ReadOnly() {
		t.Errorf("read-only editor edited: %q", e.Text())
	}
	press(e, fyne.KeyLeft)
	if e.CaretOffset() != 1 {
		t.Errorf("caret in a read-only editor: %d, want 1", e.CaretOffset())
	}
}

func TestSingleLineEditor(t *testing.T) {
	test.NewTempApp(t)
	e := NewSingleLine()
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(300, 60))
	w.Canvas().Focus(e)
	test.Type(e, "عنوان")
	press(e, fyne.KeyReturn)
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: testClipboard("سطر\r\nآخر")})
	if e.Text() != "عنوانسطر آخر" {
		t.Errorf("single line: %q", e.Text())
	}
}

func TestReplaceAndSelectScroll(t *testing.T) {
	var text string
	for range 60 {
		text += "سطر من نص السياسة\n"
	}
	text += "الكلمة المطلوبة"
	e, w := newTestEditor(t, text, fyne.NewSize(300, 150))
	n := len([]rune(text))
	e.Select(n-8, n)
	if e.SelectedText() != "المطلوبة" {
		t.Fatalf("Select: %q", e.SelectedText())
	}
	if e.r.scroll.Offset.Y <= 0 {
		t.Error("Select at the end did not scroll")
	}
	var got string
	e.OnChanged = func(s string) { got = s }
	e.Replace(n-8, n, "الجديدة")
	if want := text[:len(text)-len("المطلوبة")] + "الجديدة"; got != want || e.Text() != want {
		t.Errorf("Replace: OnChanged %q", got[len(got)-40:])
	}
	e.Undo()
	if e.Text() != text {
		t.Error("undo Replace")
	}
	saveShot(t, w, "scrolled.png")
}

// shortcutCanvas is a canvas that records the shortcuts typed on it.
type shortcutCanvas struct {
	fyne.Canvas
	got []string
}

func (c *shortcutCanvas) TypedShortcut(s fyne.Shortcut) { c.got = append(c.got, s.ShortcutName()) }

// TestShortcutPassedToWindow: a shortcut the editor does not use goes on
// to its window (a menu's Ctrl+Shift+P while typing); those it uses do not.
func TestShortcutPassedToWindow(t *testing.T) {
	e, w := newTestEditor(t, "نص", fyne.NewSize(300, 100))
	c := &shortcutCanvas{Canvas: w.Canvas()}
	old := canvasOf
	canvasOf = func(fyne.CanvasObject) fyne.Canvas { return c }
	t.Cleanup(func() { canvasOf = old })
	ctrl(e, fyne.KeyP, fyne.KeyModifierShift)
	ctrl(e, fyne.KeyB, 0)
	ctrl(e, fyne.KeyLeft, 0)
	e.TypedShortcut(&fyne.ShortcutCopy{Clipboard: testClipboard("")})
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	if got := strings.Join(c.got, ","); got != "CustomDesktop:Shift+Control+P" {
		t.Errorf("the window got the shortcuts %q, want Ctrl+Shift+P alone", got)
	}
}
