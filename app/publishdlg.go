//go:build !nogui

package app

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/publish/diff"
	"github.com/qalam/policyeditor/storage"
)

// publishService is what the publish dialog needs: the targets, what
// publishing a page to one would do, and the publishing itself.
type publishService interface {
	Targets(ctx context.Context) ([]storage.Target, error)
	Review(ctx context.Context, slug, target string) (publishReview, error)
	Publish(ctx context.Context, req publishRequest) (deploy.Result, error)
}

// publishRequest is one publish the user confirmed.
type publishRequest struct {
	Slug, Target string
	// Minor publishes a correction: the last-updated date is kept.
	Minor bool
}

// publishReview is everything the dialog shows before publishing. Parts
// the store cannot give yet (the review workflow lands separately) say so
// with Known false, and the dialog tells the user instead of guessing.
type publishReview struct {
	Page   storage.Page
	Target storage.Target
	// Live is the last publication of the page to the target; nil if none.
	Live *storage.Publication
	// Changes are the sections that differ from Live (all of them for a
	// first publication).
	Changes []diff.SectionChange
	// Old is the page as Live has it (empty for a first publication).
	Old      storage.Page
	Approval approvalState
	Checks   checkState
	Comments commentState
	// Correction: whether a correction (date kept) is possible and the
	// default; Today is the date a material change stamps.
	Correction correctionState
	Today      time.Time
	// URL is the page's public address on the target, "" if the target
	// has none.
	URL string
}

type approvalState struct {
	Known    bool // the store records approvals
	Approved bool // the current content is approved
	// Stale: approved once, but the content changed since (or the page
	// went back to draft): the approval does not count.
	Stale    bool
	By       string // the newest approval's person and time, if any
	At       time.Time
	Required bool // the target refuses pages that are not approved
}

type checkState struct {
	Known    bool // the content checks ran
	Findings []finding
}

// finding is one result of the content checks.
type finding struct {
	Error     bool // blocks publishing; false: a warning
	Section   int  // position of the section, -1 for the page
	Line, Col int  // 1-based, 0 when not known
	Check     string
	Message   string // in the UI language
}

type commentState struct {
	Known bool
	Open  []openComment
}

type openComment struct {
	Section int
	Author  string
	At      time.Time
	Text    string
}

type correctionState struct {
	Known   bool // the publisher can keep the date for a correction
	Default bool // the differences are all typography: default to a correction
}

// errorCount is how many findings block publishing.
func (c checkState) errorCount() int {
	n := 0
	for _, f := range c.Findings {
		if f.Error {
			n++
		}
	}
	return n
}

// blockReason says why the review cannot be published; "" if it can.
func (r publishReview) blockReason() string {
	if n := r.Checks.errorCount(); n > 0 {
		return lang.X("publish.blocked.errors", "Publishing is blocked: the content checks found {{.Count}} error(s). Fix them first (Show goes to each).",
			map[string]any{"Count": n})
	}
	if r.Approval.Required && !r.Approval.Approved {
		return lang.X("publish.blocked.approval", "Publishing is blocked: the target {{.Target}} requires approval and this version is not approved. Submit it for review and ask a reviewer to approve it.",
			map[string]any{"Target": r.Target.Name})
	}
	return ""
}

// publishScreen is the publish dialog of one page.
type publishScreen struct {
	ctx        context.Context
	svc        publishService
	win        fyne.Window
	app        fyne.App
	slug       string
	background func(func())
	// showFinding moves the editor to a finding; nil hides the Show buttons.
	showFinding func(finding)

	targets []storage.Target
	review  *publishReview

	targetSelect *widget.Select
	details      *fyne.Container
	diffView     *richview.View
	kind         *radioGroup
	reason       *uiText
	pageTitle    *richview.Label
	dates        *uiText
	progress     *widget.ProgressBarInfinite
	publishBtn   *widget.Button
	cancelBtn    *widget.Button
	dlg          *dialog.CustomDialog
}

