package storage

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxSlugLen is the longest slug accepted, in characters.
const MaxSlugLen = 100

// ValidateSlug reports whether s can be a page's slug, which becomes a file
// or folder name on the website. A slug is letters of any script (Arabic
// included, with their combining marks), digits and hyphens, at most
// MaxSlugLen characters, not starting with a hyphen.
//
// The error wraps ErrInvalid and says what was wrong: empty, too long, a
// path separator or "..", a leading dot or hyphen, a control character, an
// invisible bidi control, whitespace, a reserved Windows device name (CON,
// NUL, COM1 …) or another character that is not allowed.
func ValidateSlug(s string) error {
	if reason := slugProblem(s); reason != "" {
		return fmt.Errorf("slug %q: %s: %w", s, reason, ErrInvalid)
	}
	return nil
}

// NormalizeSlug returns s in Unicode NFC, the form slugs are stored and
// looked up in, so that the same word typed with precomposed or combining
// characters (أ or ا + U+0654) names the same page. CreatePage, UpdatePage
// and FindPageBySlug apply it.
func NormalizeSlug(s string) string { return norm.NFC.String(s) }

// windowsReserved are device names Windows refuses as file names, with or
// without an extension.
var windowsReserved = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true}

func isWindowsReserved(s string) bool {
	l := strings.ToLower(s)
	if windowsReserved[l] {
		return true
	}
	return len(l) == 4 && (strings.HasPrefix(l, "com") || strings.HasPrefix(l, "lpt")) && l[3] >= '1' && l[3] <= '9'
}

// slugProblem returns why s is not a valid slug, or "".
func slugProblem(s string) string {
	switch {
	case s == "":
		return "empty"
	case !utf8.ValidString(s):
		return "not valid UTF-8"
	case utf8.RuneCountInString(s) > MaxSlugLen:
		return fmt.Sprintf("longer than %d characters", MaxSlugLen)
	case strings.ContainsAny(s, "/\\"):
		return `contains a path separator ("/" or "\")`
	case strings.Contains(s, ".."):
		return `contains ".."`
	case strings.HasPrefix(s, "."):
		return "starts with a dot"
	case strings.HasPrefix(s, "-"):
		return "starts with a hyphen"
	case isWindowsReserved(s):
		return "a reserved file name on Windows"
	}
	prevLetter := false
	for i, r := range s {
		if reason := slugRuneProblem(r, prevLetter); reason != "" {
			return fmt.Sprintf("%s at byte %d", reason, i)
		}
		prevLetter = unicode.IsLetter(r) || (prevLetter && unicode.Is(unicode.Mn, r))
	}
	return ""
}

// slugRuneProblem returns why r cannot be in a slug, or "". prevLetter says
// whether r follows a letter (combining marks are allowed only there).
func slugRuneProblem(r rune, prevLetter bool) string {
	switch {
	case isBidiControl(r):
		return fmt.Sprintf("contains the invisible bidi control U+%04X", r)
	case unicode.IsControl(r):
		return fmt.Sprintf("contains the control character U+%04X", r)
	case unicode.IsSpace(r):
		return fmt.Sprintf("contains whitespace U+%04X", r)
	case unicode.IsLetter(r), unicode.IsDigit(r), r == '-':
		return ""
	case unicode.Is(unicode.Mn, r) && prevLetter:
		return ""
	case unicode.Is(unicode.Cf, r):
		return fmt.Sprintf("contains the invisible format character U+%04X", r)
	}
	return fmt.Sprintf("contains %q (only letters, digits and hyphens are allowed)", r)
}

// isBidiControl reports the invisible characters that change the display
// order of text: LRM, RLM, ALM, the embeddings/overrides and the isolates.
func isBidiControl(r rune) bool {
	switch {
	case r == '\u200E', r == '\u200F', r == '\u061C':
		return true
	case r >= '\u202A' && r <= '\u202E':
		return true
	case r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}
