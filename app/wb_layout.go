//go:build !nogui

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/richview"
)

// Split positions as first shown (fractions of the window width and of the
// lists' height); the user's own are kept in preferences.
const (
	defaultListsWidth   = 0.24
	defaultEditorWidth  = 0.5
	defaultPagesHeight  = 0.3
	prefListsWidth      = "workbench.listsWidth"
	prefEditorWidth     = "workbench.editorWidth"
	prefPagesHeight     = "workbench.pagesHeight"
	prefWindowWidth     = "workbench.windowWidth"
	prefWindowHeight    = "workbench.windowHeight"
	defaultWindowWidth  = 1200
	defaultWindowHeight = 800
)

// arrange builds the window's layout for the reading direction: for an RTL
// page the lists are on the right, then the editor, then the preview on
// the left; an LTR page mirrors that. The split fractions are kept when
// the layout mirrors.
func (w *workbench) arrange(rtl bool) {
	if w.outerSplit != nil && rtl == w.rtl {
		return
	}
	listsW, editorW, pagesH := w.splitFractions()
	w.rtl = rtl
	w.listsSplit = container.NewVSplit(w.pagesPanel(), w.sectionsPanel())
	w.listsSplit.SetOffset(pagesH)
	editor, preview := w.editorPanel(), w.side.content(rtl)
	if rtl {
		w.innerSplit = container.NewHSplit(preview, editor)
		w.innerSplit.SetOffset(1 - editorW)
		w.outerSplit = container.NewHSplit(w.innerSplit, w.listsSplit)
		w.outerSplit.SetOffset(1 - listsW)
	} else {
		w.innerSplit = container.NewHSplit(editor, preview)
		w.innerSplit.SetOffset(editorW)
		w.outerSplit = container.NewHSplit(w.listsSplit, w.innerSplit)
		w.outerSplit.SetOffset(listsW)
	}
	w.root.Objects = []fyne.CanvasObject{container.NewBorder(nil, w.statusBar(), nil, nil, w.outerSplit)}
	w.root.Refresh()
}

// splitFractions returns the lists' share of the width, the editor's share
// of the rest and the page list's share of the lists' height, whatever the
// current direction: from the live splits, else from preferences.
func (w *workbench) splitFractions() (listsW, editorW, pagesH float64) {
	if w.outerSplit == nil {
		return w.prefs.FloatWithFallback(prefListsWidth, defaultListsWidth),
			w.prefs.FloatWithFallback(prefEditorWidth, defaultEditorWidth),
			w.prefs.FloatWithFallback(prefPagesHeight, defaultPagesHeight)
	}
	listsW, editorW = w.outerSplit.Offset, w.innerSplit.Offset
	if w.rtl {
		listsW, editorW = 1-listsW, 1-editorW
	}
	return listsW, editorW, w.listsSplit.Offset
}

// panelTitle returns a bold panel title.
func panelTitle(text string) fyne.CanvasObject { return richview.NewBoldLabel(text) }

// header puts a panel's title at the start of the reading direction and
// its tools, in reading order, at the end.
func (w *workbench) header(title string, tools ...fyne.CanvasObject) fyne.CanvasObject {
	if w.rtl {
		rev := make([]fyne.CanvasObject, len(tools))
		for i, t := range tools {
			rev[len(tools)-1-i] = t
		}
		return container.NewBorder(nil, nil, container.NewHBox(rev...), nil, panelTitle(title))
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(tools...), panelTitle(title))
}

func (w *workbench) pagesPanel() fyne.CanvasObject {
	top := container.NewVBox(w.header(lang.L("Pages"),
		iconButton(theme.ContentAddIcon(), w.onNewPage),
		iconButton(theme.FolderOpenIcon(), w.onImport),
		iconButton(theme.ContentCopyIcon(), w.onDuplicatePage),
		iconButton(theme.ContentRemoveIcon(), w.onDeletePage),
		iconButton(theme.DocumentIcon(), w.onPageSettings),
		iconButton(theme.DeleteIcon(), w.onShowTrash), // the trash can opens the trash
	), w.search)
	return container.NewBorder(top, nil, nil, nil, w.pageList)
}

func (w *workbench) sectionsPanel() fyne.CanvasObject {
	add := iconButton(theme.ContentAddIcon(), w.onAddSection)
	del := iconButton(theme.ContentRemoveIcon(), w.onDeleteSection)
	up := iconButton(theme.MoveUpIcon(), w.onMoveUp)
	down := iconButton(theme.MoveDownIcon(), w.onMoveDown)
	w.sectionTool = []fyne.Disableable{del, up, down, w.kind}
	top := container.NewVBox(w.header(lang.L("Sections"), add, del, up, down), w.kind)
	return container.NewBorder(top, nil, nil, nil, w.sectionList)
}

