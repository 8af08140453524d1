package storage

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// MaxSlugLen is the longest slug accepted, in characters.
const MaxSlugLen = 100

// MaxSlugBytes is the longest slug accepted, in bytes of UTF-8: the flat
// layout's file name, slug + ".html", must fit the 255 bytes a file name
// may have (100 Arabic letters are 200 bytes; 100 letters of some scripts
// are 400).
const MaxSlugBytes = 255 - len(".html")

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

// SlugKey is the form in which two slugs are the same page: NFKC with
// Unicode case folding (NFKC_Casefold), so "é" and "É", fullwidth "ｘ" and
// "x", and the ligature "ﬁ" and "fi" are one slug, as they are one folder
// on a web root that ignores case or normalises names.
func SlugKey(s string) string {
	return norm.NFKC.String(cases.Fold().String(norm.NFKC.String(s)))
}

// NormalizeSlug returns s in Unicode NFC, the form slugs are stored and
// looked up in, so that the same word typed with precomposed or combining
// characters (أ or ا + U+0654) names the same page. CreatePage, UpdatePage
// and FindPageBySlug apply it.
func NormalizeSlug(s string) string { return norm.NFC.String(s) }

// IsReservedFileName reports the device names Windows refuses as file or
// folder names, in any case and with any extension: CON, PRN, AUX, NUL,
// CONIN$, CONOUT$, COM0–COM9 and LPT0–LPT9 (also with the superscript
// digits ¹ ² ³). It is the one rule for slugs and for every path a target
// writes.
func IsReservedFileName(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	for _, prefix := range []string{"COM", "LPT"} {
		if rest, ok := strings.CutPrefix(base, prefix); ok {
			if (len(rest) == 1 && rest[0] >= '0' && rest[0] <= '9') || rest == "¹" || rest == "²" || rest == "³" {
				return true
			}
		}
	}
	return false
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
	case len(s) > MaxSlugBytes:
		return fmt.Sprintf("%d bytes, longer than the %d bytes a file name can take", len(s), MaxSlugBytes)
	case strings.ContainsAny(s, "/\\"):
		return `contains a path separator ("/" or "\")`
	case strings.Contains(s, ".."):
		return `contains ".."`
	case strings.HasPrefix(s, "."):
		return "starts with a dot"
	case strings.HasPrefix(s, "-"):
		return "starts with a hyphen"
	case IsReservedFileName(s):
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
