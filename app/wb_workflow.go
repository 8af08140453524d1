//go:build !nogui

package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/editor/textedit"
	"github.com/qalam/policyeditor/storage"
)

// The review steps in the window: Review → Submit for review, Approve…
// and Reject…, the same steps as 'policyeditor submit/approve/reject', by
// the window's person. Each waits for the edits queued before it, so what
// is submitted or approved is what the editor shows, then runs off the UI
// goroutine; the page line shows the new status.

// reviewer is the store's review flow (both stores have it).
type reviewer interface {
	Review(ctx context.Context, pageID uuid.UUID, action storage.ReviewAction, person, note string) (storage.Review, error)
}

// reviewWait is how long a review step waits for the queued saves.
const reviewWait = 10 * time.Second

// reviewActions fills the Review menu's steps into a.
func (w *workbench) reviewActions(a menuActions) menuActions {
	a.Submit = func() { w.reviewStep(storage.ActionSubmit, "") }
	a.Approve = w.onApprove
	a.Reject = w.onReject
	return a
}

// onApprove asks before approving: an approval is what goes live.
func (w *workbench) onApprove() {
	if !w.opened {
		showError(w.win, errNoPage)
		return
	}
	var d *dialog.CustomDialog
	cancel := widget.NewButton(lang.X("common.cancel", "Cancel"), func() { d.Hide() })
	approve := widget.NewButton(lang.X("review.approve.button", "Approve"), func() {
		d.Hide()
		w.reviewStep(storage.ActionApprove, "")
	})
	approve.Importance = widget.HighImportance
	text := lang.X("review.approve.text", "Approve “{{.Title}}” exactly as it is now? This version is what publishing may put live; any later edit returns the page to draft.",
		map[string]any{"Title": w.page.Title})
	d = newDialog(lang.X("review.approve.title", "Approve the page?"), newUIText(text), w.win, cancel, approve)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// onReject asks why: a rejection must say what to change.
func (w *workbench) onReject() {
	if !w.opened {
		showError(w.win, errNoPage)
		return
	}
	var d *dialog.CustomDialog
	why := textedit.NewSingleLine()
	why.SetPlaceholder(lang.X("review.reject.placeholder", "What must change before it can be approved"))
	problem := newUIText("")
	cancel := widget.NewButton(lang.X("common.cancel", "Cancel"), func() { d.Hide() })
	reject := widget.NewButton(lang.X("review.reject.button", "Reject"), func() {
		note := strings.TrimSpace(why.Text())
		if note == "" {
			problem.SetText(lang.X("review.reject.empty", "Say why, so the editor knows what to change."))
			return
		}
		d.Hide()
		w.reviewStep(storage.ActionReject, note)
	})
	reject.Importance = widget.DangerImportance
	d = newDialog(lang.X("review.reject.title", "Send the page back to draft"), container.NewVBox(why, problem), w.win, cancel, reject)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
	focusEditor(w, why)
}

// reviewStep takes action on the open page after the queued saves.
func (w *workbench) reviewStep(action storage.ReviewAction, note string) {
	if !w.opened {
		showError(w.win, errNoPage)
		return
	}
	rv, ok := w.db.(reviewer)
	if !ok {
		w.setMessage(lang.X("review.unsupported", "This draft store has no review steps."))
		return
	}
	w.saveNow()
	pageID, person := w.page.ID, w.personName()
	w.background(func() {
		msg, err := w.runReviewStep(rv, pageID, action, person, note)
		fyne.Do(func() {
			if err != nil {
				w.setMessage(err.Error())
				return
			}
			w.setMessage(msg)
			if w.opened && w.page.ID == pageID {
				w.reloadPage(pageID)
			}
		})
	})
}

// runReviewStep waits for the saves, checks the content, takes the step
// and says in the UI language what happened (or why it could not).
func (w *workbench) runReviewStep(rv reviewer, pageID uuid.UUID, action storage.ReviewAction, person, note string) (string, error) {
	if !w.saver.waitIdle(reviewWait) {
		return "", errors.New(lang.X("review.notsaved", "The last edits are not saved yet, so nothing was submitted or approved. Try again when the status line says Saved."))
	}
	p, err := w.db.FindPage(w.ctx, pageID)
	if err != nil {
		return "", errors.New(describe(err))
	}
	if action != storage.ActionReject {
		if errs := blockingFindings(p); len(errs) > 0 {
			return "", errors.New(lang.X("review.blocked", "The page has {{.Count}} content errors, which block publishing: fix them first (Review › Check content).", map[string]any{"Count": len(errs)}))
		}
	}
	r, err := rv.Review(w.ctx, pageID, action, person, note)
	if err != nil {
		return "", reviewProblem(p, action, err)
	}
	switch action {
	case storage.ActionSubmit:
		return lang.X("review.submitted", "Submitted for review by {{.Person}}.", map[string]any{"Person": r.Person}), nil
	case storage.ActionApprove:
		return lang.X("review.approved", "Approved by {{.Person}} as revision {{.Number}}; any edit returns the page to draft.",
			map[string]any{"Person": r.Person, "Number": r.RevisionNumber}), nil
	}
	return lang.X("review.rejected", "Sent back to draft by {{.Person}}: {{.Note}}", map[string]any{"Person": r.Person, "Note": r.Note}), nil
}

// reviewProblem says why a step was refused and what to do, as the CLI's
// describeReviewError does, in the UI language.
func reviewProblem(p storage.Page, action storage.ReviewAction, err error) error {
	if !errors.Is(err, storage.ErrWorkflow) {
		return errors.New(describe(err))
	}
	if strings.Contains(err.Error(), "another person") {
		return errors.New(lang.X("review.refused.distinct", "Another person must approve this page: the last edit is yours, and the setting that the approver differs from the last editor is on."))
	}
	status := statusText(p.Status)
	switch action {
	case storage.ActionSubmit:
		return errors.New(lang.X("review.refused.submit", "The page is {{.Status}}: only a draft can be submitted.", map[string]any{"Status": status}))
	case storage.ActionApprove:
		return errors.New(lang.X("review.refused.approve", "The page is {{.Status}}: only a page in review can be approved. Submit it first.", map[string]any{"Status": status}))
	}
	return errors.New(lang.X("review.refused.reject", "The page is {{.Status}}: only a page in review or approved can be sent back.", map[string]any{"Status": status}))
}
