//go:build !nogui

package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/storage"
)

func newTestPublishScreen(e *screenEnv, svc *publisherService) *publishScreen {
	s := newPublishScreen(e.ctx, e.app, e.win, svc, sampleSlug)
	s.background = inline
	return s
}

// TestPublishDialogApprovedPage: an approved page on the default target
// can be published; the dialog shows its status, that this is its first
// publication and the whole page as added text; publishing writes the page,
// says so with a notification and offers the live page at the target's URL.
// Opened again, it shows that nothing changed since.
func TestPublishDialogApprovedPage(t *testing.T) {
	e := newScreenEnv(t)
	site, err := e.db.FindTarget(e.ctx, "site")
	if err != nil {
		t.Fatal(err)
	}
	site.URL = "https://qlmlearn.com/{slug}/"
	if err := e.db.UpdateTarget(e.ctx, "site", &site); err != nil {
		t.Fatal(err)
	}
	approve(t, e, sampleSlug)
	svc := newPublisherService(e.db, "sara")
	svc.check = func(storage.Page) []finding {
		return []finding{{Error: false, Section: 1, Line: 2, Check: "hamza-wasl", Message: "إستخدام → استخدام"}}
	}
	s := newTestPublishScreen(e, svc)
	s.show()

	c := e.win.Canvas()
	if s.targetSelect.Selected != "site" || s.review == nil {
		t.Fatalf("target %q selected, review loaded %v; want the default target site", s.targetSelect.Selected, s.review != nil)
	}
	if s.publishBtn.Disabled() || s.reason.Visible() {
		t.Fatalf("Publish disabled (%v) with reason %q for an approved page without errors", s.publishBtn.Disabled(), s.reason.Text())
	}
	shows(t, c, "Status: approved")
	shows(t, c, "Approved by huda on ")
	shows(t, c, "0 error(s), 1 warning(s).")
	shows(t, c, "First publication to this target: 8 section(s).")
	if inserted := spansOf(s.diffView.Doc(), func(sp document.Span) bool { return sp.Bold }); inserted < 8 {
		t.Errorf("the diff of a first publication marks %d spans as added, want every section's text", inserted)
	}
	if s.kind.Disabled() != !s.review.Correction.Known {
		t.Errorf("the correction choice is enabled = %v though the publisher supports corrections = %v", !s.kind.Disabled(), s.review.Correction.Known)
	}

	test := button(t, c, lang.X("publish.button", "Publish"))
	test.OnTapped()
	body, err := os.ReadFile(filepath.Join(e.site, sampleSlug, "index.html"))
	if err != nil || !strings.Contains(string(body), "أولاً") {
		t.Fatalf("published page: %v, %d bytes", err, len(body))
	}
	shows(t, c, "Published privacy-policy to site: version 1")
	button(t, c, "Open live page").OnTapped()
	if len(e.app.opened) != 1 || e.app.opened[0] != "https://qlmlearn.com/privacy-policy/" {
		t.Errorf("opened %q, want the page's public URL", e.app.opened)
	}
	button(t, c, "Close").OnTapped()

	again := newTestPublishScreen(e, svc)
	again.show()
	shows(t, c, "No changes since version 1")
	if again.publishBtn.Disabled() {
		t.Error("Publish is disabled for an unchanged page; publishing it again is allowed (it writes nothing)")
	}
}

