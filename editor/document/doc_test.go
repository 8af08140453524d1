package document

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

func blockStrings(d Doc) []string {
	out := make([]string, len(d.Blocks))
	for i, b := range d.Blocks {
		out[i] = b.String()
	}
	return out
}

func TestFromMarkdownBlocks(t *testing.T) {
	tests := []struct {
		name string
		md   string
		dir  storage.Direction
		want []string
	}{
		{"paragraph rtl", "نص عربي\nيتابع هنا", storage.RTL, []string{"paragraph/rtl نص عربي يتابع هنا"}},
		{"first strong ltr in rtl page", "Google Analytic هو", storage.RTL, []string{"paragraph/ltr Google Analytic هو"}},
		{"url first is skipped", "(www.qlmlearn.com) منصة قلم", storage.RTL, []string{"paragraph/rtl (www.qlmlearn.com) منصة قلم"}},
		{"email first is skipped", "support@gmail.com للتواصل", storage.LTR, []string{"paragraph/rtl support@gmail.com للتواصل"}},
		{"autolink first is skipped", "<https://qlmlearn.com> منصة", storage.LTR, []string{"paragraph/rtl https://qlmlearn.com منصة"}},
		{"only an address keeps page dir", "https://qlmlearn.com", storage.RTL, []string{"paragraph/rtl https://qlmlearn.com"}},
		{"no strong keeps page dir", "123 ...", storage.RTL, []string{"paragraph/rtl 123 ..."}},
		{"empty dir defaults rtl", "abc", "", []string{"paragraph/ltr abc"}},
		{"ordered list", "مقدمة:\n\n1. أول\n2. ثانٍ", storage.RTL, []string{
			"paragraph/rtl مقدمة:", "item/rtl [1.] أول", "item/rtl [2.] ثانٍ"}},
		{"ordered list start", "3. c\n4. d", storage.LTR, []string{"item/ltr [3.] c", "item/ltr [4.] d"}},
		{"bullets", "- a\n- ب", storage.LTR, []string{"item/ltr [•] a", "item/rtl [•] ب"}},
		{"nested", "- a\n  - b\n\n  more", storage.LTR, []string{
			"item/ltr [•] a", "item/ltr [•] >1 b", "paragraph/ltr >1 more"}},
		{"item without text", "1. - x", storage.LTR, []string{"item/ltr [1.] ", "item/ltr [•] >1 x"}},
		{"heading level", "# عنوان\n\nنص", storage.RTL, []string{"heading/rtl عنوان", "paragraph/rtl نص"}},
		{"quote indents", "> اقتباس", storage.RTL, []string{"paragraph/rtl >1 اقتباس"}},
		{"code block is ltr", "```\nx := 1\n```", storage.RTL, []string{"code/ltr x := 1"}},
		{"item starting with code", "1. ```\n   x := 1\n   ```\n", storage.RTL, []string{"item/rtl [1.] ", "code/ltr >1 x := 1"}},
		{"raw html dropped", "a <b>b</b> c\n\n<div>x</div>", storage.LTR, []string{"paragraph/ltr a b c"}},
		{"entities and escapes", `a &amp; \*b\*`, storage.LTR, []string{"paragraph/ltr a & *b*"}},
		{"hard break", "a  \nb", storage.LTR, []string{"paragraph/ltr a\nb"}},
		{"table rows", "| الاسم | المدة |\n|---|---|\n| سجلات | 30 يوماً |", storage.RTL, []string{"row/rtl الاسم | المدة", "row/rtl سجلات | 30 يوماً"}},
		{"thematic break dropped", "a\n\n---\n\nb", storage.LTR, []string{"paragraph/ltr a", "paragraph/ltr b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := FromMarkdown(tt.md, tt.dir)
			if err != nil {
				t.Fatalf("FromMarkdown(%q): %v", tt.md, err)
			}
			if got := blockStrings(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("FromMarkdown(%q) =\n%q\nwant\n%q", tt.md, got, tt.want)
			}
		})
	}
}

