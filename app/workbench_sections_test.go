//go:build !nogui

package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/qalam/policyeditor/storage"
)

func storedHeadings(h *harness) []string {
	var out []string
	for _, s := range h.stored(sampleSlug).Sections {
		out = append(out, string(s.Kind)+":"+s.Heading)
	}
	return out
}

func localTitles(w *workbench) []string {
	var out []string
	for i := range w.secs {
		out = append(out, w.sectionTitle(i))
	}
	return out
}

// Add, delete, undo the delete, reorder (buttons and drag), change kind:
// the store follows, and the numbering renumbers itself.
func TestWorkbenchSectionOps(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	before := storedHeadings(h)

	w.sectionList.Select(1) // ثانياً
	w.onAddSection()
	h.w.heading.Replace(0, 0, "قسم جديد")
	h.idle()
	got := storedHeadings(h)
	if len(got) != 9 || got[2] != "numbered:قسم جديد" {
		t.Fatalf("after adding after section 2: %q", got)
	}
	if title := w.sectionTitle(2); title != "ثالثاً: قسم جديد" || !strings.HasPrefix(w.sectionTitle(3), "رابعاً: ") {
		t.Errorf("numbering after the insert: %q, %q", title, w.sectionTitle(3))
	}

	w.sectionList.Select(0)
	w.onDeleteSection()
	h.drain()
	if got := storedHeadings(h); len(got) != 8 || got[0] != before[1] {
		t.Fatalf("after deleting the first section: %q", got)
	}
	if !strings.HasPrefix(w.sectionTitle(0), "أولاً: فيما تستخدم") {
		t.Errorf("after the delete the first section is %q, want it renumbered أولاً", w.sectionTitle(0))
	}
	if !w.undoButton.Visible() {
		t.Fatal("no Undo offered after deleting a section")
	}
	test.Tap(w.undoButton)
	h.drain()
	if got := storedHeadings(h); len(got) != 9 || got[0] != before[0] {
		t.Fatalf("after undoing the delete: %q", got)
	}
	if p := h.stored(sampleSlug); p.Sections[0].Body != h.stored(sampleSlug).Sections[0].Body || !strings.Contains(p.Sections[0].Body, "www.qlmlearn.com") {
		t.Errorf("the undone section lost its body: %.60q", p.Sections[0].Body)
	}

	w.sectionList.Select(0)
	w.onMoveDown()
	h.drain()
	got = storedHeadings(h)
	if got[0] != before[1] || got[1] != before[0] || w.sel != 1 {
		t.Fatalf("after moving the first section down: %q (selected %d)", got[:2], w.sel)
	}

	// drag the third row two rows down
	row := w.sectionList // rows are laid out by the list; drag its third row
	_ = row
	r := findSectionRow(t, h, 2)
	r.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DY: 2 * (r.Size().Height + 4)}})
	r.DragEnd()
	h.drain()
	after := storedHeadings(h)
	if after[4] != got[2] || w.sel != 4 {
		t.Fatalf("after dragging row 3 down two rows: %q, selected %d; want %q at 5", after, w.sel, got[2])
	}

	w.sectionList.Select(0)
	w.kind.SetSelectedIndex(0) // introduction: not numbered
	h.drain()
	if p := h.stored(sampleSlug); p.Sections[0].Kind != storage.KindIntro {
		t.Fatalf("kind stored as %s, want intro", p.Sections[0].Kind)
	}
	if titles := localTitles(w); strings.HasPrefix(titles[0], "أولاً") || !strings.HasPrefix(titles[1], "أولاً: ") {
		t.Errorf("after making the first section the introduction: %q", titles[:2])
	}
}

// findSectionRow returns the list row showing section i.
func findSectionRow(t *testing.T, h *harness, i int) *sectionRow {
	t.Helper()
	h.win.Canvas().Refresh(h.w.sectionList)
	var found *sectionRow
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if r, ok := o.(*sectionRow); ok && r.index == i && r.Visible() {
			found = r
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
		}
		if wd, ok := o.(fyne.Widget); ok {
			for _, ch := range test.WidgetRenderer(wd).Objects() {
				walk(ch)
			}
		}
	}
	walk(h.w.sectionList)
	if found == nil {
		t.Fatalf("no row shows section %d", i)
	}
	return found
}

