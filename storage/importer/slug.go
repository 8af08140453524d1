package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qalam/policyeditor/storage"
)

const maxSlugLen = storage.MaxSlugLen

// genericNames are file names that say nothing about the page.
var genericNames = map[string]bool{
	"index": true, "page": true, "default": true, "untitled": true, "document": true,
	"download": true, "new": true, "file": true, "text": true, "export": true,
}

// SuggestSlug proposes a slug for an imported page: from the file name when
// it is meaningful ("privacy-policy-qalam.txt" → "privacy-policy-qalam"),
// else from the title ("سياسة الخصوصية" → "سياسة-الخصوصية"). The slug keeps
// letters of any script (Latin lower-cased, harakat and tatweel dropped) and
// digits (as 0-9), joins the words with single hyphens, is cut at a word
// end to at most 100 characters and passes storage.ValidateSlug; it is
// "page" when nothing usable is left.
//
// A device name Windows reserves ("con.md" → "con") gets "-page" after it.
func SuggestSlug(fileBase, title string) string {
	if s := slugify(fileBase); s != "" && !genericNames[s] && hasLetter(s) {
		return unreserved(s)
	}
	if s := slugify(title); s != "" {
		return unreserved(s)
	}
	return "page"
}

// unreserved makes a reserved device name a valid slug.
func unreserved(s string) string {
	if storage.IsReservedFileName(s) {
		return s + "-page"
	}
	return s
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

func slugify(s string) string {
	var words []string
	var w strings.Builder
	end := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == 'ـ', unicode.Is(unicode.Mn, r), unicode.Is(unicode.Cf, r):
			// tatweel, harakat and invisible marks are dropped
		case unicode.IsLetter(r):
			w.WriteRune(unicode.ToLower(r))
		case unicode.IsDigit(r):
			w.WriteRune('0' + rune(digitValue(r)))
		default:
			end()
		}
	}
	end()
	out, n := "", 0
	for _, word := range words {
		size := utf8.RuneCountInString(word)
		if out != "" {
			size++
		}
		if n+size > maxSlugLen || len(out)+len(word)+1 > storage.MaxSlugBytes {
			if out == "" { // one very long word
				return cutWord(word)
			}
			break
		}
		if out != "" {
			out += "-"
		}
		out += word
		n += size
	}
	return out
}

// digitValue returns the value of a Unicode decimal digit: decimal digits
// come in runs of ten starting at zero.
func digitValue(r rune) int {
	zero := r
	for unicode.IsDigit(zero - 1) {
		zero--
	}
	return int(r-zero) % 10
}

// cutWord cuts one long word to the slug limits, at a character boundary.
func cutWord(word string) string {
	r := []rune(word)
	r = r[:min(len(r), maxSlugLen)]
	for len(string(r)) > storage.MaxSlugBytes {
		r = r[:len(r)-1]
	}
	return string(r)
}