func TestFromMarkdownSpans(t *testing.T) {
	tests := []struct {
		md        string
		wantText  string
		wantSpans []Span
	}{
		{"نص **عريض** و*مائل*", "نص عريض ومائل", []Span{{Start: 3, End: 7, Bold: true}, {Start: 9, End: 13, Italic: true}}},
		{"***كلاهما***", "كلاهما", []Span{{Start: 0, End: 6, Bold: true, Italic: true}}},
		{"راجع [الموقع](https://qlmlearn.com) الآن", "راجع الموقع الآن", []Span{{Start: 5, End: 11, Link: "https://qlmlearn.com"}}},
		{"<https://a.b>", "https://a.b", []Span{{Start: 0, End: 11, Link: "https://a.b"}}},
		{"الأمر `go test` هنا", "الأمر \u2066go test\u2069 هنا", []Span{{Start: 6, End: 15, Code: true}}},
		{"[**b** c](u)", "b c", []Span{{Start: 0, End: 1, Bold: true, Link: "u"}, {Start: 1, End: 3, Link: "u"}}},
		{"  **x**  ", "x", []Span{{Start: 0, End: 1, Bold: true}}},
		{"plain", "plain", nil},
		{"~~قديم~~ جديد", "قديم جديد", []Span{{Start: 0, End: 4, Strike: true}}},
		{"| **a** | b |\n|---|---|", "a | b", []Span{{Start: 0, End: 5, Bold: true}}},
	}
	for _, tt := range tests {
		d, err := FromMarkdown(tt.md, storage.RTL)
		if err != nil {
			t.Fatalf("FromMarkdown(%q): %v", tt.md, err)
		}
		if len(d.Blocks) != 1 {
			t.Fatalf("FromMarkdown(%q) gave %d blocks, want 1", tt.md, len(d.Blocks))
		}
		b := d.Blocks[0]
		if string(b.Text) != tt.wantText || !reflect.DeepEqual(b.Spans, tt.wantSpans) {
			t.Errorf("FromMarkdown(%q) = %q %+v, want %q %+v", tt.md, string(b.Text), b.Spans, tt.wantText, tt.wantSpans)
		}
	}
}

func TestQuoteDepth(t *testing.T) {
	d, err := FromMarkdown("> أ\n>\n> > ب\n\nج", storage.RTL)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, b := range d.Blocks {
		got = append(got, b.Quote)
	}
	if want := []int{1, 2, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("quote depths = %v, want %v", got, want)
	}
}

func TestCodeSpanIsolateDoesNotDecideDirection(t *testing.T) {
	d, err := FromMarkdown("`ls -l` يعرض الملفات", storage.LTR)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Blocks[0].Dir; got != storage.RTL {
		t.Errorf("dir = %q, want rtl (first strong outside the isolate)", got)
	}
}

func TestFromMarkdownInvalidUTF8(t *testing.T) {
	if _, err := FromMarkdown("a\xffb", storage.RTL); !errors.Is(err, ErrInvalidUTF8) {
		t.Errorf("FromMarkdown(invalid) error = %v, want ErrInvalidUTF8", err)
	}
}

func samplePage(style storage.NumberingStyle) storage.Page {
	return storage.Page{
		Title: "سياسة الخصوصية", Lang: "ar", Dir: storage.RTL, Numbering: style,
		DateStyle:   storage.DateNumeric,
		LastUpdated: time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC),
		Sections: []storage.Section{
			{Position: 0, Kind: storage.KindIntro, Body: "مقدمة."},
			{Position: 1, Kind: storage.KindNumbered, Heading: "أهمية السياسة", Body: "نص.\n\n1. أ\n2. ب"},
			{Position: 2, Kind: storage.KindNumbered, Heading: "البيانات", Body: "- عنصر"},
			{Position: 3, Kind: storage.KindClosing, Heading: "أنت المسؤول", Body: ""},
		},
	}
}

