//go:build !nogui

package app

import (
	"encoding/json"
	"image"
	"image/png"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/publish/check"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/storagetest"
)

func TestReviewTranslationsComplete(t *testing.T) {
	keys := func(lang string) []string {
		data, err := assets.Translations.ReadFile("translations/review." + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("review.%s.json: %v", lang, err)
		}
		for k, v := range m {
			if strings.TrimSpace(v) == "" {
				t.Errorf("review.%s.json: %s is empty", lang, k)
			}
		}
		return slices.Sorted(maps.Keys(m))
	}
	en, ar := keys("en"), keys("ar")
	if !slices.Equal(en, ar) {
		t.Errorf("the English and Arabic keys differ:\n%q\n%q", en, ar)
	}
	// Every key the panels use is in the files (a missing one shows as the key).
	for _, k := range []string{"review.findings.none", "review.fix", "review.comments.resolve", "review.history.pick"} {
		if tr(k) == k {
			t.Errorf("%s is not translated", k)
		}
	}
}

// rowOf makes list row i as the list would and returns it.
func rowOf(l *widget.List, i int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) fyne.CanvasObject {
	o := create()
	update(i, o)
	return o
}

func TestFindingsPanel(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(richview.NewTheme())
	w := test.NewTempWindow(t, nil)
	p := newFindingsPanel()
	w.SetContent(p.content())
	w.Resize(fyne.NewSize(900, 600))
	seed := storagetest.SeedPage()
	fs := check.Page(seed, check.Options{Now: func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }})
	var fixed []check.Finding
	var fixedChecks []string
	var selected []check.Finding
	p.OnFix = func(f check.Finding) { fixed = append(fixed, f) }
	p.OnFixCheck = func(n string) { fixedChecks = append(fixedChecks, n) }
	p.OnSelected = func(f check.Finding) { selected = append(selected, f) }
	p.setFindings(fs)
	if p.list.Length() != len(fs) || !strings.Contains(p.summary.Text(), "27") {
		t.Fatalf("list of %d, summary %q", p.list.Length(), p.summary.Text())
	}
	// The glued-Latin finding: one of its kind, so no "fix all".
	i := slices.IndexFunc(fs, func(f check.Finding) bool { return f.Check == check.GluedLatin })
	row := rowOf(p.list, i, p.newRow, p.updateRow).(*fyne.Container)
	r := p.parts[row]
	if !strings.Contains(r.message.Text(), "تحليلاتGoogle") || !strings.Contains(r.where.Text(), "2 · 5:71") {
		t.Errorf("row = %q / %q", r.where.Text(), r.message.Text())
	}
	if !r.fix.Visible() || r.fixAll.Visible() {
		t.Error("a lone fixable finding shows fix and not fix-all")
	}
	test.Tap(r.fix)
	if len(fixed) != 1 || fixed[0].Check != check.GluedLatin {
		t.Errorf("fix tapped: %+v", fixed)
	}
	// A hamza finding: nine of its kind.
	i = slices.IndexFunc(fs, func(f check.Finding) bool { return f.Check == check.HamzatWasl })
	row = rowOf(p.list, i, p.newRow, p.updateRow).(*fyne.Container)
	r = p.parts[row]
	if !r.fixAll.Visible() || r.count.Text() != "9" {
		t.Errorf("fix all = %v %q", r.fixAll.Visible(), r.count.Text())
	}
	test.Tap(r.fixAll)
	if !slices.Equal(fixedChecks, []string{check.HamzatWasl}) {
		t.Errorf("fix all tapped: %q", fixedChecks)
	}
	p.list.Select(i)
	if len(selected) != 1 || selected[0].Offset != fs[i].Offset {
		t.Errorf("selected %+v", selected)
	}
	// An error without a fix shows no button.
	p.setFindings([]check.Finding{{Check: check.MalformedEmail, Severity: check.Error, Section: 0, Field: check.FieldBody, Line: 1, Col: 3,
		Key: check.MalformedEmail, Params: map[string]string{"text": "a@b"}}})
	r = p.parts[rowOf(p.list, 0, p.newRow, p.updateRow).(*fyne.Container)]
	if r.fix.Visible() || r.fixAll.Visible() || !strings.Contains(p.summary.Text(), "1") {
		t.Error("a finding without a fix shows a fix button")
	}
	p.setFindings(nil)
	if p.summary.Text() != tr("review.findings.none") {
		t.Errorf("empty summary %q", p.summary.Text())
	}
}

