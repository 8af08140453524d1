//go:build !nogui

package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
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

// Two windows on one database edit the same section: nothing is lost, the
// user is told and keeps both versions; a section changed elsewhere and not
// edited here is reloaded.
func TestWorkbenchTwoWindowsSameSection(t *testing.T) {
	a := newTestApp(t)
	db := mustOpenSeeded(t)
	one, two := open(t, a, db), open(t, a, db)

	one.typeAt(0, "نص النافذة الأولى. ")
	two.typeAt(0, "نص النافذة الثانية. ")
	two.idle() // the second window saves first
	one.idle() // the first one's save finds the section changed

	secs := one.stored(sampleSlug).Sections
	if len(secs) != 9 {
		t.Fatalf("after the conflict the page has %d sections, want 9 (both versions)", len(secs))
	}
	if !strings.HasPrefix(secs[0].Body, "نص النافذة الثانية. ") || !strings.HasPrefix(secs[1].Body, "نص النافذة الأولى. ") {
		t.Errorf("stored bodies start %.30q and %.30q; want the second window's, then the first's", secs[0].Body, secs[1].Body)
	}
	if len(one.w.secs) != 9 || one.w.sel != 1 || !strings.HasPrefix(one.w.body.Text(), "نص النافذة الأولى. ") {
		t.Errorf("first window: %d sections, editing %d (%.30q); want 9, its own copy at 2", len(one.w.secs), one.w.sel, one.w.body.Text())
	}

	// the second window has not touched section 3: the first edits it, the second reloads it
	one.w.selectSection(3)
	one.typeAt(0, "تعديل من الأولى. ")
	one.idle()
	n, _ := db.DataChanged(one.w.ctx)
	two.w.onStoreChanged(n)
	two.drain()
	if got := two.w.secs[3].body; !strings.HasPrefix(got, "تعديل من الأولى. ") || len(two.w.secs) != 9 {
		t.Errorf("second window after the change: %d sections, section 4 %.30q", len(two.w.secs), got)
	}
	if !strings.HasPrefix(two.w.body.Text(), "نص النافذة الثانية. ") {
		t.Errorf("second window's editor shows %.30q, want its own section", two.w.body.Text())
	}
}
