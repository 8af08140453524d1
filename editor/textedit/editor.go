// Package textedit is the right-to-left text editor widget of Policy Editor:
// a Fyne widget for a section's Markdown source (multi-line) or a heading or
// title (one line), laid out, drawn and hit-tested by editor/textlayout so
// that caret and selection sit on the right glyphs in Arabic and mixed text.
//
// # Paragraphs
//
// Every source line is a paragraph with its own direction: that of its
// first strong character after any Markdown list, heading or quote marker
// ("1. نص" is right to left), with URLs and e-mail addresses skipped (the
// rule the view and the published page use, editor/document.TextDir); a
// line without strong characters takes the direction of the line above.
// SetDirection forces one direction for all. Right-to-left lines are
// aligned right. Lines wrap at the widget's width; only a paragraph whose
// text or direction changed is shaped and laid out again.
//
// # The caret at a direction boundary
//
// Where a left-to-right run meets a right-to-left one, one logical offset
// has two places on the screen. The editor follows the Uniscribe (Windows)
// convention: after typing, or moving forward in reading order, the caret
// sits at the trailing edge of the character just typed or passed; after
// moving backward, at the leading edge of the character passed. So typing
// "abc" at the end of an Arabic line keeps the caret right after the "c",
// where the next Latin letter appears, not at the line's left edge. The
// caret carries a small tick at its top pointing the way the run it is
// attached to reads (left for Arabic, right for Latin): the run that text
// typed there joins. Left/Right move visually by default (Firefox,
// Safari, GTK): the caret goes to the next caret stop on the screen
// (textlayout.NextVisual) and is drawn there; SetLogicalArrows switches to
// reading-order movement. A click puts the caret where it was clicked.
//
// # Keys
//
// Ctrl+Left/Right move by word in the arrow's screen direction (visually,
// so also over an English name in an Arabic line); Home/End go
// to the logical start and end of the visual line (in a right-to-left line
// Home's caret is at the right edge); Up/Down keep the caret's x;
// PageUp/PageDown move by the visible height; Ctrl+Home/End to the ends of
// the text; Shift with any of them extends the selection, which stays a
// logical range between anchor and caret. Backspace after a combining mark
// removes that mark alone (harakat peel off one at a time), otherwise the
// grapheme cluster before the caret; Delete removes the whole next cluster;
// Ctrl+Backspace/Delete remove a word. Enter continues a Markdown list
// ("٢. " after "١. ") and a block quote ("> "), and on an empty item or
// quoted line ends it; Tab and Shift+Tab
// indent and outdent list items and elsewhere move the focus. Ctrl+B,
// Ctrl+I and Ctrl+K wrap the selection in bold, italic and link Markdown.
// Undo (Ctrl+Z) and redo (Ctrl+Shift+Z, Ctrl+Y) work in steps: typing
// joins the step before it until a pause of 500 ms or a caret move
// (CodeMirror's and ProseMirror's rule); paste, cut and each formatting
// command are steps of their own.
//
// Fyne's keyboard pitfalls, and what the editor does about them: key
// repeat arrives as TypedKey without KeyDown (Shift is read from the
// driver's current modifiers, or from the Shift key's own KeyDown/KeyUp);
// Ctrl and Alt combinations arrive as shortcuts (Alt-only ones, which is
// how AltGr, reported as Right Alt, can arrive, are ignored so that the
// character it types still comes through TypedRune); a bare Alt press and
// release toggles the window's main menu, which a widget cannot stop (an
// Alt+key combination does not toggle it); a click does not focus a custom
// widget, so the editor calls Canvas.Focus itself.
//
// # Mouse
//
// The caret blinks while the editor has the focus (530 ms shown, 530 ms
// hidden), is shown solid at once on every key or click, and stops
// blinking, shown, 10 s after the last one (GTK's rule) so an idle window
// does not wake the CPU; an unfocused editor runs no timer. CaretBlinks
// and SetCaretBlink turn blinking off (tests, users who ask for it).
//
// A click places the caret, Shift+click and a drag extend the selection; a
// double-click selects a word and a triple-click a paragraph, and a drag
// that goes on from them extends by whole words or whole paragraphs. Fyne has no input
// methods on Linux; Arabic keyboard layouts need none.
//
// # Speed
//
// A keystroke lays out only its paragraph again (shaping reuses
// textlayout's cache of shaped words) and redraws only the visual lines
// whose glyphs changed: each line is its own raster. On the shared 2-core
// machine (go test -bench Keystroke), one keystroke in a 2,000-character
// paragraph costs about what the engine's layout of that paragraph costs
// (textlayout's BenchmarkLayoutParagraph2000, run side by side) plus 10–30%:
// 0.9 ms when the machine was quiet (goal: 2 ms), 3–6 ms under a load
// average of 15. Laying out only part of a paragraph again would need the
// engine's help. In a 20 KB section of 300-character paragraphs a keystroke
// costs 0.2–0.5 ms (goal: 8 ms); opening such a section about 8–28 ms.
//
// # Files
//
// The pure parts — buffer.go (paragraphs), markdown.go (markers, lists,
// direction), undo.go, model.go (caret geometry), edit.go, move.go,
// select.go (selection rectangles) and ink.go (line drawing) — do not
// import Fyne and are tested without a window; editor.go (API), keys.go,
// mouse.go, clipboard.go and render.go are the widget on top.
package textedit

