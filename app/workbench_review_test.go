//go:build !nogui

package app

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/editor/textedit"
	"github.com/qalam/policyeditor/publish/check"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// findingIndex is the index in the findings panel of the finding of check
// name whose text is text, -1 if it is not listed.
func findingIndex(w *workbench, name, text string) int {
	return slices.IndexFunc(w.findings.findings, func(f check.Finding) bool { return f.Check == name && f.Text == text })
}

// findingRowAt makes row i of the findings panel as its list would.
func findingRowAt(w *workbench, i int) *findingRow {
	p := w.findings
	return p.parts[rowOf(p.list, i, p.newRow, p.updateRow).(*fyne.Container)]
}

func countCheck(fs []check.Finding, name string) int {
	n := 0
	for _, f := range fs {
		if f.Check == name {
			n++
		}
	}
	return n
}

// The seed's «إستخدام» is listed; clicking it opens its section with
// exactly that word selected in the body editor, which has the focus;
// the word is underlined there.
func TestWorkbenchFindingSelectsItsWord(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	i := findingIndex(w, check.HamzatWasl, "إستخدام")
	if i < 0 {
		t.Fatalf("the findings panel does not list «إستخدام» (%d findings)", len(w.findings.findings))
	}
	if got := w.side.counts[tabFindings].Text(); got != "27" {
		t.Errorf("findings tab %q, want the count 27", got)
	}
	f := w.findings.findings[i]
	if w.sel == f.Section {
		t.Fatalf("test needs the finding in another section than the first shown (%d)", w.sel)
	}
	w.findings.list.Select(i)
	if w.sel != f.Section {
		t.Fatalf("clicking the finding shows section %d, want %d", w.sel, f.Section)
	}
	if got := w.body.SelectedText(); got != "إستخدام" {
		t.Errorf("selected %q, want «إستخدام»", got)
	}
	if !w.isFocused(w.body) {
		t.Error("the body editor does not have the focus")
	}
	start, end := w.body.Selection()
	if !slices.Contains(w.body.Marks(), textedit.Mark{Start: start, End: end}) {
		t.Errorf("the word %d–%d is not underlined; marks %v", start, end, w.body.Marks())
	}
	// The caret moves away; a second click on the same finding selects it again.
	w.body.SetCaretOffset(0)
	w.findings.list.Select(i)
	if got := w.body.SelectedText(); got != "إستخدام" {
		t.Errorf("the second click on the finding selected %q, want «إستخدام» again", got)
	}
	// A heading's finding selects in the heading editor.
	j := slices.IndexFunc(w.findings.findings, func(f check.Finding) bool { return f.Check == check.HeadingPeriod && f.Section == 5 })
	w.findings.list.Select(j)
	if w.sel != 5 || w.heading.SelectedText() != "." || !w.isFocused(w.heading) {
		t.Errorf("heading finding: section %d, heading selection %q, focused %v", w.sel, w.heading.SelectedText(), w.isFocused(w.heading))
	}
	if start, end := w.heading.Selection(); !slices.Contains(w.heading.Marks(), textedit.Mark{Start: start, End: end}) {
		t.Errorf("the heading's period is not underlined; marks %v", w.heading.Marks())
	}
}

// Fixing «إستخدام» replaces it through the editor: the finding goes, the
// save reaches the database, and undo brings the word (and the finding)
// back, saved too.
func TestWorkbenchFixOneFindingAndUndo(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	i := findingIndex(w, check.HamzatWasl, "إستخدام")
	f := w.findings.findings[i]
	orig := h.stored(sampleSlug).Sections[f.Section].Body
	hamzas := countCheck(w.checks.fs, check.HamzatWasl)
	r := findingRowAt(w, i)
	if !r.fix.Visible() {
		t.Fatal("the finding shows no fix button")
	}
	test.Tap(r.fix)
	start, _ := runeRange(orig, f)
	body := []rune(w.body.Text())
	if w.sel != f.Section || string(body[start:start+7]) != "استخدام" {
		t.Fatalf("after the fix section %d reads %q at %d, want «استخدام»", w.sel, string(body[start:min(len(body), start+7)]), start)
	}
	if got := countCheck(w.checks.fs, check.HamzatWasl); got != hamzas-1 {
		t.Errorf("hamza findings %d after the fix, want %d", got, hamzas-1)
	}
	if slices.ContainsFunc(w.checks.fs, func(g check.Finding) bool {
		return g.Section == f.Section && g.Offset == f.Offset && g.Check == f.Check
	}) {
		t.Error("the fixed finding is still listed")
	}
	h.idle()
	stored := h.stored(sampleSlug).Sections[f.Section].Body
	if want := orig[:f.Offset] + "استخدام" + orig[f.End:]; stored != want {
		t.Errorf("stored body after the fix:\n%q\nwant\n%q", stored, want)
	}
	w.onUndoEdit() // Ctrl+Z in the focused body
	if w.body.Text() != orig {
		t.Fatal("undo did not restore the text")
	}
	if got := countCheck(w.checks.fs, check.HamzatWasl); got != hamzas {
		t.Errorf("hamza findings %d after undo, want %d", got, hamzas)
	}
	h.idle()
	if got := h.stored(sampleSlug).Sections[f.Section].Body; got != orig {
		t.Error("the undone fix is not saved")
	}
}