func TestCommentsPanel(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(richview.NewTheme())
	w := test.NewTempWindow(t, nil)
	p := newCommentsPanel()
	w.SetContent(p.content())
	w.Resize(fyne.NewSize(600, 400))
	var resolved []int64
	added := 0
	p.OnResolve = func(c storage.Comment) { resolved = append(resolved, c.ID) }
	p.OnAdd = func() { added++ }
	p.setComments([]storage.Comment{
		{ID: 1, SectionPosition: 1, Author: "rana", Text: "هل نذكر Google Analytics بالاسم؟", At: time.Now()},
		{ID: 2, SectionPosition: -1, Author: "sami", Text: "تم", Resolved: true, ResolvedBy: "mona", At: time.Now()},
	})
	if p.list.Length() != 2 || p.empty.Visible() {
		t.Fatalf("comments list %d, empty shown %v", p.list.Length(), p.empty.Visible())
	}
	open := p.parts[rowOf(p.list, 0, p.newRow, p.updateRow).(*fyne.Container)]
	if !strings.Contains(open.head.Text(), "rana") || open.text.Text() != "هل نذكر Google Analytics بالاسم؟" || !open.resolve.Visible() {
		t.Errorf("open comment row: %q %q", open.head.Text(), open.text.Text())
	}
	test.Tap(open.resolve)
	done := p.parts[rowOf(p.list, 1, p.newRow, p.updateRow).(*fyne.Container)]
	if done.resolve.Visible() || !strings.Contains(done.head.Text(), "mona") || !strings.Contains(done.head.Text(), tr("review.comments.deleted")) {
		t.Errorf("resolved comment row: %q", done.head.Text())
	}
	test.Tap(p.add)
	if !slices.Equal(resolved, []int64{1}) || added != 1 {
		t.Errorf("resolved %v, added %d", resolved, added)
	}
	p.setComments(nil)
	if !p.empty.Visible() {
		t.Error("no comments: the empty line is hidden")
	}
}

// TestHistoryView compares the seed with its fixed and edited draft and
// keeps a screenshot of the diff view in out/history-diff.png.
func TestHistoryView(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(richview.NewTheme())
	w := test.NewTempWindow(t, nil)
	h := newHistoryView()
	w.SetContent(h.content())
	w.Resize(fyne.NewSize(1100, 800))
	seed := storagetest.SeedPage()
	for i := range seed.Sections {
		seed.Sections[i].ID = uuid.New()
	}
	fixed := check.Fix(seed, check.Options{}).Page
	draft := fixed
	draft.Sections = slices.Clone(fixed.Sections)
	draft.Sections[0].Body = strings.Replace(draft.Sections[0].Body, "الشفافية الثقة", "الشفافية والثقة", 1)
	draft.Sections[5], draft.Sections[6] = draft.Sections[6], draft.Sections[5]
	revs := []storage.Revision{
		{Number: 2, Note: "before fix", Author: "mona", Page: fixed, CreatedAt: time.Date(2026, 12, 1, 10, 30, 0, 0, time.UTC)},
		{Number: 1, Note: "import", Author: "mona", Page: seed, CreatedAt: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)},
	}
	h.setHistory(draft, revs)
	if h.list.Length() != 3 || h.from != 1 || h.to != 0 {
		t.Fatalf("versions %d, comparing %d → %d", h.list.Length(), h.from, h.to)
	}
	doc := h.diff.Doc()
	moved := strings.TrimSuffix(diffWordsFor(h.lang).Moved, " %d") // the labels are in the UI language
	if !docHas(doc, document.KindMeta, moved) || !docSpans(doc, func(s document.Span) bool { return s.Bold }, "والثقة") {
		t.Errorf("draft vs revision 2: no move or insertion shown")
	}
	// Tap the import: revision 1 → the draft.
	h.list.Select(2)
	if h.from != 2 || h.to != 0 || !strings.Contains(h.caption.Text(), "1") {
		t.Fatalf("after selecting revision 1: %d → %d, %q", h.from, h.to, h.caption.Text())
	}
	doc = h.diff.Doc()
	if !docSpans(doc, func(s document.Span) bool { return s.Strike }, "إستخدام") || !docSpans(doc, func(s document.Span) bool { return s.Bold }, "استخدام") {
		t.Error("revision 1 → draft does not show the hamza fixes")
	}
	for _, b := range doc.Blocks {
		if b.Kind != document.KindMeta && b.Dir != storage.RTL {
			t.Errorf("block %q laid out %s", string(b.Text), b.Dir)
		}
	}
	// A theme change refreshes the canvas asynchronously: wait until it
	// has drawn (resizing again in case the first size was not applied).
	var img image.Image
	ink := 0
	for deadline := time.Now().Add(20 * time.Second); ink < 20000 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		fyne.DoAndWait(func() {
			w.Resize(fyne.NewSize(1100, 800))
			h.root.Refresh()
			img = w.Canvas().Capture()
		})
		ink = inkPixels(img)
	}
	if ink < 20000 {
		t.Fatalf("the diff view draws only %d pixels in a %v capture (canvas %v)", ink, img.Bounds(), w.Canvas().Size())
	}
	out := filepath.Join("..", "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(out, "history-diff.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func docHas(d document.Doc, k document.Kind, sub string) bool {
	return slices.ContainsFunc(d.Blocks, func(b document.Block) bool { return b.Kind == k && strings.Contains(string(b.Text), sub) })
}

func docSpans(d document.Doc, keep func(document.Span) bool, want string) bool {
	for _, b := range d.Blocks {
		if slices.Contains(spanText(b, keep), want) {
			return true
		}
	}
	return false
}
