//go:build !nogui

package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/richview"
)

// Fyne's main menu (Window.SetMainMenu) is drawn by its driver left to
// right whatever the language: in Arabic «ملف» sat at the far left and the
// items were left-aligned with their shortcuts on the right. menuBar is
// our own bar at the top of the window, laid out in the UI direction: the
// titles start at the right edge in Arabic, each menu opens under its
// title aligned to the title's start edge, and its rows have the label on
// the start side and the shortcut on the end side. F10 opens the first
// menu; in an open menu Up and Down move, Enter and Space run the item,
// Escape closes, and Left and Right go to the menu on that side.

// menuDef is one menu of menuLayout: its title and entries (nil entries
// are separators).
type menuDef = struct {
	label   string
	entries []*menuEntry
}

// menuBarKey opens the first menu.
var menuBarKey = key(fyne.KeyF10)

// menuBar is the strip of menu titles; at most one menu is open.
type menuBar struct {
	widget.BaseWidget
	win    fyne.Window
	menus  []menuDef
	titles []*menuTitle
	strip  *fyne.Container
	open   int // the open menu, -1 for none (valid only while pop is shown)
	pop    *widget.PopUp
	panel  *menuPanel
	// refocus had the keyboard when a title was pressed: the click takes
	// the focus from it, and closing the menu gives it back.
	refocus fyne.Focusable
}

func newMenuBar(win fyne.Window, menus []menuDef) *menuBar {
	b := &menuBar{win: win, open: -1, strip: container.NewStack()}
	b.ExtendBaseWidget(b)
	b.setMenus(menus)
	return b
}

// setMenus shows menus instead of the bar's current ones.
func (b *menuBar) setMenus(menus []menuDef) {
	b.close()
	b.menus = menus
	b.titles = nil
	objs := make([]fyne.CanvasObject, len(menus))
	for i, m := range menus {
		t := newMenuTitle(b, i, m.label)
		b.titles = append(b.titles, t)
		objs[i] = t
	}
	b.strip.Objects = []fyne.CanvasObject{startRow(objs...)}
	b.strip.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (b *menuBar) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	box := container.NewBorder(nil, widget.NewSeparator(), nil, nil, container.NewStack(bg, b.strip))
	return &menuBarRenderer{WidgetRenderer: widget.NewSimpleRenderer(box), bar: b, bg: bg}
}

type menuBarRenderer struct {
	fyne.WidgetRenderer
	bar *menuBar
	bg  *canvas.Rectangle
}

func (r *menuBarRenderer) Refresh() {
	r.bg.FillColor = themeColor(r.bar.Theme(), theme.ColorNameMenuBackground)
	r.bg.Refresh()
	r.WidgetRenderer.Refresh()
}

// themeColor is the colour n of th in the current variant.
func themeColor(th fyne.Theme, n fyne.ThemeColorName) color.Color {
	return th.Color(n, fyne.CurrentApp().Settings().ThemeVariant())
}

// isOpen reports whether a menu is shown (Escape's closeTop or a tap
// outside may have hidden it).
func (b *menuBar) isOpen() bool { return b.pop != nil && b.pop.Visible() }

// toggle opens menu i, or closes it when it is the one open.
func (b *menuBar) toggle(i int) {
	if b.isOpen() && b.open == i {
		b.close()
		return
	}
	b.openMenu(i)
}

// openMenu shows menu i under its title, aligned to the title's start
// edge, with the keyboard in it.
func (b *menuBar) openMenu(i int) {
	b.close()
	if i < 0 || i >= len(b.menus) {
		return
	}
	c := b.win.Canvas()
	b.open = i
	b.panel = newMenuPanel(b, b.menus[i].entries)
	b.pop = widget.NewPopUp(b.panel, c)
	size := b.pop.MinSize()
	t := b.titles[i]
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(t)
	pos.Y += t.Size().Height
	if uiRTL.Load() {
		pos.X += t.Size().Width - size.Width
	}
	if w := c.Size().Width; pos.X+size.Width > w {
		pos.X = w - size.Width
	}
	if pos.X < 0 {
		pos.X = 0
	}
	b.pop.Resize(size)
	b.pop.ShowAtPosition(pos)
	c.Focus(b.panel)
}

