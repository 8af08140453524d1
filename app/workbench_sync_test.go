//go:build !nogui

package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// Delete a page to the trash, undo it; delete it again and restore it
// from the trash.
func TestWorkbenchTrashUndo(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	p := w.page
	w.trashPage(p)
	h.drain()
	if w.opened || len(w.pages) != 0 {
		t.Fatalf("after deleting the only page: open %v, %d pages listed", w.opened, len(w.pages))
	}
	if trashed, _ := h.db.FindTrashedPages(w.ctx); len(trashed) != 1 || trashed[0].ID != p.ID {
		t.Fatalf("trash holds %v", trashed)
	}
	test.Tap(w.undoButton)
	h.drain()
	if !w.opened || w.page.ID != p.ID || len(w.secs) != 8 {
		t.Fatalf("after Undo: open %v page %q with %d sections", w.opened, w.page.Slug, len(w.secs))
	}
	w.trashPage(w.page)
	h.drain()
	w.onShowTrash()
	if w.trashDialog == nil {
		t.Fatal("the trash was not shown")
	}
	w.restorePage(p.ID)
	h.drain()
	if !w.opened || w.page.ID != p.ID {
		t.Fatal("restoring from the trash did not open the page")
	}
}

// Two windows on one database edit the same section: the second save is
// a conflict, which writes nothing and marks the section in the first
// window until its user chooses (conflict_test.go); a section changed
// elsewhere and not edited here is reloaded.
func TestWorkbenchTwoWindowsSameSection(t *testing.T) {
	a := newTestApp(t)
	db := mustOpenSeeded(t)
	one, two := open(t, a, db), open(t, a, db)

	one.typeAt(0, "نص النافذة الأولى. ")
	two.typeAt(0, "نص النافذة الثانية. ")
	two.idle() // the second window saves first
	one.idle() // the first one's save finds the section changed

	secs := one.stored(sampleSlug).Sections
	if len(secs) != 8 || !strings.HasPrefix(secs[0].Body, "نص النافذة الثانية. ") {
		t.Fatalf("after the conflict the page has %d sections, the first starting %.30q; want 8, the second window's", len(secs), secs[0].Body)
	}
	if one.w.secs[0].theirs == nil || !strings.HasPrefix(one.w.body.Text(), "نص النافذة الأولى. ") {
		t.Errorf("first window: conflict %v, editor %.30q; want the conflict marked and its own text kept", one.w.secs[0].theirs != nil, one.w.body.Text())
	}

	// the second window has not touched section 3: the first edits it, the second reloads it
	one.w.selectSection(3)
	one.typeAt(0, "تعديل من الأولى. ")
	one.idle()
	n, _ := db.DataChanged(one.w.ctx)
	two.w.onStoreChanged(n)
	two.drain()
	if got := two.w.secs[3].body; !strings.HasPrefix(got, "تعديل من الأولى. ") || len(two.w.secs) != 8 {
		t.Errorf("second window after the change: %d sections, section 4 %.30q", len(two.w.secs), got)
	}
	if !strings.HasPrefix(two.w.body.Text(), "نص النافذة الثانية. ") {
		t.Errorf("second window's editor shows %.30q, want its own section", two.w.body.Text())
	}
}

// failingStore refuses the first n section updates, as a full disk would.
type failingStore struct {
	workbenchStore
	n int
}

func (f *failingStore) UpdateSection(ctx context.Context, id uuid.UUID, u storage.SectionUpdate) (storage.Section, error) {
	if f.n > 0 {
		f.n--
		return storage.Section{}, errors.New("disk I/O error: database or disk is full")
	}
	return f.workbenchStore.UpdateSection(ctx, id, u)
}

// A failed save is shown and retried, never dropped; edits made while it
// fails are saved with it.
func TestWorkbenchFailedSaveRetried(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	fs := &failingStore{workbenchStore: w.db, n: 2}
	w.db = fs
	h.typeAt(0, "أولى ")
	h.timer()
	h.timer = nil
	ctx := context.Background()
	if ran, err := w.saver.step(ctx); !ran || err == nil {
		t.Fatalf("first attempt: ran %v err %v, want a failure", ran, err)
	}
	if !strings.Contains(w.status.Text(), "Not saved") || !strings.Contains(w.status.Text(), "disk is full") {
		t.Errorf("status after a failed save: %q", w.status.Text())
	}
	h.typeAt(0, "ثانية ") // typed while the disk is full
	h.idle2(t)
	if got := h.stored(sampleSlug).Sections[0].Body; !strings.HasPrefix(got, "ثانية أولى ") {
		t.Errorf("after the disk recovered the body starts %.30q, want both edits", got)
	}
	if w.status.Text() != "Saved" {
		t.Errorf("status %q, want Saved", w.status.Text())
	}
}

// idle2 fires the idle timer and runs the saver, retrying failures.
func (h *harness) idle2(t *testing.T) {
	if f := h.timer; f != nil {
		h.timer = nil
		f()
	}
	for range 10 {
		if err := h.w.saver.runQueued(context.Background()); err == nil {
			return
		}
	}
	t.Fatal("the save kept failing")
}
