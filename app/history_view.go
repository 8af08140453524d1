//go:build !nogui

package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/editor/textedit"
	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/storage"
)

// historyView lists the draft and its kept revisions (number, time,
// person, kind, note) and compares two of them word by word in the
// page's direction: the version tapped in the list with the draft or,
// with "Compare with the draft" unticked, with the version tapped before
// it (the two are marked in the list), older → newer, deleted
// words struck through on the deletion highlight, inserted ones bold on
// the insertion highlight, moved sections named, unchanged ones collapsed.
// It holds no store: OnSnapshot and OnRestore ask for the writes.
type historyView struct {
	// OnSnapshot keeps the draft as a revision with note ("" for none).
	OnSnapshot func(note string)
	// OnRestore makes a revision the draft (after a confirmation).
	OnRestore func(storage.Revision)

	lang     string
	versions []version          // the draft first, then revisions newest first
	revs     []storage.Revision // revs[i-1] is versions[i]
	picked   int                // the version tapped last
	against  int                // the version it is compared with: the draft, or the one tapped before
	from, to int                // what the diff shows: from is the older (higher index)

	list      *widget.List
	caption   *richview.Label
	status    *richview.Label
	withDraft *widget.Check // compare with the draft
	unchanged *widget.Check
	restore   *widget.Button
	note      *textedit.Editor
	snapshot  *widget.Button
	diff      *richview.View
	root      fyne.CanvasObject
	parts     map[*fyne.Container]*historyRow
}

func newHistoryView() *historyView {
	h := &historyView{lang: uiLanguage(), caption: richview.NewBoldLabel(tr("review.history.pick")),
		status: richview.NewLabel(""), diff: richview.NewView(), parts: map[*fyne.Container]*historyRow{}}
	h.list = widget.NewList(func() int { return len(h.versions) }, h.newRow, h.updateRow)
	h.list.OnSelected = h.onSelected
	h.withDraft = widget.NewCheck(lang.X("history.revisions.withdraft", "Compare with the draft"), h.onWithDraft)
	h.withDraft.Checked = true
	h.unchanged = widget.NewCheck(lang.X("history.revisions.unchanged", "Show unchanged sections"), func(bool) { h.show() })
	h.restore = widget.NewButton(lang.X("history.revisions.restore", "Restore this revision…"), h.onRestore)
	h.restore.Importance = widget.DangerImportance
	h.restore.Disable()
	h.note = textedit.NewSingleLine()
	h.note.SetPlaceholder(lang.X("history.revisions.note", "Note for a snapshot (what this version is)"))
	h.snapshot = widget.NewButton(lang.X("history.revisions.snapshot", "Keep a snapshot now"), h.onSnapshot)
	rtl := h.lang == "ar"
	tools := rowRTL(rtl, container.NewHBox(h.withDraft, h.unchanged), nil, h.restore)
	if rtl {
		tools = rowRTL(rtl, container.NewHBox(h.unchanged, h.withDraft), nil, h.restore)
	}
	top := container.NewVBox(h.caption, tools)
	right := container.NewBorder(top, nil, nil, nil, container.NewVScroll(h.diff))
	keep := container.NewVBox(h.note, rowRTL(rtl, nil, nil, h.snapshot), h.status)
	left := container.NewBorder(heading(lang.X("history.revisions.list", "Draft and revisions")), keep, nil, nil, h.list)
	split := container.NewHSplit(right, left) // the list at the reading start: on the right
	split.Offset = 0.68
	if !rtl {
		split = container.NewHSplit(left, right)
		split.Offset = 0.32
	}
	h.root = split
	return h
}

func (h *historyView) content() fyne.CanvasObject { return h.root }

// setHistory shows the draft and its revisions (newest first, as
// FindRevisions returns them) and compares the newest revision with the
// draft. UI goroutine.
func (h *historyView) setHistory(draft storage.Page, revs []storage.Revision) {
	h.revs = revs
	h.versions = []version{{draftLabel(draft, revs), draft}}
	for _, r := range revs {
		h.versions = append(h.versions, version{revisionLine(r), r.Page})
	}
	h.list.Refresh()
	h.picked, h.against = min(1, len(h.versions)-1), 0
	h.list.UnselectAll()
	h.compare()
}

// draftLabel names the draft, and the revision that holds it when one does.
func draftLabel(draft storage.Page, revs []storage.Revision) string {
	hash := storage.ContentHash(draft)
	for _, r := range revs {
		if r.Hash == hash {
			return lang.X("history.revisions.draftkept", "Draft (as kept in revision {{.Number}})", map[string]any{"Number": r.Number})
		}
	}
	return tr("review.history.draft")
}

// revisionLine is a revision's row: number, time, person, kind and note.
func revisionLine(r storage.Revision) string {
	return tr("review.history.revision", r.Number, r.CreatedAt.Local().Format("2006-01-02 15:04"), r.Author, kindNote(r))
}

// kindNote is why a revision was kept, and its note when that says more.
func kindNote(r storage.Revision) string {
	label := kindLabel(revisionKind(r.Note))
	if noteSaysMore(r) {
		return label + ": " + r.Note
	}
	return label
}

