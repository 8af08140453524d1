package snapshot

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"golang.org/x/net/html"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

func openDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "drafts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return time.Date(2026, 11, 24, 21, 5, 0, 0, time.UTC) }
	for _, name := range []string{"site", "staging"} {
		if err := db.CreateTarget(t.Context(), &storage.Target{Name: name, Kind: "dir", Location: t.TempDir()}); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

const slug = "privacy"

func arabicPage() storage.Page {
	return storage.Page{
		Slug: slug, Title: "سياسة الخصوصية لموقع منصة قلم", Lang: "ar", Dir: storage.RTL,
		Numbering: storage.NumberingOrdinal, DateStyle: storage.DateNumeric,
		LastUpdated: time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC), Status: storage.StatusDraft,
		Sections: []storage.Section{
			{Kind: storage.KindNumbered, Heading: "أهمية سياسة الخصوصية", Body: "من وجهة نظرنا إن إفصاحنا في موقع منصة قلم (www.qlmlearn.com) هو من مبادئ الشفافية."},
			{Kind: storage.KindNumbered, Heading: "البيانات التي نجمعها", Body: "تقوم منصة قلم بجمع البيانات التالية:\n\n1. البيانات التي تزودنا بها.\n2. بيانات التصفح."},
			{Kind: storage.KindClosing, Body: "شكراً لثقتكم."},
		},
	}
}

