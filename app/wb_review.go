//go:build !nogui

package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/richview"
)

// The column beside the section editor shows one of: the preview, the
// findings of the content checks, the comments of the section. Tabs keep
// the editor its full width; the tab bar starts at the page's reading
// start, so it mirrors with the rest of the window.

// Side tabs, in reading order.
const (
	tabPreview = iota
	tabFindings
	tabComments
)

// prefSideTab remembers the side tab shown; prefPerson is the name the
// window acts as (see personNamed).
const (
	prefSideTab = "workbench.sideTab"
	prefPerson  = "review.person"
)

// sideTabs is a row of tab buttons over a stack showing one page at a
// time. UI goroutine only.
type sideTabs struct {
	rtlUI    bool // the UI language reads right to left (a count goes left of its tab's name)
	buttons  []*widget.Button
	counts   []*richview.Label // beside each name: a Fyne button misplaces digits in Arabic
	pages    []fyne.CanvasObject
	stack    *fyne.Container
	cur      int
	onChosen func(i int)
}

func newSideTabs(onChosen func(int)) *sideTabs {
	return &sideTabs{rtlUI: uiLanguage() == "ar", stack: container.NewStack(), onChosen: onChosen}
}

// add appends a tab and returns its index.
func (t *sideTabs) add(label string, page fyne.CanvasObject) int {
	i := len(t.pages)
	b := widget.NewButton(label, func() { t.choose(i) })
	t.buttons, t.pages = append(t.buttons, b), append(t.pages, page)
	t.counts = append(t.counts, richview.NewLabel(""))
	t.stack.Add(page)
	t.show(t.cur)
	return i
}

// setCount shows n beside tab i's name.
func (t *sideTabs) setCount(i, n int) { t.counts[i].SetText(fmt.Sprint(n)) }

// choose shows tab i as the user asked.
func (t *sideTabs) choose(i int) {
	t.show(i)
	if t.onChosen != nil {
		t.onChosen(i)
	}
}

// show shows tab i (out of range: the first).
func (t *sideTabs) show(i int) {
	if i < 0 || i >= len(t.pages) {
		i = 0
	}
	t.cur = i
	for j, p := range t.pages {
		showIf(p, j == i)
		imp := widget.LowImportance
		if j == i {
			imp = widget.HighImportance
		}
		if t.buttons[j].Importance != imp {
			t.buttons[j].Importance = imp
			t.buttons[j].Refresh()
		}
	}
}

// content is the tab bar over the pages, the bar at the reading start.
func (t *sideTabs) content(rtl bool) fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(t.buttons))
	for i, b := range t.buttons {
		tab := container.NewHBox(b, t.counts[i])
		if t.rtlUI {
			tab = container.NewHBox(t.counts[i], b)
		}
		if rtl {
			objs[len(objs)-1-i] = tab
		} else {
			objs[i] = tab
		}
	}
	bar := container.NewBorder(nil, nil, container.NewHBox(objs...), nil)
	if rtl {
		bar = container.NewBorder(nil, nil, nil, container.NewHBox(objs...))
	}
	return container.NewBorder(bar, nil, nil, nil, t.stack)
}

// newSidePanel makes the side column's tabs and the review panels in it.
func (w *workbench) newSidePanel() {
	w.findings = newFindingsPanel()
	w.findings.OnSelected = w.onFindingSelected
	w.findings.OnFix = w.onFixFinding
	w.findings.OnFixCheck = w.onFixCheck
	w.comments = newCommentsPanel()
	w.comments.OnAdd = w.onAddComment
	w.comments.OnResolve = w.onResolveComment
	w.comments.OnFilter = w.showComments
	w.side = newSideTabs(func(i int) { setInt(w.prefs, prefSideTab, i) })
	w.side.add(tr("review.tab.preview"), w.previewPanel())
	w.side.add(tr("review.tab.findings"), w.findings.content())
	w.side.add(tr("review.tab.comments"), w.comments.content())
	w.side.show(w.prefs.IntWithFallback(prefSideTab, tabPreview))
}