// "Fix all" of the hamza check fixes every one, in the selected section
// (through its editor) and in the others; the draft before is kept as a
// revision; Undo in the status line takes it all back.
func TestWorkbenchFixAllOfACheck(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	w.selectSection(1)
	h.typeAt(0, "تمهيد: ") // the draft is no longer the seed's revision 1
	h.idle()
	before := h.stored(sampleSlug)
	i := findingIndex(w, check.HamzatWasl, "إستخدام")
	r := findingRowAt(w, i)
	if !r.fixAll.Visible() || r.count.Text() != "9" {
		t.Fatalf("fix all button %v %q, want it for 9", r.fixAll.Visible(), r.count.Text())
	}
	others := len(w.checks.fs) - 9
	test.Tap(r.fixAll)
	if n := countCheck(w.checks.fs, check.HamzatWasl); n != 0 || len(w.checks.fs) != others {
		t.Errorf("after fix all: %d hamza findings, %d in all; want 0 and %d", n, len(w.checks.fs), others)
	}
	h.idle()
	after := h.stored(sampleSlug)
	if fs := check.Page(after, checkOptions()); countCheck(fs, check.HamzatWasl) != 0 || len(fs) != others {
		t.Errorf("stored page: %d hamza findings of %d, want 0 of %d", countCheck(fs, check.HamzatWasl), len(fs), others)
	}
	if want := check.Fix(before, checkOptions(), check.HamzatWasl).Page; !sameBodies(after, want) {
		t.Error("the stored page is not the seed with its hamza fixes (what `policyeditor fix SLUG hamzat-wasl` writes)")
	}
	revs, err := h.db.FindRevisions(context.Background(), before.ID)
	if err != nil || len(revs) == 0 || revs[0].Note != "before fix" || !sameBodies(revs[0].Page, before) {
		t.Errorf("no revision of the draft before the fix (%v, %d revisions)", err, len(revs))
	}
	w.onUndo() // the status line's Undo
	h.idle()
	if !sameBodies(h.stored(sampleSlug), before) {
		t.Error("Undo of fix all did not restore the stored page")
	}
	if n := countCheck(w.checks.fs, check.HamzatWasl); n != 9 {
		t.Errorf("after undo %d hamza findings, want 9", n)
	}
}

func sameBodies(a, b storage.Page) bool {
	if len(a.Sections) != len(b.Sections) {
		return false
	}
	for i := range a.Sections {
		if a.Sections[i].Heading != b.Sections[i].Heading || a.Sections[i].Body != b.Sections[i].Body {
			return false
		}
	}
	return true
}

// findButton is the button labelled label in o's tree.
func findButton(o fyne.CanvasObject, label string) *widget.Button {
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == label {
			return b
		}
	}
	return nil
}

