// Package textedit is the right-to-left text editor widget of Policy Editor:
// a Fyne widget for a section's Markdown source (multi-line) or a heading or
// title (one line), laid out, drawn and hit-tested by editor/textlayout so
// that caret and selection sit on the right glyphs in Arabic and mixed text.
//
// API SKELETON: this file fixes the API the workbench builds on. The
// implementation (issue 8) replaces the bodies; it keeps these names and
// their documented behaviour.
package textedit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/bidi"
)

// Editor edits plain text (a section's Markdown source). Offsets in its API
// are rune offsets into Text(). It scrolls itself: put it straight into a
// layout, not into a container.Scroll. All methods must be called on the UI
// goroutine (or from fyne.Do).
type Editor struct {
	widget.BaseWidget

	// OnChanged is called after every edit the user makes (typing,
	// deleting, paste, cut, undo, redo, Replace), never after SetText.
	OnChanged func(text string)
	// OnCaretMoved is called with the caret's offset whenever it moves.
	OnCaretMoved func(offset int)
	// OnFocusLost is called when the editor loses keyboard focus.
	OnFocusLost func()

	multiLine   bool
	text        []rune
	caret       int
	anchor      int
	readOnly    bool
	placeholder string
	dir         bidi.Direction
}

// NewMultiLine returns an editor for paragraphs of text (Enter splits a
// paragraph; each source line is a paragraph with its own direction).
func NewMultiLine() *Editor {
	e := &Editor{multiLine: true, dir: bidi.Auto}
	e.ExtendBaseWidget(e)
	return e
}

// NewSingleLine returns a one-line editor (headings, titles): Enter does not
// insert a line break and pasted line breaks become spaces.
func NewSingleLine() *Editor {
	e := &Editor{dir: bidi.Auto}
	e.ExtendBaseWidget(e)
	return e
}

// SetText replaces the whole text, clears the undo history and puts the
// caret at the start. It does not call OnChanged.
func (e *Editor) SetText(text string) {
	e.text = []rune(text)
	e.caret, e.anchor = 0, 0
	e.Refresh()
}

// Text returns the current text.
func (e *Editor) Text() string { return string(e.text) }

// SetPlaceholder sets the text shown, muted, while the editor is empty.
func (e *Editor) SetPlaceholder(text string) { e.placeholder = text; e.Refresh() }

// SetReadOnly stops (or allows again) editing; the caret and selection
// still move and text can still be copied.
func (e *Editor) SetReadOnly(ro bool) { e.readOnly = ro; e.Refresh() }

// ReadOnly reports whether editing is stopped.
func (e *Editor) ReadOnly() bool { return e.readOnly }

// SetDirection forces every paragraph's direction (bidi.LTR or bidi.RTL), or
// with bidi.Auto lets each paragraph take the direction of its first strong
// character after any Markdown list or heading marker.
func (e *Editor) SetDirection(d bidi.Direction) { e.dir = d; e.Refresh() }

// CaretOffset returns the caret's offset.
func (e *Editor) CaretOffset() int { return e.caret }

// SetCaretOffset moves the caret (clamped to the text and to a grapheme
// boundary), clears the selection and scrolls the caret into view.
func (e *Editor) SetCaretOffset(off int) {
	off = max(0, min(off, len(e.text)))
	e.caret, e.anchor = off, off
	e.Refresh()
}

// Selection returns the selected logical range, start <= end; start == end
// when nothing is selected.
func (e *Editor) Selection() (start, end int) {
	return min(e.caret, e.anchor), max(e.caret, e.anchor)
}

// Select selects [start, end) (clamped), with the caret at end, and scrolls
// it into view. Used by find.
func (e *Editor) Select(start, end int) {
	e.anchor = max(0, min(start, len(e.text)))
	e.caret = max(0, min(end, len(e.text)))
	e.Refresh()
}

// SelectedText returns the selected text.
func (e *Editor) SelectedText() string {
	s, t := e.Selection()
	return string(e.text[s:t])
}

// Replace replaces [start, end) with text as one undoable step, leaves the
// caret after the new text and calls OnChanged. Used by replace.
func (e *Editor) Replace(start, end int, text string) {
	start = max(0, min(start, len(e.text)))
	end = max(start, min(end, len(e.text)))
	e.text = append(e.text[:start:start], append([]rune(text), e.text[end:]...)...)
	e.caret = start + len([]rune(text))
	e.anchor = e.caret
	e.Refresh()
	if e.OnChanged != nil {
		e.OnChanged(string(e.text))
	}
}

// Undo undoes the last edit step, if any.
func (e *Editor) Undo() {}

// Redo redoes the last undone step, if any.
func (e *Editor) Redo() {}

// CreateRenderer is Fyne's widget hook.
func (e *Editor) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewText(string(e.text), nil))
}
