//go:build !nogui

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/richview"
)

// Fyne's radio groups and check boxes always put the mark on the left and
// lay their label out left to right. In an Arabic window the mark belongs
// on the right, before the label in reading order, and a label that mixes
// scripts must go through the bidi engine. radioGroup and checkBox are the
// same controls laid out in the UI direction, with uiText labels. Both are
// focusable: Space (and for a radio group the arrow keys) choose.

// radioGroup is a set of options of which one is chosen.
type radioGroup struct {
	widget.DisableableWidget
	Options    []string
	Selected   string
	Horizontal bool
	OnChanged  func(string)

	focused bool
}

func newRadioGroup(options []string, changed func(string)) *radioGroup {
	r := &radioGroup{Options: options, OnChanged: changed}
	r.ExtendBaseWidget(r)
	return r
}

// SetSelected chooses option (an option that is not in Options chooses
// none) and calls OnChanged when the choice changed.
func (r *radioGroup) SetSelected(option string) {
	if option == r.Selected {
		return
	}
	r.Selected = option
	r.Refresh()
	if r.OnChanged != nil {
		r.OnChanged(option)
	}
}

func (r *radioGroup) choose(i int) {
	if r.Disabled() || i < 0 || i >= len(r.Options) {
		return
	}
	r.SetSelected(r.Options[i])
}

func (r *radioGroup) selectedIndex() int {
	for i, o := range r.Options {
		if o == r.Selected {
			return i
		}
	}
	return -1
}

// FocusGained is part of fyne.Focusable.
func (r *radioGroup) FocusGained() { r.focused = true; r.Refresh() }

// FocusLost is part of fyne.Focusable.
func (r *radioGroup) FocusLost() { r.focused = false; r.Refresh() }

// TypedRune is part of fyne.Focusable.
func (r *radioGroup) TypedRune(rune) {}

// TypedKey moves the choice with the arrow keys: Down and Up in reading
// order, Left and Right visually (so Left is the next option in Arabic).
func (r *radioGroup) TypedKey(ev *fyne.KeyEvent) {
	i := r.selectedIndex()
	next := 1
	switch ev.Name {
	case fyne.KeyDown:
	case fyne.KeyUp:
		next = -1
	case fyne.KeyRight, fyne.KeyLeft:
		if (ev.Name == fyne.KeyLeft) != uiRTL.Load() {
			next = -1
		}
	case fyne.KeySpace:
		if i < 0 {
			r.choose(0)
		}
		return
	default:
		return
	}
	if i < 0 {
		r.choose(0)
		return
	}
	r.choose((i + next + len(r.Options)) % len(r.Options))
}

// CreateRenderer is part of fyne.Widget.
func (r *radioGroup) CreateRenderer() fyne.WidgetRenderer {
	box := container.NewVBox()
	rr := &choiceRenderer{box: box, refresh: func() { r.build(box) }}
	r.build(box)
	return rr
}

// build lays the options out again (they are few; a refresh rebuilds them).
func (r *radioGroup) build(box *fyne.Container) {
	items := make([]fyne.CanvasObject, len(r.Options))
	for i, o := range r.Options {
		icon := markIcon(theme.RadioButtonIcon(), theme.RadioButtonCheckedIcon(), o == r.Selected)
		i := i
		var label fyne.CanvasObject = newUIText(o)
		if r.Horizontal {
			label = richview.NewLabel(o) // one line, as wide as its text
		}
		items[i] = newChoiceItem(icon, label, r.Disabled(), r.focused && (o == r.Selected || r.Selected == "" && i == 0), func() {
			r.choose(i)
			focusIfFocusable(r)
		})
	}
	if r.Horizontal {
		box.Layout = layout.NewHBoxLayout()
		if uiRTL.Load() {
			for a, b := 0, len(items)-1; a < b; a, b = a+1, b-1 {
				items[a], items[b] = items[b], items[a]
			}
			items = append([]fyne.CanvasObject{layout.NewSpacer()}, items...)
		}
	} else {
		box.Layout = layout.NewVBoxLayout()
	}
	box.Objects = items
	box.Refresh()
}

// checkBox is a choice that is on or off.
type checkBox struct {
	widget.DisableableWidget
	Text      string
	Checked   bool
	OnChanged func(bool)

	focused bool
}