// A comment added in the window is stored (by the window's person) and
// listed with its section; resolving it hides it and stores who did.
func TestWorkbenchCommentAddResolve(t *testing.T) {
	t.Setenv("POLICYEDITOR_USER", "rana")
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	ctx := context.Background()
	w.selectSection(2)
	test.Tap(w.comments.add)
	f := w.commentDlg
	if f == nil {
		t.Fatal("the add button opened no dialog")
	}
	f.text.SetText("هل نذكر Google Analytics بالاسم؟")
	ok := findButton(w.win.Canvas().Overlays().Top(), tr("review.comments.addButton"))
	if ok == nil {
		t.Fatal("the dialog has no add button")
	}
	test.Tap(ok)
	h.drain()
	page := h.stored(sampleSlug)
	cs, err := h.db.FindComments(ctx, page.ID, false)
	if err != nil || len(cs) != 1 || cs[0].Author != "rana" || cs[0].SectionID != page.Sections[2].ID || cs[0].Text != "هل نذكر Google Analytics بالاسم؟" {
		t.Fatalf("stored comments %+v (%v), want rana's on section 3", cs, err)
	}
	if len(w.comments.comments) != 1 || w.comments.comments[0].ID != cs[0].ID || w.side.counts[tabComments].Text() != "1" {
		t.Fatalf("the panel lists %+v, tab %q", w.comments.comments, w.side.counts[tabComments].Text())
	}
	row := w.comments.parts[rowOf(w.comments.list, 0, w.comments.newRow, w.comments.updateRow).(*fyne.Container)]
	if !strings.Contains(row.head.Text(), "rana") || row.text.Text() != cs[0].Text {
		t.Errorf("comment row %q / %q", row.head.Text(), row.text.Text())
	}
	w.selectSection(1)
	if len(w.comments.comments) != 0 {
		t.Error("another section shows the comment")
	}
	w.selectSection(2)
	row = w.comments.parts[rowOf(w.comments.list, 0, w.comments.newRow, w.comments.updateRow).(*fyne.Container)]
	test.Tap(row.resolve)
	if len(w.comments.comments) != 0 {
		t.Error("the resolved comment is still listed")
	}
	h.drain()
	if open, _ := h.db.FindComments(ctx, page.ID, false); len(open) != 0 {
		t.Errorf("still open in the store: %+v", open)
	}
	if all, _ := h.db.FindComments(ctx, page.ID, true); len(all) != 1 || !all[0].Resolved || all[0].ResolvedBy != "rana" {
		t.Errorf("resolved comment stored as %+v", all)
	}
	if len(w.comments.comments) != 0 {
		t.Error("reading the comments again lists the resolved one")
	}

	// "Resolved too" lists it, marked resolved, without a Resolve button;
	// "All sections" lists the comments of every section from another one.
	w.comments.resolved.SetChecked(true)
	if len(w.comments.comments) != 1 || !w.comments.comments[0].Resolved || w.side.counts[tabComments].Text() != "0" {
		t.Fatalf("resolved too: the panel lists %+v, tab %q", w.comments.comments, w.side.counts[tabComments].Text())
	}
	row = w.comments.parts[rowOf(w.comments.list, 0, w.comments.newRow, w.comments.updateRow).(*fyne.Container)]
	if !strings.Contains(row.head.Text(), "resolved by rana") || row.resolve.Visible() {
		t.Errorf("a resolved comment's row %q, Resolve shown %v", row.head.Text(), row.resolve.Visible())
	}
	w.comments.resolved.SetChecked(false)
	if err := h.db.CreateComment(ctx, &storage.Comment{PageID: page.ID, SectionID: page.Sections[4].ID, Author: "huda", Text: "راجعوا هذه الفقرة"}); err != nil {
		t.Fatal(err)
	}
	w.loadComments()
	w.selectSection(0)
	if len(w.comments.comments) != 0 {
		t.Fatalf("section 1 lists %+v", w.comments.comments)
	}
	w.comments.allSections.SetChecked(true)
	if len(w.comments.comments) != 1 || w.comments.comments[0].Author != "huda" || w.comments.comments[0].SectionPosition != 4 {
		t.Fatalf("all sections: the panel lists %+v, want huda's open comment on section 5", w.comments.comments)
	}
	row = w.comments.parts[rowOf(w.comments.list, 0, w.comments.newRow, w.comments.updateRow).(*fyne.Container)]
	if !strings.Contains(row.head.Text(), "5") {
		t.Errorf("all sections: the row %q does not name section 5", row.head.Text())
	}
}

