//go:build !nogui

package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/qalam/policyeditor/editor/textedit"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// TestWindowReviewFlow: Review → Submit, Approve… and Reject… take the
// review steps on the open page as the window's person; an edit after the
// approval returns the page to draft; a refused step says why; a
// rejection needs a reason.
func TestWindowReviewFlow(t *testing.T) {
	t.Setenv("POLICYEDITOR_USER", "sami") // imports the sample and edits
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	c := h.win.Canvas()
	status := func() storage.PageStatus { return h.stored(sampleSlug).Status }
	a := w.reviewActions(menuActions{})

	a.Approve() // a draft cannot be approved
	button(t, c, "Approve").OnTapped()
	if status() != storage.StatusDraft || !strings.Contains(w.message.Text(), "only a page in review can be approved") {
		t.Fatalf("approving a draft: status %s, message %q", status(), w.message.Text())
	}

	a.Submit()
	if status() != storage.StatusInReview || !strings.Contains(w.message.Text(), "Submitted for review by sami") {
		t.Fatalf("after Submit: status %s, message %q", status(), w.message.Text())
	}
	if !strings.Contains(w.pageInfo.Text(), "in review") {
		t.Errorf("the page line shows %q, want the status in review", w.pageInfo.Text())
	}

	// with distinct-approver on, sami (the last editor) cannot approve
	if err := h.db.SetSetting(context.Background(), sqlite.SettingDistinctApprover, "true"); err != nil {
		t.Fatal(err)
	}
	h.app.Preferences().SetString(prefPerson, "huda") // huda takes the window
	a.Approve()
	button(t, c, "Cancel").OnTapped()
	if status() != storage.StatusInReview || len(c.Overlays().List()) != 0 {
		t.Fatalf("Cancel: status %s, %d dialogs open", status(), len(c.Overlays().List()))
	}
	a.Approve()
	button(t, c, "Approve").OnTapped()
	if status() != storage.StatusApproved || !strings.Contains(w.message.Text(), "Approved by huda") {
		t.Fatalf("huda approves: status %s, message %q", status(), w.message.Text())
	}

	// an edit returns it to draft
	h.typeAt(0, "تمهيد: ")
	h.idle()
	if status() != storage.StatusDraft {
		t.Fatalf("after an edit the approved page is %s, want draft", status())
	}

	// Reject needs a reason; with one the page goes back to draft
	a.Submit()
	a.Reject()
	button(t, c, "Reject").OnTapped()
	if len(c.Overlays().List()) != 1 || status() != storage.StatusInReview {
		t.Fatalf("Reject without a reason: %d dialogs, status %s; want the dialog open and the page in review", len(c.Overlays().List()), status())
	}
	shows(t, c, "Say why")
	why := findEditor(t, c)
	why.SetText("الفقرة الثانية تحتاج مراجعة")
	button(t, c, "Reject").OnTapped()
	if status() != storage.StatusDraft || !strings.Contains(w.message.Text(), "الفقرة الثانية تحتاج مراجعة") {
		t.Fatalf("Reject with a reason: status %s, message %q", status(), w.message.Text())
	}
}

// findEditor returns the first text editor on the topmost dialog.
func findEditor(t *testing.T, c fyne.Canvas) *textedit.Editor {
	t.Helper()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	for _, o := range test.LaidOutObjects(top) {
		if e, ok := o.(*textedit.Editor); ok {
			return e
		}
	}
	t.Fatal("the dialog has no text field")
	return nil
}
