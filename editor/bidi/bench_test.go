package bidi

import (
	"bufio"
	"strconv"
	"strings"
	"testing"

	xbidi "golang.org/x/text/unicode/bidi"
)

// benchText returns a 2,000-character paragraph of mixed Arabic, Latin,
// digits, brackets and punctuation, as found in the product's pages.
func benchText() []rune {
	const phrase = "تحدد هذه السياسة كيفية جمع بياناتك (Personal Data) عبر موقع " +
		"www.qlmlearn.com منذ 17/07/2023م، وعددها ١٢٣ بنداً؟ راسلنا على support@gmail.com . "
	var b strings.Builder
	for b.Len() < 8000 {
		b.WriteString(phrase)
	}
	return []rune(b.String())[:2000]
}

func BenchmarkNewRuns(b *testing.B) {
	text := benchText()
	b.ReportAllocs()
	for b.Loop() {
		p := New(text, RTL)
		_ = p.Runs(0, len(text))
	}
}

func BenchmarkNewVisualOrder(b *testing.B) {
	text := benchText()
	b.ReportAllocs()
	for b.Loop() {
		p := New(text, RTL)
		_ = p.VisualOrder(0, len(text))
	}
}

// BenchmarkXTextPeer runs the same paragraph through
// golang.org/x/text/unicode/bidi (SetString + Order), the peer library,
// for comparison only.
func BenchmarkXTextPeer(b *testing.B) {
	s := string(benchText())
	b.ReportAllocs()
	for b.Loop() {
		var p xbidi.Paragraph
		if _, err := p.SetString(s, xbidi.DefaultDirection(xbidi.RightToLeft)); err != nil {
			b.Fatal(err)
		}
		if _, err := p.Order(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkXTextBidiCharacterTest reports how many visual orders of the
// RTL-paragraph cases of BidiCharacterTest.txt x/text reproduces (metrics
// "matched" and "cases"). x/text gives runs by direction, not levels, so
// the order is derived as a caller would: runs right to left, RTL runs
// reversed.
func BenchmarkXTextBidiCharacterTest(b *testing.B) {
	f := openUCD(b, "BidiCharacterTest.txt")
	sc := bufio.NewScanner(f)
	var cases, matched int
	for sc.Scan() {
		fields := strings.Split(sc.Text(), ";")
		if len(fields) != 5 || fields[1] != "1" {
			continue
		}
		var runes []rune
		for _, h := range strings.Fields(fields[0]) {
			v, _ := strconv.ParseUint(h, 16, 32)
			runes = append(runes, rune(v))
		}
		cases++
		if xtextOrder(runes) == strings.TrimSpace(fields[4]) {
			matched++
		}
	}
	for b.Loop() {
	}
	b.ReportMetric(float64(matched), "matched")
	b.ReportMetric(float64(cases), "cases")
}

// xtextOrder returns x/text's visual order of an RTL paragraph as space
// separated indices, X9-removed characters omitted, or "" if it fails.
func xtextOrder(runes []rune) (out string) {
	defer func() {
		if recover() != nil {
			out = ""
		}
	}()
	var p xbidi.Paragraph
	if _, err := p.SetString(string(runes), xbidi.DefaultDirection(xbidi.RightToLeft)); err != nil {
		return ""
	}
	o, err := p.Order()
	if err != nil {
		return ""
	}
	var idx []string
	for k := o.NumRuns() - 1; k >= 0; k-- {
		r := o.Run(k)
		start, end := r.Pos() // end is inclusive
		for j := range end - start + 1 {
			i := start + j
			if r.Direction() == xbidi.RightToLeft {
				i = end - j
			}
			if !isRemovedByX9(ClassOf(runes[i])) {
				idx = append(idx, strconv.Itoa(i))
			}
		}
	}
	return strings.Join(idx, " ")
}
