package check

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/importer"
)

// seedPage imports the sample policy as the app does.
func seedPage(tb testing.TB) storage.Page {
	tb.Helper()
	data, err := os.ReadFile("../../assets/sample/privacy-policy-qalam.txt")
	if err != nil {
		tb.Fatal(err)
	}
	res, err := importer.Import("privacy-policy-qalam.txt", data)
	if err != nil {
		tb.Fatal(err)
	}
	return res.Page
}

var fixedNow = Options{Now: func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) }}

// seedWant is every finding the sample policy must give, and nothing
// else: section (1-based), check and text.
var seedWant = []string{
	"1 heading-period .",
	"2 hamzat-wasl إستخدام", "2 doubled-punct :.", "2 hamzat-wasl وإستخدامك", "2 hamzat-wasl إستخدام",
	"2 glued-latin تحليلاتGoogle", "2 hamzat-wasl الإقتراحات",
	"3 doubled-punct :.", "3 hamzat-wasl إستخدامك", "3 hamzat-wasl والإستخدام",
	"3 space-before-punct  ", "3 space-before-punct  ", "3 space-before-punct  ",
	"4 hamzat-wasl الإطلاع", "4 hamzat-wasl لإستخدام", "4 space-before-punct  ", "4 ellipsis ،،،",
	"5 doubled-punct :.", "5 space-before-punct  ", "5 space-before-punct  ", "5 hamzat-wasl إلتزامه",
	"6 heading-period .", "6 space-before-punct  ", "6 ellipsis ،،،",
	"7 heading-period .", "7 space-before-punct  ", "7 space-before-punct  ",
}

func TestSeedFindings(t *testing.T) {
	fs := Page(seedPage(t), fixedNow)
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%d %s %s", f.Section+1, f.Check, f.Text))
	}
	if !slices.Equal(got, seedWant) {
		t.Errorf("seed findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(seedWant, "\n"))
	}
	if HasErrors(fs) {
		t.Error("the seed has no errors")
	}
	// The mistakes the issue names are all there.
	for _, w := range []string{"إستخدام", "الإستخدام", "الإقتراحات", "إلتزامه", "الإطلاع", "تحليلاتGoogle", "،،،", ":."} {
		if !slices.ContainsFunc(fs, func(f Finding) bool { return strings.Contains(f.Text, w) }) {
			t.Errorf("no finding for %q", w)
		}
	}
}

// letterWords are the words of s: runs of letters, marks and digits.
func letterWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

func TestSeedFix(t *testing.T) {
	p := seedPage(t)
	fixed := Fix(p, fixedNow)
	if left := slices.DeleteFunc(Page(fixed.Page, fixedNow), func(f Finding) bool { return f.Fix == nil }); len(left) != 0 {
		t.Errorf("fixable findings left after Fix: %q", checksOf(left))
	}
	want := map[string]int{HamzatWasl: 9, DoubledPunct: 3, GluedLatin: 1, SpaceBeforePunct: 9, Ellipsis: 2, HeadingPeriod: 3}
	if !maps.Equal(fixed.Applied, want) {
		t.Errorf("applied %v, want %v", fixed.Applied, want)
	}
	corrected := map[string]string{"الإطلاع": "الاطلاع"} // before على
	for w, fix := range waslWrong {
		corrected[w] = fix
	}
	for i, s := range p.Sections {
		before, after := letterWords(s.Heading+" "+s.Body), letterWords(fixed.Page.Sections[i].Heading+" "+fixed.Page.Sections[i].Body)
		// The one glued word becomes two; every other word stays or is its correction.
		j := 0
		for _, w := range before {
			switch {
			case w == "تحليلاتGoogle":
				if after[j] != "تحليلات" || after[j+1] != "Google" {
					t.Errorf("section %d: %q became %q %q", i+1, w, after[j], after[j+1])
				}
				j += 2
				continue
			case after[j] != w && corrected[w] != after[j]:
				t.Errorf("section %d: word %q became %q", i+1, w, after[j])
			}
			j++
		}
		if j != len(after) {
			t.Errorf("section %d: %d words after the fix, want %d", i+1, len(after), j)
		}
	}
	all := func(p storage.Page) string {
		var b strings.Builder
		for _, s := range p.Sections {
			b.WriteString(s.Body)
		}
		return b.String()
	}
	for _, keep := range []string{"support@gmail.com", "(www.qlmlearn.com)"} {
		if !strings.Contains(all(fixed.Page), keep) {
			t.Errorf("%q lost by Fix", keep)
		}
	}
	if fixed.Page.Title != p.Title || len(fixed.Page.Sections) != len(p.Sections) {
		t.Error("Fix changed the title or the sections")
	}
}

func TestIsCorrection(t *testing.T) {
	seed := seedPage(t)
	fixed := Fix(seed, fixedNow).Page
	if !IsCorrection(seed, fixed) || !IsCorrection(fixed, seed) || !IsCorrection(seed, seed) {
		t.Error("the seed and its fixes are not a correction")
	}
	// Only some of the fixes, by hand: still a correction.
	partly := Fix(seed, fixedNow, HamzatWasl, Ellipsis).Page
	if !IsCorrection(seed, partly) {
		t.Error("a partial fix is not a correction")
	}
	dated := fixed
	dated.LastUpdated = dated.LastUpdated.AddDate(1, 0, 0)
	if !IsCorrection(seed, dated) {
		t.Error("a new date alone made it material")
	}
	for name, edit := range map[string]func(p *storage.Page){
		"a word": func(p *storage.Page) {
			p.Sections[0].Body = strings.Replace(p.Sections[0].Body, "الثقة", "والثقة", 1)
		},
		"a heading": func(p *storage.Page) { p.Sections[1].Heading += " الآن" },
		"the title": func(p *storage.Page) { p.Title = "سياسة الاستخدام" },
		"a section": func(p *storage.Page) { p.Sections = p.Sections[1:] },
		"the order": func(p *storage.Page) { p.Sections[0], p.Sections[1] = p.Sections[1], p.Sections[0] },
		"the e-mail": func(p *storage.Page) {
			p.Sections[6].Body = strings.Replace(p.Sections[6].Body, "support@", "help@", 1)
		},
	} {
		p := Fix(seed, fixedNow).Page
		p.Sections = slices.Clone(p.Sections)
		edit(&p)
		if IsCorrection(seed, p) {
			t.Errorf("changing %s is a correction", name)
		}
	}
}
