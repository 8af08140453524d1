//go:build !nogui

package app

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newMenuTestBar is a window with the menu bar of a installed as the app
// installs it, Escape and the function keys bound as the workbench binds
// them.
func newMenuTestBar(t *testing.T, a menuActions) *menuBar {
	t.Helper()
	newTestApp(t)
	return newMenuTestWindow(t, a)
}

// newMenuTestWindow is newMenuTestBar in the app already running.
func newMenuTestWindow(t *testing.T, a menuActions) *menuBar {
	t.Helper()
	win := test.NewTempWindow(t, widget.NewLabel("content"))
	win.Resize(fyne.NewSize(1000, 600))
	installMenu(win, a)
	installEscape(win.Canvas(), nil)
	installFunctionKeys(win.Canvas())
	b := menuBarOf(win)
	if b == nil {
		t.Fatal("installMenu put no menu bar on the window")
	}
	return b
}

// menuBarRow opens the menu holding the item labelled label and returns
// its row.
func menuBarRow(t *testing.T, b *menuBar, label string) *menuRow {
	t.Helper()
	for i, m := range b.menus {
		for _, e := range m.entries {
			if e != nil && e.label == label {
				b.openMenu(i)
				for _, r := range b.panel.rows {
					if r.entry == e {
						return r
					}
				}
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// typeKey delivers a key as the driver does: to the focused widget, else
// to the canvas.
func typeKey(c fyne.Canvas, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	c.OnTypedKey()(ev)
}

// openLabels are the item labels of the open menu, "" when none is.
func openLabels(b *menuBar) string {
	if !b.isOpen() {
		return ""
	}
	var out []string
	for _, r := range b.panel.rows {
		out = append(out, r.label.Text())
	}
	return strings.Join(out, ",")
}

// relX is o's left edge and width relative to the bar.
func relX(b *menuBar, o fyne.CanvasObject) (x, w float32) {
	d := fyne.CurrentApp().Driver()
	return d.AbsolutePositionForObject(o).X - d.AbsolutePositionForObject(b).X, o.Size().Width
}

func samePlace(a, b float32) bool { return math.Abs(float64(a-b)) < 0.5 }

// TestMenuBarMirrors: the titles run from the left edge in English and
// from the right edge in Arabic, each at the mirror image of its place,
// and a menu opens under its title aligned to the title's start edge.
func TestMenuBarMirrors(t *testing.T) {
	t.Cleanup(func() { uiRTL.Store(false) })
	// The test driver places objects in the last window made only, so
	// each bar is measured before the next is made.
	newTestApp(t)
	places := func(rtl bool) (xs, ws []float32, width float32) {
		uiRTL.Store(rtl) // the same labels, so the places must mirror exactly
		b := newMenuTestWindow(t, menuActions{})
		for _, tt := range b.titles {
			x, w := relX(b, tt)
			xs, ws = append(xs, x), append(ws, w)
		}
		return xs, ws, b.Size().Width
	}
	xl, wl, width := places(false)
	xr, wr, widthR := places(true)
	uiRTL.Store(false)
	if width < 900 || !samePlace(widthR, width) {
		t.Fatalf("bar widths %v and %v, want the window's", width, widthR)
	}
	prevEnd := float32(0)
	for i := range xl {
		if !samePlace(wl[i], wr[i]) || !samePlace(xr[i], width-xl[i]-wl[i]) {
			t.Errorf("title %d: at %v+%v left to right and %v+%v right to left, want the mirror %v", i, xl[i], wl[i], xr[i], wr[i], width-xl[i]-wl[i])
		}
		if xl[i] < prevEnd-0.5 || (i == 0 && xl[i] > 8) {
			t.Errorf("English title %d starts at %v, after %v: want them from the left edge in order", i, xl[i], prevEnd)
		}
		prevEnd = xl[i] + wl[i]
	}

	if err := setUILanguage(langArabic); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { setUILanguage(langEnglish) })
	ar := newMenuTestWindow(t, menuActions{})
	var labels []string
	prevStart := ar.Size().Width
	for i, tt := range ar.titles {
		labels = append(labels, tt.label.Text())
		x, w := relX(ar, tt)
		if x+w > prevStart+0.5 || (i == 0 && x+w < prevStart-8) {
			t.Errorf("Arabic title %d %q ends at %v, before %v: want them from the right edge in order", i, tt.label.Text(), x+w, prevStart)
		}
		prevStart = x
	}
	if got := strings.Join(labels, "،"); got != "ملف،تحرير،الصفحة،المراجعة،النشر،مساعدة" {
		t.Errorf("Arabic menus %s", got)
	}
	opensUnder(t, ar, 0, true)
	opensUnder(t, ar, 3, true)
	// a row: label at the start side, shortcut at the end side
	r := menuBarRow(t, ar, readTranslations(t, langArabic)["menu.publish.publish"])
	lx, _ := relX(ar, r.label)
	kx, _ := relX(ar, r.keys)
	if r.keys.Text() != "Ctrl+Shift+P" || kx >= lx {
		t.Errorf("Arabic row: shortcut %q at %v, label at %v: want the shortcut on the left", r.keys.Text(), kx, lx)
	}
}

// opensUnder taps title i of b and checks that its menu opens under it,
// aligned to its right edge (right) or left edge.
func opensUnder(t *testing.T, b *menuBar, i int, right bool) {
	t.Helper()
	b.titles[i].Tapped(&fyne.PointEvent{})
	if !b.isOpen() {
		t.Fatalf("tapping title %d opened nothing", i)
	}
	d := fyne.CurrentApp().Driver()
	tp, pp := d.AbsolutePositionForObject(b.titles[i]), d.AbsolutePositionForObject(b.panel)
	tw, pw := b.titles[i].Size().Width, b.panel.Size().Width
	if right && !samePlace(pp.X+pw, tp.X+tw) || !right && !samePlace(pp.X, tp.X) {
		t.Errorf("menu %d at x %v+%v under its title at %v+%v: want it aligned to the title's start edge (right %v)", i, pp.X, pw, tp.X, tw, right)
	}
	if pp.Y < tp.Y+b.titles[i].Size().Height-0.5 {
		t.Errorf("menu %d at y %v, over its title (y %v)", i, pp.Y, tp.Y)
	}
	b.close()
}

// TestMenuBarTap: tapping a title opens its menu; a click on a row runs
// its action and closes the menu; a disabled row is grey and does nothing.
func TestMenuBarTap(t *testing.T) {
	ran := ""
	b := newMenuTestBar(t, menuActions{Preview: func() { ran = "preview" }})
	c := b.win.Canvas()
	opensUnder(t, b, 2, false)
	b.titles[4].Tapped(&fyne.PointEvent{})
	if got := openLabels(b); got != "Preview in browser,Publish…,Publish all pages…,Targets…" || c.Overlays().Top() == nil {
		t.Fatalf("tapping Publish shows %q", got)
	}
	var keys []string
	for _, r := range b.panel.rows {
		keys = append(keys, r.keys.Text())
	}
	if got := strings.Join(keys, ","); got != "F5,Ctrl+Shift+P,,Ctrl+Shift+T" {
		t.Errorf("shortcuts shown %q", got)
	}
	all := b.panel.rows[2]
	test.Tap(all)
	if !b.isOpen() || ran != "" {
		t.Errorf("tapping the disabled Publish all pages… closed the menu (%v) or ran %q", !b.isOpen(), ran)
	}
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	grey := fyne.CurrentApp().Settings().Theme().Color(theme.ColorNameDisabled, variant)
	if all.label.Theme().Color(theme.ColorNameForeground, variant) != grey {
		t.Error("the disabled item is not greyed")
	}
	if b.panel.rows[0].label.Theme().Color(theme.ColorNameForeground, variant) == grey {
		t.Error("an enabled item is greyed")
	}
	all.MouseIn(nil)
	if b.panel.cur == 2 {
		t.Error("the mouse highlights a disabled item")
	}
	b.panel.rows[0].MouseIn(nil)
	if b.panel.cur != 0 || b.panel.rows[0].bg.FillColor == b.panel.rows[1].bg.FillColor {
		t.Error("the item under the mouse is not highlighted")
	}
	test.Tap(b.panel.rows[0])
	if ran != "preview" || b.isOpen() || c.Overlays().Top() != nil {
		t.Errorf("clicking Preview ran %q, menu still open %v", ran, b.isOpen())
	}
	b.titles[4].Tapped(&fyne.PointEvent{})
	b.titles[4].Tapped(&fyne.PointEvent{})
	if b.isOpen() {
		t.Error("tapping the open menu's title again does not close it")
	}
}

// TestMenuBarKeyboard: F10 opens the first menu, Down and Enter run an
// item (skipping disabled ones), Up from the top reaches Quit, Escape
// closes (in the menu and through the window's Escape), Left and Right
// go to the neighbouring menu on screen.
func TestMenuBarKeyboard(t *testing.T) {
	ran := ""
	b := newMenuTestBar(t, menuActions{ImportPage: func() { ran = "import" }, Quit: func() { ran = "quit" },
		Undo: func() {}})
	c := b.win.Canvas()
	typeKey(c, fyne.KeyF10)
	if !b.isOpen() || b.open != 0 || c.Focused() != b.panel {
		t.Fatalf("F10: menu %d open %v, focus %v; want File with the keyboard", b.open, b.isOpen(), c.Focused())
	}
	typeKey(c, fyne.KeyDown) // New page has no action: Import…
	typeKey(c, fyne.KeyReturn)
	if ran != "import" || b.isOpen() {
		t.Errorf("F10 Down Enter ran %q (menu open %v), want Import… and the menu closed", ran, b.isOpen())
	}
	typeKey(c, fyne.KeyF10)
	typeKey(c, fyne.KeyEnd)
	if b.panel.cur != 5 {
		t.Errorf("End highlights row %d, want Quit (5)", b.panel.cur)
	}
	typeKey(c, fyne.KeyHome)
	if b.panel.cur != 1 {
		t.Errorf("Home highlights row %d, want Import… (1), the first enabled", b.panel.cur)
	}
	typeKey(c, fyne.KeyEscape)
	typeKey(c, fyne.KeyF10)
	typeKey(c, fyne.KeyUp)
	typeKey(c, fyne.KeySpace)
	if ran != "quit" {
		t.Errorf("F10 Up Space ran %q, want Quit", ran)
	}

	typeKey(c, fyne.KeyF10)
	typeKey(c, fyne.KeyEscape)
	if b.isOpen() || c.Overlays().Top() != nil {
		t.Error("Escape does not close the menu")
	}
	typeKey(c, fyne.KeyF10)
	c.Unfocus() // the Escape handler of the window closes it too
	typeKey(c, fyne.KeyEscape)
	if b.isOpen() || c.Overlays().Top() != nil {
		t.Fatal("the window's Escape does not close the menu")
	}
	typeKey(c, fyne.KeyF10)
	if !b.isOpen() {
		t.Fatal("F10 after Escape closed the menu does not open it again")
	}
	for _, step := range []struct {
		key  fyne.KeyName
		want int
	}{{fyne.KeyRight, 1}, {fyne.KeyLeft, 0}, {fyne.KeyLeft, 5}, {fyne.KeyRight, 0}} {
		typeKey(c, step.key)
		if b.open != step.want || len(c.Overlays().List()) != 1 || c.Focused() != b.panel {
			t.Fatalf("%s: menu %d open (%d overlays), want menu %d alone with the keyboard", step.key, b.open, len(c.Overlays().List()), step.want)
		}
	}
	typeKey(c, fyne.KeyRight)
	if got := openLabels(b); !strings.HasPrefix(got, "Undo,Redo") {
		t.Errorf("Right from File shows %q, want Edit", got)
	}
	typeKey(c, fyne.KeyDown)
	if b.panel.cur != 0 {
		t.Errorf("Down in Edit highlights row %d, want Undo", b.panel.cur)
	}

	typeKey(c, fyne.KeyF10)
	if b.isOpen() {
		t.Error("F10 in an open menu does not close it")
	}

	t.Cleanup(func() { uiRTL.Store(false) })
	uiRTL.Store(true)
	ar := newMenuTestWindow(t, menuActions{})
	c = ar.win.Canvas()
	typeKey(c, fyne.KeyF10)
	typeKey(c, fyne.KeyLeft)
	if ar.open != 1 {
		t.Errorf("Left from the first menu in Arabic opens menu %d, want the next (1)", ar.open)
	}
	typeKey(c, fyne.KeyRight)
	typeKey(c, fyne.KeyRight)
	if ar.open != 5 {
		t.Errorf("Right from the first menu in Arabic opens menu %d, want the last (5)", ar.open)
	}
}

// TestShortcutText: shortcuts read as keyboards print them.
func TestShortcutText(t *testing.T) {
	for _, c := range []struct {
		s    fyne.Shortcut
		want string
	}{
		{ctrlShift(fyne.KeyP), "Ctrl+Shift+P"}, {key(fyne.KeyF7), "F7"}, {ctrl(fyne.KeyReturn), "Ctrl+Enter"},
		{&fyne.ShortcutCopy{}, "Ctrl+C"}, {nil, ""},
	} {
		if got := shortcutText(c.s); got != c.want {
			t.Errorf("shortcutText(%v) = %q, want %q", c.s, got, c.want)
		}
	}
}

// TestMenuBarFromEditor: F10 typed in the section editor opens the menu
// with the keyboard in it, and closing the menu gives the keyboard back to
// the editor; the menu bar sits above the workbench.
func TestMenuBarFromEditor(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	w.installNavigation()
	installMenu(h.win, w.menuActions())
	b := menuBarOf(h.win)
	if b == nil {
		t.Fatal("no menu bar on the workbench's window")
	}
	d := fyne.CurrentApp().Driver()
	if d.AbsolutePositionForObject(w.root).Y < b.Size().Height {
		t.Error("the workbench is not below the menu bar")
	}
	c := h.win.Canvas()
	focusEditor(w, w.body)
	w.body.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF10})
	if !b.isOpen() || b.open != 0 || c.Focused() != b.panel {
		t.Fatalf("F10 in the editor: menu %d open %v, focus %v", b.open, b.isOpen(), c.Focused())
	}
	typeKey(c, fyne.KeyEscape)
	if b.isOpen() || c.Focused() != w.body {
		t.Errorf("after Escape: menu open %v, focus %v, want the editor", b.isOpen(), c.Focused())
	}
	w.body.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF10})
	typeKey(c, fyne.KeyRight) // Edit
	typeKey(c, fyne.KeyDown)
	typeKey(c, fyne.KeyReturn) // Undo, as the menu's action does
	if b.isOpen() || c.Focused() != w.body {
		t.Errorf("after Edit → Undo: menu open %v, focus %v, want the editor", b.isOpen(), c.Focused())
	}
	// a click on a title: the driver takes the focus on the press
	b.titles[1].MouseDown(&desktop.MouseEvent{})
	test.Tap(b.titles[1])
	if !b.isOpen() || c.Focused() != b.panel {
		t.Fatalf("a click on Edit: open %v, focus %v", b.isOpen(), c.Focused())
	}
	typeKey(c, fyne.KeyEscape)
	if c.Focused() != w.body {
		t.Errorf("after a click on Edit and Escape the focus is %v, want the editor", c.Focused())
	}
}