// The window's person is the preference's name, else $POLICYEDITOR_USER,
// else the system user: the CLI's rule. A name typed in Settings applies
// at once, in this window and the next.
func TestWorkbenchPerson(t *testing.T) {
	t.Setenv("POLICYEDITOR_USER", "sami")
	a := newTestApp(t)
	db := mustOpenSeeded(t)
	h := open(t, a, db)
	if got := h.w.personName(); got != "sami" {
		t.Errorf("person %q, want $POLICYEDITOR_USER", got)
	}
	s := newSettingsScreen(a, h.win, richview.NewTheme())
	if s.person.Text() != "" {
		t.Errorf("settings show the name %q, none was given", s.person.Text())
	}
	s.person.Replace(0, 0, " mona ") // typed in the settings
	if got := h.w.personName(); got != "mona" {
		t.Errorf("person %q after the name was typed, want mona at once", got)
	}
	if got := open(t, a, db).w.personName(); got != "mona" {
		t.Errorf("person %q in the next window, want the name typed in the settings", got)
	}
	h.typeAt(0, "تمهيد: ")
	h.idle()
	if who, err := db.LastEditor(context.Background(), h.w.page.ID); err != nil || who != "mona" {
		t.Errorf("last editor %q (%v) after an edit, want the new name", who, err)
	}
	t.Setenv("POLICYEDITOR_USER", "")
	s.person.Replace(0, len([]rune(s.person.Text())), "")
	if got := open(t, a, db).w.personName(); got != author() {
		t.Errorf("person %q, want the system user %q", got, author())
	}
}

