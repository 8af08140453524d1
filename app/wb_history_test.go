//go:build !nogui

package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/storage"
)

// menuItem finds the item labelled label in the window's menu bar.
func menuItem(t *testing.T, win fyne.Window, label string) *menuEntry {
	t.Helper()
	b := menuBarOf(win)
	if b == nil {
		t.Fatal("the window has no menu bar")
	}
	for _, m := range b.menus {
		for _, e := range m.entries {
			if e != nil && e.label == label {
				return e
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// openHistory wires the menus as the app does and opens Review → History….
func openHistory(t *testing.T, h *harness) *historyView {
	t.Helper()
	wireWorkbench(context.Background(), h.app, h.w, h.db, richview.NewTheme())
	it := menuItem(t, h.win, "History…")
	if it.action == nil {
		t.Fatal("Review → History… is disabled")
	}
	if it.shortcut == nil || it.shortcut.ShortcutName() != "CustomDesktop:Shift+Control+R" {
		t.Errorf("History… shortcut %v, want Ctrl+Shift+R", it.shortcut)
	}
	it.action()
	h.drain()
	if h.win.Canvas().Overlays().Top() == nil {
		t.Fatal("History… opened no dialog")
	}
	shows(t, h.win.Canvas(), "History of the page")
	shows(t, h.win.Canvas(), "Draft and revisions")
	return historyOf(t, h)
}

// historyOf is the history view the menu opened.
func historyOf(t *testing.T, h *harness) *historyView {
	t.Helper()
	hw := h.w.history
	if hw == nil || hw.view == nil {
		t.Fatal("no history view")
	}
	return hw.view
}

// spanTexts lists the texts of a doc's spans that keep says.
func spanTexts(d document.Doc, keep func(document.Span) bool) []string {
	var out []string
	for _, b := range d.Blocks {
		out = append(out, spanText(b, keep)...)
	}
	return out
}

func inserted(s document.Span) bool {
	return s.Highlight == document.HighlightInserted && s.Bold
}

func deleted(s document.Span) bool {
	return s.Highlight == document.HighlightDeleted && s.Strike
}

// TestHistoryWindow: Review → History… on the seed lists the draft; a
// snapshot with a note is kept as a revision (kind snapshot, its note and
// person shown); after an edit (a word replaced) and a section moved, the
// draft against the snapshot shows the new word inserted and the old one
// deleted, on their highlights, and the moved section labelled moved; two
// revisions can be compared; restoring the snapshot makes it the draft in
// the workbench, keeping the edited draft as a revision, which restoring
// in turn brings back (undo).
func TestHistoryWindow(t *testing.T) {
	t.Setenv("POLICYEDITOR_USER", "mona")
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	view := openHistory(t, h)
	if view.list.Length() != 2 {
		t.Fatalf("the seed lists %d versions, want the draft and its import", view.list.Length())
	}
	if got := view.versions[0].label; got != "Draft (as kept in revision 1)" {
		t.Errorf("the seed's draft is listed as %q", got)
	}
	if row := view.versions[1].label; !strings.Contains(row, "Revision 1") || !strings.Contains(row, "import") {
		t.Errorf("the seed's first revision is listed as %q, want revision 1, the import", row)
	}
	r := view.parts[rowOf(view.list, 1, view.newRow, view.updateRow).(*fyne.Container)]
	if r.head.Text() != "• Revision 1 · import" {
		t.Errorf("the import's row shows %q", r.head.Text())
	}

	// A snapshot of a draft revision 1 already holds keeps nothing.
	view.note.SetText("قبل المراجعة")
	test.Tap(view.snapshot)
	h.drain()
	if view.list.Length() != 2 || !strings.Contains(view.status.Text(), "nothing was kept") {
		t.Errorf("a snapshot of the imported draft: %d versions, status %q", view.list.Length(), view.status.Text())
	}
	seed := h.stored(sampleSlug)

	// Edit: replace a word in section 1 and move section 6 down.
	body := w.body.Text()
	at := strings.Index(body, "الشفافية الثقة")
	if at < 0 {
		t.Fatal("the seed's first section lacks الشفافية الثقة")
	}
	off := len([]rune(body[:at])) + len([]rune("الشفافية "))
	w.body.SetCaretOffset(off)
	w.body.Replace(off, off+len([]rune("الثقة")), "والثقة")
	h.idle()
	w.sectionList.Select(5)
	w.onMoveDown()
	h.drain()
	edited := h.stored(sampleSlug)
	if edited.Sections[6].Heading != seed.Sections[5].Heading || !strings.Contains(edited.Sections[0].Body, "الشفافية والثقة") {
		t.Fatal("the edit and the move were not saved")
	}

	// Open again: the snapshot against the draft.
	h.w.history.open()
	h.drain()
	view = historyOf(t, h)
	if view.from != 1 || view.to != 0 {
		t.Fatalf("comparing %d → %d, want revision 1 → the draft", view.from, view.to)
	}
	doc := view.diff.Doc()
	if ins, del := spanTexts(doc, inserted), spanTexts(doc, deleted); !slices.Contains(ins, "والثقة") || !slices.Contains(del, "الثقة") {
		t.Errorf("inserted %q, deleted %q; want والثقة in for الثقة", ins, del)
	}
	if !docHas(doc, document.KindMeta, "moved from section") {
		t.Errorf("no section labelled moved in %v", doc.Blocks)
	}
	if !docHas(doc, document.KindMeta, "unchanged section") {
		t.Error("the unchanged sections are not collapsed")
	}
	for _, b := range doc.Blocks {
		if b.Kind != document.KindMeta && b.Dir != storage.RTL {
			t.Errorf("block %q is laid out %s, want right to left", string(b.Text), b.Dir)
		}
	}
	test.Tap(view.unchanged)
	if docHas(view.diff.Doc(), document.KindMeta, "unchanged section") {
		t.Error("Show unchanged sections still collapses them")
	}
	test.Tap(view.unchanged)

	// Keep the edited draft with a note, then compare the two revisions.
	view.note.SetText("بعد المراجعة")
	test.Tap(view.snapshot)
	h.drain()
	if view.list.Length() != 3 || !strings.Contains(view.status.Text(), "revision 2") {
		t.Fatalf("%d versions after the snapshot, want 3; status %q", view.list.Length(), view.status.Text())
	}
	row := view.versions[1].label
	for _, want := range []string{"Revision 2", "mona", "snapshot: بعد المراجعة"} {
		if !strings.Contains(row, want) {
			t.Errorf("snapshot row %q lacks %q", row, want)
		}
	}
	r = view.parts[rowOf(view.list, 1, view.newRow, view.updateRow).(*fyne.Container)]
	if r.head.Text() != "• Revision 2 · snapshot" || !strings.HasPrefix(r.info.Text(), "kept by mona on ") || !strings.HasSuffix(r.info.Text(), " · بعد المراجعة") {
		t.Errorf("the snapshot's row shows %q / %q", r.head.Text(), r.info.Text())
	}
	test.Tap(view.withDraft) // untick: the picked revision against the one tapped before
	view.list.Select(1)      // revision 2
	view.list.Select(2)      // then revision 1
	if view.from != 2 || view.to != 1 {
		t.Fatalf("comparing %d → %d, want revision 1 → revision 2", view.from, view.to)
	}
	if !strings.Contains(view.caption.Text(), "Revision 1") || !strings.Contains(view.caption.Text(), "Revision 2") {
		t.Errorf("caption %q", view.caption.Text())
	}
	if ins, del := spanTexts(view.diff.Doc(), inserted), spanTexts(view.diff.Doc(), deleted); !slices.Contains(ins, "والثقة") || !slices.Contains(del, "الثقة") {
		t.Errorf("revision 1 → 2 inserts %q and deletes %q", ins, del)
	}
	if !docHas(view.diff.Doc(), document.KindMeta, "moved from section") {
		t.Error("revision 1 → 2: the moved section is not labelled moved")
	}

	// Edit again (a draft no revision holds), then restore revision 1 (the
	// seed): asked first, then the workbench shows it.
	w.sectionList.Select(1)
	w.body.SetCaretOffset(0)
	w.body.Replace(0, 0, "تمهيد جديد. ")
	h.idle()
	edited = h.stored(sampleSlug)
	if !strings.HasPrefix(edited.Sections[1].Body, "تمهيد جديد. ") {
		t.Fatal("the second edit was not saved")
	}
	if view.restore.Disabled() {
		t.Fatal("Restore is disabled with revision 1 picked")
	}
	test.Tap(view.restore)
	button(t, h.win.Canvas(), "Cancel").OnTapped()
	h.drain()
	if got := h.stored(sampleSlug); storage.ContentHash(got) != storage.ContentHash(edited) {
		t.Fatal("cancelling the restore changed the draft")
	}
	test.Tap(view.restore)
	shows(t, h.win.Canvas(), "The draft as it is now is kept as a revision first")
	button(t, h.win.Canvas(), "Restore").OnTapped()
	h.drain()
	if got := h.stored(sampleSlug); storage.ContentHash(got) != storage.ContentHash(seed) {
		t.Fatal("after the restore the draft is not revision 1")
	}
	if w.secs[0].body != seed.Sections[0].Body || w.body.Text() != seed.Sections[0].Body || len(w.secs) != len(seed.Sections) ||
		w.secs[6].heading != seed.Sections[6].Heading {
		t.Error("the workbench does not show the restored draft")
	}
	if view.list.Length() != 4 || revisionKind(view.revs[0].Note) != revRestore || !strings.Contains(view.versions[1].label, "before a restore") {
		t.Fatalf("after the restore the history lists %d versions, newest %q", view.list.Length(), view.revs[0].Note)
	}
	if !strings.Contains(view.status.Text(), "kept as revision 3") {
		t.Errorf("status %q", view.status.Text())
	}

	// Undo: restore the revision the restore kept.
	view.list.Select(1)
	test.Tap(view.restore)
	button(t, h.win.Canvas(), "Restore").OnTapped()
	h.drain()
	if got := h.stored(sampleSlug); storage.ContentHash(got) != storage.ContentHash(edited) {
		t.Fatal("restoring the revision kept before the restore does not bring the edited draft back")
	}
	if !strings.Contains(w.secs[0].body, "الشفافية والثقة") || !strings.HasPrefix(w.secs[1].body, "تمهيد جديد. ") {
		t.Error("the workbench does not show the draft brought back")
	}
}

// TestHistoryNoPage: History… without an open page says to choose one.
func TestHistoryNoPage(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	h.w.closePage()
	wireWorkbench(context.Background(), h.app, h.w, h.db, richview.NewTheme())
	menuItem(t, h.win, "History…").action()
	shows(t, h.win.Canvas(), "No page is selected.")
}

// TestRevisionKind: every note the app writes is told apart.
func TestRevisionKind(t *testing.T) {
	for note, want := range map[string]revKind{
		"import": revImport, noteBeforeImport: revImport, "approved by huda": revApproval,
		"publish": revPublication, "correction": revPublication, noteBeforeFix: revFix,
		restoreNote(3): revRestore, "snapshot": revSnapshot, "قبل المراجعة": revSnapshot, "": revSnapshot,
	} {
		if got := revisionKind(note); got != want {
			t.Errorf("revisionKind(%q) = %d, want %d", note, got, want)
		}
	}
}

// TestMenuShortcutsUnique: no two menu entries, and no menu entry and a
// navigation or editor key, share a shortcut.
func TestMenuShortcutsUnique(t *testing.T) {
	taken := map[string]string{}
	for _, k := range []string{"1", "2", "3", "4", "5", "L", "B", "I", "K", "Y", "A"} {
		taken["CustomDesktop:Control+"+k] = "navigation or editor key Ctrl+" + k
	}
	taken["CustomDesktop:F3"], taken["CustomDesktop:Shift+F3"] = "find next", "find previous"
	taken[menuBarKey.ShortcutName()] = "the menu bar's key"
	for _, m := range menuLayout(menuActions{}) {
		for _, e := range m.entries {
			if e == nil || e.shortcut == nil {
				continue
			}
			n := e.shortcut.ShortcutName()
			if other, dup := taken[n]; dup {
				t.Errorf("%s: shortcut %s is %s's too", e.label, n, other)
			}
			taken[n] = e.label
		}
	}
}
