//go:build !nogui

package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/publish/diff"
	"github.com/qalam/policyeditor/storage"
)

// historyService is what the history view needs.
type historyService interface {
	History(ctx context.Context, slug string) ([]storage.Publication, error)
	// RollbackDiff: the page version pub restores and its diff from what
	// is live on pub's target.
	RollbackDiff(ctx context.Context, pub storage.Publication) (live, restored storage.Page, changes []diff.SectionChange, err error)
	Rollback(ctx context.Context, pub storage.Publication) (storage.Publication, error)
}

// historyScreen lists the publications of a page (target, time, person,
// hash, note) and rolls a target back to one of them after showing what
// would change.
type historyScreen struct {
	ctx        context.Context
	svc        historyService
	win        fyne.Window
	slug       string
	background func(func())

	pubs     []storage.Publication
	selected int

	list        *widget.List
	rollbackBtn *widget.Button
	empty       *uiText
	dlg         *dialog.CustomDialog
	confirm     *dialog.CustomDialog
	confirmBtn  *widget.Button
	confirmView *richview.View
}

func newHistoryScreen(ctx context.Context, win fyne.Window, svc historyService, slug string) *historyScreen {
	s := &historyScreen{ctx: ctx, svc: svc, win: win, slug: slug, selected: -1, background: func(f func()) { go f() }}
	s.list = widget.NewList(s.count, newListLabel, s.updateItem)
	s.list.OnSelected = s.onSelected
	s.rollbackBtn = widget.NewButton(lang.X("history.rollback", "Roll back to this version…"), s.onRollback)
	s.rollbackBtn.Disable()
	s.empty = newUIText(lang.X("history.loading", "Reading the history…"))
	return s
}

func (s *historyScreen) count() int { return len(s.pubs) }

func (s *historyScreen) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	o.(*richview.Label).SetText(publicationLine(s.pubs[id]))
}

// publicationLine is one row: version, target, time, person, hash and note.
func publicationLine(p storage.Publication) string {
	return lang.X("history.row", "Version {{.Number}} · {{.Target}} · {{.At}} · {{.Author}} · {{.Hash}} · {{.Note}}", map[string]any{
		"Number": p.Number, "Target": p.TargetName, "At": timeText(p.At),
		"Author": p.Author, "Hash": shortHash(p.Hash), "Note": p.Note,
	})
}

func (s *historyScreen) content() fyne.CanvasObject {
	head := heading(lang.X("history.columns", "Version · target · time · person · hash · note"))
	return container.NewBorder(container.NewVBox(head, s.empty), nil, nil, nil, s.list)
}

func (s *historyScreen) show() {
	closeBtn := widget.NewButton(lang.X("common.close", "Close"), func() { s.dlg.Hide() })
	s.dlg = newDialog(lang.X("history.title", "Publication history"), s.content(), s.win, closeBtn, s.rollbackBtn)
	s.dlg.Resize(fyne.NewSize(760, 480))
	s.dlg.Show()
	s.load()
}

func (s *historyScreen) load() {
	s.background(func() {
		pubs, err := s.svc.History(s.ctx, s.slug)
		fyne.Do(func() {
			if err != nil {
				showError(s.win, err)
				return
			}
			s.pubs = pubs
			s.selected = -1
			s.list.UnselectAll()
			s.list.Refresh()
			s.rollbackBtn.Disable()
			if len(pubs) == 0 {
				s.empty.SetText(lang.X("history.empty", "This page has not been published yet."))
				s.empty.Show()
			} else {
				s.empty.Hide()
			}
		})
	})
}

func (s *historyScreen) onSelected(id widget.ListItemID) {
	s.selected = id
	s.rollbackBtn.Enable()
}

// onRollback reads the diff off the UI goroutine, then asks for
// confirmation showing it.
func (s *historyScreen) onRollback() {
	if s.selected < 0 || s.selected >= len(s.pubs) {
		return
	}
	pub := s.pubs[s.selected]
	s.rollbackBtn.Disable()
	s.background(func() {
		live, page, changes, err := s.svc.RollbackDiff(s.ctx, pub)
		fyne.Do(func() {
			s.rollbackBtn.Enable()
			if err != nil {
				showError(s.win, err)
				return
			}
			s.confirmRollback(pub, live, page, changes)
		})
	})
}

func (s *historyScreen) confirmRollback(pub storage.Publication, live, page storage.Page, changes []diff.SectionChange) {
	ins, del := diffCounts(changes)
	text := lang.X("history.confirm.text", "The live page on {{.Target}} will be replaced by version {{.Number}} exactly as it was published on {{.At}}. {{.Sections}} section(s) change: {{.Inserted}} word(s) come back, {{.Deleted}} go. The draft is not changed.",
		map[string]any{"Target": pub.TargetName, "Number": pub.Number, "At": timeText(pub.At),
			"Sections": len(changes), "Inserted": ins, "Deleted": del})
	s.confirmView = richview.NewView()
	s.confirmView.SetDoc(diffDoc(live, page, uiLanguage()))
	scroll := container.NewVScroll(s.confirmView)
	scroll.SetMinSize(fyne.NewSize(0, 260))
	cancel := widget.NewButton(lang.X("common.cancel", "Cancel"), func() { s.confirm.Hide() })
	s.confirmBtn = widget.NewButton(lang.X("history.confirm.button", "Roll back"), func() { s.doRollback(pub) })
	s.confirmBtn.Importance = widget.DangerImportance
	body := container.NewBorder(newUIText(text), nil, nil, nil, scroll)
	s.confirm = newDialog(lang.X("history.confirm.title", "Roll back the live page?"), body, s.win, cancel, s.confirmBtn)
	s.confirm.Resize(fyne.NewSize(700, 520))
	s.confirm.Show()
}

func (s *historyScreen) doRollback(pub storage.Publication) {
	s.confirmBtn.Disable()
	s.background(func() {
		got, err := s.svc.Rollback(s.ctx, pub)
		fyne.Do(func() {
			s.confirm.Hide()
			if err != nil {
				showError(s.win, fmt.Errorf("roll back: %w", err))
				return
			}
			showMessage(s.win, lang.X("history.done.title", "Rolled back"),
				lang.X("history.done.text", "{{.Target}} shows version {{.From}} again (recorded as version {{.Number}}).",
					map[string]any{"Target": got.TargetName, "From": pub.Number, "Number": got.Number}))
			s.load()
		})
	})
}
