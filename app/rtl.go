//go:build !nogui

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// Fyne lays every container out left to right. These helpers mirror the
// screens of this package when the UI language is Arabic: rows read from
// the right, text starts at the right edge, and a dialog's buttons run
// right to left (the main action on the left, where an Arabic reader's
// eye ends).

// leading is the alignment of the start of a line in the UI language.
func leading() fyne.TextAlign {
	if uiRTL.Load() {
		return fyne.TextAlignTrailing
	}
	return fyne.TextAlignLeading
}

// row lays objs out horizontally in reading order.
func row(objs ...fyne.CanvasObject) *fyne.Container {
	return container.NewHBox(inReadingOrder(objs)...)
}

// inReadingOrder returns objs reversed under a right-to-left UI.
func inReadingOrder(objs []fyne.CanvasObject) []fyne.CanvasObject {
	if !uiRTL.Load() {
		return objs
	}
	out := make([]fyne.CanvasObject, len(objs))
	for i, o := range objs {
		out[len(objs)-1-i] = o
	}
	return out
}

// startRow is row pushed to the start edge of its line (the right in Arabic).
func startRow(objs ...fyne.CanvasObject) *fyne.Container {
	return row(append(objs, layout.NewSpacer())...)
}

// beside puts side at the start edge of content (the right in Arabic).
func beside(side, content fyne.CanvasObject) *fyne.Container {
	if uiRTL.Load() {
		return container.NewBorder(nil, nil, nil, side, content)
	}
	return container.NewBorder(nil, nil, side, content)
}

// textLabel is a wrapping label for a UI sentence (pure UI language, so
// Fyne's label shapes it correctly), aligned to the start of the line.
func textLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Alignment = leading()
	l.Wrapping = fyne.TextWrapWord
	return l
}

// heading is a bold start-aligned label.
func heading(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, leading(), fyne.TextStyle{Bold: true})
	return l
}

// buttonBar lays a dialog's buttons out: dismiss first and the main
// action last in reading order, at the end edge of the line (bottom right
// in English, bottom left in Arabic).
func buttonBar(buttons ...fyne.CanvasObject) *fyne.Container {
	return row(append([]fyne.CanvasObject{layout.NewSpacer()}, buttons...)...)
}

// newDialog is a dialog whose buttons follow the UI direction (Fyne's own
// dialogs always put them left to right). The content gets the buttons
// below it; closing the dialog is up to the buttons' callbacks.
func newDialog(title string, content fyne.CanvasObject, win fyne.Window, buttons ...fyne.CanvasObject) *dialog.CustomDialog {
	body := container.NewBorder(nil, buttonBar(buttons...), nil, nil, content)
	return dialog.NewCustomWithoutButtons(title, body, win)
}
