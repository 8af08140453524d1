//go:build !nogui

package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/richview"
)

// menuPanel is an open menu's rows inside its pop-up. It takes the
// keyboard while the menu is open (the pop-up's overlay has its own focus,
// so the widget focused in the window gets it back on closing).
type menuPanel struct {
	widget.BaseWidget
	bar  *menuBar
	rows []*menuRow // the items, separators left out
	cur  int        // the highlighted row, -1 for none
	box  *fyne.Container
}

func newMenuPanel(b *menuBar, entries []*menuEntry) *menuPanel {
	p := &menuPanel{bar: b, cur: -1}
	p.ExtendBaseWidget(p)
	var objs []fyne.CanvasObject
	sepPad := theme.Padding()
	for _, e := range entries {
		if e == nil {
			objs = append(objs, container.New(layout.NewCustomPaddedLayout(sepPad, sepPad, 0, 0), widget.NewSeparator()))
			continue
		}
		r := newMenuRow(p, len(p.rows), e)
		p.rows = append(p.rows, r)
		objs = append(objs, r.content)
	}
	p.box = container.New(layout.NewCustomPaddedLayout(sepPad, sepPad, 0, 0),
		container.New(layout.NewCustomPaddedVBoxLayout(0), objs...))
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *menuPanel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.box) }

// FocusGained is part of fyne.Focusable.
func (p *menuPanel) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (p *menuPanel) FocusLost() {}

// TypedRune is part of fyne.Focusable.
func (p *menuPanel) TypedRune(rune) {}

// TypedKey moves in the menu (Home and End to its first and last item), runs the highlighted item, closes the menu
// or goes to the menu beside it (Left and Right go that way on screen: in
// Arabic Left is the next menu).
func (p *menuPanel) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDown:
		p.move(1)
	case fyne.KeyUp:
		p.move(-1)
	case fyne.KeyHome:
		p.cur = -1
		p.move(1)
	case fyne.KeyEnd:
		p.cur = -1
		p.move(-1)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if p.cur >= 0 {
			p.rows[p.cur].activate()
		}
	case fyne.KeyEscape, fyne.KeyF10:
		p.bar.close()
	case fyne.KeyLeft, fyne.KeyRight:
		next := ev.Name == fyne.KeyRight
		if uiRTL.Load() {
			next = !next
		}
		if next {
			p.bar.step(1)
		} else {
			p.bar.step(-1)
		}
	}
}

// move highlights the next enabled row in direction dir (wrapping); from
// no highlight Down goes to the first and Up to the last.
func (p *menuPanel) move(dir int) {
	n := len(p.rows)
	i := p.cur
	if i < 0 && dir < 0 {
		i = n
	}
	for range n {
		i = ((i+dir)%n + n) % n
		if p.rows[i].enabled() {
			p.highlight(i)
			return
		}
	}
}

// highlight marks row i (-1: none).
func (p *menuPanel) highlight(i int) {
	if p.cur == i {
		return
	}
	old := p.cur
	p.cur = i
	if old >= 0 {
		p.rows[old].Refresh()
	}
	if i >= 0 {
		p.rows[i].Refresh()
	}
}

// menuRow is one item of an open menu: its label at the start side and
// its shortcut at the end side, greyed when it has no action.
type menuRow struct {
	widget.BaseWidget
	panel   *menuPanel
	index   int
	entry   *menuEntry
	label   *richview.Label
	keys    *richview.Label
	bg      *canvas.Rectangle
	content fyne.CanvasObject // the row as put in the menu (themed grey when disabled)
}

// menuRowGap is the least room between an item's label and its shortcut.
const menuRowGap = 32

func newMenuRow(p *menuPanel, i int, e *menuEntry) *menuRow {
	r := &menuRow{panel: p, index: i, entry: e, label: richview.NewLabel(e.label),
		keys: richview.NewLabel(shortcutText(e.shortcut)), bg: canvas.NewRectangle(color.Transparent)}
	r.ExtendBaseWidget(r)
	r.content = r
	if !r.enabled() {
		r.content = container.NewThemeOverride(r, disabledTheme{})
	}
	return r
}

func (r *menuRow) enabled() bool { return r.entry.action != nil }

// CreateRenderer is part of fyne.Widget.
func (r *menuRow) CreateRenderer() fyne.WidgetRenderer {
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(menuRowGap, 0))
	pad := r.Theme().Size(theme.SizeNamePadding)
	line := container.New(layout.NewCustomPaddedLayout(0, 0, pad, pad),
		container.New(layout.NewCustomPaddedHBoxLayout(0), inReadingOrder([]fyne.CanvasObject{r.label, layout.NewSpacer(), gap, r.keys})...))
	return widget.NewSimpleRenderer(container.NewStack(r.bg, line))
}

// Refresh shows whether the row is highlighted.
func (r *menuRow) Refresh() {
	r.bg.FillColor = color.Transparent
	if r.panel.cur == r.index {
		r.bg.FillColor = themeColor(r.Theme(), theme.ColorNameHover)
	}
	r.bg.Refresh()
	r.BaseWidget.Refresh()
}

// activate runs the item and closes the menu; a disabled item does nothing.
func (r *menuRow) activate() {
	if r.enabled() {
		r.panel.bar.run(r.entry)
	}
}

// Tapped runs the item. A tap on a disabled one leaves the menu open, with
// the keyboard still in it.
func (r *menuRow) Tapped(*fyne.PointEvent) {
	if !r.enabled() {
		r.panel.bar.win.Canvas().Focus(r.panel)
		return
	}
	r.activate()
}

// MouseIn is part of desktop.Hoverable: the row under the mouse is
// highlighted, as the keyboard's is.
func (r *menuRow) MouseIn(*desktop.MouseEvent) {
	if r.enabled() {
		r.panel.highlight(r.index)
	}
}

// MouseMoved is part of desktop.Hoverable.
func (r *menuRow) MouseMoved(ev *desktop.MouseEvent) { r.MouseIn(ev) }

// MouseOut is part of desktop.Hoverable.
func (r *menuRow) MouseOut() {
	if r.panel.cur == r.index {
		r.panel.highlight(-1)
	}
}

// disabledTheme is the app's theme with text in the disabled colour. It
// asks the app each time, so it follows a change of theme.
type disabledTheme struct{}

func (disabledTheme) base() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (t disabledTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameForeground {
		n = theme.ColorNameDisabled
	}
	return t.base().Color(n, v)
}

func (t disabledTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base().Font(s) }
func (t disabledTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base().Icon(n) }
func (t disabledTheme) Size(n fyne.ThemeSizeName) float32       { return t.base().Size(n) }