import (
	"fyne.io/fyne/v2"
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

	m           *model
	placeholder string
	focused     bool
	shiftDown   bool // a Shift key is held (from KeyDown/KeyUp)
	clicks      clickCounter
	dragUnit    selUnit // what a drag extends by (set by the click that starts it)
	dragFrom    pos     // the word or paragraph a double or triple click selected
	dragTo      pos
	r           *editorRenderer
	blink       blinkState
}

// NewMultiLine returns an editor for paragraphs of text (Enter splits a
// paragraph; each source line is a paragraph with its own direction).
func NewMultiLine() *Editor {
	e := &Editor{m: newModel(true)}
	e.blink.off = !CaretBlinks
	e.ExtendBaseWidget(e)
	return e
}

// NewSingleLine returns a one-line editor (headings, titles): Enter does not
// insert a line break and pasted line breaks become spaces.
func NewSingleLine() *Editor {
	e := &Editor{m: newModel(false)}
	e.blink.off = !CaretBlinks
	e.ExtendBaseWidget(e)
	return e
}

// SetText replaces the whole text, clears the undo history and puts the
// caret at the start. It does not call OnChanged.
func (e *Editor) SetText(text string) {
	e.m.setText(text)
	e.m.changed = false
	e.update()
}

// Text returns the current text.
func (e *Editor) Text() string { return e.m.buf.String() }

// SetPlaceholder sets the text shown, muted, while the editor is empty.
func (e *Editor) SetPlaceholder(text string) {
	e.placeholder = text
	e.refreshContent()
}

// SetReadOnly stops (or allows again) editing; the caret and selection
// still move and text can still be copied.
func (e *Editor) SetReadOnly(ro bool) { e.m.readOnly = ro; e.refreshContent() }

// ReadOnly reports whether editing is stopped.
func (e *Editor) ReadOnly() bool { return e.m.readOnly }

// SetDirection forces every paragraph's direction (bidi.LTR or bidi.RTL), or
// with bidi.Auto lets each paragraph take the direction of its first strong
// character after any Markdown list or heading marker.
func (e *Editor) SetDirection(d bidi.Direction) {
	e.m.setDirection(d)
	e.refreshContent()
}

// SetLogicalArrows makes Left and Right move in reading order (Left is
// forward in a right-to-left paragraph) instead of visually, the default.
func (e *Editor) SetLogicalArrows(logical bool) { e.m.logical = logical }

// CaretOffset returns the caret's offset.
func (e *Editor) CaretOffset() int { return e.m.buf.offset(e.m.caret) }

// SetCaretOffset moves the caret (clamped to the text and to a grapheme
// boundary), clears the selection and scrolls the caret into view.
func (e *Editor) SetCaretOffset(off int) {
	e.m.setCaretOffset(off)
	e.update()
}

// Selection returns the selected logical range, start <= end; start == end
// when nothing is selected.
func (e *Editor) Selection() (start, end int) {
	from, to := e.m.selection()
	return e.m.buf.offset(from), e.m.buf.offset(to)
}

// Select selects [start, end) (clamped), with the caret at end, and scrolls
// it into view. Used by find.
func (e *Editor) Select(start, end int) {
	e.m.selectRange(start, end)
	e.update()
}

// SelectedText returns the selected text.
func (e *Editor) SelectedText() string {
	from, to := e.m.selection()
	return string(e.m.buf.slice(from, to))
}

// Replace replaces [start, end) with text as one undoable step, leaves the
// caret after the new text and calls OnChanged. Used by replace. It does
// nothing in a read-only editor.
func (e *Editor) Replace(start, end int, text string) {
	n := e.m.buf.Len()
	start = max(0, min(start, n))
	end = max(start, min(end, n))
	e.m.edit(e.m.buf.pos(start), e.m.buf.pos(end), normalizePaste(text, e.m.multi), kindOther)
	e.update()
}

// SetMarks underlines the given ranges (the content checks' findings);
// nil removes every mark. Marks follow edits before and after them; an
// edit inside or across a mark removes it, and SetText removes all.
func (e *Editor) SetMarks(marks []Mark) {
	e.m.setMarks(marks)
	e.refreshContent()
}

// Marks returns the ranges underlined now.
func (e *Editor) Marks() []Mark { return append([]Mark(nil), e.m.marks...) }

// Undo undoes the last edit step, if any.
func (e *Editor) Undo() {
	e.m.undo()
	e.update()
}

// Redo redoes the last undone step, if any.
func (e *Editor) Redo() {
	e.m.redo()
	e.update()
}

// update redraws after a command and calls the callbacks: OnChanged if the
// text changed, OnCaretMoved (after scrolling the caret into view) if the
// caret moved.
func (e *Editor) update() {
	changed, moved := e.m.changed, e.m.moved
	e.m.changed, e.m.moved = false, false
	e.activity()
	e.refreshContent()
	if moved {
		e.scrollToCaret()
	}
	if changed && e.OnChanged != nil {
		e.OnChanged(e.Text())
	}
	if moved && e.OnCaretMoved != nil {
		e.OnCaretMoved(e.CaretOffset())
	}
}

// CreateRenderer is Fyne's widget hook.
func (e *Editor) CreateRenderer() fyne.WidgetRenderer {
	e.ExtendBaseWidget(e)
	e.r = newEditorRenderer(e)
	return e.r
}
