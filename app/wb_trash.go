//go:build !nogui

package app

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/storage"
)

// onDeletePage asks, then moves the open page to the trash; Undo in the
// status line (or the trash) brings it back.
func (w *workbench) onDeletePage() {
	if !w.opened {
		return
	}
	p := w.page
	dialog.ShowConfirm(lang.L("Delete page"),
		lang.L("Move “{{.Title}}” to the trash? You can bring it back from the trash until it is emptied.", map[string]any{"Title": p.Title}),
		func(ok bool) {
			if ok {
				w.trashPage(p)
			}
		}, w.win)
}

func (w *workbench) trashPage(p storage.Page) {
	w.saveNow()
	w.saver.enqueue("", func(ctx context.Context) error {
		err := w.db.TrashPage(ctx, p.ID)
		if errors.Is(err, storage.ErrNotFound) {
			err = nil
		}
		if err != nil {
			return err
		}
		fyne.Do(func() {
			w.opened = false
			w.loadPages(uuid.Nil)
			w.offerUndo(lang.L("Page “{{.Title}}” moved to the trash", map[string]any{"Title": p.Title}), func() { w.restorePage(p.ID) })
		})
		return nil
	})
}

// restorePage brings a page back from the trash and opens it.
func (w *workbench) restorePage(id uuid.UUID) {
	w.saver.enqueue("", func(ctx context.Context) error {
		err := w.db.RestorePage(ctx, id)
		fyne.Do(func() {
			if err != nil {
				w.showError(fmt.Errorf("%s: %w", lang.L("Could not restore the page"), err))
				return
			}
			w.saveNow()
			w.want = uuid.Nil
			w.loadPages(id)
		})
		return nil
	})
}

// onShowTrash lists the deleted pages with Restore and Empty trash.
func (w *workbench) onShowTrash() {
	w.background(func() {
		pages, err := w.db.FindTrashedPages(w.ctx)
		fyne.Do(func() {
			if err != nil {
				w.showError(err)
				return
			}
			w.showTrash(pages)
		})
	})
}

func (w *workbench) showTrash(pages []storage.Page) {
	var d dialog.Dialog
	rows := container.NewVBox()
	if len(pages) == 0 {
		rows.Add(widget.NewLabel(lang.L("The trash is empty.")))
	}
	for _, p := range pages {
		id := p.ID
		rows.Add(container.NewBorder(nil, nil, nil,
			widget.NewButton(lang.L("Restore"), func() { d.Hide(); w.restorePage(id) }),
			richview.NewLabel(p.Title+" — "+p.Slug)))
	}
	empty := widget.NewButton(lang.L("Empty trash"), func() {
		dialog.ShowConfirm(lang.L("Empty trash"), lang.L("Delete the pages in the trash for good? This cannot be undone."), func(ok bool) {
			if ok {
				d.Hide()
				w.emptyTrash()
			}
		}, w.win)
	})
	if len(pages) == 0 {
		empty.Disable()
	}
	scroll := container.NewVScroll(rows)
	scroll.SetMinSize(fyne.NewSize(480, 200))
	d = dialog.NewCustom(lang.L("Trash"), lang.L("Close"), container.NewBorder(nil, empty, nil, nil, scroll), w.win)
	w.trashDialog = d
	d.Show()
}

func (w *workbench) emptyTrash() {
	w.saver.enqueue("", func(ctx context.Context) error {
		return w.db.EmptyTrash(ctx)
	})
}