func (w *workbench) editorPanel() fyne.CanvasObject {
	top := container.NewVBox(w.conflicts.content(), w.find.content(), panelTitle(lang.L("Heading")), w.heading, panelTitle(lang.L("Text")))
	return container.NewBorder(top, nil, nil, nil, w.body)
}

func (w *workbench) previewPanel() fyne.CanvasObject {
	return container.NewBorder(panelTitle(lang.L("Preview: as it will be published")), nil, nil, nil, w.previewBox)
}

// statusBar shows the save state, what the page is, and Undo after a delete.
func (w *workbench) statusBar() fyne.CanvasObject {
	info := container.NewGridWrap(fyne.NewSize(280, w.pageInfo.MinSize().Height), w.pageInfo)
	state := container.NewGridWrap(fyne.NewSize(200, w.status.MinSize().Height), w.status)
	if w.rtl {
		return container.NewBorder(nil, nil, info, container.NewHBox(w.undoButton, state), w.message)
	}
	return container.NewBorder(nil, nil, container.NewHBox(state, w.undoButton), info, w.message)
}

func iconButton(icon fyne.Resource, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon("", icon, tapped)
	b.Importance = widget.LowImportance
	return b
}

// menuActions are the workbench's entries of the main menu (menu.go); the
// publishing screens fill theirs in wireWorkbench.
func (w *workbench) menuActions() menuActions {
	return menuActions{
		NewPage: w.onNewPage, ImportPage: w.onImport, Quit: w.onQuit,
		Undo: w.onUndoEdit, Redo: w.onRedoEdit, Find: w.find.openFind, Replace: w.find.openReplace,
		NewSection: w.onAddSection, DeleteSection: w.onDeleteSection,
		MoveSectionUp: w.onMoveUp, MoveSectionDown: w.onMoveDown, PageSettings: w.onPageSettings,
		Check: w.onCheckContent, Comments: w.onShowComments,
	}
}

// installNavigation binds the keys that move between the parts of the
// window: Ctrl+1 the page list, Ctrl+2 the sections, Ctrl+3 the heading,
// Ctrl+4 the text, Ctrl+5 the preview, Ctrl+6 the findings, Ctrl+L the
// page search, F3 and
// Shift+F3 the next and previous match.
func (w *workbench) installNavigation() {
	c := w.win.Canvas()
	bind := func(k fyne.KeyName, mod fyne.KeyModifier, f func()) {
		addShortcut(c, &desktop.CustomShortcut{KeyName: k, Modifier: mod}, func(fyne.Shortcut) { f() })
	}
	ctrl := fyne.KeyModifierShortcutDefault
	bind(fyne.Key1, ctrl, w.focusPages)
	bind(fyne.Key2, ctrl, w.focusSections)
	bind(fyne.Key3, ctrl, w.focusHeading)
	bind(fyne.Key4, ctrl, w.focusBody)
	bind(fyne.Key5, ctrl, w.focusPreview)
	bind(fyne.Key6, ctrl, w.focusFindings)
	bind(fyne.KeyL, ctrl, w.focusSearch)
	bind(fyne.KeyF3, 0, w.find.next)
	bind(fyne.KeyF3, fyne.KeyModifierShift, w.find.previous)
	installEscape(c, w.onEscape)
	installFunctionKeys(c)
}

// openSlug is the slug of the open page, "" for none.
func (w *workbench) openSlug() string {
	if !w.opened {
		return ""
	}
	return w.page.Slug
}

func (w *workbench) focus(o fyne.Focusable) {
	if c := w.win.Canvas(); c != nil {
		c.Focus(o)
	}
}

func (w *workbench) focusPages()    { w.focus(w.pageList) }
func (w *workbench) focusSections() { w.focus(w.sectionList) }
func (w *workbench) focusPreview()  { w.side.choose(tabPreview); w.focus(w.preview) }
func (w *workbench) focusFindings() { w.side.choose(tabFindings); w.focus(w.findings.list) }
func (w *workbench) focusSearch()   { focusEditor(w, w.search) }
func (w *workbench) focusHeading()  { focusEditor(w, w.heading) }
func (w *workbench) focusBody()     { focusEditor(w, w.body) }

// focusEditor focuses an editor if the editor widget takes focus (the
// API skeleton of textedit does not).
func focusEditor(w *workbench, o fyne.CanvasObject) {
	if f, ok := o.(fyne.Focusable); ok {
		w.focus(f)
	}
}
