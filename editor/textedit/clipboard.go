package textedit

import "fyne.io/fyne/v2"

// This file is cut, copy and paste. Text goes to the clipboard in logical
// order, as it is stored; pasted CRLF and CR become LF (spaces in a
// single-line editor), and nothing else of the pasted text is dropped.

// clipboard returns cb, or the app's clipboard when cb is nil (the context
// menu).
func clipboard(cb fyne.Clipboard) fyne.Clipboard {
	if cb != nil {
		return cb
	}
	if app := fyne.CurrentApp(); app != nil {
		return app.Clipboard()
	}
	return nil
}

func (e *Editor) copy(cb fyne.Clipboard) {
	cb = clipboard(cb)
	if cb == nil || !e.m.hasSelection() {
		return
	}
	cb.SetContent(e.SelectedText())
}

// cut copies the selection and deletes it as an undo step of its own; a
// read-only editor only copies.
func (e *Editor) cut(cb fyne.Clipboard) {
	e.copy(cb)
	if clipboard(cb) != nil {
		e.m.deleteSelection()
	}
}

// paste replaces the selection with the clipboard's text, one undo step.
func (e *Editor) paste(cb fyne.Clipboard) {
	cb = clipboard(cb)
	if cb == nil {
		return
	}
	text := normalizePaste(cb.Content(), e.m.multi)
	if len(text) == 0 {
		return
	}
	e.m.insert(text, kindOther)
}