func newPublishScreen(ctx context.Context, a fyne.App, win fyne.Window, svc publishService, slug string) *publishScreen {
	s := &publishScreen{ctx: ctx, app: a, svc: svc, win: win, slug: slug, background: func(f func()) { go f() }}
	s.targetSelect = widget.NewSelect(nil, s.onTarget)
	s.targetSelect.PlaceHolder = lang.X("publish.target.choose", "Choose a target")
	s.details = container.NewVBox()
	s.diffView = richview.NewView()
	s.kind = newRadioGroup([]string{
		lang.X("publish.kind.material", "Material change: the last-updated date becomes today"),
		lang.X("publish.kind.correction", "Correction: keep the last-updated date"),
	}, nil)
	s.kind.Disable()
	s.reason = newBoldUIText("")
	s.pageTitle = richview.NewBoldLabel(slug)
	s.dates = newUIText("")
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Hide()
	s.progress.Stop()
	s.publishBtn = widget.NewButton(lang.X("publish.button", "Publish"), s.onPublish)
	s.publishBtn.Importance = widget.HighImportance
	s.publishBtn.Disable()
	s.cancelBtn = widget.NewButton(lang.X("common.cancel", "Cancel"), s.onCancel)
	return s
}

// content: the page and the target at the top, the choice and the reason
// at the bottom, the review (status, checks, comments, the diff) scrolling
// between them.
func (s *publishScreen) content() fyne.CanvasObject {
	top := container.NewVBox(
		s.pageTitle,
		beside(widget.NewLabel(lang.X("publish.target", "Target")), s.targetSelect),
	)
	bottom := container.NewVBox(s.kind, s.dates, s.reason, s.progress)
	return container.NewBorder(top, bottom, nil, nil, container.NewVScroll(container.NewVBox(s.details, s.diffView)))
}

// show opens the dialog and loads the targets.
func (s *publishScreen) show() {
	s.dlg = newDialog(lang.X("publish.title", "Publish the page"),
		s.content(), s.win, s.cancelBtn, s.publishBtn)
	s.dlg.Resize(fyne.NewSize(760, 640))
	s.dlg.Show()
	s.loadTargets()
}

func (s *publishScreen) onCancel() { s.dlg.Hide() }

func (s *publishScreen) loadTargets() {
	s.background(func() {
		ts, err := s.svc.Targets(s.ctx)
		fyne.Do(func() {
			if err != nil {
				showError(s.win, fmt.Errorf("list targets: %w", err))
				return
			}
			s.targets = ts
			var names []string
			for _, t := range ts {
				names = append(names, t.Name)
			}
			s.targetSelect.SetOptions(names)
			if len(names) > 0 {
				s.targetSelect.SetSelectedIndex(indexOf(names, deploy.DefaultTargetName))
			}
		})
	})
}

func (s *publishScreen) onTarget(name string) {
	s.review = nil
	s.publishBtn.Disable()
	s.details.Objects = []fyne.CanvasObject{newUIText(lang.X("publish.loading", "Reading the page and what is live…"))}
	s.details.Refresh()
	s.background(func() {
		r, err := s.svc.Review(s.ctx, s.slug, name)
		fyne.Do(func() {
			if s.targetSelect.Selected != name {
				return // another target was chosen meanwhile
			}
			if err != nil {
				s.details.Objects = nil
				s.details.Refresh()
				showError(s.win, err)
				return
			}
			s.showReview(r)
		})
	})
}

// showReview fills the dialog from r and enables Publish unless r is
// blocked, in which case the reason is shown instead.
func (s *publishScreen) showReview(r publishReview) {
	s.review = &r
	s.pageTitle.SetText(r.Page.Title + " (" + r.Page.Slug + ")")
	s.details.Objects = []fyne.CanvasObject{
		s.statusLine(r), s.approvalLine(r),
		heading(lang.X("publish.checks", "Content checks")), s.checksBox(r),
		heading(lang.X("publish.comments", "Open comments")), s.commentsBox(r),
		heading(lang.X("publish.changes", "Changes")), newUIText(s.changesLine(r)),
	}
	s.details.Refresh()
	s.diffView.SetDoc(diffDoc(r.Old, r.Page, uiLanguage()))
	s.setKind(r)
	if why := r.blockReason(); why != "" {
		s.reason.SetText(why)
		s.reason.Show()
		s.publishBtn.Disable()
		return
	}
	s.reason.SetText("")
	s.reason.Hide()
	s.publishBtn.Enable()
}

func (s *publishScreen) statusLine(r publishReview) fyne.CanvasObject {
	return newUIText(lang.X("publish.status", "Status: {{.Status}}", map[string]any{"Status": statusText(r.Page.Status)}))
}

