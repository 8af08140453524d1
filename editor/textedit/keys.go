package textedit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// This file maps Fyne's keyboard events to the model's commands.

var (
	_ fyne.Focusable    = (*Editor)(nil)
	_ fyne.Shortcutable = (*Editor)(nil)
	_ fyne.Tabbable     = (*Editor)(nil)
	_ desktop.Keyable   = (*Editor)(nil)
)

// FocusGained shows the caret and starts its blinking.
func (e *Editor) FocusGained() {
	e.focused = true
	e.startBlink()
	e.Refresh()
}

// FocusLost hides the caret, stops its blinking, ends the undo step being typed and calls
// OnFocusLost.
func (e *Editor) FocusLost() {
	e.focused, e.shiftDown = false, false
	e.stopBlink() // no ticker while unfocused
	e.blink.hidden = false
	e.m.hist.close()
	e.Refresh()
	if e.OnFocusLost != nil {
		e.OnFocusLost()
	}
}

// AcceptsTab reports whether Tab reaches the editor: only when the
// selection is in list items, which Tab indents; elsewhere Tab moves the
// focus so the window stays keyboard-navigable.
func (e *Editor) AcceptsTab() bool {
	if !e.m.multi || e.m.readOnly {
		return false
	}
	_, _, ok := e.m.listLines()
	return ok
}

// KeyDown notes the Shift keys (key repeat arrives as TypedKey alone, so
// the state is kept here rather than read from each event).
func (e *Editor) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shiftDown = true
	}
}

// KeyUp notes the Shift keys' release.
func (e *Editor) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shiftDown = false
	}
}

// shift reports whether Shift is held: the desktop driver knows; other
// drivers (the test driver) get it from KeyDown/KeyUp.
func (e *Editor) shift() bool {
	if app := fyne.CurrentApp(); app != nil {
		if d, ok := app.Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
		}
	}
	return e.shiftDown
}

// TypedRune inserts a typed character (Arabic layouts deliver their
// letters and harakat here; there is no input method).
func (e *Editor) TypedRune(r rune) {
	if r < ' ' || r == 0x7f {
		return
	}
	e.m.typeRune(r)
	e.update()
}

// TypedKey handles the editing and movement keys.
func (e *Editor) TypedKey(ev *fyne.KeyEvent) {
	m, shift := e.m, e.shift()
	switch ev.Name {
	case fyne.KeyLeft, fyne.KeyRight:
		m.horizontal(ev.Name == fyne.KeyRight, false, shift)
	case fyne.KeyUp:
		m.vertical(-1, shift)
	case fyne.KeyDown:
		m.vertical(1, shift)
	case fyne.KeyHome:
		m.home(shift)
	case fyne.KeyEnd:
		m.end(shift)
	case fyne.KeyPageUp:
		m.page(false, shift)
	case fyne.KeyPageDown:
		m.page(true, shift)
	case fyne.KeyBackspace:
		m.backspace(false)
	case fyne.KeyDelete:
		m.deleteForward(false)
	case fyne.KeyReturn, fyne.KeyEnter:
		m.enter()
	case fyne.KeyTab:
		m.indent(shift)
	case fyne.KeyEscape, fyne.KeyF1, fyne.KeyF2, fyne.KeyF3, fyne.KeyF4, fyne.KeyF5, fyne.KeyF6,
		fyne.KeyF7, fyne.KeyF8, fyne.KeyF9, fyne.KeyF10, fyne.KeyF11, fyne.KeyF12:
		e.passToCanvas(ev)
		return
	default:
		return
	}
	e.update()
}

// passToCanvas hands a key the editor does not use to the canvas's key
// handler, as if no widget had the focus: Escape then closes the dialog
// the editor is in, and a function key reaches the window's shortcuts
// (Fyne's desktop driver makes shortcuts only of keys with Ctrl, Alt or
// Super held, so F3 or F7 alone would otherwise be lost in the editor).
func (e *Editor) passToCanvas(ev *fyne.KeyEvent) {
	app := fyne.CurrentApp()
	if app == nil {
		return
	}
	if c := app.Driver().CanvasForObject(e); c != nil && c.OnTypedKey() != nil {
		c.OnTypedKey()(ev)
	}
}

// TypedShortcut handles clipboard, undo and the Ctrl combinations. Fyne
// delivers every Ctrl or Alt combination here; Alt-only ones (AltGr
// arrives as Right Alt) are ignored, so the character AltGr types still
// arrives through TypedRune. A shortcut the editor does not use goes on to
// the window (passShortcut).
func (e *Editor) TypedShortcut(s fyne.Shortcut) {
	m := e.m
	switch s := s.(type) {
	case *fyne.ShortcutCopy:
		e.copy(s.Clipboard)
	case *fyne.ShortcutCut:
		e.cut(s.Clipboard)
	case *fyne.ShortcutPaste:
		e.paste(s.Clipboard)
	case *fyne.ShortcutSelectAll:
		m.selectAll()
	case *fyne.ShortcutUndo:
		m.undo()
	case *fyne.ShortcutRedo:
		m.redo()
	case *desktop.CustomShortcut:
		if !e.customShortcut(s) {
			passShortcut(e, s)
			return
		}
	default:
		passShortcut(e, s)
		return
	}
	e.update()
}

// passShortcut hands a shortcut the focused widget o does not use to the
// shortcuts bound on its canvas. Fyne's desktop driver gives a shortcut to
// the focused widget alone when it takes shortcuts (only a Fyne main menu
// comes first), so without this a window's Ctrl+Shift+P never ran while
// an editor had the focus.
func passShortcut(o fyne.CanvasObject, s fyne.Shortcut) {
	if c, ok := canvasOf(o).(fyne.Shortcutable); ok {
		c.TypedShortcut(s)
	}
}

// canvasOf is the canvas showing o, nil if none. Tests replace it: the
// canvas of Fyne's test driver takes no typed shortcuts.
var canvasOf = func(o fyne.CanvasObject) fyne.Canvas {
	if app := fyne.CurrentApp(); app != nil {
		return app.Driver().CanvasForObject(o)
	}
	return nil
}

// customShortcut runs a Ctrl (or Cmd) combination and reports whether it
// knew it.
func (e *Editor) customShortcut(s *desktop.CustomShortcut) bool {
	m := e.m
	if s.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) == 0 {
		return false
	}
	shift := s.Modifier&fyne.KeyModifierShift != 0
	switch s.KeyName {
	case fyne.KeyLeft, fyne.KeyRight:
		m.horizontal(s.KeyName == fyne.KeyRight, true, shift)
	case fyne.KeyHome, fyne.KeyEnd:
		m.docEdge(s.KeyName == fyne.KeyEnd, shift)
	case fyne.KeyBackspace:
		m.backspace(true)
	case fyne.KeyDelete:
		m.deleteForward(true)
	case fyne.KeyZ:
		if !shift {
			m.undo()
			break
		}
		m.redo()
	case fyne.KeyY:
		m.redo()
	case fyne.KeyB:
		m.wrap("**", "**")
	case fyne.KeyI:
		m.wrap("*", "*")
	case fyne.KeyK:
		m.link()
	default:
		return false
	}
	return true
}