// TestPublishDialogBlockedByErrors: a page whose content checks find an
// error cannot be published: the button is disabled, the reason says how
// many errors and what to do, each error is listed with a Show button
// that takes the editor there, and nothing is written.
func TestPublishDialogBlockedByErrors(t *testing.T) {
	e := newScreenEnv(t)
	approve(t, e, sampleSlug)
	svc := newPublisherService(e.db, "sara")
	bad := finding{Error: true, Section: 2, Line: 3, Col: 7, Check: "bidi-control", Message: "U+202E في النص"}
	svc.check = func(storage.Page) []finding {
		return []finding{bad, {Error: false, Section: 0, Line: 1, Check: "spaces", Message: "مسافتان"}}
	}
	s := newTestPublishScreen(e, svc)
	var shown []finding
	s.showFinding = func(f finding) { shown = append(shown, f) }
	s.show()

	if !s.publishBtn.Disabled() {
		t.Fatal("Publish is enabled for a page with a content error")
	}
	if !s.reason.Visible() || !strings.Contains(s.reason.Text(), "found 1 error(s)") {
		t.Errorf("reason = %q (visible %v), want the number of errors and what to do", s.reason.Text(), s.reason.Visible())
	}
	c := e.win.Canvas()
	shows(t, c, "1 error(s), 1 warning(s).")
	shows(t, c, "section 3, line 3 — U+202E في النص")
	s.onPublish() // a keyboard shortcut must not get past the block either
	if _, err := os.Stat(filepath.Join(e.site, sampleSlug)); !os.IsNotExist(err) {
		t.Errorf("something was published: %v", err)
	}
	button(t, c, "Show").OnTapped()
	if len(shown) != 1 || shown[0] != bad {
		t.Errorf("Show went to %v, want %v", shown, bad)
	}
	if c.Overlays().Top() != nil {
		t.Error("the dialog stays open after Show; the editor behind it must be reachable")
	}
}

// TestPublishDialogReviewState uses the real review parts: the content
// checks of the seed (warnings only), its open comments, and a target that
// requires approval, which blocks the page until a reviewer approves it;
// an edit after the approval blocks it again.
func TestPublishDialogReviewState(t *testing.T) {
	e := newScreenEnv(t)
	p, _ := e.db.FindPageBySlug(e.ctx, sampleSlug)
	c := storage.Comment{PageID: p.ID, SectionID: p.Sections[2].ID, Author: "huda", Text: "راجعي الفقرة الثانية"}
	if err := e.db.CreateComment(e.ctx, &c); err != nil {
		t.Fatal(err)
	}
	strict := storage.Target{Name: "strict", Kind: storage.TargetDir, Location: filepath.Join(t.TempDir(), "www"),
		Options: storage.TargetOptions{RequireApproval: true}}
	if err := e.db.CreateTarget(e.ctx, &strict); err != nil {
		t.Fatal(err)
	}
	svc := newPublisherService(e.db, "sara")
	open := func() *publishScreen {
		s := newTestPublishScreen(e, svc)
		s.show()
		s.targetSelect.SetSelected("strict")
		return s
	}
	s := open()
	cv := e.win.Canvas()
	shows(t, cv, "0 error(s), ")
	shows(t, cv, "huda, section 3: راجعي الفقرة الثانية")
	shows(t, cv, "Not approved; the target requires approval.")
	if !s.publishBtn.Disabled() || !strings.Contains(s.reason.Text(), "requires approval") {
		t.Fatalf("an unapproved page on a target that requires approval: Publish disabled %v, reason %q", s.publishBtn.Disabled(), s.reason.Text())
	}
	s.dlg.Hide()

	for _, a := range []storage.ReviewAction{storage.ActionSubmit, storage.ActionApprove} {
		if _, err := e.db.Review(e.ctx, p.ID, a, "huda", ""); err != nil {
			t.Fatal(err)
		}
	}
	s = open()
	shows(t, cv, "Approved by huda on ")
	if s.publishBtn.Disabled() {
		t.Fatalf("an approved page is blocked: %q", s.reason.Text())
	}
	s.onPublish()
	if _, err := os.Stat(filepath.Join(strict.Location, sampleSlug, "index.html")); err != nil {
		t.Fatalf("the approved page was not published: %v", err)
	}
	button(t, cv, "Close").OnTapped()

	body := p.Sections[1].Body + " تعديل بعد الاعتماد."
	if _, err := e.db.UpdateSection(e.ctx, p.Sections[1].ID, storage.SectionUpdate{Body: &body}); err != nil {
		t.Fatal(err)
	}
	s = open()
	if !s.publishBtn.Disabled() {
		t.Error("a page edited after its approval can be published to a target that requires approval")
	}
	shows(t, cv, "huda approved it on ")
}

