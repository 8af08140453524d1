package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/numbering"
)

// numberingWords are words that may be replaced by numbering labels: the
// typed number of a section is not kept, its position is.
var numberingWords = func() map[string]bool {
	m := map[string]bool{}
	for n := 1; n <= numbering.MaxOrdinalWord; n++ {
		for _, w := range words(numbering.OrdinalWord(n)) {
			m[w] = true
			m["ال"+w] = true
			m["وال"+w] = true
		}
	}
	return m
}()

func isNumberingWord(w string) bool {
	if numberingWords[w] || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		return true
	}
	_, _, rest, ok := numbering.ParseOrdinal(w)
	return ok && rest == ""
}

// FuzzImportText: the plain-text import never panics, and on success no
// word of the input is lost: each is in the page or in LeftOut (numbers
// and ordinal words of headings excepted, since numbering follows position).
func FuzzImportText(f *testing.F) {
	f.Add(string(readSeed(f)))
	for _, s := range []string{
		"Privacy Policy\n\n1) Introduction\nWe care.\n\n2. Definitions\n  1. a\n  2. b\n",
		"سياسة الخصوصية\n\nأولاً: المقدمة\n# ليس عنواناً\n* نجمة _شرطة_ [رابط]\n\nختاماً : شكراً لكم على القراءة حتى النهاية يا أصدقاء.",
		"Terms\nLast updated 2023-07-17\n- a\n\n- b\n   c\n",
		"x\n\n\n> q\n---\n===\n&amp; \\ ` ~ |",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		res, err := Import("fuzz.txt", []byte(s))
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) && !errors.Is(err, ErrInvalidUTF8) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Import error %v is not a sentinel", err)
			}
			return
		}
		if res.Format != FormatText || strings.HasPrefix(s, "\xff\xfe") || strings.HasPrefix(s, "\xfe\xff") {
			return // sniffed as HTML, or UTF-16 (its bytes are not its words)
		}
		if err := storage.ValidateSlug(res.Page.Slug); err != nil {
			t.Errorf("slug %q: %v", res.Page.Slug, err)
		}
		got := pageWords(res.Page)
		for _, l := range res.LeftOut {
			got = append(got, words(l.Text)...)
		}
		clean, _ := removeControls(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s))
		var want []string
		for _, l := range strings.Split(clean, "\n") {
			want = append(want, words(inputMarker.ReplaceAllString(l, ""))...)
		}
		missing, _ := diffWords(want, got)
		var lost []string
		for _, w := range missing {
			if !isNumberingWord(w) {
				lost = append(lost, w)
			}
		}
		if len(lost) > 0 {
			t.Errorf("words lost: %q\ninput %q\npage %+v", lost, s, res.Page.Sections)
		}
	})
}

// FuzzImportAny: Markdown and HTML imports never panic, refuse only with a
// sentinel, and give a page with a valid slug and known section kinds; no
// visible word of an HTML input is lost.
func FuzzImportAny(f *testing.F) {
	for _, name := range []string{"privacy-qalam-saved.html", "terms-qalam.md", "terms-en.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(name, string(data))
	}
	f.Add("x.html", "<p><b>أولاً: <i>x</b></i><ol start=-3><li>a<ul><li>b</ul></ol><table><tr><td>c")
	f.Add("x.md", "---\ntitle: x\n---\n## ختاماً\n```\n## not\n")
	f.Fuzz(func(t *testing.T, name, s string) {
		res, err := Import(name, []byte(s))
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) && !errors.Is(err, ErrInvalidUTF8) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Import error %v is not a sentinel", err)
			}
			return
		}
		if err := storage.ValidateSlug(res.Page.Slug); err != nil {
			t.Errorf("slug %q: %v", res.Page.Slug, err)
		}
		if res.Format == FormatHTML && !strings.HasPrefix(s, "\xff\xfe") && !strings.HasPrefix(s, "\xfe\xff") {
			clean, _ := removeControls(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s))
			checkHTMLWords(t, clean, res, false)
		}
		for _, s := range res.Page.Sections {
			switch s.Kind {
			case storage.KindIntro, storage.KindNumbered, storage.KindClosing:
			default:
				t.Errorf("section kind %q", s.Kind)
			}
		}
	})
}
