//go:build !nogui

package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/storage"
)

// historyView lists the draft and its kept revisions; the two versions
// chosen last are compared word by word in the right-to-left view
// (deleted words struck through, inserted ones bold, moved sections
// named), older → newer.
type historyView struct {
	lang     string
	versions []version // the draft first, then revisions newest first
	from, to int       // indexes into versions; from is the older
	list     *widget.List
	caption  *richview.Label
	diff     *richview.View
	root     fyne.CanvasObject
	parts    map[*fyne.Container]*richview.Label
}

func newHistoryView() *historyView {
	h := &historyView{lang: uiLanguage(), caption: richview.NewBoldLabel(tr("review.history.pick")),
		diff: richview.NewView(), parts: map[*fyne.Container]*richview.Label{}}
	h.list = widget.NewList(func() int { return len(h.versions) }, h.newRow, h.updateRow)
	h.list.OnSelected = h.onSelected
	right := container.NewBorder(h.caption, nil, nil, nil, container.NewVScroll(h.diff))
	split := container.NewHSplit(right, h.list) // the list at the reading start: on the right
	split.Offset = 0.72
	if h.lang != "ar" {
		split = container.NewHSplit(h.list, right)
		split.Offset = 0.28
	}
	h.root = split
	return h
}

func (h *historyView) content() fyne.CanvasObject { return h.root }

// setHistory shows the draft and its revisions (newest first, as
// FindRevisions returns them) and compares the newest revision with the
// draft. UI goroutine.
func (h *historyView) setHistory(draft storage.Page, revs []storage.Revision) {
	h.versions = []version{{tr("review.history.draft"), draft}}
	for _, r := range revs {
		label := tr("review.history.revision", r.Number, r.CreatedAt.Local().Format("2006-01-02 15:04"), r.Author, r.Note)
		h.versions = append(h.versions, version{label, r.Page})
	}
	h.list.Refresh()
	h.compare(min(1, len(h.versions)-1), 0)
}

// onSelected makes the tapped version one side of the comparison and the
// version chosen before it the other.
func (h *historyView) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(h.versions) || i == h.to {
		return
	}
	h.compare(h.to, i)
}

// compare shows versions a and b, the older (higher index) first.
func (h *historyView) compare(a, b int) {
	if a < b {
		a, b = b, a
	}
	h.from, h.to = a, b
	if len(h.versions) == 0 {
		return
	}
	from, to := h.versions[h.from], h.versions[h.to]
	h.caption.SetText(tr("review.history.compare", from.label, to.label))
	h.diff.SetDoc(diffDoc(from.page, to.page, h.lang))
	h.list.Refresh()
}

func (h *historyView) newRow() fyne.CanvasObject {
	l := richview.NewLabel("")
	row := container.NewStack(l)
	h.parts[row] = l
	return row
}

func (h *historyView) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if l := h.parts[o.(*fyne.Container)]; l != nil && i < len(h.versions) {
		mark := ""
		if i == h.from || i == h.to {
			mark = "• "
		}
		l.SetText(fmt.Sprint(mark, h.versions[i].label))
	}
}