// statusText words a page status in the UI language.
func statusText(st storage.PageStatus) string {
	switch st {
	case storage.StatusInReview:
		return lang.X("status.inreview", "in review")
	case storage.StatusApproved:
		return lang.X("status.approved", "approved")
	case storage.StatusPublished:
		return lang.X("status.published", "published")
	}
	return lang.X("status.draft", "draft")
}

func (s *publishScreen) approvalLine(r publishReview) fyne.CanvasObject {
	a := r.Approval
	switch {
	case !a.Known:
		return newUIText(lang.X("publish.approval.unknown", "Approvals are not recorded by this version; make sure a reviewer has read this version."))
	case a.Approved:
		return newUIText(lang.X("publish.approval.yes", "Approved by {{.By}} on {{.At}}.", map[string]any{"By": a.By, "At": timeText(a.At)}))
	case a.Stale:
		return newUIText(lang.X("publish.approval.stale", "{{.By}} approved it on {{.At}}, but it changed since: that approval no longer counts.", map[string]any{"By": a.By, "At": timeText(a.At)}))
	case a.Required:
		return newUIText(lang.X("publish.approval.required", "Not approved; the target requires approval."))
	}
	return newUIText(lang.X("publish.approval.no", "Not approved (the target does not require it)."))
}

func (s *publishScreen) checksBox(r publishReview) fyne.CanvasObject {
	c := r.Checks
	if !c.Known {
		return newUIText(lang.X("publish.checks.unknown", "The content checks are not available in this version: read the page through before publishing."))
	}
	errs, warns := c.errorCount(), len(c.Findings)-c.errorCount()
	box := container.NewVBox(newUIText(lang.X("publish.checks.summary", "{{.Errors}} error(s), {{.Warnings}} warning(s).",
		map[string]any{"Errors": errs, "Warnings": warns})))
	for _, f := range c.Findings {
		if f.Error {
			box.Add(s.findingRow(f))
		}
	}
	return box
}

func (s *publishScreen) findingRow(f finding) fyne.CanvasObject {
	where := lang.X("publish.finding.where", "section {{.Section}}, line {{.Line}}", map[string]any{"Section": f.Section + 1, "Line": f.Line})
	text := richview.NewLabel(where + " — " + f.Message)
	if s.showFinding == nil {
		return text
	}
	show := widget.NewButton(lang.X("publish.finding.show", "Show"), func() { s.onShowFinding(f) })
	show.Importance = widget.LowImportance
	return beside(show, text)
}

func (s *publishScreen) onShowFinding(f finding) {
	s.dlg.Hide()
	s.showFinding(f)
}

func (s *publishScreen) commentsBox(r publishReview) fyne.CanvasObject {
	c := r.Comments
	switch {
	case !c.Known:
		return newUIText(lang.X("publish.comments.unknown", "Comments are not available in this version."))
	case len(c.Open) == 0:
		return newUIText(lang.X("publish.comments.none", "No open comments."))
	}
	box := container.NewVBox()
	for _, oc := range c.Open {
		who := lang.X("publish.comment.who", "{{.Author}}, section {{.Section}}:", map[string]any{"Author": oc.Author, "Section": oc.Section + 1})
		box.Add(richview.NewLabel(who + " " + oc.Text))
	}
	return box
}

func (s *publishScreen) changesLine(r publishReview) string {
	ins, del := diffCounts(r.Changes)
	n := len(changedSections(r.Changes))
	if r.Live == nil {
		return lang.X("publish.changes.first", "First publication to this target: {{.Sections}} section(s).", map[string]any{"Sections": n})
	}
	if n == 0 {
		return lang.X("publish.changes.none", "No changes since version {{.Number}}, published {{.At}} by {{.Author}}.",
			map[string]any{"Number": r.Live.Number, "At": timeText(r.Live.At), "Author": r.Live.Author})
	}
	return lang.X("publish.changes.since", "{{.Sections}} section(s) changed since version {{.Number}} ({{.At}}, {{.Author}}): {{.Inserted}} word(s) added, {{.Deleted}} removed. Added words are bold, removed ones struck through.",
		map[string]any{"Sections": n, "Number": r.Live.Number, "At": timeText(r.Live.At), "Author": r.Live.Author, "Inserted": ins, "Deleted": del})
}