// noteSaysMore: the note of r tells more than its kind (a snapshot's own
// note, who approved, which revision was restored).
func noteSaysMore(r storage.Revision) bool {
	k := revisionKind(r.Note)
	return k == revSnapshot && r.Note != "" && r.Note != "snapshot" || k == revApproval || k == revRestore
}

// revKind is why a revision was kept, as the history lists it.
type revKind int

// Revision kinds.
const (
	revSnapshot    revKind = iota // kept by someone, with a note of their own
	revImport                     // the import (revision 1), or the draft before import --into
	revApproval                   // the page as it was approved
	revPublication                // the page as it was published (or a correction)
	revFix                        // the draft before the safe fixes were applied
	revRestore                    // the draft before an old revision was restored
)

// revisionKind tells a revision's kind from the note its maker gave it
// (the notes are written by the import, the review flow, the publisher,
// fix, restore and import --into; anything else is a snapshot).
func revisionKind(note string) revKind {
	switch {
	case note == "import" || note == noteBeforeImport:
		return revImport
	case strings.HasPrefix(note, "approved by "):
		return revApproval
	case note == "publish" || note == deploy.NoteCorrection:
		return revPublication
	case note == noteBeforeFix:
		return revFix
	case strings.HasPrefix(note, "before restore"):
		return revRestore
	}
	return revSnapshot
}

func kindLabel(k revKind) string {
	switch k {
	case revImport:
		return lang.X("history.kind.import", "import")
	case revApproval:
		return lang.X("history.kind.approval", "approval")
	case revPublication:
		return lang.X("history.kind.publication", "publication")
	case revFix:
		return lang.X("history.kind.fix", "before the fixes")
	case revRestore:
		return lang.X("history.kind.restore", "before a restore")
	}
	return lang.X("history.kind.snapshot", "snapshot")
}

// onSelected compares the tapped version with the draft, or with the
// version tapped before it.
func (h *historyView) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(h.versions) || i == h.picked && h.withDraft.Checked {
		return
	}
	prev := h.picked
	h.picked = i
	if !h.withDraft.Checked && prev != i {
		h.against = prev
	}
	h.compare()
}

// onWithDraft: ticked, the picked version is compared with the draft;
// unticked, with the version before it (what that revision changed) until
// another is tapped.
func (h *historyView) onWithDraft(on bool) {
	h.against = 0
	if !on {
		h.against = min(h.picked+1, len(h.versions)-1)
	}
	h.compare()
}

// compare shows the picked version against the chosen one, the older
// first; a version compared with itself is compared with the one before
// it instead.
func (h *historyView) compare() {
	if len(h.versions) == 0 {
		return
	}
	a, b := h.picked, h.against
	if a == b {
		b = a + 1
		if b >= len(h.versions) {
			b = a - 1
		}
		b = max(b, 0)
	}
	h.from, h.to = max(a, b), min(a, b)
	if h.picked > 0 {
		h.restore.Enable()
	} else {
		h.restore.Disable()
	}
	h.show()
	h.list.Refresh()
}

// show draws the diff of the versions compared.
func (h *historyView) show() {
	if len(h.versions) == 0 {
		return
	}
	if len(h.versions) == 1 {
		h.caption.SetText(lang.X("history.revisions.none", "No revision is kept yet: keep a snapshot to compare with later."))
		h.diff.SetDoc(document.Doc{})
		return
	}
	from, to := h.versions[h.from], h.versions[h.to]
	h.caption.SetText(tr("review.history.compare", from.label, to.label))
	h.diff.SetDoc(diffDocWith(from.page, to.page, h.lang, h.unchanged.Checked))
}

func (h *historyView) onRestore() {
	if h.picked < 1 || h.picked > len(h.revs) || h.OnRestore == nil {
		return
	}
	h.OnRestore(h.revs[h.picked-1])
}

func (h *historyView) onSnapshot() {
	if h.OnSnapshot != nil {
		h.OnSnapshot(h.note.Text())
	}
}

// setStatus says what the last action did.
func (h *historyView) setStatus(s string) { h.status.SetText(s) }

// historyRow is one row of the list: what the version is, then when, by
// whom and the note.
type historyRow struct {
	head, info *richview.Label
}

func (h *historyView) newRow() fyne.CanvasObject {
	r := &historyRow{head: richview.NewBoldLabel(""), info: richview.NewLabel("")}
	row := container.NewVBox(r.head, r.info)
	h.parts[row] = r
	return row
}

func (h *historyView) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := h.parts[o.(*fyne.Container)]
	if r == nil || i >= len(h.versions) {
		return
	}
	mark := ""
	if i == h.from || i == h.to {
		mark = "• "
	}
	if i == 0 {
		r.head.SetText(mark + h.versions[0].label)
		r.info.SetText("")
		return
	}
	rev := h.revs[i-1]
	r.head.SetText(mark + lang.X("history.revisions.rowhead", "Revision {{.Number}} · {{.Kind}}",
		map[string]any{"Number": rev.Number, "Kind": kindLabel(revisionKind(rev.Note))}))
	info := lang.X("history.revisions.rowinfo", "kept by {{.Author}} on {{.At}}",
		map[string]any{"Author": rev.Author, "At": rev.CreatedAt.Local().Format("2006-01-02 15:04")})
	if noteSaysMore(rev) {
		info += " · " + rev.Note
	}
	r.info.SetText(info)
}
