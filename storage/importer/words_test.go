package importer

import (
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/numbering"
)

// words splits text into words for comparison: maximal runs of letters,
// digits and combining marks, harakat removed (so the typed "ثالثا" and the
// label "ثالثاً" are the same word). Punctuation separates words, so
// "(www.qlmlearn.com)" is www, qlmlearn, com on both sides of a comparison;
// tests check URLs and addresses whole with strings.Contains.
func words(text string) []string {
	return strings.FieldsFunc(strings.Map(func(r rune) rune {
		if r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640 {
			return -1
		}
		return r
	}, text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
}

var (
	inputMarker    = regexp.MustCompile(`^\s*(?:[(]?[0-9٠-٩]{1,3}[.)\-:]?[)]?|[-•*·▪◦‣●○■□–])\s+`)
	markdownMarker = regexp.MustCompile(`^\s*(?:[0-9]{1,9}[.)]|[-*+])\s+`)
)

// inputWords are the words of input lines, list markers removed.
func inputWords(lines []string) []string {
	var out []string
	for _, l := range lines {
		out = append(out, words(inputMarker.ReplaceAllString(l, ""))...)
	}
	return out
}

// pageWords are the words of an imported page as a reader sees them: the
// title, the numbering labels put back, headings, and bodies without
// Markdown list markers and escapes.
func pageWords(p storage.Page) []string {
	out := words(p.Title)
	n := 0
	for _, s := range p.Sections {
		if s.Kind == storage.KindNumbered {
			n++
		}
		out = append(out, words(numbering.Label(p.Numbering, s.Kind, n))...)
		out = append(out, words(s.Heading)...)
		for _, l := range strings.Split(s.Body, "\n") {
			out = append(out, words(plainText(strings.TrimSpace(markdownMarker.ReplaceAllString(l, ""))))...)
		}
	}
	return out
}

// diffWords returns the words missing from got and the extra ones, as multisets.
func diffWords(want, got []string) (missing, extra []string) {
	count := map[string]int{}
	for _, w := range want {
		count[w]++
	}
	for _, w := range got {
		count[w]--
	}
	for w, c := range count {
		for ; c > 0; c-- {
			missing = append(missing, w)
		}
		for ; c < 0; c++ {
			extra = append(extra, w)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	return missing, extra
}

func TestWordsHelper(t *testing.T) {
	got := strings.Join(words("ثالثاً: (www.qlmlearn.com) عنها ،،، support@gmail.com . 17/07/2023م أولا)ي"), "|")
	if want := "ثالثا|www|qlmlearn|com|عنها|support|gmail|com|17|07|2023م|أولا|ي"; got != want {
		t.Errorf("words = %q, want %q", got, want)
	}
	m, e := diffWords([]string{"a", "a", "b"}, []string{"a", "b", "c"})
	if strings.Join(m, ",") != "a" || strings.Join(e, ",") != "c" {
		t.Errorf("diffWords = %v, %v", m, e)
	}
}
