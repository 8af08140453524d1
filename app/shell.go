//go:build !nogui

package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/numbering"
)

// pageStore is what the shell reads from the draft store.
type pageStore interface {
	FindPages(ctx context.Context, f storage.PageFilter) ([]storage.Page, error)
	FindPage(ctx context.Context, id uuid.UUID) (storage.Page, error)
}

// shell is the main window: the pages, the sections of the selected page,
// and its right-to-left preview.
type shell struct {
	ctx context.Context
	db  pageStore
	win fyne.Window
	// background runs slow work off the UI goroutine; results come back
	// through fyne.Do. Tests run it inline: Fyne's test driver runs
	// fyne.Do on the calling goroutine and does not serialise callers.
	background func(func())

	pages   []storage.Page
	current storage.Page
	// want is the page last selected; a slower load of an earlier
	// selection must not overwrite it. UI goroutine only.
	want uuid.UUID

	pageList    *widget.List
	sectionList *widget.List
	preview     *richview.View
	status      *richview.Label
}

func newShell(ctx context.Context, db pageStore, win fyne.Window) *shell {
	s := &shell{ctx: ctx, db: db, win: win, background: func(f func()) { go f() }}
	s.pageList = widget.NewList(s.pageCount, newListLabel, s.updatePageItem)
	s.pageList.OnSelected = s.onPageSelected
	s.sectionList = widget.NewList(s.sectionCount, newListLabel, s.updateSectionItem)
	s.preview = richview.NewView()
	s.status = richview.NewLabel("")
	return s
}

// content lays the window out right to left: the lists on the right, the
// preview on the left, as Arabic readers expect.
func (s *shell) content() fyne.CanvasObject {
	lists := container.NewVSplit(
		container.NewBorder(widget.NewLabelWithStyle(lang.X("shell.pages", "Pages"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), nil, nil, nil, s.pageList),
		container.NewBorder(widget.NewLabelWithStyle(lang.X("shell.sections", "Sections"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), nil, nil, nil, s.sectionList),
	)
	lists.SetOffset(0.3)
	split := container.NewHSplit(container.NewVScroll(s.preview), lists)
	split.SetOffset(0.7)
	return container.NewBorder(nil, s.status, nil, nil, split)
}

// newListLabel makes a list row that orders mixed Arabic and Latin text
// correctly and aligns it to its direction (Fyne's Label does neither).
func newListLabel() fyne.CanvasObject { return richview.NewLabel("") }

func (s *shell) pageCount() int { return len(s.pages) }

func (s *shell) updatePageItem(id widget.ListItemID, o fyne.CanvasObject) {
	o.(*richview.Label).SetText(s.pages[id].Title)
}

func (s *shell) sectionCount() int { return len(s.current.Sections) }

func (s *shell) updateSectionItem(id widget.ListItemID, o fyne.CanvasObject) {
	o.(*richview.Label).SetText(sectionTitle(s.current, id))
}

// sectionTitle is the heading of section i as the page shows it, numbered.
func sectionTitle(p storage.Page, i int) string {
	return numbering.Heading(p.Numbering, numbering.SectionLabel(p.Numbering, p.Sections, i), p.Sections[i].Heading)
}

// loadPages reads the page list off the UI thread and selects the first page.
func (s *shell) loadPages() {
	s.background(func() {
		pages, err := s.db.FindPages(s.ctx, storage.PageFilter{})
		fyne.Do(func() {
			if err != nil {
				s.showError(fmt.Errorf("list pages: %w", err))
				return
			}
			s.pages = pages
			s.pageList.Refresh()
			s.status.SetText(lang.X("shell.status.pages", "{{.Count}} page(s)", map[string]any{"Count": len(pages)}))
			if len(pages) > 0 {
				s.pageList.Select(0)
			}
		})
	})
}

func (s *shell) onPageSelected(id widget.ListItemID) {
	if id < 0 || id >= len(s.pages) {
		return
	}
	pageID := s.pages[id].ID
	s.want = pageID
	s.background(func() {
		p, err := s.db.FindPage(s.ctx, pageID)
		fyne.Do(func() {
			if s.want != pageID {
				return
			}
			if err != nil {
				s.showError(fmt.Errorf("open page: %w", err))
				return
			}
			s.current = p
			s.sectionList.Refresh()
			s.status.SetText(lang.X("shell.status.page", "{{.Slug}} — {{.Count}} section(s)", map[string]any{"Slug": p.Slug, "Count": len(p.Sections)}))
			if err := s.preview.SetPage(p); err != nil {
				s.showError(fmt.Errorf("preview %s: %w", p.Slug, err))
			}
		})
	})
}

func (s *shell) showError(err error) {
	s.status.SetText(describe(err))
}