// An edit saved by the window records its person as the last editor, so
// with distinct-approver on that person cannot approve the page.
func TestWorkbenchEditNotesLastEditor(t *testing.T) {
	t.Setenv("POLICYEDITOR_USER", "sami") // who imported the sample
	db := mustOpenSeeded(t)
	t.Setenv("POLICYEDITOR_USER", "mona")
	h := open(t, newTestApp(t), db)
	ctx := context.Background()
	id := h.w.page.ID
	if err := h.db.SetSetting(ctx, sqlite.SettingDistinctApprover, "true"); err != nil {
		t.Fatal(err)
	}
	if who, _ := h.db.LastEditor(ctx, id); who == "mona" {
		t.Fatal("mona is the last editor before editing")
	}
	h.typeAt(0, "تمهيد: ")
	h.idle()
	if who, err := h.db.LastEditor(ctx, id); err != nil || who != "mona" {
		t.Fatalf("last editor %q (%v) after the window's edit, want mona", who, err)
	}
	if _, err := h.db.Review(ctx, id, storage.ActionSubmit, "mona", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.Review(ctx, id, storage.ActionApprove, "mona", ""); !errors.Is(err, storage.ErrWorkflow) {
		t.Errorf("approval by the window's editor: %v, want ErrWorkflow", err)
	}
	if _, err := h.db.Review(ctx, id, storage.ActionApprove, "sami", ""); err != nil {
		t.Errorf("approval by another person: %v", err)
	}
}

// Checks asked for while one runs are coalesced, and a result about text
// that changed since is dropped, not shown.
func TestWorkbenchStaleFindingsDropped(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	var queued []func()
	w.background = func(f func()) { queued = append(queued, f) }
	shown := 0
	w.checks.onShown = func() { shown++ }
	h.typeAt(0, "إستخدام ")
	h.typeAt(0, "الإستخدام ")
	h.typeAt(0, "x")
	for len(queued) > 0 {
		f := queued[0]
		queued = queued[1:]
		f()
	}
	if shown != 1 {
		t.Errorf("%d results shown for three edits typed while the first check ran, want 1 (the newest)", shown)
	}
	if n := countCheck(w.checks.fs, check.HamzatWasl); n != 11 {
		t.Errorf("%d hamza findings shown, want 11 (9 + the two typed)", n)
	}
	if w.checks.page.Sections[0].Body != w.body.Text() {
		t.Error("the findings shown are not about the text in the editor")
	}
}

// The publish dialog's Show and the Review menu reach the side tabs: Show
// selects the finding's word, Check content shows the findings, Comments
// the comments.
func TestWorkbenchReviewMenuAndPublishShow(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	a := w.menuActions()
	if a.Check == nil || a.Comments == nil {
		t.Fatal("the Review menu's Check content and Comments have no action")
	}
	a.Comments()
	if w.side.cur != tabComments || !w.comments.content().Visible() {
		t.Error("Comments does not show the comments tab")
	}
	a.Check()
	if w.side.cur != tabFindings || w.comments.content().Visible() {
		t.Error("Check content does not show the findings tab")
	}
	w.side.choose(tabPreview)
	w.focusFindings() // Ctrl+6
	if w.side.cur != tabFindings || w.win.Canvas().Focused() != w.findings.list {
		t.Error("Ctrl+6 does not focus the findings list")
	}
	var glued finding
	for _, f := range contentFindings(h.stored(sampleSlug)) {
		if f.Check == check.GluedLatin {
			glued = f
		}
	}
	w.side.choose(tabPreview)
	w.showFindingAt(glued.Section, glued.Line, glued.Col, glued.Check)
	if w.side.cur != tabFindings || w.sel != glued.Section || w.body.SelectedText() != "تحليلاتGoogle" {
		t.Errorf("Show: tab %d, section %d, selected %q; want the findings, section %d, «تحليلاتGoogle»", w.side.cur, w.sel, w.body.SelectedText(), glued.Section)
	}
	if got := w.prefs.Int(prefSideTab); got != tabFindings {
		t.Errorf("the side tab remembered is %d, want %d", got, tabFindings)
	}
}

// A finding in the page title is fixed through the page settings; fix
// all of its check fixes the title with the sections, and Undo puts the
// title back too.
func TestWorkbenchFixTitleFinding(t *testing.T) {
	db := mustOpenSeeded(t)
	ctx := context.Background()
	p, err := db.FindPageBySlug(ctx, sampleSlug)
	if err != nil {
		t.Fatal(err)
	}
	title := "سياسة إستخدام منصة قلم"
	if _, err := db.UpdatePage(ctx, p.ID, storage.PageUpdate{Title: &title}); err != nil {
		t.Fatal(err)
	}
	h := open(t, newTestApp(t), db)
	w := h.w
	i := slices.IndexFunc(w.findings.findings, func(f check.Finding) bool { return f.Field == check.FieldTitle })
	if i < 0 {
		t.Fatal("the title's hamza is not listed")
	}
	test.Tap(findingRowAt(w, i).fix)
	h.drain()
	if got := h.stored(sampleSlug).Title; got != "سياسة استخدام منصة قلم" {
		t.Fatalf("stored title %q after its fix", got)
	}
	if slices.ContainsFunc(w.checks.fs, func(f check.Finding) bool { return f.Field == check.FieldTitle }) {
		t.Error("the title's finding is still listed")
	}
	// again, with fix all
	if _, err := db.UpdatePage(ctx, p.ID, storage.PageUpdate{Title: &title}); err != nil {
		t.Fatal(err)
	}
	n, _ := db.DataChanged(ctx)
	w.onStoreChanged(n)
	h.drain()
	i = slices.IndexFunc(w.findings.findings, func(f check.Finding) bool { return f.Field == check.FieldTitle })
	if i < 0 {
		t.Fatal("the title's hamza is not listed after it came back")
	}
	test.Tap(findingRowAt(w, i).fixAll)
	h.idle()
	if got := h.stored(sampleSlug).Title; got != "سياسة استخدام منصة قلم" {
		t.Errorf("stored title %q after fix all", got)
	}
	w.onUndo()
	h.idle()
	if got := h.stored(sampleSlug).Title; got != title {
		t.Errorf("stored title %q after Undo of fix all, want %q", got, title)
	}
}

// F7 (Check content) works with the focus in the editor and with no
// focus: Fyne's desktop driver makes no shortcut of a bare function key,
// so the editor passes it to the window, which runs the menu's shortcut.
func TestWorkbenchFunctionKeyFromEditor(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	w.installNavigation()
	installMenu(h.win, w.menuActions())
	focusEditor(w, w.body)
	w.body.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF7})
	if w.side.cur != tabFindings {
		t.Fatal("F7 typed in the editor did not show the findings")
	}
	w.side.choose(tabPreview)
	h.win.Canvas().Unfocus()
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF7}) // as the driver delivers it
	if w.side.cur != tabFindings {
		t.Error("F7 with nothing focused did not show the findings")
	}
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	w.find.openFind()
	focusEditor(w, w.body)
	w.body.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.find.box.Visible() {
		t.Error("Escape no longer closes the find bar")
	}
}
