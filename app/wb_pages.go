//go:build !nogui

package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/editor/arabic"
	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/storage"
)

// pageRow is a page list row: the title above the slug.
type pageRow struct {
	widget.BaseWidget
	title, slug *richview.Label
}

// newListLabel makes a list row that orders mixed Arabic and Latin text
// correctly and aligns it to its direction (Fyne's Label does neither).
func newListLabel() fyne.CanvasObject { return richview.NewLabel("") }

func newPageRow() fyne.CanvasObject {
	r := &pageRow{title: richview.NewLabel(""), slug: richview.NewLabel("")}
	r.ExtendBaseWidget(r)
	return r
}

func (r *pageRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container2(r.title, r.slug))
}

func (w *workbench) pageCount() int { return len(w.shown) }

func (w *workbench) updatePageRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(w.shown) {
		return
	}
	p := w.pages[w.shown[id]]
	r := o.(*pageRow)
	title := p.Title
	if strings.TrimSpace(title) == "" {
		title = lang.L("(untitled)")
	}
	r.title.SetText(title)
	r.slug.SetText(p.Slug)
}

// onSearch filters the page list by title and slug, loosely (harakat,
// tatweel and alef/hamza forms do not matter).
func (w *workbench) onSearch(q string) {
	w.filterPages(q)
	w.pageList.UnselectAll()
	for i, pi := range w.shown {
		if w.pages[pi].ID == w.page.ID && w.opened {
			w.pageList.Select(i)
		}
	}
	w.pageList.Refresh()
}

func (w *workbench) filterPages(q string) {
	w.shown = w.shown[:0]
	for i, p := range w.pages {
		if arabic.Contains(p.Title+"\n"+p.Slug, q) {
			w.shown = append(w.shown, i)
		}
	}
}

// loadPages reads the page list off the UI goroutine and opens the page
// open (or, with uuid.Nil, the first one).
func (w *workbench) loadPages(open uuid.UUID) {
	w.background(func() {
		pages, err := w.db.FindPages(w.ctx, storage.PageFilter{})
		fyne.Do(func() {
			if err != nil {
				w.showError(fmt.Errorf("%s: %w", lang.L("Could not list the pages"), err))
				return
			}
			w.setPages(pages, open)
		})
	})
}

// setPages shows pages and selects open (or keeps the open page, or the first).
func (w *workbench) setPages(pages []storage.Page, open uuid.UUID) {
	w.pages = pages
	w.filterPages(w.search.Text())
	w.pageList.Refresh()
	if open == uuid.Nil && w.opened {
		open = w.page.ID
	}
	w.pageList.UnselectAll() // so that Select below always opens the page
	for i, pi := range w.shown {
		if pages[pi].ID == open {
			w.pageList.Select(i)
			return
		}
	}
	if len(w.shown) > 0 {
		w.pageList.Select(0)
		return
	}
	if len(pages) == 0 {
		w.closePage()
	}
}

func (w *workbench) onPageSelected(id widget.ListItemID) {
	if id < 0 || id >= len(w.shown) {
		return
	}
	pageID := w.pages[w.shown[id]].ID
	if w.opened && pageID == w.page.ID && w.want == pageID {
		return
	}
	w.saveNow()
	w.want = pageID
	w.background(func() {
		p, err := w.db.FindPage(w.ctx, pageID)
		recs, recErr := w.recovery.forPage(pageID, w.id)
		fyne.Do(func() {
			if w.want != pageID {
				return
			}
			if err != nil {
				w.showError(fmt.Errorf("%s: %w", lang.L("Could not open the page"), err))
				return
			}
			w.openPage(p)
			w.resumeConflicts(p, recs, recErr)
		})
	})
}

// createPage stores a new page off the UI goroutine (after the writes
// queued before it), giving it a free slug, then lists and opens it.
// done, if set, runs on the UI goroutine with the stored page.
func (w *workbench) createPage(p storage.Page, done func(storage.Page)) {
	w.saveNow()
	w.saver.enqueue("", func(ctx context.Context) error {
		err := createWithFreeSlug(ctx, w.db, &p)
		if err != nil {
			fyne.Do(func() { w.showError(fmt.Errorf("%s: %w", lang.L("Could not create the page"), err)) })
			return nil // a refused page is reported, not retried
		}
		fyne.Do(func() {
			w.loadPages(p.ID)
			if done != nil {
				done(p)
			}
		})
		return nil
	})
}

// createWithFreeSlug creates p, adding -2, -3 … to its slug while the slug
// is taken.
func createWithFreeSlug(ctx context.Context, db workbenchStore, p *storage.Page) error {
	base := p.Slug
	for n := 2; ; n++ {
		err := db.CreatePage(ctx, p)
		if !errors.Is(err, storage.ErrConflict) || n > 100 {
			return err
		}
		p.Slug = fmt.Sprintf("%s-%d", base, n)
	}
}

func (w *workbench) onNewPage() {
	p := storage.Page{Slug: "new-page", Title: lang.L("New page"), Lang: uiLanguage(),
		Sections: []storage.Section{{Kind: storage.KindNumbered}}}
	w.createPage(p, func(storage.Page) { w.onPageSettings() })
}

func (w *workbench) onDuplicatePage() {
	if !w.opened {
		return
	}
	w.saveNow()
	p := w.currentPage()
	p.Title = lang.L("{{.Title}} (copy)", map[string]any{"Title": p.Title})
	p.Slug += "-copy"
	p.Status = storage.StatusDraft
	for i := range p.Sections {
		p.Sections[i].ID = uuid.Nil
	}
	w.createPage(p, nil)
}

// container2 stacks two objects vertically without padding between them.
func container2(a, b fyne.CanvasObject) fyne.CanvasObject {
	return &fyne.Container{Layout: tightVBox{}, Objects: []fyne.CanvasObject{a, b}}
}

type tightVBox struct{}

func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
	}
	return s
}

func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}