// TestPublishCorrection: after a typography-only fix the dialog proposes a
// correction, which keeps the last-updated date; choosing a material
// change instead stamps today's.
func TestPublishCorrection(t *testing.T) {
	e := newScreenEnv(t)
	svc := newPublisherService(e.db, "sara")
	first, err := svc.Publish(e.ctx, publishRequest{Slug: sampleSlug, Target: "site"})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := e.db.FindPageBySlug(e.ctx, sampleSlug)
	stamped := p.LastUpdated
	var sec storage.Section
	for _, x := range p.Sections {
		if strings.Contains(x.Body, "إستخدام") {
			sec = x
			break
		}
	}
	if sec.ID == uuid.Nil {
		t.Fatal("the seed has no إستخدام")
	}
	fixed := strings.Replace(sec.Body, "إستخدام", "استخدام", 1)
	if _, err := e.db.UpdateSection(e.ctx, sec.ID, storage.SectionUpdate{Body: &fixed}); err != nil {
		t.Fatal(err)
	}
	old := stamped.AddDate(0, 0, -30)
	if _, err := e.db.UpdatePage(e.ctx, p.ID, storage.PageUpdate{LastUpdated: &old}); err != nil {
		t.Fatal(err)
	}
	s := newTestPublishScreen(e, svc)
	s.show()
	if s.kind.Disabled() || !s.minor() {
		t.Fatalf("a hamza fix: the choice is disabled %v, correction chosen %v; want a correction proposed", s.kind.Disabled(), s.minor())
	}
	s.onPublish()
	p, _ = e.db.FindPageBySlug(e.ctx, sampleSlug)
	pubs, _ := svc.History(e.ctx, sampleSlug)
	if !p.LastUpdated.Equal(old) || pubs[0].Note != deploy.NoteCorrection || pubs[0].Number != first.Publication.Number+1 {
		t.Errorf("after a correction: date %v (want %v kept), note %q", p.LastUpdated, old, pubs[0].Note)
	}
	button(t, e.win.Canvas(), "Close").OnTapped()

	again := strings.Replace(fixed, "الإقتراحات", "الاقتراحات", 1)
	if _, err := e.db.UpdateSection(e.ctx, sec.ID, storage.SectionUpdate{Body: &again}); err != nil {
		t.Fatal(err)
	}
	s = newTestPublishScreen(e, svc)
	s.show()
	s.kind.SetSelected(s.kind.Options[0]) // material, against the proposal
	s.onPublish()
	p, _ = e.db.FindPageBySlug(e.ctx, sampleSlug)
	if p.LastUpdated.Equal(old) {
		t.Error("a material change kept the old date")
	}
}

// TestPublishDialogWithoutReviewStore: with a store that keeps no
// approvals or comments, the dialog says so instead of guessing.
func TestPublishDialogWithoutReviewStore(t *testing.T) {
	e := newScreenEnv(t)
	svc := newPublisherService(struct{ reviewStore }{e.db}, "sara")
	svc.check = nil
	s := newTestPublishScreen(e, svc)
	s.show()
	c := e.win.Canvas()
	shows(t, c, "The content checks are not available")
	shows(t, c, "Approvals are not recorded")
	shows(t, c, "Comments are not available")
	shows(t, c, "Status: draft")
}

