package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

func importFile(t *testing.T, name string) (Result, []byte) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(name, data)
	if err != nil {
		t.Fatalf("Import(%s) error: %v", name, err)
	}
	if err := storage.ValidateSlug(res.Page.Slug); err != nil {
		t.Errorf("Import(%s) slug: %v", name, err)
	}
	return res, data
}

type wantSection struct {
	kind    storage.SectionKind
	heading string
	body    []string // substrings the body must contain
}

func checkSections(t *testing.T, p storage.Page, want []wantSection) {
	t.Helper()
	if len(p.Sections) != len(want) {
		for i, s := range p.Sections {
			t.Logf("section %d: %s %q\n%s", i+1, s.Kind, s.Heading, s.Body)
		}
		t.Fatalf("got %d sections, want %d", len(p.Sections), len(want))
	}
	for i, w := range want {
		s := p.Sections[i]
		if s.Kind != w.kind || s.Heading != w.heading {
			t.Errorf("section %d = %s %q, want %s %q", i+1, s.Kind, s.Heading, w.kind, w.heading)
		}
		for _, b := range w.body {
			if !strings.Contains(s.Body, b) {
				t.Errorf("section %d body does not contain %q:\n%s", i+1, b, s.Body)
			}
		}
		if s.Body != "" && !strings.HasSuffix(s.Body, "\n") {
			t.Errorf("section %d body does not end with a newline: %q", i+1, s.Body)
		}
	}
}

// The seed saved from a browser as HTML: same policy, page chrome around it.
func TestImportHTML(t *testing.T) {
	res, data := importFile(t, "privacy-qalam-saved.html")
	p := res.Page
	if res.Format != FormatHTML || p.Title != "سياسة الخصوصية لموقع منصة قلم" || p.Lang != "ar" || p.Dir != storage.RTL || p.Numbering != storage.NumberingOrdinal {
		t.Errorf("Format, Title, Lang, Dir, Numbering = %q, %q, %q, %q, %q", res.Format, p.Title, p.Lang, p.Dir, p.Numbering)
	}
	if !p.LastUpdated.Equal(time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("LastUpdated = %v, want 2023-07-17", p.LastUpdated)
	}
	checkSections(t, p, []wantSection{
		{storage.KindNumbered, "أهمية سياسة الخصوصية لمنصة قلم.", []string{"([www.qlmlearn.com](https://www.qlmlearn.com/))", "مبادئ **الشفافية** الثقة"}},
		{storage.KindNumbered, "فيما تستخدم منصة قلم البيانات التي تجمعها؟", []string{"الآتي:.\n\n1. استخدامها", "تحليلات*Google Analytic* وإعداد", "\n4. التواصل"}},
		{storage.KindNumbered, "ما هي البيانات التي يتم جمعها من المستخدمين أو الزوار؟", []string{"\n3. بعض"}},
		{storage.KindNumbered, "هل تجمع المنصة بياناتي المالية أو كلمات المرور؟", []string{"1. لا تقوم", "\n4. لا تتحكم"}},
		{storage.KindNumbered, "من يطلع على بياناتك؟", []string{"\n3. موقع"}},
		{storage.KindNumbered, "معلومات إضافية.", []string{"\n4. قد تجد"}},
		{storage.KindNumbered, "وقت تخزين تلك البيانات.", []string{"support@gmail.com ."}},
		{storage.KindClosing, "", []string{"أنت وحدك المسؤول"}},
	})
	// chrome is listed with reasons and real line numbers
	lines := strings.Split(string(data), "\n")
	reasons := map[string]string{}
	for _, l := range res.LeftOut {
		reasons[l.Text] = l.Reason
		if l.Number < 1 || !strings.Contains(lines[l.Number-1], strings.Fields(l.Text)[0]) {
			t.Errorf("LeftOut %q: line %d does not hold its first word", l.Text, l.Number)
		}
	}
	for text, reason := range map[string]string{
		"تخطي إلى المحتوى":                                 ReasonHidden,
		"الرئيسية الدورات تواصل معنا بحث":                  ReasonHeader,
		"هل لديك سؤال؟ حذف الملف":                          ReasonHidden,
		"آخر تحديث في 17/07/2023م":                         ReasonDate,
		"نستخدم ملفات تعريف الارتباط لتحسين تجربتك. موافق": ReasonAside,
		"جميع الحقوق محفوظة © 2023 منصة قلم تويتر":         ReasonPageFoot,
	} {
		if reasons[text] != reason {
			t.Errorf("LeftOut[%q] reason = %q, want %q", text, reasons[text], reason)
		}
	}
	if len(res.LeftOut) != 6 {
		t.Errorf("LeftOut = %+v, want 6 entries", res.LeftOut)
	}
	for _, s := range p.Sections {
		if strings.Contains(s.Body, "gtag") || strings.Contains(s.Body, "cookie") || strings.Contains(s.Body, "<") {
			t.Errorf("script, style or markup leaked into the body: %q", s.Body)
		}
	}
	// every word of the policy is there once: compare with the seed text
	seed := strings.Split(string(readSeed(t)), "\n")
	got := pageWords(p)
	for _, l := range res.LeftOut {
		if l.Reason == ReasonDate {
			got = append(got, words(l.Text)...)
		}
	}
	if missing, extra := diffWords(inputWords(seed[6:]), got); len(missing)+len(extra) > 0 {
		t.Errorf("words differ from the seed:\nmissing %q\nextra %q", missing, extra)
	}
}

