//go:build !nogui

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/storage"
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
	return container.NewBorder(nil, nil, side, nil, content)
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
// below it; closing the dialog is up to the buttons' callbacks. The first
// button is the one that dismisses it (Cancel, Close): Escape presses it.
func newDialog(title string, content fyne.CanvasObject, win fyne.Window, buttons ...fyne.CanvasObject) *dialog.CustomDialog {
	body := newDialogBody(container.NewBorder(nil, buttonBar(buttons...), nil, nil, content))
	d := dialog.NewCustomWithoutButtons(title, body, win)
	body.dlg = d
	if len(buttons) > 0 {
		body.dismiss, _ = buttons[0].(*widget.Button)
	}
	return d
}

// uiText is a UI sentence, laid out by the bidi engine. Fyne's label draws
// every line left to right: it scrambles an Arabic sentence that mixes in
// names, numbers, dates or paths, and even one in Arabic alone that ends in
// brackets or punctuation («غير معتمدة (والوجهة لا تشترط الاعتماد).» came
// out as «.)والوجهة … (غير معتمدة»). It uses richview with the bidi
// algorithm in the UI's direction, wraps, and can be bold (for a reason
// that blocks an action).
type uiText struct {
	widget.BaseWidget
	view *richview.View
	text string
	bold bool
}

func newUIText(s string) *uiText { return makeUIText(s, false) }

// newBoldUIText is a bold uiText.
func newBoldUIText(s string) *uiText { return makeUIText(s, true) }

func makeUIText(s string, bold bool) *uiText {
	t := &uiText{view: richview.NewView(), bold: bold}
	t.ExtendBaseWidget(t)
	t.SetText(s)
	return t
}

// CreateRenderer is part of fyne.Widget.
func (t *uiText) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.view) }

// SetText shows s.
func (t *uiText) SetText(s string) {
	t.text = s
	dir := storage.LTR
	if uiRTL.Load() {
		dir = storage.RTL
	}
	d := document.Doc{Dir: dir}
	if s != "" {
		b := document.Block{Kind: document.KindParagraph, Dir: dir, Text: []rune(s)}
		if t.bold {
			b.Spans = []document.Span{{Start: 0, End: len(b.Text), Bold: true}}
		}
		d.Blocks = []document.Block{b}
	}
	t.view.SetDoc(d)
	t.Refresh()
}

// Text is the sentence shown.
func (t *uiText) Text() string { return t.text }

// showMessage is an information dialog whose message may mix languages.
func showMessage(win fyne.Window, title, message string) {
	var d *dialog.CustomDialog
	ok := widget.NewButton(lang.X("common.ok", "OK"), func() { d.Hide() })
	ok.Importance = widget.HighImportance
	d = newDialog(title, newUIText(message), win, ok)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}
