//go:build !nogui

package app

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Fyne's desktop driver turns only keys held with Ctrl, Alt or Super into
// shortcuts: F3, Shift+F3, F5 and F7 alone arrive as typed keys, at the
// canvas when no widget has the focus and passed on to it by textedit
// when an editor has, and their shortcuts never ran. addShortcut binds a
// shortcut on a canvas and remembers those of function keys, which
// installFunctionKeys then runs from the canvas's typed keys.

// fkeyTables holds, per canvas, the actions of its function-key shortcuts
// by shortcut name.
var fkeyTables sync.Map // fyne.Canvas → *fkeyTable

type fkeyTable struct {
	mu      sync.Mutex
	actions map[string]func(fyne.Shortcut)
}

// addShortcut is c.AddShortcut(s, f), remembering f if s is a function key.
func addShortcut(c fyne.Canvas, s fyne.Shortcut, f func(fyne.Shortcut)) {
	c.AddShortcut(s, f)
	if cs, ok := s.(*desktop.CustomShortcut); ok && isFunctionKey(cs.KeyName) {
		v, _ := fkeyTables.LoadOrStore(c, &fkeyTable{actions: map[string]func(fyne.Shortcut){}})
		t := v.(*fkeyTable)
		t.mu.Lock()
		t.actions[s.ShortcutName()] = f
		t.mu.Unlock()
	}
}

// installFunctionKeys runs the function-key shortcuts bound with
// addShortcut when their key reaches c as a typed key (with the modifiers
// held now); every other key goes to the handler set before (Escape's).
func installFunctionKeys(c fyne.Canvas) {
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if !isFunctionKey(ev.Name) {
			if prev != nil {
				prev(ev)
			}
			return
		}
		s := &desktop.CustomShortcut{KeyName: ev.Name, Modifier: heldModifiers()}
		if v, ok := fkeyTables.Load(c); ok {
			t := v.(*fkeyTable)
			t.mu.Lock()
			f := t.actions[s.ShortcutName()]
			t.mu.Unlock()
			if f != nil {
				f(s)
			}
		}
	})
}

func isFunctionKey(k fyne.KeyName) bool {
	switch k {
	case fyne.KeyF1, fyne.KeyF2, fyne.KeyF3, fyne.KeyF4, fyne.KeyF5, fyne.KeyF6,
		fyne.KeyF7, fyne.KeyF8, fyne.KeyF9, fyne.KeyF10, fyne.KeyF11, fyne.KeyF12:
		return true
	}
	return false
}

// heldModifiers are the modifier keys held now (none in a driver that
// does not say).
func heldModifiers() fyne.KeyModifier {
	if a := fyne.CurrentApp(); a != nil {
		if d, ok := a.Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()
		}
	}
	return 0
}
