package textedit

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// This file maps the mouse to the model: click, drag, Shift+click,
// double and triple click, the text cursor and the context menu.

var (
	_ desktop.Mouseable      = (*Editor)(nil)
	_ desktop.Cursorable     = (*Editor)(nil)
	_ fyne.Draggable         = (*Editor)(nil)
	_ fyne.SecondaryTappable = (*Editor)(nil)
	_ fyne.Tappable          = (*Editor)(nil)
)

// multiClickDelay is the longest pause between the clicks of a double or
// triple click, and multiClickSlop how far the pointer may move between
// them.
const (
	multiClickDelay = 400 * time.Millisecond
	multiClickSlop  = 4
)

// clickCounter counts clicks in a row at one place.
type clickCounter struct {
	n    int
	last time.Time
	at   fyne.Position
	now  func() time.Time
}

func (c *clickCounter) click(p fyne.Position) int {
	now := time.Now()
	if c.now != nil {
		now = c.now()
	}
	d := p.Subtract(c.at)
	if c.n > 0 && now.Sub(c.last) <= multiClickDelay && abs32(d.X) <= multiClickSlop && abs32(d.Y) <= multiClickSlop {
		c.n = c.n%3 + 1
	} else {
		c.n = 1
	}
	c.last, c.at = now, p
	return c.n
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// Cursor is the text cursor.
func (e *Editor) Cursor() desktop.Cursor { return desktop.TextCursor }

// toContent converts a point of the widget to content coordinates (the
// text's own, scrolled).
func (e *Editor) toContent(p fyne.Position) (x, y float32) {
	pad := e.Theme().Size(theme.SizeNameInnerPadding)
	x, y = p.X-pad, p.Y-pad
	if e.r != nil && e.r.scroll != nil {
		y += e.r.scroll.Offset.Y
	}
	return x, y
}

// focus takes the keyboard focus: Fyne does not give it to a custom widget
// on a click.
func (e *Editor) focus() {
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(e); c != nil && c.Focused() != e {
			c.Focus(e)
		}
	}
}

// MouseDown places the caret (Shift: extends the selection; a second
// click selects the word, a third the paragraph) and takes the focus.
func (e *Editor) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	e.focus()
	x, y := e.toContent(ev.Position)
	q, aff, up := e.m.hit(x, y)
	n := e.clicks.click(ev.Position)
	switch {
	case ev.Modifier&fyne.KeyModifierShift != 0:
		e.m.moveTo(q, aff, up, true)
	case n == 2:
		e.m.selectWord(q)
	case n == 3:
		e.m.selectParagraph(q)
	default:
		e.m.moveTo(q, aff, up, false)
	}
	e.dragUnit = unitChar
	if ev.Modifier&fyne.KeyModifierShift == 0 && n > 1 {
		e.dragUnit = selUnit(n - 1)
		e.dragFrom, e.dragTo = e.m.selection()
	}
	e.update()
}

// MouseUp is part of desktop.Mouseable.
func (e *Editor) MouseUp(*desktop.MouseEvent) {}

// Tapped focuses the editor (for drivers that tap without MouseDown).
func (e *Editor) Tapped(*fyne.PointEvent) { e.focus() }

// Dragged extends the selection to the pointer, scrolling when it leaves
// the view; after a double-click by whole words, after a triple-click by
// whole paragraphs.
func (e *Editor) Dragged(ev *fyne.DragEvent) {
	x, y := e.toContent(ev.Position)
	q, aff, up := e.m.hit(x, y)
	if e.dragUnit != unitChar {
		e.m.extendByUnit(q, e.dragUnit, e.dragFrom, e.dragTo)
		e.update()
		return
	}
	if q == e.m.caret {
		return
	}
	e.m.moveTo(q, aff, up, true)
	e.update()
}

// inSelection reports whether q is inside the selection (its ends
// included).
func (e *Editor) inSelection(q pos) bool {
	from, to := e.m.selection()
	return from != to && !q.less(from) && !to.less(q)
}

// DragEnd ends a drag; the next one (without a new double-click) goes by
// characters again.
func (e *Editor) DragEnd() { e.dragUnit = unitChar }

// menuKeys are the context menu's strings (translation keys, the same as
// Fyne's own for its Entry menu, so one translation serves both).
var menuKeys = []string{"Cut", "Copy", "Paste", "Select all"}

// TappedSecondary opens the context menu: cut, copy, paste, select all. A
// right-click outside the selection first moves the caret there (so Paste
// goes where the click was).
func (e *Editor) TappedSecondary(ev *fyne.PointEvent) {
	e.focus()
	x, y := e.toContent(ev.Position)
	if q, aff, up := e.m.hit(x, y); !e.inSelection(q) {
		e.m.moveTo(q, aff, up, false)
		e.update()
	}
	app := fyne.CurrentApp()
	c := app.Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	sel, ro := e.m.hasSelection(), e.m.readOnly
	do := func(f func()) func() { return func() { f(); e.update() } }
	cut := fyne.NewMenuItem(lang.L(menuKeys[0]), do(func() { e.cut(nil) }))
	cut.Disabled = !sel || ro
	cp := fyne.NewMenuItem(lang.L(menuKeys[1]), do(func() { e.copy(nil) }))
	cp.Disabled = !sel
	paste := fyne.NewMenuItem(lang.L(menuKeys[2]), do(func() { e.paste(nil) }))
	paste.Disabled = ro
	all := fyne.NewMenuItem(lang.L(menuKeys[3]), do(e.m.selectAll))
	menu := fyne.NewMenu("", cut, cp, paste, fyne.NewMenuItemSeparator(), all)
	widget.ShowPopUpMenuAtPosition(menu, c, ev.AbsolutePosition)
}