func newCheckBox(text string, changed func(bool)) *checkBox {
	c := &checkBox{Text: text, OnChanged: changed}
	c.ExtendBaseWidget(c)
	return c
}

// SetChecked sets the box and calls OnChanged when it changed.
func (c *checkBox) SetChecked(on bool) {
	if on == c.Checked {
		return
	}
	c.Checked = on
	c.Refresh()
	if c.OnChanged != nil {
		c.OnChanged(on)
	}
}

func (c *checkBox) toggle() {
	if !c.Disabled() {
		c.SetChecked(!c.Checked)
	}
}

// FocusGained is part of fyne.Focusable.
func (c *checkBox) FocusGained() { c.focused = true; c.Refresh() }

// FocusLost is part of fyne.Focusable.
func (c *checkBox) FocusLost() { c.focused = false; c.Refresh() }

// TypedRune is part of fyne.Focusable.
func (c *checkBox) TypedRune(rune) {}

// TypedKey toggles the box with Space.
func (c *checkBox) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeySpace {
		c.toggle()
	}
}

// CreateRenderer is part of fyne.Widget.
func (c *checkBox) CreateRenderer() fyne.WidgetRenderer {
	box := container.NewVBox()
	build := func() {
		icon := markIcon(theme.CheckButtonIcon(), theme.CheckButtonCheckedIcon(), c.Checked)
		box.Objects = []fyne.CanvasObject{newChoiceItem(icon, newUIText(c.Text), c.Disabled(), c.focused, func() {
			c.toggle()
			focusIfFocusable(c)
		})}
		box.Refresh()
	}
	build()
	return &choiceRenderer{box: box, refresh: build}
}

// choiceRenderer draws a radioGroup or checkBox: a box it rebuilds.
type choiceRenderer struct {
	box     *fyne.Container
	refresh func()
}

func (r *choiceRenderer) Layout(s fyne.Size)           { r.box.Resize(s) }
func (r *choiceRenderer) MinSize() fyne.Size           { return r.box.MinSize() }
func (r *choiceRenderer) Refresh()                     { r.refresh() }
func (r *choiceRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.box} }
func (r *choiceRenderer) Destroy()                     {}

// choiceItem is one mark and its label, the mark at the start of the line
// (on the right in Arabic); tapping either chooses.
type choiceItem struct {
	widget.BaseWidget
	icon     fyne.Resource
	label    fyne.CanvasObject
	disabled bool
	focused  bool
	tapped   func()
}

func newChoiceItem(icon fyne.Resource, label fyne.CanvasObject, disabled, focused bool, tapped func()) *choiceItem {
	i := &choiceItem{icon: icon, label: label, disabled: disabled, focused: focused, tapped: tapped}
	i.ExtendBaseWidget(i)
	return i
}

// Tapped is part of fyne.Tappable.
func (i *choiceItem) Tapped(*fyne.PointEvent) { i.tapped() }

// CreateRenderer is part of fyne.Widget.
func (i *choiceItem) CreateRenderer() fyne.WidgetRenderer {
	res := i.icon
	if i.disabled {
		res = theme.NewDisabledResource(i.icon)
	}
	mark := canvas.NewImageFromResource(res)
	mark.FillMode = canvas.ImageFillContain
	mark.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize()))
	focus := canvas.NewRectangle(theme.Color(theme.ColorNameFocus))
	focus.CornerRadius = theme.InputRadiusSize()
	if !i.focused {
		focus.Hide()
	}
	line := beside(container.NewCenter(mark), i.label)
	return widget.NewSimpleRenderer(container.NewStack(focus, line))
}

// markIcon is the mark of an unchosen option, or of a chosen one in the
// theme's primary colour, as Fyne draws its own.
func markIcon(off, on fyne.Resource, chosen bool) fyne.Resource {
	if chosen {
		return theme.NewPrimaryThemedResource(on)
	}
	return theme.NewThemedResource(off)
}

// focusIfFocusable gives o the keyboard focus after a click, as Fyne's own
// controls do.
func focusIfFocusable(o fyne.Focusable) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(o.(fyne.CanvasObject)); c != nil {
		c.Focus(o)
	}
}
