//go:build !nogui

package app

import (
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/publish/check"
	"github.com/qalam/policyeditor/storage"
)

// The review panels are self-contained widgets the workbench embeds beside
// the editor: the findings of the content checks, the comments of a
// section and the history with its word diff. They hold no store: the
// workbench gives them data and acts on their callbacks (off the UI
// goroutine for anything slow).

var loadReviewTranslations = sync.OnceValue(func() error {
	return lang.AddTranslationsFS(assets.Translations, "translations")
})

// uiLanguage is the language of the window's strings: "ar" or "en", as
// Fyne's lang chose it from the system locale.
func uiLanguage() string {
	if strings.HasPrefix(strings.ToLower(lang.SystemLocale().LanguageString()), "ar") {
		return "ar"
	}
	return "en"
}

// tr is a translated string with fmt arguments.
func tr(key string, a ...any) string {
	loadReviewTranslations() //nolint:errcheck // a missing file shows the keys, which a test catches
	s := lang.L(key)
	if len(a) == 0 {
		return s
	}
	return fmt.Sprintf(s, a...)
}

// rowRTL lays out a row with start at the reading start (the right in an
// RTL window), the middle filling the rest and end at the reading end.
func rowRTL(rtl bool, start, middle, end fyne.CanvasObject) *fyne.Container {
	if rtl {
		return container.NewBorder(nil, nil, end, start, middle)
	}
	return container.NewBorder(nil, nil, start, end, middle)
}

// findingsPanel lists the findings of a page: severity, place, message in
// the UI language and a button to apply the fix of one finding, or of all
// findings of its check.
type findingsPanel struct {
	// OnFix applies one finding's fix; OnFixCheck those of every finding
	// of a check; OnSelected shows a finding in the text.
	OnFix      func(check.Finding)
	OnFixCheck func(name string)
	OnSelected func(check.Finding)

	lang     string
	findings []check.Finding
	perCheck map[string]int // fixable findings per check
	summary  *richview.Label
	list     *widget.List
	root     *fyne.Container
	parts    map[*fyne.Container]*findingRow // the parts of each row the list made
}

func newFindingsPanel() *findingsPanel {
	p := &findingsPanel{lang: uiLanguage(), summary: richview.NewBoldLabel(tr("review.findings.none")),
		parts: map[*fyne.Container]*findingRow{}}
	p.list = widget.NewList(func() int { return len(p.findings) }, p.newRow, p.updateRow)
	p.list.OnSelected = func(i widget.ListItemID) {
		// unselected at once, so a second click on the same finding (after
		// the caret moved away) shows it again: the list does not call
		// OnSelected for the row already selected
		p.list.Unselect(i)
		if p.OnSelected != nil && i < len(p.findings) {
			p.OnSelected(p.findings[i])
		}
	}
	p.root = container.NewBorder(p.summary, nil, nil, nil, p.list)
	return p
}

// content is the panel to embed.
func (p *findingsPanel) content() fyne.CanvasObject { return p.root }

// setFindings shows fs (check.Page's findings). UI goroutine.
func (p *findingsPanel) setFindings(fs []check.Finding) {
	p.findings = fs
	p.perCheck = map[string]int{}
	errs := 0
	for _, f := range fs {
		if f.Fix != nil {
			p.perCheck[f.Check]++
		}
		if f.Severity == check.Error {
			errs++
		}
	}
	if len(fs) == 0 {
		p.summary.SetText(tr("review.findings.none"))
	} else {
		p.summary.SetText(tr("review.findings.summary", errs, len(fs)-errs))
	}
	p.list.UnselectAll()
	p.list.Refresh()
}

// findingRow is the objects of one row.
type findingRow struct {
	where, message *richview.Label
	fix, fixAll    *widget.Button
	count          *richview.Label // how many "fix all" fixes (beside it: a Fyne button misplaces digits in Arabic)
}

func (p *findingsPanel) newRow() fyne.CanvasObject {
	r := &findingRow{where: richview.NewBoldLabel(""), message: richview.NewLabel(""),
		fix: widget.NewButton(tr("review.fix"), nil), fixAll: widget.NewButton(tr("review.fixAll"), nil), count: richview.NewLabel("")}
	buttons := container.NewHBox(r.fix, r.fixAll, r.count)
	if p.lang == "ar" {
		buttons = container.NewHBox(r.count, r.fixAll, r.fix)
	}
	// two lines, so that a narrow column still shows most of the message
	row := container.NewVBox(rowRTL(p.lang == "ar", r.where, layout.NewSpacer(), buttons), r.message)
	p.parts[row] = r
	return row
}