func TestImportMarkdown(t *testing.T) {
	res, data := importFile(t, "terms-qalam.md")
	p := res.Page
	if res.Format != FormatMarkdown || p.Title != "شروط استخدام منصة قلم" || p.Lang != "ar" || p.Numbering != storage.NumberingOrdinal || p.DateStyle != storage.DateLong {
		t.Errorf("Format, Title, Lang, Numbering, DateStyle = %q, %q, %q, %q, %q", res.Format, p.Title, p.Lang, p.Numbering, p.DateStyle)
	}
	if !p.LastUpdated.Equal(time.Date(2024, 8, 26, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("LastUpdated = %v, want 2024-08-26", p.LastUpdated)
	}
	checkSections(t, p, []wantSection{
		{storage.KindIntro, "", []string{"**منصة قلم**", "[الموقع](https://www.qlmlearn.com)"}},
		{storage.KindNumbered, "التعريفات", []string{"- **المنصة**:", "\n  - المدرب:"}},
		{storage.KindNumbered, "التسجيل والحساب", []string{"1. يجب", "\n2. أنت", "### ملاحظة\n\nلا نطلب"}},
		{storage.KindNumbered, "الرسوم والدفع", []string{"15%.", "```\nرمز الخصم: QALAM_2024\n```"}},
		{storage.KindClosing, "", []string{"تواصل معنا على support@qlmlearn.com"}},
	})
	if len(res.LeftOut) != 1 || res.LeftOut[0].Number != 3 || res.LeftOut[0].Reason != ReasonDate {
		t.Errorf("LeftOut = %+v, want the date line 3", res.LeftOut)
	}
	// words: every line of the input, Markdown markup removed
	var want []string
	for _, l := range strings.Split(string(data), "\n") {
		if level, text := atxHeading(l); level > 0 {
			l = text
		}
		if strings.HasPrefix(l, "```") {
			continue
		}
		want = append(want, words(plainText(markdownMarker.ReplaceAllString(l, "")))...)
	}
	got := pageWords(p)
	got = append(got, words(plainText(res.LeftOut[0].Text))...)
	if missing, extra := diffWords(want, got); len(missing)+len(extra) > 0 {
		t.Errorf("words differ from the input:\nmissing %q\nextra %q", missing, extra)
	}
}

func TestImportEnglishText(t *testing.T) {
	res, data := importFile(t, "terms-en.txt")
	p := res.Page
	if res.Format != FormatText || p.Title != "Terms of Service" || p.Lang != "en" || p.Dir != storage.LTR || p.Numbering != storage.NumberingWestern || p.DateStyle != storage.DateLong {
		t.Errorf("Format, Title, Lang, Dir, Numbering, DateStyle = %q, %q, %q, %q, %q, %q", res.Format, p.Title, p.Lang, p.Dir, p.Numbering, p.DateStyle)
	}
	if !p.LastUpdated.Equal(time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("LastUpdated = %v, want 2023-07-17", p.LastUpdated)
	}
	checkSections(t, p, []wantSection{
		{storage.KindIntro, "", []string{"Welcome to Qalam."}},
		{storage.KindNumbered, "Introduction", []string{"By using"}},
		{storage.KindNumbered, "Definitions", []string{"In these terms:\n\n1. \"Platform\"", "\n3. \"Trainer\""}},
		{storage.KindNumbered, "Your account", []string{"- sharing paid content;", `posting \*spam\* or \[links\] to #malware.`, "1. The number one rule is respect."}},
		{storage.KindNumbered, "Contact", []string{"support@gmail.com"}},
	})
	if len(res.LeftOut) != 3 || res.LeftOut[0].Reason != ReasonChrome || res.LeftOut[1].Reason != ReasonChrome || res.LeftOut[2].Reason != ReasonDate {
		t.Errorf("LeftOut = %+v, want two chrome lines and the date", res.LeftOut)
	}
	// heading lines keep their numbers (the page puts them back as labels)
	headings := map[string]bool{}
	for _, s := range p.Sections {
		headings[s.Heading] = true
	}
	var want []string
	for _, l := range strings.Split(string(data), "\n") {
		if stripped := inputMarker.ReplaceAllString(l, ""); headings[stripped] {
			want = append(want, words(l)...)
		} else {
			want = append(want, words(stripped)...)
		}
	}
	got := pageWords(p)
	for _, l := range res.LeftOut {
		got = append(got, words(l.Text)...)
	}
	if missing, extra := diffWords(want, got); len(missing)+len(extra) > 0 {
		t.Errorf("words differ from the input:\nmissing %q\nextra %q", missing, extra)
	}
}

func BenchmarkImportHTML(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "privacy-qalam-saved.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Import("privacy-qalam-saved.html", data); err != nil {
			b.Fatal(err)
		}
	}
}