// close hides the open menu, if any, and gives the keyboard back to the
// widget that had it before a title was clicked.
func (b *menuBar) close() {
	if b.pop != nil {
		b.pop.Hide()
	}
	b.pop, b.panel, b.open = nil, nil, -1
	if f := b.refocus; f != nil {
		b.refocus = nil
		if c := b.win.Canvas(); c.Focused() == nil {
			c.Focus(f)
		}
	}
}

// notePress remembers which widget has the keyboard as a title is
// pressed (Fyne's driver takes the focus away from it before the tap).
func (b *menuBar) notePress() {
	if !b.isOpen() {
		b.refocus = b.win.Canvas().Focused()
	}
}

// step opens the menu dir places further in reading order (wrapping).
func (b *menuBar) step(dir int) {
	n := len(b.menus)
	if n == 0 {
		return
	}
	b.openMenu(((b.open+dir)%n + n) % n)
}

// run closes the menu and runs e's action.
func (b *menuBar) run(e *menuEntry) {
	b.close()
	if e.action != nil {
		e.action()
	}
}

// onMenuKey is F10 reaching the window: it opens the first menu, or
// closes the one open.
func (b *menuBar) onMenuKey() {
	if b.isOpen() {
		b.close()
		return
	}
	b.openMenu(0)
}

// menuTitle is a menu's name on the bar: a flat tappable that highlights
// under the mouse.
type menuTitle struct {
	widget.BaseWidget
	bar     *menuBar
	index   int
	label   *richview.Label
	bg      *canvas.Rectangle
	hovered bool
}

func newMenuTitle(b *menuBar, i int, label string) *menuTitle {
	t := &menuTitle{bar: b, index: i, label: richview.NewLabel(label), bg: canvas.NewRectangle(color.Transparent)}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer is part of fyne.Widget.
func (t *menuTitle) CreateRenderer() fyne.WidgetRenderer {
	pad := t.Theme().Size(theme.SizeNamePadding)
	return widget.NewSimpleRenderer(container.NewStack(t.bg,
		container.New(layout.NewCustomPaddedLayout(0, 0, pad, pad), t.label)))
}

// Refresh shows the hover state.
func (t *menuTitle) Refresh() {
	t.bg.FillColor = color.Transparent
	if t.hovered {
		t.bg.FillColor = themeColor(t.Theme(), theme.ColorNameHover)
	}
	t.bg.Refresh()
	t.BaseWidget.Refresh()
}

// Tapped opens the menu (or closes it when open).
func (t *menuTitle) Tapped(*fyne.PointEvent) { t.bar.toggle(t.index) }

// MouseDown is part of desktop.Mouseable: it comes before the driver
// moves the focus.
func (t *menuTitle) MouseDown(*desktop.MouseEvent) { t.bar.notePress() }

// MouseUp is part of desktop.Mouseable.
func (t *menuTitle) MouseUp(*desktop.MouseEvent) {}

// MouseIn is part of desktop.Hoverable.
func (t *menuTitle) MouseIn(*desktop.MouseEvent) { t.hovered = true; t.Refresh() }

// MouseMoved is part of desktop.Hoverable.
func (t *menuTitle) MouseMoved(*desktop.MouseEvent) {}

// MouseOut is part of desktop.Hoverable.
func (t *menuTitle) MouseOut() { t.hovered = false; t.Refresh() }

// shortcutText is how a menu row shows its shortcut: «Ctrl+Shift+P»,
// «F7» (keyboards print the modifiers in Latin letters in Arabic too).
func shortcutText(s fyne.Shortcut) string {
	ks, ok := s.(fyne.KeyboardShortcut)
	if !ok {
		return ""
	}
	var parts []string
	mod := ks.Mod()
	for _, m := range []struct {
		bit  fyne.KeyModifier
		name string
	}{{fyne.KeyModifierControl, "Ctrl"}, {fyne.KeyModifierShift, "Shift"}, {fyne.KeyModifierAlt, "Alt"}, {fyne.KeyModifierSuper, "Super"}} {
		if mod&m.bit != 0 {
			parts = append(parts, m.name)
		}
	}
	return strings.Join(append(parts, keyText(ks.Key())), "+")
}

func keyText(k fyne.KeyName) string {
	switch k {
	case fyne.KeyReturn:
		return "Enter"
	case fyne.KeyPageUp:
		return "PageUp"
	case fyne.KeyPageDown:
		return "PageDown"
	case fyne.KeyBackspace:
		return "Backspace"
	}
	return string(k)
}
