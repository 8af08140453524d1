package oracle

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qalam/policyeditor/editor/textdir"
	"github.com/qalam/policyeditor/storage"
)

// This file holds the small pieces of bidi knowledge the renderer needs: the
// strong direction of a character (editor/textdir, from the UAX #9 classes,
// the same rule the in-app view uses) and the scanner that finds islands of
// the other direction in a run of text.

// strongDir reports the direction of r if r is a strong character
// (Bidi_Class L, or R/AL).
func strongDir(r rune) (storage.Direction, bool) { return textdir.Strong(r) }

// hasStrong reports whether s has a strong character of direction d.
func hasStrong(s []byte, d storage.Direction) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		if sd, ok := strongDir(r); ok && sd == d {
			return true
		}
		s = s[n:]
	}
	return false
}

// opposite returns the other direction.
func opposite(d storage.Direction) storage.Direction {
	if d == storage.RTL {
		return storage.LTR
	}
	return storage.RTL
}

// isBidiControl reports the explicit embedding, override and isolate
// controls (U+202A–U+202E, U+2066–U+2069). Content may not carry them: an
// override could make published text read differently from the draft, and
// the renderer adds its own isolation with <bdi>.
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// stripBidiControls removes the characters isBidiControl reports.
func stripBidiControls(s string) string {
	if strings.IndexFunc(s, isBidiControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isBidiControl(r) {
			return -1
		}
		return r
	}, s)
}

// stripBidiControlBytes is stripBidiControls for rendered HTML.
func stripBidiControlBytes(b []byte) []byte {
	// All the controls are encoded E2 80 AA–AE or E2 81 A6–A9.
	out := b[:0]
	for i := 0; i < len(b); {
		if b[i] == 0xE2 && i+2 < len(b) {
			if r, n := utf8.DecodeRune(b[i:]); isBidiControl(r) {
				i += n
				continue
			}
		}
		out = append(out, b[i])
		i++
	}
	return out
}

// span is a byte range [start, end) of a text.
type span struct{ start, end int }

// numericDate matches a date written with digits: 17/07/2023, 2023-07-17, 17.07.2023.
var numericDate = regexp.MustCompile(`^[0-9]{1,4}([/.-])[0-9]{1,2}([/.-])[0-9]{1,4}$`)

// islands returns the runs of s that must be isolated in a block of
// direction dir: in right-to-left text the left-to-right runs (Latin words
// and names, e-mail addresses, URLs, numeric dates); in left-to-right text
// the runs of right-to-left letters. s is raw Markdown inline text, so a
// backslash escape (\_) or a character reference (&amp;) is kept whole.
func islands(s string, dir storage.Direction) []span {
	var out []span
	for i := 0; i < len(s); {
		if n := markupLen(s[i:]); n > 0 {
			i += n // never start an island inside a reference or an escape
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !startsIsland(r, dir) {
			i += n
			continue
		}
		end := scanIsland(s, i, dir)
		if keepIsland(s[i:end], dir) {
			out = append(out, span{i, end})
		}
		i = end
	}
	return out
}

// startsIsland: LTR islands start at a Latin letter or digit, RTL islands at
// a right-to-left letter.
func startsIsland(r rune, dir storage.Direction) bool {
	d, strong := strongDir(r)
	if dir == storage.RTL {
		return (strong && d == storage.LTR) || (r >= '0' && r <= '9')
	}
	return strong && d == storage.RTL
}

// scanIsland returns the end of the island starting at i: the island goes
// on through its core characters and through joiners that are followed by
// more core characters; it ends after its last core character.
func scanIsland(s string, i int, dir storage.Direction) int {
	end, pos := i, i
	strong := false // the island has a strong character of its own direction
	for pos < len(s) {
		r, n := utf8.DecodeRuneInString(s[pos:])
		if isCore(r, dir, pos > i) {
			if d, ok := strongDir(r); ok && d != dir {
				strong = true
			}
			pos += n
			end = pos
			continue
		}
		j := joinerLen(s[pos:], dir, strong)
		if j == 0 {
			break
		}
		pos += j
	}
	if dir == storage.RTL && isURLish(s[i:end]) {
		for end < len(s) && s[end] == '/' {
			end++
		}
	}
	return end
}

// isCore reports the characters that make up an island (not only join it).
func isCore(r rune, dir storage.Direction, inside bool) bool {
	if inside && unicode.Is(unicode.Mn, r) {
		return true
	}
	if d, ok := strongDir(r); ok {
		return d != dir
	}
	if r >= '0' && r <= '9' {
		return dir == storage.RTL || inside
	}
	if dir == storage.LTR && inside {
		return (r >= 0x0660 && r <= 0x0669) || (r >= 0x06F0 && r <= 0x06F9)
	}
	return false
}

// ltrJoiners join the parts of Latin names, e-mail addresses, URLs and dates.
const ltrJoiners = ".-_@/:?=+%#~,'’"

// rtlJoiners join Arabic words.
const rtlJoiners = "-،.\u00A0\u200C"

// joinerLen returns the length of the joiner at the start of s, or 0. A
// space joins words only once the island has a strong character, so that
// "3 Windows" does not pull the number into the island. Character
// references and backslash escapes are single joiners so that an island
// boundary never splits them.
func joinerLen(s string, dir storage.Direction, strong bool) int {
	if s[0] == ' ' {
		if strong {
			return 1
		}
		return 0
	}
	joiners := ltrJoiners
	if dir == storage.LTR {
		joiners = rtlJoiners
	}
	if n := markupLen(s); n > 0 {
		// A character reference joins; an escape joins if what it escapes does.
		if s[0] == '&' || strings.IndexByte(joiners, s[1]) >= 0 {
			return n
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(s)
	if strings.ContainsRune(joiners, r) {
		return n
	}
	return 0
}

// markupLen returns the length of the character reference (&amp;, &#x40;)
// or backslash escape (\_) at the start of s, or 0.
func markupLen(s string) int {
	if len(s) > 1 && s[0] == '\\' && isASCIIPunct(s[1]) {
		return 2
	}
	if len(s) > 2 && s[0] == '&' {
		if m := entityRef.FindStringIndex(s); m != nil {
			return m[1]
		}
	}
	return 0
}

// entityRef matches an HTML character reference at the start of a string.
var entityRef = regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// keepIsland drops islands that need no isolation: a number on its own
// (digits behave in right-to-left text) unless it is a numeric date.
func keepIsland(s string, dir storage.Direction) bool {
	if hasStrong([]byte(s), opposite(dir)) {
		return true
	}
	return dir == storage.RTL && numericDate.MatchString(s)
}

// isURLish reports text that looks like a URL, whose trailing slashes belong to it.
func isURLish(s string) bool { return textdir.IsURL(s) }

// isASCIIPunct reports the characters CommonMark lets a backslash escape.
func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}
