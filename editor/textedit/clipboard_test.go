//go:build !nogui

package textedit

import (
	"testing"

	"fyne.io/fyne/v2"
)

// testClipboard is a fyne.Clipboard holding a string.
type clip struct{ s string }

func (c *clip) Content() string     { return c.s }
func (c *clip) SetContent(s string) { c.s = s }

func testClipboard(s string) fyne.Clipboard { return &clip{s} }

func TestClipboardRoundTrip(t *testing.T) {
	e, _ := newTestEditor(t, "منصة قلم (www.qlmlearn.com)", fyne.NewSize(400, 100))
	cb := testClipboard("")
	e.Select(5, 26)
	e.TypedShortcut(&fyne.ShortcutCopy{Clipboard: cb})
	if cb.Content() != "قلم (www.qlmlearn.com" {
		t.Fatalf("copy: %q (logical order)", cb.Content())
	}
	e.TypedShortcut(&fyne.ShortcutCut{Clipboard: cb})
	if e.Text() != "منصة )" {
		t.Fatalf("cut: %q", e.Text())
	}
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	if e.Text() != "منصة قلم (www.qlmlearn.comقلم (www.qlmlearn.com)" {
		t.Fatalf("paste twice: %q", e.Text())
	}
	e.Undo()
	e.Undo()
	if e.Text() != "منصة )" {
		t.Errorf("each paste is a step: %q", e.Text())
	}
	e.Undo()
	if e.Text() != "منصة قلم (www.qlmlearn.com)" {
		t.Errorf("undo cut: %q", e.Text())
	}
}

func TestPasteCRLF(t *testing.T) {
	e, _ := newTestEditor(t, "", fyne.NewSize(400, 100))
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: testClipboard("أولاً\r\nثانياً\rثالثاً\u200f")})
	if e.Text() != "أولاً\nثانياً\nثالثاً\u200f" {
		t.Errorf("paste: %q", e.Text())
	}
	if len(e.m.buf.paras) != 3 {
		t.Errorf("%d paragraphs, want 3", len(e.m.buf.paras))
	}
}

func TestAppClipboard(t *testing.T) {
	e, _ := newTestEditor(t, "نص", fyne.NewSize(400, 100))
	e.Select(0, 2)
	e.copy(nil)
	if got := fyne.CurrentApp().Clipboard().Content(); got != "نص" {
		t.Errorf("copy to the app clipboard: %q", got)
	}
}
