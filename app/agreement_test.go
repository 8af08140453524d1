package app

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/storage"
)

// pageView is what a reader learns about a page from one of its views.
type pageView struct {
	Lang, Dir   string
	LastUpdated string
	Headings    []string // section headings as shown, label and separator included
}

func (v pageView) String() string {
	return fmt.Sprintf("lang %q dir %q last-updated %q headings %q", v.Lang, v.Dir, v.LastUpdated, v.Headings)
}

// agreementPage is a page in lang and dir with an intro, two numbered
// sections and a closing section, dated 17 July 2023.
func agreementPage(lang string, dir storage.Direction, style storage.NumberingStyle) storage.Page {
	return storage.Page{
		Slug: "p", Title: "Policy", Lang: lang, Dir: dir, Numbering: style, DateStyle: storage.DateNumeric,
		LastUpdated: time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC),
		Sections: []storage.Section{
			{Position: 0, Kind: storage.KindIntro, Body: "Intro."},
			{Position: 1, Kind: storage.KindNumbered, Heading: "First", Body: "One."},
			{Position: 2, Kind: storage.KindNumbered, Heading: "Second", Body: "Two."},
			{Position: 3, Kind: storage.KindClosing, Heading: "Last", Body: "End."},
		},
	}
}

// wantView is what every view must show, written out here rather than
// computed by the functions under test: an unset language is Arabic, an
// unset direction follows the language, and the last-updated words are
// the page's language's own.
func wantView(lang string, dir storage.Direction, style storage.NumberingStyle) pageView {
	if lang == "" {
		lang = "ar"
	}
	v := pageView{Lang: lang, Dir: string(dir)}
	if dir == "" {
		v.Dir = map[string]string{"ar": "rtl", "fa": "rtl", "ur": "rtl", "he": "rtl", "en": "ltr", "fr": "ltr"}[lang]
	}
	date := "17/07/2023"
	if lang == "ar" {
		date += "م"
	}
	v.LastUpdated = map[string]string{
		"ar": "آخر تحديث في ",
		"fa": "آخرین به\u200cروزرسانی: ",
		"ur": "آخری تازہ کاری: ",
		"he": "עודכן לאחרונה: ",
		"en": "Last updated: ",
		"fr": "Dernière mise à jour\u00a0: ",
	}[lang] + date
	switch style {
	case storage.NumberingOrdinal:
		v.Headings = []string{"أولاً: First", "ثانياً: Second", "ختاماً: Last"}
	case storage.NumberingWestern:
		v.Headings = []string{"1. First", "2. Second", "Last"}
	}
	return v
}

// exportView reads the Markdown and JSON export.
func exportView(t *testing.T, p storage.Page) pageView {
	md := ExportMarkdown(p)
	j := exportJSON(p)
	v := pageView{Lang: j.Lang, Dir: j.Dir}
	lines := strings.Split(md, "\n\n")
	if len(lines) < 2 {
		t.Fatalf("export: no last-updated line in %q", md)
	}
	v.LastUpdated = lines[1]
	for _, l := range lines {
		if h, ok := strings.CutPrefix(l, "## "); ok {
			v.Headings = append(v.Headings, h)
		}
	}
	// The JSON labels must be the ones the Markdown headings start with.
	k := 0
	for _, s := range j.Sections {
		if s.Kind == string(storage.KindIntro) {
			continue
		}
		if k < len(v.Headings) && !strings.HasPrefix(v.Headings[k], s.Label) {
			t.Errorf("export: JSON label %q is not the start of Markdown heading %q", s.Label, v.Headings[k])
		}
		k++
	}
	return v
}

// documentView reads the in-app document.
func documentView(t *testing.T, p storage.Page) pageView {
	d, err := document.FromPage(p)
	if err != nil {
		t.Fatal(err)
	}
	v := pageView{Lang: d.Lang, Dir: string(d.Dir)}
	for _, b := range d.Blocks {
		switch b.Kind {
		case document.KindMeta:
			v.LastUpdated = string(b.Text)
		case document.KindHeading:
			v.Headings = append(v.Headings, string(b.Text))
		}
	}
	return v
}

var (
	htmlTag       = regexp.MustCompile(`<html lang="([^"]*)" dir="([^"]*)">`)
	articleTag    = regexp.MustCompile(`<article class="policy" lang="([^"]*)" dir="([^"]*)"`)
	lastUpdatedP  = regexp.MustCompile(`<p class="last-updated">(.*?)</p>`)
	headingH2     = regexp.MustCompile(`<h2[^>]*>(.*?)</h2>`)
	anyTag        = regexp.MustCompile(`<[^>]*>`)
	textOfElement = func(s string) string { return html.UnescapeString(anyTag.ReplaceAllString(s, "")) }
)

// publishedView reads the published HTML; <html> and <article> must agree.
func publishedView(t *testing.T, p storage.Page) pageView {
	out, err := publish.Render(p, publish.Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(out)
	h, a := htmlTag.FindStringSubmatch(page), articleTag.FindStringSubmatch(page)
	if h == nil || a == nil {
		t.Fatalf("published: no <html> or <article> with lang and dir in\n%s", page)
	}
	if h[1] != a[1] || h[2] != a[2] {
		t.Errorf("published: <html lang=%q dir=%q> but <article lang=%q dir=%q>", h[1], h[2], a[1], a[2])
	}
	v := pageView{Lang: h[1], Dir: h[2]}
	if m := lastUpdatedP.FindStringSubmatch(page); m != nil {
		v.LastUpdated = textOfElement(m[1])
	}
	for _, m := range headingH2.FindAllStringSubmatch(page, -1) {
		v.Headings = append(v.Headings, textOfElement(m[1]))
	}
	return v
}

// TestViewsAgree: export, the in-app document and the published HTML show
// the same language, direction, section headings with their labels and
// last-updated line, for every language and direction, and it is the
// right one (wantView).
func TestViewsAgree(t *testing.T) {
	for _, lang := range []string{"ar", "fa", "ur", "he", "en", "fr", ""} {
		for _, dir := range []storage.Direction{storage.RTL, storage.LTR, ""} {
			for _, style := range []storage.NumberingStyle{storage.NumberingOrdinal, storage.NumberingWestern} {
				t.Run(fmt.Sprintf("lang=%q/dir=%q/%s", lang, dir, style), func(t *testing.T) {
					p := agreementPage(lang, dir, style)
					want := wantView(lang, dir, style).String()
					for name, view := range map[string]func(*testing.T, storage.Page) pageView{
						"export": exportView, "document": documentView, "published": publishedView,
					} {
						if got := view(t, p).String(); got != want {
							t.Errorf("%s:\n got %s\nwant %s", name, got, want)
						}
					}
				})
			}
		}
	}
}
