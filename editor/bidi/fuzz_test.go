package bidi

import (
	"slices"
	"testing"
)

// fuzzAlphabet maps fuzzer bytes to characters of every bidi class,
// brackets (with the canonical pair) and mirrored ones.
var fuzzAlphabet = []rune("aZאبـ1٣۴+-$%,./:\u0300\u064B\u200D\u0000 \t\n\u2029" +
	"()[]{}\u2329\u232A\u3008\u3009«»!\"" +
	"\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C")

// FuzzParagraph checks, for arbitrary text and line ranges, that nothing
// panics, VisualOrder is a permutation of the line and Runs cover the line
// exactly once, for the text itself, the text mapped onto fuzzAlphabet and
// the bytes taken as classes.
func FuzzParagraph(f *testing.F) {
	for _, tc := range lineCases {
		f.Add(tc.text, uint8(tc.dir), 0, len([]rune(tc.text)))
		f.Add(tc.text, uint8(tc.dir), 2, 7)
	}
	f.Add("\x30\x31\x32\x33\x34\x35(\x36)\x37\x38", uint8(Auto), -3, 100)
	f.Fuzz(func(t *testing.T, text string, dir uint8, start, end int) {
		if len(text) > 4096 {
			return
		}
		b := []byte(text)
		mapped := make([]rune, len(b))
		cls := make([]Class, len(b))
		for i, c := range b {
			mapped[i] = fuzzAlphabet[int(c)%len(fuzzAlphabet)]
			cls[i] = Class(c % uint8(numClasses))
		}
		d := Direction(dir % 4)
		for _, p := range []*Paragraph{New([]rune(text), d), New(mapped, d), NewFromClasses(cls, d)} {
			checkParagraph(t, p, start, end)
			checkParagraph(t, p, 0, p.Len())
		}
	})
}

func checkParagraph(t *testing.T, p *Paragraph, start, end int) {
	t.Helper()
	if p.Level() > 1 {
		t.Fatalf("paragraph level %d", p.Level())
	}
	for i, l := range p.Levels() {
		if l > MaxDepth+1 {
			t.Fatalf("level[%d] = %d", i, l)
		}
	}
	s, e := max(start, 0), min(end, p.Len())
	if s >= e {
		if p.VisualOrder(start, end) != nil || p.Runs(start, end) != nil {
			t.Fatalf("empty range [%d,%d): want nil", start, end)
		}
		return
	}
	order := p.VisualOrder(start, end)
	sorted := slices.Sorted(slices.Values(order))
	for k, i := range sorted {
		if i != s+k {
			t.Fatalf("VisualOrder(%d, %d) = %v is not a permutation of [%d,%d)", start, end, order, s, e)
		}
	}
	checkRuns(t, p, start, end, s, e, order)
}

func checkRuns(t *testing.T, p *Paragraph, start, end, s, e int, order []int) {
	t.Helper()
	runs := p.Runs(start, end)
	lv := p.LineLevels(start, end)
	var fromRuns []int
	for _, r := range runs {
		if r.Start >= r.End || r.Start < s || r.End > e {
			t.Fatalf("Runs(%d, %d): bad run %v", start, end, r)
		}
		for i := r.Start; i < r.End; i++ {
			if lv[i-s] != r.Level {
				t.Fatalf("Runs(%d, %d): run %v holds level %d at %d", start, end, r, lv[i-s], i)
			}
			j := i
			if r.Level.IsRTL() {
				j = r.End - 1 - (i - r.Start)
			}
			fromRuns = append(fromRuns, j)
		}
	}
	if !slices.Equal(fromRuns, order) {
		t.Fatalf("Runs(%d, %d) = %v disagree with VisualOrder %v", start, end, runs, order)
	}
	logical := slices.SortedFunc(slices.Values(runs), func(a, b Run) int { return a.Start - b.Start })
	for k := 1; k < len(logical); k++ {
		if logical[k].Level == logical[k-1].Level {
			t.Fatalf("Runs(%d, %d): runs %v and %v are not maximal", start, end, logical[k-1], logical[k])
		}
	}
}
