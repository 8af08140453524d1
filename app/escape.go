//go:build !nogui

package app

import (
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Escape closes what is on top, as it does in every desktop application:
// the topmost dialog made by newDialog by pressing its first button (Cancel
// or Close, so what that button does on closing is done, and nothing
// happens while it is disabled, as while publishing), else a Fyne pop-up (a
// menu, a file chooser, an information or confirmation box, as if it were
// cancelled), else the find bar. Fyne
// dialogs do not listen for Escape themselves; the canvas gets it when no
// widget has the focus, and textedit passes it on when it has.

// dialogBody is the content of a dialog made by newDialog: it remembers
// the dialog, so Escape can find the dialog from the pop-up on the canvas.
type dialogBody struct {
	widget.BaseWidget
	content fyne.CanvasObject
	dlg     dialog.Dialog
	dismiss *widget.Button // the first button, which Escape presses; nil: Escape hides dlg
}

func newDialogBody(content fyne.CanvasObject) *dialogBody {
	b := &dialogBody{content: content}
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer is part of fyne.Widget.
func (b *dialogBody) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(b.content)
}

// installEscape makes Escape close the top of c (see above); fallback runs
// when nothing is open.
func installEscape(c fyne.Canvas, fallback func()) {
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name != fyne.KeyEscape {
			return
		}
		if !closeTop(c) && fallback != nil {
			fallback()
		}
	})
}

// closeTop hides the topmost overlay of c and reports whether there was one.
func closeTop(c fyne.Canvas) bool {
	top := c.Overlays().Top()
	if top == nil {
		return false
	}
	p := popUpOf(top)
	if p == nil {
		c.Overlays().Remove(top)
		return true
	}
	if b := findDialogBody(p.Content, 8); b != nil && b.dlg != nil {
		switch {
		case b.dismiss == nil:
			b.dlg.Hide()
		case !b.dismiss.Disabled() && b.dismiss.OnTapped != nil:
			b.dismiss.OnTapped()
		}
		return true
	}
	p.Hide()
	return true
}

// popUpOf is the pop-up an overlay shows. Fyne puts a pop-up (and so every
// dialog) on the canvas inside an internal OverlayContainer whose exported
// Content field is the pop-up; the type cannot be named outside Fyne, so
// the field is read by reflection. TestEscapeClosesFyneDialogsTopFirst
// fails if a Fyne release changes this.
func popUpOf(o fyne.CanvasObject) *widget.PopUp {
	if p, ok := o.(*widget.PopUp); ok {
		return p
	}
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("Content")
	if !f.IsValid() || !f.CanInterface() {
		return nil
	}
	p, _ := f.Interface().(*widget.PopUp)
	return p
}

// findDialogBody looks for a dialogBody in o's containers, depth levels down.
func findDialogBody(o fyne.CanvasObject, depth int) *dialogBody {
	if depth < 0 || o == nil {
		return nil
	}
	switch o := o.(type) {
	case *dialogBody:
		return o
	case *fyne.Container:
		for _, child := range o.Objects {
			if b := findDialogBody(child, depth-1); b != nil {
				return b
			}
		}
	}
	return nil
}
