package richview

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/qalam/policyeditor/editor/document"
)

// textPos is a place in the document: a block and a rune offset in it.
type textPos struct{ block, offset int }

func (a textPos) before(b textPos) bool {
	return a.block < b.block || (a.block == b.block && a.offset < b.offset)
}

// selection is the mouse selection, from anchor (where the press was) to
// caret (where the pointer is).
type selection struct {
	anchor, caret textPos
	active        bool
}

func (s selection) ordered() (start, end textPos) {
	if s.caret.before(s.anchor) {
		return s.caret, s.anchor
	}
	return s.anchor, s.caret
}

func (s selection) empty() bool { return !s.active || s.anchor == s.caret }

var (
	_ fyne.Focusable      = (*View)(nil)
	_ fyne.Draggable      = (*View)(nil)
	_ fyne.Shortcutable   = (*View)(nil)
	_ desktop.Mouseable   = (*View)(nil)
	_ desktop.Cursorable  = (*View)(nil)
	_ fyne.DoubleTappable = (*View)(nil)
)

// DoubleTapped selects the word under the pointer (a run of characters
// between white space).
func (v *View) DoubleTapped(e *fyne.PointEvent) {
	p, ok := v.hit(e.Position)
	if !ok {
		return
	}
	v.mu.Lock()
	text := v.doc.Blocks[p.block].Text
	start, end := p.offset, p.offset
	for start > 0 && !isSpace(text[start-1]) {
		start--
	}
	for end < len(text) && !isSpace(text[end]) {
		end++
	}
	v.sel = selection{anchor: textPos{p.block, start}, caret: textPos{p.block, end}, active: true}
	v.mu.Unlock()
	v.refreshSelection()
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

// MouseDown starts a selection at the pointer and takes the focus (so the
// copy shortcut reaches the view).
func (v *View) MouseDown(e *desktop.MouseEvent) {
	if e.Button != desktop.MouseButtonPrimary {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		c.Focus(v)
	}
	p, ok := v.hit(e.Position)
	v.mu.Lock()
	v.sel = selection{anchor: p, caret: p, active: ok}
	v.mu.Unlock()
	v.refreshSelection()
}

// MouseUp is part of desktop.Mouseable.
func (v *View) MouseUp(*desktop.MouseEvent) {}

// Dragged extends the selection to the pointer.
func (v *View) Dragged(e *fyne.DragEvent) {
	p, ok := v.hit(e.Position)
	if !ok {
		return
	}
	v.mu.Lock()
	if !v.sel.active { // no MouseDown seen: the drag started where the pointer was before this move
		from := e.Position.Subtract(fyne.NewPos(e.Dragged.DX, e.Dragged.DY))
		v.mu.Unlock()
		a, _ := v.hit(from)
		v.mu.Lock()
		v.sel = selection{anchor: a, caret: a, active: true}
	}
	changed := v.sel.caret != p
	v.sel.caret = p
	v.mu.Unlock()
	if changed {
		v.refreshSelection()
	}
}

// DragEnd is part of fyne.Draggable.
func (v *View) DragEnd() {}

// FocusGained is part of fyne.Focusable.
func (v *View) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (v *View) FocusLost() {}

// TypedRune is part of fyne.Focusable; the view is read-only.
func (v *View) TypedRune(rune) {}

// TypedKey is part of fyne.Focusable; the view is read-only.
func (v *View) TypedKey(*fyne.KeyEvent) {}

// TypedShortcut copies the selection (copy shortcut) or selects the whole
// document (select-all shortcut); any other goes on to the shortcuts bound
// on the window's canvas (Fyne's desktop driver gives a shortcut to the
// focused widget alone, so the window's menu shortcuts were lost while
// the view had the focus).
func (v *View) TypedShortcut(s fyne.Shortcut) {
	switch s := s.(type) {
	case *fyne.ShortcutCopy:
		if text := v.SelectedText(); text != "" {
			cb := s.Clipboard
			if cb == nil {
				cb = fyne.CurrentApp().Clipboard()
			}
			cb.SetContent(text)
		}
	case *fyne.ShortcutSelectAll:
		v.SelectAll()
	default:
		if c, ok := canvasOf(v).(fyne.Shortcutable); ok {
			c.TypedShortcut(s)
		}
	}
}

// canvasOf is the canvas showing o. Tests replace it: the canvas of Fyne's
// test driver takes no typed shortcuts.
var canvasOf = func(o fyne.CanvasObject) fyne.Canvas { return fyne.CurrentApp().Driver().CanvasForObject(o) }

// SelectAll selects the whole document.
func (v *View) SelectAll() {
	v.mu.Lock()
	n := len(v.doc.Blocks)
	if n > 0 {
		v.sel = selection{anchor: textPos{0, 0}, caret: textPos{n - 1, len(v.doc.Blocks[n-1].Text)}, active: true}
	}
	v.mu.Unlock()
	v.refreshSelection()
}

// SelectedText is the selected text, blocks separated by new lines, without
// the invisible isolate controls around inline code.
func (v *View) SelectedText() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.sel.empty() {
		return ""
	}
	start, end := v.sel.ordered()
	var parts []string
	for i := start.block; i <= end.block && i < len(v.doc.Blocks); i++ {
		t := v.doc.Blocks[i].Text
		s, e := 0, len(t)
		if i == start.block {
			s = min(start.offset, e)
		}
		if i == end.block {
			e = min(end.offset, e)
		}
		parts = append(parts, stripControls(string(t[s:e])))
	}
	return strings.Join(parts, "\n")
}

func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r == document.LRI || r == document.PDI {
			return -1
		}
		return r
	}, s)
}

// hit maps a point in the view to a text position: the block under the
// point (or the nearest one above or below) and the offset textlayout's
// HitTest gives there.
func (v *View) hit(p fyne.Position) (textPos, bool) {
	l := v.currentLayout(v.Size().Width)
	if l == nil || len(l.boxes) == 0 {
		return textPos{}, false
	}
	i := 0
	for i < len(l.boxes)-1 && p.Y >= l.boxes[i+1].pos.Y {
		i++
	}
	b := &l.boxes[i]
	x := p.X - b.pos.X - b.textPos.X
	y := min(max(p.Y-b.pos.Y-b.textPos.Y, 0), b.text.Height-0.01)
	return textPos{block: b.block, offset: b.text.HitTest(x, y)}, true
}

// selectionRects are the selection rectangles in view coordinates.
// rect is a rectangle in view coordinates.
type rect struct {
	pos  fyne.Position
	size fyne.Size
}

func (v *View) selectionRects(l *docLayout) []rect {
	v.mu.Lock()
	sel := v.sel
	v.mu.Unlock()
	if l == nil || sel.empty() {
		return nil
	}
	start, end := sel.ordered()
	var out []rect
	for i := range l.boxes {
		b := &l.boxes[i]
		if b.block < start.block || b.block > end.block {
			continue
		}
		s, e := 0, b.textLen
		if b.block == start.block {
			s = start.offset
		}
		if b.block == end.block {
			e = end.offset
		}
		for _, r := range b.text.SelectionRects(s, e) {
			out = append(out, rect{
				pos:  fyne.NewPos(b.pos.X+b.textPos.X+r.X, b.pos.Y+b.textPos.Y+r.Y),
				size: fyne.NewSize(r.Width, r.Height),
			})
		}
	}
	return out
}
