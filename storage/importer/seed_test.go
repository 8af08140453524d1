package importer

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/numbering"
)

const seedPath = "../../assets/sample/privacy-policy-qalam.txt"

func readSeed(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		tb.Fatalf("read seed: %v", err)
	}
	return data
}

var orderedItem = regexp.MustCompile(`(?m)^[0-9]+\. `)

func TestImportSeed(t *testing.T) {
	data := readSeed(t)
	res, err := Import("privacy-policy-qalam.txt", data)
	if err != nil {
		t.Fatalf("Import(seed) error: %v", err)
	}
	p := res.Page
	if res.Format != FormatText {
		t.Errorf("Format = %q, want %q", res.Format, FormatText)
	}
	if want := "سياسة الخصوصية لموقع منصة قلم"; p.Title != want {
		t.Errorf("Title = %q, want %q", p.Title, want)
	}
	if want := time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC); !p.LastUpdated.Equal(want) {
		t.Errorf("LastUpdated = %v, want %v", p.LastUpdated, want)
	}
	if p.Lang != "ar" || p.Dir != storage.RTL || p.Numbering != storage.NumberingOrdinal || p.DateStyle != storage.DateNumeric || p.Status != storage.StatusDraft {
		t.Errorf("Lang, Dir, Numbering, DateStyle, Status = %q, %q, %q, %q, %q; want ar, rtl, ordinal, numeric, draft", p.Lang, p.Dir, p.Numbering, p.DateStyle, p.Status)
	}
	if err := storage.ValidateSlug(p.Slug); err != nil || p.Slug != "privacy-policy-qalam" {
		t.Errorf("Slug = %q (%v), want privacy-policy-qalam", p.Slug, err)
	}

	// 7 numbered sections and the closing one, lists intact.
	if len(p.Sections) != 8 || p.SectionCount != 8 {
		t.Fatalf("got %d sections (SectionCount %d), want 8", len(p.Sections), p.SectionCount)
	}
	wantItems := []int{0, 4, 3, 4, 3, 4, 0, 0}
	for i, s := range p.Sections {
		wantKind := storage.KindNumbered
		if i == 7 {
			wantKind = storage.KindClosing
		}
		if s.Kind != wantKind {
			t.Errorf("section %d Kind = %q, want %q", i+1, s.Kind, wantKind)
		}
		if got := len(orderedItem.FindAllString(s.Body, -1)); got != wantItems[i] {
			t.Errorf("section %d has %d list items, want %d; body:\n%s", i+1, got, wantItems[i], s.Body)
		}
		if strings.ContainsAny(s.Heading, "\\") || strings.Contains(s.Body, "\\") {
			t.Errorf("section %d was escaped where nothing needed it: %q / %q", i+1, s.Heading, s.Body)
		}
	}
	if want := "أهمية سياسة الخصوصية لمنصة قلم."; p.Sections[0].Heading != want {
		t.Errorf("section 1 heading = %q, want %q", p.Sections[0].Heading, want)
	}
	if want := "ما هي البيانات التي يتم جمعها من المستخدمين أو الزوار؟"; p.Sections[2].Heading != want {
		t.Errorf("section 3 heading (typed ثالثا without tanween) = %q, want %q", p.Sections[2].Heading, want)
	}
	closing := p.Sections[7]
	if closing.Heading != "" || closing.Body != "أنت وحدك المسؤول عن متابعة تعديلات أي سياسات أو شروط وأحكام تتم على صفحات المنصة.\n" {
		t.Errorf("closing = %q / %q, want no heading and the sentence as body", closing.Heading, closing.Body)
	}
	all := pageText(p)
	for _, s := range []string{"(www.qlmlearn.com)", "support@gmail.com", "تحليلاتGoogle Analytic"} {
		if !strings.Contains(all, s) {
			t.Errorf("page lost %q unchanged", s)
		}
	}

	// The six lines of chrome are listed, never silently dropped, and so is the date line.
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for _, l := range res.LeftOut {
		if l.Number < 1 || l.Number > len(lines) || strings.TrimSpace(lines[l.Number-1]) != l.Text {
			t.Errorf("LeftOut line %d %q does not match the input line", l.Number, l.Text)
		}
	}
	for i := 0; i < 5; i++ {
		if i >= len(res.LeftOut) || res.LeftOut[i].Number != i+1 || res.LeftOut[i].Reason != ReasonChrome {
			t.Errorf("LeftOut[%d] = %+v, want line %d as page chrome", i, res.LeftOut, i+1)
			break
		}
	}
	if len(res.LeftOut) != 6 || res.LeftOut[5].Number != 9 || res.LeftOut[5].Reason != ReasonDate {
		t.Errorf("LeftOut = %+v, want lines 1-5 (chrome) and 9 (date)", res.LeftOut)
	} else if want := "آخر تحديث في " + numbering.FormatDate(p.LastUpdated, p.DateStyle, p.Lang); res.LeftOut[5].Text != want {
		t.Errorf("date line = %q, want %q (the date as the page will print it)", res.LeftOut[5].Text, want)
	}

	// Every word of the policy (line 7 on) is in the page exactly once:
	// title, labels, headings and bodies, plus the date line left out.
	want := inputWords(lines[6:])
	got := pageWords(p)
	for _, l := range res.LeftOut {
		if l.Number >= 7 {
			got = append(got, words(l.Text)...)
		}
	}
	if missing, extra := diffWords(want, got); len(missing)+len(extra) > 0 {
		t.Errorf("words differ from the input:\nmissing %q\nextra %q", missing, extra)
	}
	if len(want) < 400 {
		t.Errorf("only %d words in the seed: the tokenizer is broken", len(want))
	}
	if len(res.Warnings) != 0 {
		t.Errorf("Warnings = %q, want none", res.Warnings)
	}
}

func BenchmarkImportSeed(b *testing.B) {
	data := readSeed(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Import("privacy-policy-qalam.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}