// Find and replace over the whole page, loosely: "الإستخدام" written with
// and without hamza, with harakat, across sections.
func TestWorkbenchFindReplace(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w, f := h.w, h.w.find
	f.openReplace()
	f.query.SetText("استخدام")
	f.onQuery("")
	total := len(f.matches)
	secs := map[int]bool{}
	for _, m := range f.matches {
		secs[m.sec] = true
	}
	if total < 3 || len(secs) < 2 {
		t.Fatalf("استخدام: %d matches in %d sections, want several across sections", total, len(secs))
	}
	// the seed writes إستخدام with a hamza: the loose match finds it
	sawHamza := false
	for _, m := range f.matches {
		text := []rune(w.secs[m.sec].body)
		if m.inHeading {
			text = []rune(w.secs[m.sec].heading)
		}
		if strings.Contains(string(text[m.start:m.end]), "إستخدام") {
			sawHamza = true
		}
	}
	if !sawHamza {
		t.Error("the loose match did not find إستخدام")
	}
	// next walks through the matches and into the next sections
	seen := map[int]bool{}
	for range total {
		f.next()
		m := f.matches[f.cur]
		seen[m.sec] = true
		if w.sel != m.sec || !f.isSelected(m) {
			t.Fatalf("match %d: section %d selected, editor selection not on the match", f.cur, w.sel)
		}
	}
	if len(seen) != len(secs) {
		t.Errorf("next visited %d sections, want %d", len(seen), len(secs))
	}
	f.repl.SetText("استعمال")
	f.replaceOne()
	h.idle()
	if n := len(f.matches); n != total-1 {
		t.Errorf("after one replace %d matches, want %d", n, total-1)
	}
	f.replaceAll()
	h.idle()
	for _, s := range h.stored(sampleSlug).Sections {
		if strings.Contains(s.Body, "ستخدام") || strings.Contains(s.Heading, "ستخدام") {
			t.Errorf("after replace all, stored section still has استخدام: %.80q", s.Heading+" "+s.Body)
		}
	}
	count := 0
	for _, s := range h.stored(sampleSlug).Sections {
		count += strings.Count(s.Body, "استعمال") + strings.Count(s.Heading, "استعمال")
	}
	if count != total {
		t.Errorf("stored page has %d استعمال, want %d", count, total)
	}
}

// The preview shows the page as edited, with the date publishing would
// stamp, and scrolls to the block under the caret.
func TestWorkbenchPreviewFollowsCaret(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	h.win.Resize(fyne.NewSize(1200, 500))
	w.previewBox.Offset.Y = 0
	last := len(w.secs) - 2
	w.sectionList.Select(last)
	body := w.body.Text()
	w.body.SetCaretOffset(len([]rune(body)))
	w.onCaretMoved(w.body.CaretOffset())
	off := w.previewBox.Offset.Y
	top, _ := w.preview.BlockTop(w.prev.starts[last] + w.prev.heads[last] + blockAtCaret(body, len([]rune(body)), storage.RTL))
	if off <= 0 || top < off || top > off+w.previewBox.Size().Height {
		t.Fatalf("caret at the end of section %d: preview scrolled to %v, block at %v not in view", last+1, off, top)
	}
	w.sectionList.Select(0)
	w.body.SetCaretOffset(0)
	w.onCaretMoved(0)
	if w.previewBox.Offset.Y >= off {
		t.Errorf("caret back in section 1: preview at %v, want it scrolled up from %v", w.previewBox.Offset.Y, off)
	}
	// typing shows up in the preview
	h.typeAt(0, "نص جديد في البداية. ")
	found := false
	for _, b := range w.preview.Doc().Blocks {
		if strings.HasPrefix(string(b.Text), "نص جديد في البداية.") {
			found = true
		}
	}
	if !found {
		t.Error("the typed text is not in the preview")
	}
	// the date line is the one publishing stamps (today: never published)
	stamped, err := stamper(h.db)(h.w.ctx, w.currentPage())
	if err != nil {
		t.Fatal(err)
	}
	want := stamped.LastUpdated.Format("02/01/2006")
	if meta := string(w.preview.Doc().Blocks[1].Text); !strings.Contains(meta, want) {
		t.Errorf("preview date line %q, want the stamped date %s", meta, want)
	}
}

// Page settings: slug validated as the CLI does; a good change is stored
// and the layout mirrors with the direction.
func TestWorkbenchSettings(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	w.onPageSettings()
	f := w.settings
	f.slug.Replace(0, len([]rune(f.slug.Text())), "bad/slug")
	if f.validate() || f.slugError.Text == "" {
		t.Fatalf("slug bad/slug accepted (error %q)", f.slugError.Text)
	}
	f.slug.Replace(0, len([]rune(f.slug.Text())), "سياسة-الخصوصية")
	f.title.Replace(0, len([]rune(f.title.Text())), "Privacy policy")
	f.lang.SetText("en")
	f.dir.SetSelectedIndex(1)       // left to right
	f.numbering.SetSelectedIndex(2) // western
	f.date.SetText("2026-07-17")
	if !f.validate() {
		t.Fatalf("valid settings refused: %q %q", f.slugError.Text, f.dateError.Text)
	}
	f.onClose(true)
	h.drain()
	p, err := h.db.FindPageBySlug(w.ctx, "سياسة-الخصوصية")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Privacy policy" || p.Lang != "en" || p.Dir != storage.LTR || p.Numbering != storage.NumberingWestern ||
		p.LastUpdated.Format("2006-01-02") != "2026-07-17" {
		t.Errorf("stored settings: %+v", p)
	}
	if w.rtl || !strings.HasPrefix(w.sectionTitle(0), "1. ") {
		t.Errorf("after the change: rtl %v, first title %q; want LTR and Western numbers", w.rtl, w.sectionTitle(0))
	}
	f.date.SetText("17/07/2026")
	if f.validate() || f.dateError.Text == "" {
		t.Error("a date not in YYYY-MM-DD was accepted")
	}
}
