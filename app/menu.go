//go:build !nogui

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
)

// menuActions are what the main menu (menubar.go) does. The window that owns the menu
// fills in what it supports; a nil action shows its item disabled, so the
// menu always lists everything the app can do in the same places.
type menuActions struct {
	// File
	NewPage, ImportPage, SaveRevision, Snapshot, Settings, Quit func()
	// Edit
	Undo, Redo, Cut, Copy, Paste, Find, Replace func()
	// Page
	NewSection, DeleteSection, MoveSectionUp, MoveSectionDown, PageSettings func()
	// Review
	Check, Submit, Approve, Reject, Comments, Revisions, History func()
	// Publish
	Preview, Publish, PublishAll, Targets func()
	// Help
	About func()
}

// menuEntry is one item: its label, its shortcut (nil for none) and action.
type menuEntry struct {
	label    string
	shortcut fyne.Shortcut
	action   func()
}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func key(k fyne.KeyName) fyne.Shortcut { return &desktop.CustomShortcut{KeyName: k} }

// menuLayout lists the menus and their entries in order; nil entries are
// separators.
func menuLayout(a menuActions) []menuDef {
	return []menuDef{
		{lang.X("menu.file", "File"), []*menuEntry{
			{lang.X("menu.file.newpage", "New page"), ctrl(fyne.KeyN), a.NewPage},
			{lang.X("menu.file.import", "Import…"), ctrl(fyne.KeyO), a.ImportPage},
			{lang.X("menu.file.saverevision", "Save a revision…"), ctrl(fyne.KeyS), a.SaveRevision},
			{lang.X("menu.file.snapshot", "Review snapshot…"), ctrlShift(fyne.KeyS), a.Snapshot},
			nil,
			{lang.X("menu.file.settings", "Settings…"), ctrl(fyne.KeyComma), a.Settings},
			nil,
			{lang.X("menu.file.quit", "Quit"), ctrl(fyne.KeyQ), a.Quit},
		}},
		{lang.X("menu.edit", "Edit"), []*menuEntry{
			{lang.X("menu.edit.undo", "Undo"), &fyne.ShortcutUndo{}, a.Undo},
			{lang.X("menu.edit.redo", "Redo"), &fyne.ShortcutRedo{}, a.Redo},
			nil,
			{lang.X("menu.edit.cut", "Cut"), &fyne.ShortcutCut{}, a.Cut},
			{lang.X("menu.edit.copy", "Copy"), &fyne.ShortcutCopy{}, a.Copy},
			{lang.X("menu.edit.paste", "Paste"), &fyne.ShortcutPaste{}, a.Paste},
			nil,
			{lang.X("menu.edit.find", "Find…"), ctrl(fyne.KeyF), a.Find},
			{lang.X("menu.edit.replace", "Replace…"), ctrl(fyne.KeyH), a.Replace},
		}},
		{lang.X("menu.page", "Page"), []*menuEntry{
			{lang.X("menu.page.newsection", "New section"), ctrl(fyne.KeyReturn), a.NewSection},
			{lang.X("menu.page.deletesection", "Delete section"), nil, a.DeleteSection},
			{lang.X("menu.page.moveup", "Move section up"), ctrlShift(fyne.KeyUp), a.MoveSectionUp},
			{lang.X("menu.page.movedown", "Move section down"), ctrlShift(fyne.KeyDown), a.MoveSectionDown},
			nil,
			{lang.X("menu.page.settings", "Page settings…"), nil, a.PageSettings},
		}},
		{lang.X("menu.review", "Review"), []*menuEntry{
			{lang.X("menu.review.check", "Check content"), key(fyne.KeyF7), a.Check},
			{lang.X("menu.review.submit", "Submit for review"), nil, a.Submit},
			{lang.X("menu.review.approve", "Approve…"), nil, a.Approve},
			{lang.X("menu.review.reject", "Reject…"), nil, a.Reject},
			{lang.X("menu.review.comments", "Comments"), nil, a.Comments},
			nil,
			{lang.X("menu.review.revisions", "History…"), ctrlShift(fyne.KeyR), a.Revisions},
			{lang.X("menu.review.history", "Publications and rollback…"), ctrlShift(fyne.KeyH), a.History},
		}},
		{lang.X("menu.publish", "Publish"), []*menuEntry{
			{lang.X("menu.publish.preview", "Preview in browser"), key(fyne.KeyF5), a.Preview},
			{lang.X("menu.publish.publish", "Publish…"), ctrlShift(fyne.KeyP), a.Publish},
			{lang.X("menu.publish.all", "Publish all pages…"), nil, a.PublishAll},
			nil,
			{lang.X("menu.publish.targets", "Targets…"), ctrlShift(fyne.KeyT), a.Targets},
		}},
		{lang.X("menu.help", "Help"), []*menuEntry{
			{lang.X("menu.help.about", "About Policy Editor"), nil, a.About},
		}},
	}
}

// installMenu puts the menu bar (menubar.go) at the top of win's content
// and binds the menus' shortcuts and F10 on its canvas (Fyne binds no
// shortcut of a menu outside macOS). Edit's clipboard and undo shortcuts
// are left to the focused widget. The last item of File quits: without an
// action of its own it closes the window. Installed again on the same
// window, the bar shows the new actions.
func installMenu(win fyne.Window, a menuActions) {
	if a.Quit == nil {
		a.Quit = win.Close
	}
	menus := menuLayout(a)
	if b := menuBarOf(win); b != nil {
		b.setMenus(menus)
	} else {
		b = newMenuBar(win, menus)
		// The bar spans the window's width; the content keeps its margin.
		win.SetPadded(false)
		win.SetContent(container.NewBorder(b, nil, nil, nil, container.NewPadded(win.Content())))
	}
	for _, m := range menus {
		for _, e := range m.entries {
			if e == nil || e.action == nil || e.shortcut == nil {
				continue
			}
			if _, ok := e.shortcut.(*desktop.CustomShortcut); !ok {
				continue
			}
			action := e.action
			addShortcut(win.Canvas(), e.shortcut, func(fyne.Shortcut) { action() })
		}
	}
	addShortcut(win.Canvas(), menuBarKey, func(fyne.Shortcut) {
		if b := menuBarOf(win); b != nil {
			b.onMenuKey()
		}
	})
}

// menuBarOf is the menu bar installMenu put on win, nil if none.
func menuBarOf(win fyne.Window) *menuBar {
	c, ok := win.Content().(*fyne.Container)
	if !ok {
		return nil
	}
	for _, o := range c.Objects {
		if b, ok := o.(*menuBar); ok {
			return b
		}
	}
	return nil
}
