//go:build !nogui

package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/textedit"
)

var escape = &fyne.KeyEvent{Name: fyne.KeyEscape}

// pressEscape delivers Escape as the GLFW driver does: to the focused
// widget when there is one, else to the canvas.
func pressEscape(c fyne.Canvas) {
	if f := c.Focused(); f != nil {
		f.TypedKey(escape)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(escape)
	}
}

func TestEscapePressesTheDismissButton(t *testing.T) {
	newTestApp(t)
	win := test.NewTempWindow(t, widget.NewLabel("main"))
	win.Resize(fyne.NewSize(800, 600))
	installEscape(win.Canvas(), nil)
	cancelled, saved := 0, 0
	var d *dialog.CustomDialog
	cancel := widget.NewButton("Cancel", func() { cancelled++; d.Hide() })
	save := widget.NewButton("Save", func() { saved++; d.Hide() })
	name := textedit.NewSingleLine()
	d = newDialog("Form", name, win, cancel, save)
	d.Show()

	// Escape typed in a text field of the dialog
	win.Canvas().Focus(name)
	pressEscape(win.Canvas())
	if cancelled != 1 || saved != 0 {
		t.Fatalf("Escape in the form's field: cancel pressed %d times, save %d; want 1, 0", cancelled, saved)
	}
	if n := len(win.Canvas().Overlays().List()); n != 0 {
		t.Fatalf("after Escape %d overlays are open, want 0", n)
	}

	// with nothing focused, and the dismiss button disabled (busy): nothing closes
	d.Show()
	cancel.Disable()
	pressEscape(win.Canvas())
	if cancelled != 1 || len(win.Canvas().Overlays().List()) != 1 {
		t.Fatalf("Escape with Cancel disabled: cancel pressed %d times, %d overlays; want 1, 1", cancelled, len(win.Canvas().Overlays().List()))
	}
	cancel.Enable()
	pressEscape(win.Canvas())
	if cancelled != 2 || len(win.Canvas().Overlays().List()) != 0 {
		t.Fatalf("Escape with nothing focused: cancel pressed %d times, %d overlays; want 2, 0", cancelled, len(win.Canvas().Overlays().List()))
	}
}

func TestEscapeClosesFyneDialogsTopFirst(t *testing.T) {
	newTestApp(t)
	win := test.NewTempWindow(t, widget.NewLabel("main"))
	win.Resize(fyne.NewSize(800, 600))
	installEscape(win.Canvas(), nil)
	closed := 0
	var form *dialog.CustomDialog
	form = newDialog("Form", widget.NewLabel("form"), win, widget.NewButton("Close", func() { closed++; form.Hide() }))
	form.Show()
	dialog.ShowInformation("Error", "the server did not answer", win)
	pressEscape(win.Canvas())
	if closed != 0 || len(win.Canvas().Overlays().List()) != 1 {
		t.Fatalf("first Escape: form closed %d times, %d overlays; want the message closed and the form open", closed, len(win.Canvas().Overlays().List()))
	}
	pressEscape(win.Canvas())
	if closed != 1 || len(win.Canvas().Overlays().List()) != 0 {
		t.Fatalf("second Escape: form closed %d times, %d overlays; want 1, 0", closed, len(win.Canvas().Overlays().List()))
	}
}

func TestEscapeClosesTheFindBar(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	h.w.installNavigation()
	h.w.find.openFind()
	if !h.w.find.box.Visible() {
		t.Fatal("the find bar did not open")
	}
	pressEscape(h.win.Canvas()) // the query field has the focus
	if h.w.find.box.Visible() {
		t.Fatal("Escape in the find field left the find bar open")
	}
}