func createPage(t *testing.T, db *sqlite.DB, p storage.Page) storage.Page {
	t.Helper()
	if err := db.CreatePage(t.Context(), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// publishTo records a publication of the page as it is now, the way
// deploy does: a revision and the rendered bytes.
func publishTo(t *testing.T, db *sqlite.DB, p storage.Page, target string) storage.Publication {
	t.Helper()
	rev, err := db.CreateRevision(t.Context(), p.ID, "test", "publish")
	if err != nil {
		t.Fatal(err)
	}
	body, err := publish.Render(rev.Page, publish.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pub := storage.Publication{PageID: p.ID, Slug: p.Slug, TargetName: target, RevisionID: rev.ID, Author: "test", Note: "publish", Body: body}
	if err := db.CreatePublication(t.Context(), &pub); err != nil {
		t.Fatal(err)
	}
	return pub
}

func build(t *testing.T, db Store, opts Options) (string, Result) {
	t.Helper()
	out, res, err := Build(t.Context(), db, slug, opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	checkSelfContained(t, out)
	if res.Size != len(out) {
		t.Errorf("Result.Size = %d, len = %d", res.Size, len(out))
	}
	return string(out), res
}

// checkSelfContained: parses as well-formed HTML, has no script, loads
// nothing from elsewhere.
func checkSelfContained(t *testing.T, out []byte) {
	t.Helper()
	if bytes.Contains(bytes.ToLower(out), []byte("<script")) {
		t.Error("snapshot contains <script")
	}
	if !bytes.HasPrefix(out, []byte("<!DOCTYPE html>")) {
		t.Errorf("snapshot does not start with a doctype: %q", out[:min(40, len(out))])
	}
	checkWellFormed(t, out)
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("html.Parse: %v", err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				resource := a.Key == "src" || a.Key == "srcset" || a.Key == "poster" || a.Key == "data" ||
					(a.Key == "href" && n.Data != "a")
				if resource && !strings.HasPrefix(a.Val, "data:") && !strings.HasPrefix(a.Val, "#") {
					t.Errorf("<%s %s=%q> loads a resource", n.Data, a.Key, a.Val)
				}
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("<%s %s> event handler", n.Data, a.Key)
				}
			}
			if n.Data == "style" && n.FirstChild != nil {
				for _, m := range regexp.MustCompile(`url\(\s*['"]?([^'")]*)`).FindAllStringSubmatch(n.FirstChild.Data, -1) {
					if !strings.HasPrefix(m[1], "data:") {
						t.Errorf("CSS url(%q) is not a data: URL", m[1])
					}
				}
				if strings.Contains(n.FirstChild.Data, "@import") {
					t.Error("CSS @import")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// checkWellFormed checks that every element the snapshot opens it closes,
// in order (stricter than HTML needs, true of our output).
func checkWellFormed(t *testing.T, out []byte) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(out))
	var stack []string
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatalf("tokenizer: %v", z.Err())
			}
			if len(stack) > 0 {
				t.Fatalf("unclosed elements at end: %v", stack)
			}
			return
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				stack = append(stack, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				t.Fatalf("</%s> does not close the open element (open: %v)", name, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// changesBlock returns the "what changed" aside.
func changesBlock(t *testing.T, out string) string {
	t.Helper()
	i := strings.Index(out, `<aside class="review-changes"`)
	j := strings.Index(out, "</aside>")
	if i < 0 || j < i {
		t.Fatalf("no changes block in snapshot")
	}
	return out[i : j+len("</aside>")]
}

func TestFirstPublication(t *testing.T) {
	db := openDB(t)
	createPage(t, db, arabicPage())
	out, res := build(t, db, Options{})
	if res.Since != nil {
		t.Errorf("Since = %+v, want nil", res.Since)
	}
	for _, want := range []string{
		"مسودة للمراجعة — ليست منشورة",
		"حُفظت في 24/11/2026 الساعة 21:05 بالتوقيت العالمي", // the draft time
		"أول نشر: لم تُنشر هذه الصفحة من قبل.",
		"@font-face { font-family: \"Noto Naskh Arabic\"",
		"url(data:font/ttf;base64,AAEAAA", // TrueType magic 00 01 00 00
		"إفصاحنا في موقع منصة قلم",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("snapshot lacks %q", want)
		}
	}
	if got := strings.Join(res.Fonts, ","); got != "NotoNaskhArabic-Regular,NotoNaskhArabic-Bold" {
		t.Errorf("Fonts = %s, want the two Arabic faces only", got)
	}
	if strings.Contains(out, `font-family: "Noto Sans"; font-style`) {
		t.Error("Arabic page inlines the Latin font")
	}
	t.Logf("Arabic snapshot: %d bytes, fonts %v", res.Size, res.Fonts)
}

// A title whose lower-case form is shorter in bytes (K, the Kelvin sign,
// lowers to "k") must not shift the changes block into the <style>
// element, and the file carries a CSP that keeps it offline.
func TestBlockPlacementAndCSP(t *testing.T) {
	db := openDB(t)
	p := arabicPage()
	p.Title = "سياسة " + strings.Repeat("\u212A", 70)
	createPage(t, db, p)
	out, _ := build(t, db, Options{})
	aside, styleEnd := strings.Index(out, `<aside class="review-changes"`), strings.LastIndex(out, "</style>")
	if aside < 0 || aside < styleEnd {
		t.Errorf("changes block at %d, inside or before the stylesheet ending at %d", aside, styleEnd)
	}
	head := strings.Index(out, "<head>")
	csp := strings.Index(out, `<meta http-equiv="Content-Security-Policy" content="default-src 'none';`)
	if head < 0 || csp != head+len("<head>") {
		t.Errorf("CSP meta at %d, want right after <head> at %d", csp, head)
	}
}

func TestDiffAfterEdit(t *testing.T) {
	db := openDB(t)
	p := createPage(t, db, arabicPage())
	pub := publishTo(t, db, p, "site")
	db.Now = func() time.Time { return time.Date(2026, 11, 25, 8, 30, 0, 0, time.UTC) }
	// Edit: insert "وحفظ", delete "التصفح" → "الاستخدام", drop a word.
	body := strings.Replace(p.Sections[1].Body, "بجمع البيانات", "بجمع وحفظ البيانات", 1)
	body = strings.Replace(body, "بيانات التصفح", "بيانات الاستخدام", 1)
	if err := db.SaveSectionBody(t.Context(), p.Sections[1].ID, body); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveSectionBody(t.Context(), p.Sections[0].ID,
		strings.Replace(p.Sections[0].Body, "من مبادئ الشفافية", "من أهم مبادئ الشفافية", 1)); err != nil {
		t.Fatal(err)
	}
	out, res := build(t, db, Options{})
	block := changesBlock(t, out)
	for _, want := range []string{
		"<ins>وحفظ </ins>", "<del>التصفح</del><ins>الاستخدام</ins>", "<ins>أهم </ins>",
		"مقارنة بالنشر رقم 1 إلى «site» في 24/11/2026 الساعة 21:05 بالتوقيت العالمي.",
		`<span class="change-kind">عُدّل</span> البيانات التي نجمعها`,
	} {
		if !strings.Contains(block, want) {
			t.Errorf("changes block lacks %q:\n%s", want, block)
		}
	}
	if want := "حُفظت في 25/11/2026 الساعة 08:30 بالتوقيت العالمي"; !strings.Contains(out, want) {
		t.Errorf("banner lacks the time of the last save %q", want)
	}
	if strings.Contains(block, "شكراً لثقتكم") {
		t.Error("unchanged closing section listed in the changes block")
	}
	// The block compares reader text: no Markdown list marks.
	if strings.Contains(block, "1. ") {
		t.Errorf("changes block shows Markdown marks:\n%s", block)
	}
	if res.Since == nil || res.Since.Number != pub.Number || res.Changes != 2 {
		t.Errorf("Result = %+v, want since publication %d with 2 changes", res, pub.Number)
	}
	// Blocks sits before the page's main content.
	if strings.Index(out, "review-changes") > strings.Index(out, "<main") {
		t.Error("changes block is not before <main>")
	}
}

func TestNoChangesSincePublication(t *testing.T) {
	db := openDB(t)
	p := createPage(t, db, arabicPage())
	publishTo(t, db, p, "site")
	out, res := build(t, db, Options{})
	if block := changesBlock(t, out); !strings.Contains(block, "لا تغيير في النص منذ آخر نشر.") || strings.Contains(block, "<ins>") || strings.Contains(block, "<del>") {
		t.Errorf("unchanged page: block = %s", block)
	}
	if res.Changes != 0 {
		t.Errorf("Changes = %d, want 0", res.Changes)
	}
}

func TestSectionAddedRemovedAndTarget(t *testing.T) {
	db := openDB(t)
	p := createPage(t, db, arabicPage())
	publishTo(t, db, p, "staging")
	if err := db.DeleteSection(t.Context(), p.Sections[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.InsertSection(t.Context(), p.ID, 1, storage.Section{Kind: storage.KindNumbered,
		Heading: "ملفات تعريف الارتباط", Body: "نستخدم ملفات تعريف الارتباط."}); err != nil {
		t.Fatal(err)
	}
	out, res := build(t, db, Options{Target: "staging"})
	block := changesBlock(t, out)
	for _, want := range []string{
		`<span class="change-kind">حُذف</span> أهمية سياسة الخصوصية`, "<del>من وجهة نظرنا",
		`<span class="change-kind">أُضيف</span> ملفات تعريف الارتباط`, "<ins>نستخدم ملفات تعريف الارتباط.</ins>",
	} {
		if !strings.Contains(block, want) {
			t.Errorf("changes block lacks %q:\n%s", want, block)
		}
	}
	if res.Since == nil || res.Since.TargetName != "staging" {
		t.Errorf("Since = %+v", res.Since)
	}
	// Never published to "site": first publication there.
	out, _ = build(t, db, Options{Target: "site"})
	if !strings.Contains(changesBlock(t, out), "أول نشر") {
		t.Error(`target "site": want first publication`)
	}
}

func TestRollbackPublicationWithoutRevision(t *testing.T) {
	db := openDB(t)
	p := createPage(t, db, arabicPage())
	body, err := publish.Render(p, publish.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pub := storage.Publication{PageID: p.ID, Slug: p.Slug, TargetName: "site", Note: "rollback to 1", Body: body}
	if err := db.CreatePublication(t.Context(), &pub); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveSectionBody(t.Context(), p.Sections[2].ID, "شكراً جزيلاً لثقتكم."); err != nil {
		t.Fatal(err)
	}
	out, res := build(t, db, Options{})
	block := changesBlock(t, out)
	if !strings.Contains(block, "<ins>جزيلاً </ins>") {
		t.Errorf("changes block lacks the inserted word:\n%s", block)
	}
	if res.Changes != 1 {
		t.Errorf("Changes = %d, want 1 (sections matched from the published HTML):\n%s", res.Changes, block)
	}
}

func TestEnglishPage(t *testing.T) {
	db := openDB(t)
	createPage(t, db, storage.Page{Slug: slug, Title: "Privacy policy", Lang: "en", Dir: storage.LTR,
		Numbering: storage.NumberingWestern, DateStyle: storage.DateLong, Status: storage.StatusDraft,
		Sections: []storage.Section{{Kind: storage.KindNumbered, Heading: "Data", Body: "We collect **little**."}}})
	out, res := build(t, db, Options{})
	for _, want := range []string{"Draft for review — not published · saved 2026-11-24 at 21:05 UTC",
		"First publication: this page has not been published before.", `font-family: "Noto Sans"`} {
		if !strings.Contains(out, want) {
			t.Errorf("snapshot lacks %q", want)
		}
	}
	if got := strings.Join(res.Fonts, ","); got != "NotoSans-Regular" {
		t.Errorf("Fonts = %s, want NotoSans-Regular", got)
	}
	t.Logf("English snapshot: %d bytes", res.Size)
}

func TestLatinFontOption(t *testing.T) {
	db := openDB(t)
	createPage(t, db, arabicPage())
	_, res := build(t, db, Options{LatinFont: true})
	if got := strings.Join(res.Fonts, ","); got != "NotoNaskhArabic-Regular,NotoNaskhArabic-Bold,NotoSans-Regular" {
		t.Errorf("Fonts = %s", got)
	}
	t.Logf("Arabic snapshot with Latin font: %d bytes", res.Size)
}

func TestRenderOptionsKeptAndScriptNeverAdded(t *testing.T) {
	db := openDB(t)
	createPage(t, db, arabicPage())
	out, _ := build(t, db, Options{Publish: publish.Options{Fragment: true, LiveReload: "/events", Stylesheet: ".x{color:red}"}})
	if !strings.Contains(out, ".x{color:red}") || !strings.Contains(out, "<html") {
		t.Error("snapshot lost the target stylesheet or is not a whole page")
	}
}

func TestUnknownSlug(t *testing.T) {
	db := openDB(t)
	_, _, err := Build(t.Context(), db, "missing", Options{})
	if !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Build(missing) = %v, want ErrNotFound", err)
	}
}

func TestWriteFile(t *testing.T) {
	db := openDB(t)
	createPage(t, db, arabicPage())
	dir := t.TempDir()
	path := filepath.Join(dir, "review.html")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := WriteFile(t.Context(), db, slug, path, Options{})
	if err != nil {
		t.Fatalf("WriteFile: %v", err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, _, _ := Build(t.Context(), db, slug, Options{})
	if !bytes.Equal(got, want) || res.Size != len(got) {
		t.Errorf("file (%d bytes) differs from Build (%d bytes)", len(got), len(want))
	}
	var buf bytes.Buffer
	if _, err := Write(t.Context(), db, slug, &buf, Options{}); err != nil || !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("Write: %v, same bytes %v", err, bytes.Equal(buf.Bytes(), want))
	}
	// A directory is refused; an unknown slug writes nothing.
	if _, err := WriteFile(t.Context(), db, slug, dir, Options{}); !errors.Is(err, ErrIsDir) {
		t.Errorf("WriteFile(dir) = %v, want ErrIsDir", err)
	}
	missing := filepath.Join(dir, "missing.html")
	if _, err := WriteFile(t.Context(), db, "missing", missing, Options{}); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("WriteFile(unknown slug) = %v, want ErrNotFound", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("file written for an unknown slug: %v", err)
	}
	if _, err := WriteFile(t.Context(), db, slug, filepath.Join(dir, "no", "such", "dir.html"), Options{}); err == nil {
		t.Error("WriteFile into a missing folder succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only review.html (no temp files)", names)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	db := openDB(t)
	createPage(t, db, arabicPage())
	if _, err := Write(context.Background(), db, slug, failingWriter{}, Options{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Write to a failing writer = %v", err)
	}
}

func TestRenamedAndMovedSectionKeepsIdentity(t *testing.T) {
	db := openDB(t)
	p := createPage(t, db, arabicPage())
	publishTo(t, db, p, "site")
	heading := "البيانات التي نجمعها منك"
	if _, err := db.UpdateSection(t.Context(), p.Sections[1].ID, storage.SectionUpdate{Heading: &heading}); err != nil {
		t.Fatal(err)
	}
	order := []uuid.UUID{p.Sections[1].ID, p.Sections[0].ID, p.Sections[2].ID}
	if err := db.ReorderSections(t.Context(), p.ID, order); err != nil {
		t.Fatal(err)
	}
	out, res := build(t, db, Options{})
	block := changesBlock(t, out)
	if !strings.Contains(block, `<span class="change-kind">عُدّل، نُقل</span> البيانات التي نجمعها<ins> منك</ins>`) {
		t.Errorf("renamed+moved section not shown as one changed, moved section:\n%s", block)
	}
	if strings.Contains(block, "أُضيف") || strings.Contains(block, "حُذف") {
		t.Errorf("rename shown as add/remove:\n%s", block)
	}
	if res.Changes != 1 {
		t.Errorf("Changes = %d, want 1", res.Changes)
	}
}
