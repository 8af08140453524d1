package check

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/importer"
)

// generatedPage imports testdata/generated-policy.md, a page as
// `go run ./bench/publishgen gen DIR 1` writes it for the publishing
// benchmark.
func generatedPage(tb testing.TB) storage.Page {
	tb.Helper()
	data, err := os.ReadFile("testdata/generated-policy.md")
	if err != nil {
		tb.Fatal(err)
	}
	res, err := importer.Import("policy-001.md", data)
	if err != nil {
		tb.Fatal(err)
	}
	return res.Page
}

// equivalent fails t when Page and the oracle oldPage disagree on p.
func equivalent(t *testing.T, p storage.Page) {
	t.Helper()
	for _, opt := range []Options{fixedNow, {Now: fixedNow.Now, Only: []string{HamzatWasl, SpaceBeforePunct, Unbalanced}}} {
		got, want := Page(p, opt), oldPage(p, opt)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Page(%q) =\n%s\nwant (old implementation)\n%s", pageText(p), dumpFindings(got), dumpFindings(want))
		}
		// Errors, which skips the checks that only warn, gives the errors
		// of Page and nothing else.
		errs := Errors(p, opt)
		want = slices.DeleteFunc(got, func(f Finding) bool { return f.Severity != Error })
		if len(errs) != 0 || len(want) != 0 {
			if !reflect.DeepEqual(errs, want) {
				t.Fatalf("Errors(%q) =\n%s\nwant the errors of Page\n%s", pageText(p), dumpFindings(errs), dumpFindings(want))
			}
		}
	}
}

func pageText(p storage.Page) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%s", p.Lang, p.Dir, p.Title)
	for _, s := range p.Sections {
		fmt.Fprintf(&b, "|%s|%s", s.Heading, s.Body)
	}
	return b.String()
}

func dumpFindings(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fix := "<nil>"
		if f.Fix != nil {
			fix = fmt.Sprintf("%q", *f.Fix)
		}
		fmt.Fprintf(&b, "  %s %s %d %s %d:%d [%d,%d) %q %s %v %s\n", f.Check, f.Severity, f.Section, f.Field,
			f.Line, f.Col, f.Offset, f.End, f.Text, f.Key, f.Params, fix)
	}
	return b.String()
}

// textPages puts s in every field of pages in Arabic, English and French.
func textPages(s string) []storage.Page {
	var out []storage.Page
	for _, lang := range []string{"ar", "en", "fr"} {
		p := bodyPage(s)
		p.Lang, p.Title = lang, s
		p.Sections = append(p.Sections, storage.Section{Heading: s, Body: "نص"}, storage.Section{Heading: s + ".", Body: s})
		out = append(out, p)
	}
	return out
}

// equivalenceTexts are the texts of the package's tests.
func equivalenceTexts() []string {
	var out []string
	for _, c := range bodyCases {
		out = append(out, c.body)
	}
	for w, fix := range waslWrong {
		out = append(out, "في "+w+" هنا", w, fix, w+" على", "و"+w+"، عليها")
	}
	for _, w := range hamzaRight {
		out = append(out, "في "+w+" هنا", w+" عليه")
	}
	return append(out, "أو الإطلاع عليها", "دون الإطلاع على البيانات", "إطلاع أطراف خارجية على",
		"الإطلاع.", "والإطلاع عليه", "الإِسْتِخْدَام", "`إستخدام`", "الإطلاع\n\nعلى", "الإطلاع \u00a0على",
		"Vos droits\u00a0: accès", "Pourquoi\u202f? Parce que\u202f! Ainsi\u202f; enfin", "Pourquoi  ?",
		"Vos droits\u00a0\u00a0: accès", "Fin de phrase\u00a0.", "Your rights\u00a0: access", "المتصفح\u00a0، ومكان",
		hostileUnit, "\xd8", "\xd8\xa5\xd8", "a\xffب", "\xe2\x80", "إ\xa5ستخدام", "  \n  x  y  ", "\n\n((\n",
		"``` \n(\n```\n(", "~~~\n`x`\n", "3.: 4..5 ...", "؟؟؟!!!", ",,,،،،", "١٢٣,٤ ۱۲3", "ـــبـ بـــ ـ")
}

func TestEquivalent(t *testing.T) {
	equivalent(t, seedPage(t))
	equivalent(t, generatedPage(t))
	equivalent(t, scaled(seedPage(t), 4))
	for _, s := range equivalenceTexts() {
		for _, p := range textPages(s) {
			equivalent(t, p)
		}
		if got, want := headingKey(s), oldHeadingKey(s); got != want {
			t.Errorf("headingKey(%q) = %q, want %q", s, got, want)
		}
	}
	// Every line of the seed on its own, and the seed cut at every 97th byte.
	all := pageText(seedPage(t))
	for _, line := range strings.Split(all, "\n") {
		for _, p := range textPages(line) {
			equivalent(t, p)
		}
	}
	for i := 0; i < len(all); i += 97 {
		for _, p := range textPages(all[:i]) {
			equivalent(t, p)
		}
	}
}

// fuzzAlphabet are the pieces FuzzEquivalent builds text from: Arabic
// letters (hamza forms, proclitics, the letters of the patterns), harakat,
// tatweel, digits of three kinds, brackets and quotes, punctuation, spaces
// of several kinds, ZWJ/ZWNJ, bidi controls, Latin letters, link and code
// markers, newlines and broken UTF-8.
var fuzzAlphabet = []string{
	"ا", "أ", "إ", "آ", "ء", "ؤ", "ئ", "ى", "ة", "و", "ف", "ب", "ل", "ك", "ال", "لل", "س", "ت", "ن", "ط", "د",
	"ص", "ذ", "ز", "ع", "م", "ه", "ي", "خ", "ج", "ق", "ر", "ح", "على", "إستخدام", "إطلاع", "اطلاع", "إتصال",
	"إست", "إنت", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u0670", "ـ", "ڤ", "ﻻ", "ﺏ", "\U0001EE01",
	"0", "1", "5", "9", "٠", "٣", "٩", "۰", "۴", "۹", "٫", "٬",
	"(", ")", "[", "]", "{", "}", "«", "»", "“", "”", "\"", "'", "<", ">",
	".", ",", "،", ";", "؛", ":", "!", "?", "؟", "…", "/", "-",
	" ", " ", " ", "  ", "\t", "\n", "\n\n", "\u00a0", "\u202f", "\u2009", "\u200b", "\u200c", "\u200d", "\ufeff",
	"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c",
	"a", "G", "oogle", "é", "Ω", "ß", "ﬁ", "Ａ", "x", "K",
	"@", "www.", "http://", "https://", "mailto:", "://", ".com", "`", "```", "~~~", "1)", "\xd8", "\xa5", "\xff", "\xe2\x80",
}

func FuzzEquivalent(f *testing.F) {
	for _, s := range equivalenceTexts() {
		f.Add([]byte(s))
	}
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	f.Fuzz(func(t *testing.T, data []byte) {
		// Odd length: the bytes are the text; even: each byte picks a piece.
		s := string(data)
		if len(data)%2 == 0 {
			var b strings.Builder
			for _, c := range data {
				b.WriteString(fuzzAlphabet[int(c)%len(fuzzAlphabet)])
			}
			s = b.String()
		}
		for _, p := range textPages(s) {
			equivalent(t, p)
		}
		if got, want := headingKey(s), oldHeadingKey(s); got != want {
			t.Fatalf("headingKey(%q) = %q, want %q", s, got, want)
		}
	})
}