func TestFromPage(t *testing.T) {
	tests := []struct {
		style storage.NumberingStyle
		want  []string
	}{
		{storage.NumberingOrdinal, []string{
			"title/rtl سياسة الخصوصية",
			"meta/rtl آخر تحديث في 17/07/2023م",
			"paragraph/rtl مقدمة.",
			"heading/rtl أولاً: أهمية السياسة",
			"paragraph/rtl نص.",
			"item/rtl [1.] أ",
			"item/rtl [2.] ب",
			"heading/rtl ثانياً: البيانات",
			"item/rtl [•] عنصر",
			"heading/rtl ختاماً: أنت المسؤول",
		}},
		{storage.NumberingArabicIndic, []string{
			"title/rtl سياسة الخصوصية",
			"meta/rtl آخر تحديث في 17/07/2023م",
			"paragraph/rtl مقدمة.",
			"heading/rtl ١. أهمية السياسة",
			"paragraph/rtl نص.",
			"item/rtl [١.] أ",
			"item/rtl [٢.] ب",
			"heading/rtl ٢. البيانات",
			"item/rtl [•] عنصر",
			"heading/rtl أنت المسؤول",
		}},
		{storage.NumberingNone, []string{
			"title/rtl سياسة الخصوصية",
			"meta/rtl آخر تحديث في 17/07/2023م",
			"paragraph/rtl مقدمة.",
			"heading/rtl أهمية السياسة",
			"paragraph/rtl نص.",
			"item/rtl [1.] أ",
			"item/rtl [2.] ب",
			"heading/rtl البيانات",
			"item/rtl [•] عنصر",
			"heading/rtl أنت المسؤول",
		}},
	}
	for _, tt := range tests {
		d, err := FromPage(samplePage(tt.style))
		if err != nil {
			t.Fatalf("FromPage(%s): %v", tt.style, err)
		}
		if got := blockStrings(d); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("FromPage(%s) =\n%s\nwant\n%s", tt.style, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
		if d.Dir != storage.RTL || d.Lang != "ar" {
			t.Errorf("FromPage(%s) dir, lang = %q, %q; want rtl, ar", tt.style, d.Dir, d.Lang)
		}
		if got, want := d.Blocks[3].LabelLen, map[storage.NumberingStyle]int{storage.NumberingOrdinal: 7, storage.NumberingArabicIndic: 3, storage.NumberingNone: 0}[tt.style]; got != want {
			t.Errorf("FromPage(%s) heading LabelLen = %d, want %d", tt.style, got, want)
		}
		if d.Blocks[0].Level != 1 || d.Blocks[3].Level != 2 {
			t.Errorf("FromPage(%s) title/heading levels = %d, %d; want 1, 2", tt.style, d.Blocks[0].Level, d.Blocks[3].Level)
		}
	}
}

func TestFromPageEnglish(t *testing.T) {
	p := storage.Page{Title: "Privacy", Lang: "en", Dir: storage.LTR, Numbering: storage.NumberingWestern, DateStyle: storage.DateLong,
		LastUpdated: time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC),
		Sections:    []storage.Section{{Kind: storage.KindNumbered, Heading: "Scope", Body: "Text."}}}
	d, err := FromPage(p)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"title/ltr Privacy", "meta/ltr Last updated: July 17, 2023", "heading/ltr 1. Scope", "paragraph/ltr Text."}
	if got := blockStrings(d); !reflect.DeepEqual(got, want) {
		t.Errorf("FromPage(en) = %q, want %q", got, want)
	}
}

func TestFromPageBodyError(t *testing.T) {
	p := samplePage(storage.NumberingOrdinal)
	p.Sections[2].Body = "\xff"
	if _, err := FromPage(p); !errors.Is(err, ErrInvalidUTF8) {
		t.Errorf("FromPage(bad body) error = %v, want ErrInvalidUTF8", err)
	}
}

func FuzzFromMarkdown(f *testing.F) {
	for _, s := range []string{"نص **عريض**", "1. a\n   - b", "`x` [l](u) <http://a>", "> q\n\n```\nc\n```"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		d, err := FromMarkdown(md, storage.RTL)
		if err != nil {
			return
		}
		for _, b := range d.Blocks {
			last := 0
			for _, sp := range b.Spans {
				if sp.Start < last || sp.End <= sp.Start || sp.End > len(b.Text) {
					t.Fatalf("bad span %+v in %q (len %d)", sp, string(b.Text), len(b.Text))
				}
				last = sp.End
			}
		}
	})
}