func (p *findingsPanel) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := p.parts[o.(*fyne.Container)]
	if r == nil || i >= len(p.findings) {
		return
	}
	f := p.findings[i]
	sev := tr("review.severity.warning")
	if f.Severity == check.Error {
		sev = tr("review.severity.error")
	}
	r.where.SetText(sev + " · " + findingPlace(f))
	r.message.SetText(langMark(p.lang) + check.Message(f, p.lang))
	r.fix.OnTapped = func() {
		if p.OnFix != nil {
			p.OnFix(f)
		}
	}
	r.fixAll.OnTapped = func() {
		if p.OnFixCheck != nil {
			p.OnFixCheck(f.Check)
		}
	}
	showIf(r.fix, f.Fix != nil)
	n := p.perCheck[f.Check]
	r.count.SetText(fmt.Sprint(n))
	showIf(r.fixAll, f.Fix != nil && n > 1)
	showIf(r.count, f.Fix != nil && n > 1)
}

// langMark is the invisible mark that lays a message out in the UI
// language's direction even when it starts with a quoted word of the
// other script (an English message that begins «إستخدام …»).
func langMark(lang string) string {
	if lang == "ar" {
		return "\u200f" // RLM
	}
	return "\u200e" // LRM
}

func findingPlace(f check.Finding) string {
	switch {
	case f.Field == check.FieldTitle:
		return tr("review.where.title")
	case f.Field == check.FieldDate:
		return tr("review.where.date")
	}
	return tr("review.where.section", f.Section+1, f.Line, f.Col)
}

func showIf(o fyne.CanvasObject, show bool) {
	if show {
		o.Show()
	} else {
		o.Hide()
	}
}

// commentsPanel lists the comments of a page (or of one section): author,
// time, text, and a button to resolve each open one; the add button asks
// the workbench for the text (it has the right-to-left editor).
type commentsPanel struct {
	OnResolve func(storage.Comment)
	OnAdd     func()
	// OnFilter is called when "all sections" or "resolved too" is ticked
	// or unticked.
	OnFilter func()

	lang     string
	comments []storage.Comment
	list     *widget.List
	empty    *richview.Label
	add      *widget.Button
	// allSections lists the comments of every section, not only the
	// selected one's; resolved lists resolved comments too.
	allSections, resolved *checkBox
	root                  *fyne.Container
	parts                 map[*fyne.Container]*commentRow
}

type commentRow struct {
	head, text *richview.Label
	resolve    *widget.Button
}

func newCommentsPanel() *commentsPanel {
	p := &commentsPanel{lang: uiLanguage(), empty: richview.NewLabel(tr("review.comments.none")),
		parts: map[*fyne.Container]*commentRow{}}
	p.add = widget.NewButton(tr("review.comments.add"), func() {
		if p.OnAdd != nil {
			p.OnAdd()
		}
	})
	filter := func(bool) {
		if p.OnFilter != nil {
			p.OnFilter()
		}
	}
	p.allSections = newCheckBox(tr("review.comments.allSections"), filter)
	p.resolved = newCheckBox(tr("review.comments.showResolved"), filter)
	p.list = widget.NewList(func() int { return len(p.comments) }, p.newRow, p.updateRow)
	p.root = container.NewBorder(container.NewVBox(p.add, container.NewGridWithColumns(2, p.allSections, p.resolved), p.empty),
		nil, nil, nil, p.list)
	return p
}

func (p *commentsPanel) content() fyne.CanvasObject { return p.root }

// setComments shows cs. UI goroutine.
func (p *commentsPanel) setComments(cs []storage.Comment) {
	p.comments = cs
	open := 0
	for _, c := range cs {
		if !c.Resolved {
			open++
		}
	}
	showIf(p.empty, len(cs) == 0)
	p.list.Refresh()
}

func (p *commentsPanel) newRow() fyne.CanvasObject {
	r := &commentRow{head: richview.NewBoldLabel(""), text: richview.NewLabel(""), resolve: widget.NewButton(tr("review.comments.resolve"), nil)}
	row := rowRTL(p.lang == "ar", nil, container.NewVBox(r.head, r.text), r.resolve)
	p.parts[row] = r
	return row
}

func (p *commentsPanel) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := p.parts[o.(*fyne.Container)]
	if r == nil || i >= len(p.comments) {
		return
	}
	c := p.comments[i]
	where := tr("review.comments.deleted")
	if c.SectionPosition >= 0 {
		where = tr("review.comments.on", c.SectionPosition+1)
	}
	head := where + " · " + c.Author + " · " + c.At.Local().Format("2006-01-02 15:04")
	if c.Resolved {
		head += " · " + tr("review.comments.resolved", c.ResolvedBy)
	}
	r.head.SetText(head)
	r.text.SetText(c.Text)
	r.resolve.OnTapped = func() {
		if p.OnResolve != nil {
			p.OnResolve(c)
		}
	}
	showIf(r.resolve, !c.Resolved)
}