// setKind offers the choice between a material change and a correction,
// with the dates each one shows.
func (s *publishScreen) setKind(r publishReview) {
	dates := lang.X("publish.kind.dates", "Date shown now: {{.Current}}. A material change shows {{.Today}}.",
		map[string]any{"Current": dateText(r.Page.LastUpdated), "Today": dateText(r.Today)})
	if !r.Correction.Known {
		dates += " " + lang.X("publish.kind.unavailable", "This version stamps today's date whenever the content changed.")
	}
	s.dates.SetText(dates)
	s.kind.SetSelected(s.kind.Options[0])
	if r.Correction.Known && r.Correction.Default {
		s.kind.SetSelected(s.kind.Options[1])
	}
	if r.Correction.Known {
		s.kind.Enable()
	} else {
		s.kind.Disable()
	}
	s.kind.Refresh()
}

// dateText is a page date as the UI shows it, or "none".
func dateText(d time.Time) string {
	if d.IsZero() {
		return lang.X("publish.date.none", "none")
	}
	if uiRTL.Load() {
		return d.Format("02/01/2006")
	}
	return d.Format("2006-01-02")
}

// timeText is a moment in local time as the UI shows it. Arabic text
// writes dates day/month/year with slashes: the bidi algorithm keeps
// such a date in one piece next to Arabic letters, where it would show
// 2023-07-17 as 17-07-2023.
func timeText(t time.Time) string {
	t = t.Local()
	if uiRTL.Load() {
		return t.Format("02/01/2006 15:04")
	}
	return t.Format("2006-01-02 15:04")
}

func (s *publishScreen) minor() bool {
	return len(s.kind.Options) > 1 && s.kind.Selected == s.kind.Options[1]
}

func (s *publishScreen) onPublish() {
	if s.review == nil || s.review.blockReason() != "" {
		return
	}
	r := *s.review
	req := publishRequest{Slug: s.slug, Target: r.Target.Name, Minor: s.minor()}
	s.publishBtn.Disable()
	s.cancelBtn.Disable()
	s.progress.Show()
	s.progress.Start()
	s.background(func() {
		res, err := s.svc.Publish(s.ctx, req)
		fyne.Do(func() {
			s.progress.Stop()
			s.progress.Hide()
			s.cancelBtn.Enable()
			if err != nil {
				s.publishBtn.Enable()
				showError(s.win, err)
				return
			}
			s.dlg.Hide()
			showPublishResult(s.app, s.win, res, r.URL)
		})
	})
}

// publishResultText words what a publish did.
func publishResultText(res deploy.Result) string {
	pub := res.Publication
	data := map[string]any{"Slug": pub.Slug, "Target": pub.TargetName, "Number": pub.Number, "Hash": shortHash(pub.Hash)}
	switch {
	case res.Unchanged:
		return lang.X("publish.result.unchanged", "{{.Slug}} on {{.Target}} is unchanged (version {{.Number}}, {{.Hash}}); nothing was written.", data)
	case res.Restored:
		return lang.X("publish.result.restored", "{{.Slug}} was written to {{.Target}} again: the live file had been changed or deleted (version {{.Number}}, {{.Hash}}).", data)
	}
	return lang.X("publish.result.done", "Published {{.Slug}} to {{.Target}}: version {{.Number}} ({{.Hash}}).", data)
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// showPublishResult tells the user what happened, in the window and as a
// desktop notification, with a button to open the live page when the
// target has a public address.
func showPublishResult(a fyne.App, win fyne.Window, res deploy.Result, pageURL string) {
	text := publishResultText(res)
	a.SendNotification(fyne.NewNotification(lang.X("publish.result.title", "Published"), text))
	var d interface{ Hide() }
	buttons := []fyne.CanvasObject{widget.NewButton(lang.X("common.close", "Close"), func() { d.Hide() })}
	if u, err := url.Parse(pageURL); err == nil && pageURL != "" {
		open := widget.NewButton(lang.X("publish.result.open", "Open live page"), func() {
			if err := a.OpenURL(u); err != nil {
				showError(win, err)
			}
		})
		open.Importance = widget.HighImportance
		buttons = append(buttons, open)
	}
	body := newUIText(text)
	dlg := newDialog(lang.X("publish.result.title", "Published"), body, win, buttons...)
	dlg.Resize(fyne.NewSize(520, 0))
	d = dlg
	dlg.Show()
}
