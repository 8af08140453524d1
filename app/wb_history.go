//go:build !nogui

package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// revisionStore is what the history window reads and writes.
type revisionStore interface {
	restoreStore
	FindRevisions(ctx context.Context, pageID uuid.UUID) ([]storage.Revision, error)
	KeepRevision(ctx context.Context, pageID uuid.UUID, author, note string) (storage.Revision, bool, error)
}

// historyWindow is Review → History…: the revisions of the open page in a
// historyView, a snapshot of the draft with a note, and restoring an old
// revision (the draft before is kept as a revision, so a restore is undone
// by restoring that one). Its reads and writes go through the workbench's
// saver, after the edits queued before them, and come back with fyne.Do.
type historyWindow struct {
	w  *workbench
	db revisionStore

	pageID  uuid.UUID
	view    *historyView
	dlg     *dialog.CustomDialog
	confirm *dialog.CustomDialog
}

func newHistoryWindow(w *workbench, db revisionStore) *historyWindow {
	return &historyWindow{w: w, db: db}
}

// open shows the history of the open page.
func (h *historyWindow) open() {
	if !h.w.opened {
		showError(h.w.win, errNoPage)
		return
	}
	h.pageID = h.w.page.ID
	h.view = newHistoryView()
	h.view.OnSnapshot = h.onSnapshot
	h.view.OnRestore = h.onRestore
	h.view.setStatus(lang.X("history.loading", "Reading the history…"))
	closeBtn := widget.NewButton(lang.X("common.close", "Close"), func() { h.dlg.Hide() })
	h.dlg = newDialog(lang.X("history.revisions.title", "History of the page"), h.view.content(), h.w.win, closeBtn)
	h.dlg.Resize(fyne.NewSize(1040, 700))
	h.dlg.Show()
	h.load("")
}

// openSnapshot opens the history with the caret in the snapshot's note.
func (h *historyWindow) openSnapshot() {
	h.open()
	if h.view != nil && h.w.opened {
		h.w.win.Canvas().Focus(h.view.note)
	}
}

// load reads the draft and its revisions after the queued saves and shows
// them, with status saying what was just done ("" for nothing).
func (h *historyWindow) load(status string) {
	view, pageID := h.view, h.pageID
	h.w.saveNow()
	h.w.saver.enqueue("", func(ctx context.Context) error {
		p, revs, err := h.read(ctx, pageID)
		fyne.Do(func() { h.show(view, p, revs, status, err) })
		return nil // a failed read is shown, not retried
	})
}

func (h *historyWindow) read(ctx context.Context, pageID uuid.UUID) (storage.Page, []storage.Revision, error) {
	p, err := h.db.FindPage(ctx, pageID)
	if err != nil {
		return p, nil, fmt.Errorf("read the draft: %w", err)
	}
	revs, err := h.db.FindRevisions(ctx, pageID)
	if err != nil {
		return p, nil, fmt.Errorf("read the revisions: %w", err)
	}
	return p, revs, nil
}

func (h *historyWindow) show(view *historyView, p storage.Page, revs []storage.Revision, status string, err error) {
	if err != nil {
		view.setStatus(describe(err))
		showError(h.w.win, err)
		return
	}
	view.setHistory(p, revs)
	view.setStatus(status)
}

// onSnapshot keeps the draft as it is now as a revision with the note.
func (h *historyWindow) onSnapshot(note string) {
	view, pageID := h.view, h.pageID
	note = strings.TrimSpace(note)
	if note == "" {
		note = "snapshot"
	}
	view.snapshot.Disable()
	h.w.saveNow()
	h.w.saver.enqueue("", func(ctx context.Context) error {
		rev, kept, err := h.db.KeepRevision(ctx, pageID, h.w.personName(), note)
		status := ""
		switch {
		case err != nil:
		case kept:
			status = lang.X("history.revisions.kept", "The draft is kept as revision {{.Number}}.", map[string]any{"Number": rev.Number})
		default:
			status = lang.X("history.revisions.same", "Revision {{.Number}} holds this draft already; nothing was kept.", map[string]any{"Number": rev.Number})
		}
		p, revs, rerr := h.read(ctx, pageID)
		if err == nil {
			err = rerr
		}
		fyne.Do(func() {
			view.snapshot.Enable()
			if err == nil && kept {
				view.note.SetText("")
			}
			h.show(view, p, revs, status, err)
		})
		return nil
	})
}

// onRestore asks before rev becomes the draft.
func (h *historyWindow) onRestore(rev storage.Revision) {
	text := lang.X("history.revisions.confirm.text",
		"Revision {{.Number}} ({{.Kind}}, {{.At}}) becomes the draft. The draft as it is now is kept as a revision first: to undo, restore that revision.",
		map[string]any{"Number": rev.Number, "Kind": kindLabel(revisionKind(rev.Note)), "At": timeText(rev.CreatedAt)})
	cancel := widget.NewButton(lang.X("common.cancel", "Cancel"), func() { h.confirm.Hide() })
	ok := widget.NewButton(lang.X("history.revisions.confirm.button", "Restore"), func() {
		h.confirm.Hide()
		h.restore(rev)
	})
	ok.Importance = widget.DangerImportance
	h.confirm = newDialog(lang.X("history.revisions.confirm.title", "Restore a revision?"),
		container.NewPadded(newUIText(text)), h.w.win, cancel, ok)
	h.confirm.Resize(fyne.NewSize(560, 220))
	h.confirm.Show()
}

// restore makes rev the draft after the queued saves, then shows the
// restored draft in the workbench and the history with the revision that
// keeps the draft before.
func (h *historyWindow) restore(rev storage.Revision) {
	view, pageID := h.view, h.pageID
	h.w.saveNow()
	h.w.saver.enqueue("", func(ctx context.Context) error {
		_, before, changed, err := restoreRevision(ctx, h.db, pageID, rev, h.w.personName())
		var p storage.Page
		var revs []storage.Revision
		if err == nil {
			p, revs, err = h.read(ctx, pageID)
		}
		fyne.Do(func() {
			if err != nil {
				showError(h.w.win, err)
				return
			}
			status := lang.X("history.revisions.unchanged.draft", "Revision {{.Number}} is the draft already; nothing changed.", map[string]any{"Number": rev.Number})
			if changed {
				status = lang.X("history.revisions.restored",
					"Revision {{.Number}} is the draft again. The draft before is kept as revision {{.Before}}: restore it to undo.",
					map[string]any{"Number": rev.Number, "Before": before.Number})
				h.w.showRestored(p)
				h.w.setMessage(status)
			}
			h.show(view, p, revs, status, nil)
		})
		return nil
	})
}

// showRestored shows p, the open page's draft as a restore made it, when
// that page is still open.
func (w *workbench) showRestored(p storage.Page) {
	if !w.opened || w.page.ID != p.ID {
		return
	}
	w.openPage(p)
	w.refreshPageList()
}

func init() {
	causes = append(causes, cause{is(errRestoreRace), func() explanation {
		return explanation{lang.X("error.restorerace.problem", "The page changed while the revision was being restored."),
			lang.X("error.restorerace.todo", "Nothing was restored. Look at the history again and restore once more.")}
	}})
}
