package importer

import (
	"strings"
	"unicode"
)

// maxSlugLen is storage.MaxSlugLen (the storage engineer's limit).
const maxSlugLen = 100

// genericNames are file names that say nothing about the page.
var genericNames = map[string]bool{
	"index": true, "page": true, "default": true, "untitled": true, "document": true,
	"download": true, "new": true, "file": true, "text": true, "export": true, "policy": false,
}

// SuggestSlug proposes a slug for an imported page: from the file name when
// it is meaningful ("privacy-policy-qalam.txt" → "privacy-policy-qalam"),
// else from the title ("سياسة الخصوصية" → "سياسة-الخصوصية"). The result
// keeps letters of any script and digits, turns everything else into single
// hyphens, lower-cases Latin letters, is at most 100
// characters and passes storage.ValidateSlug; it is "page" when nothing usable is left.
func SuggestSlug(fileBase, title string) string {
	if s := slugify(fileBase); s != "" && !genericNames[s] && hasLetter(s) {
		return s
	}
	if s := slugify(title); s != "" {
		return s
	}
	return "page"
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

func slugify(s string) string {
	var b strings.Builder
	hyphen := false
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', unicode.IsLetter(r) && r != 'ـ':
			if hyphen && n > 0 {
				b.WriteByte('-')
				n++
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
			n++
		case unicode.IsDigit(r): // Arabic-Indic and other decimal digits → 0-9
			if hyphen && n > 0 {
				b.WriteByte('-')
				n++
			}
			hyphen = false
			b.WriteRune('0' + rune(digitValue(r)))
			n++
		case unicode.Is(unicode.Mn, r), r == 'ـ', unicode.Is(unicode.Cf, r):
			// harakat, tatweel and invisible marks are dropped
		default:
			hyphen = true
		}
		if n >= maxSlugLen-1 {
			break
		}
	}
	out := b.String()
	if r := []rune(out); len(r) > maxSlugLen {
		out = string(r[:maxSlugLen])
	}
	return strings.Trim(out, "-")
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