// TestPublishDialogDiffSinceLive: after an edit, the diff shows the removed
// word struck through and the new one in bold.
func TestPublishDialogDiffSinceLive(t *testing.T) {
	e := newScreenEnv(t)
	svc := newPublisherService(e.db, "sara")
	if _, err := svc.Publish(e.ctx, publishRequest{Slug: sampleSlug, Target: "site"}); err != nil {
		t.Fatal(err)
	}
	p, _ := e.db.FindPageBySlug(e.ctx, sampleSlug)
	sec := p.Sections[1]
	body := strings.Replace(sec.Body, "المنصة", "المنصّة الجديدة", 1)
	if body == sec.Body {
		t.Fatal("the seed has no المنصة in section 2")
	}
	if _, err := e.db.UpdateSection(e.ctx, sec.ID, storage.SectionUpdate{Body: &body}); err != nil {
		t.Fatal(err)
	}
	s := newTestPublishScreen(e, svc)
	s.show()
	shows(t, e.win.Canvas(), "1 section(s) changed since version 1")
	doc := s.diffView.Doc()
	var ins, del []string
	for _, b := range doc.Blocks {
		for _, sp := range b.Spans {
			if sp.Bold {
				ins = append(ins, string(b.Text[sp.Start:sp.End]))
			}
			if sp.Strike {
				del = append(del, string(b.Text[sp.Start:sp.End]))
			}
		}
	}
	if strings.Join(del, "|") != "المنصة" || !strings.Contains(strings.Join(ins, "|"), "الجديدة") {
		t.Errorf("diff marks deleted %q and inserted %q, want المنصة struck and المنصّة الجديدة bold", del, ins)
	}
	if doc.Dir != storage.RTL {
		t.Errorf("the diff of an Arabic page is laid out %s", doc.Dir)
	}
}

func spansOf(d document.Doc, keep func(document.Span) bool) int {
	n := 0
	for _, b := range d.Blocks {
		for _, sp := range b.Spans {
			if keep(sp) {
				n++
			}
		}
	}
	return n
}

// TestPublishAll publishes every page to the chosen target with the
// progress bar moving as deploy reports each batch (8 pages here) up to
// the end, then says how many were written; a second run finds them
// unchanged.
func TestPublishAll(t *testing.T) {
	e := newScreenEnv(t)
	for i := 1; i <= 19; i++ { // with the sample, 20 pages: batches of 8 and 12
		other := storage.Page{Slug: fmt.Sprintf("terms-%d", i), Title: "Terms of use", Lang: "en", Dir: storage.LTR,
			Sections: []storage.Section{{Kind: storage.KindNumbered, Heading: "Use", Body: "Be kind."}}}
		if err := e.db.CreatePage(e.ctx, &other); err != nil {
			t.Fatal(err)
		}
	}
	svc := &progressRecorder{publisherService: newPublisherService(e.db, "sara")}
	s := newPublishAllScreen(e.ctx, e.win, svc)
	s.background = inline
	s.show()
	if s.targetSelect.Selected != "site" || s.startBtn.Disabled() {
		t.Fatalf("target %q, start disabled %v", s.targetSelect.Selected, s.startBtn.Disabled())
	}
	svc.screen = s
	button(t, e.win.Canvas(), "Publish all").OnTapped()
	if s.bar.Value != 1 || strings.Join(svc.seen, " ") != "8/20:0.40 20/20:1.00" {
		t.Errorf("progress went through %q (bar at the end %v), want 8/20:0.40 20/20:1.00", svc.seen, s.bar.Value)
	}
	if got := s.status.Text(); got != "20 page(s) published: 20 written, 0 unchanged." {
		t.Errorf("status = %q", got)
	}
	for _, f := range []string{filepath.Join(e.site, "terms-19", "index.html"), filepath.Join(e.site, sampleSlug, "index.html")} {
		if _, err := os.Stat(f); err != nil {
			t.Error(err)
		}
	}
	button(t, e.win.Canvas(), "Publish all").OnTapped()
	if got := s.status.Text(); got != "20 page(s) published: 0 written, 20 unchanged." {
		t.Errorf("second run: status = %q", got)
	}
}

// progressRecorder records each progress report and the bar's value right
// after the screen showed it.
type progressRecorder struct {
	*publisherService
	screen *publishAllScreen
	seen   []string
}

func (r *progressRecorder) PublishAll(ctx context.Context, target string, progress func(done, total int)) ([]deploy.Result, error) {
	return r.publisherService.PublishAll(ctx, target, func(done, total int) {
		progress(done, total)
		r.seen = append(r.seen, fmt.Sprintf("%d/%d:%.2f", done, total, r.screen.bar.Value))
	})
}
