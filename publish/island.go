package publish

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qalam/policyeditor/editor/textdir"
	"github.com/qalam/policyeditor/storage"
)

// This file is the scanner that finds islands of the other direction in a
// run of text (see isolate.go), on a strong-class table.

// span is a byte range [start, end) of a text.
type span struct{ start, end int }

// numericDate matches a date written with digits: 17/07/2023, 2023-07-17, 17.07.2023.
var numericDate = regexp.MustCompile(`^[0-9]{1,4}([/.-])[0-9]{1,2}([/.-])[0-9]{1,4}$`)

// Strong classes of characters as the island scanner uses them: classOf
// is strongDir without the string comparisons, from a table for the runes
// below U+0800 (nearly every character of a policy page).
const (
	classNone uint8 = iota
	classLTR
	classRTL
)

var classTable = func() (t [0x800]uint8) {
	for r := range t {
		t[r] = classOfSlow(rune(r))
	}
	return t
}()

func classOfSlow(r rune) uint8 {
	switch d, ok := strongDir(r); {
	case !ok:
		return classNone
	case d == storage.RTL:
		return classRTL
	}
	return classLTR
}

func classOf(r rune) uint8 {
	if uint32(r) < uint32(len(classTable)) {
		return classTable[r]
	}
	return classOfSlow(r)
}

// ownClass is the class of the block direction: rtl for right-to-left.
func ownClass(rtl bool) uint8 {
	if rtl {
		return classRTL
	}
	return classLTR
}

// decodeRune is utf8.DecodeRuneInString with the one- and two-byte cases
// (ASCII, Arabic) inline.
func decodeRune(s string) (rune, int) {
	c := s[0]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c >= 0xC2 && c < 0xE0 && len(s) > 1 && s[1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(s[1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s)
}

// decodeRuneBytes is decodeRune for bytes.
func decodeRuneBytes(b []byte) (rune, int) {
	c := b[0]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c >= 0xC2 && c < 0xE0 && len(b) > 1 && b[1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(b[1]&0x3F), 2
	}
	return utf8.DecodeRune(b)
}

// islands returns the runs of s that must be isolated in a block of
// direction dir: in right-to-left text the left-to-right runs (Latin words
// and names, e-mail addresses, URLs, numeric dates); in left-to-right text
// the runs of right-to-left letters. s is raw Markdown inline text, so a
// backslash escape (\_) or a character reference (&amp;) is kept whole.
func islands(s string, dir storage.Direction) []span {
	return appendIslands(nil, s, dir == storage.RTL)
}

// appendIslands appends the islands of s in a block that is right to
// left if rtl to out.
func appendIslands(out []span, s string, rtl bool) []span {
	skip := &skipIslandScan[0]
	if rtl {
		skip = &skipIslandScan[1]
	}
	for i := 0; i < len(s); {
		// Step over what cannot start an island, four bytes at a time.
		for i+4 <= len(s) && skip[s[i]] && skip[s[i+1]] && skip[s[i+2]] && skip[s[i+3]] {
			i += 4
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if skip[c] {
			i++
			continue
		}
		if c == '\\' || c == '&' {
			if n := markupLen(s[i:]); n > 0 {
				i += n // never start an island inside a reference or an escape
				continue
			}
		}
		r, n := decodeRune(s[i:])
		if !startsIsland(r, rtl) {
			i += n
			continue
		}
		end := scanIsland(s, i, rtl)
		if keepIsland(s[i:end], rtl) {
			out = append(out, span{i, end})
		}
		i = end
	}
	return out
}

// mayHaveIslands is false when appendIslands would find nothing in the
// concatenation of texts that include b: b has no character that starts an
// island. Invalid UTF-8 (which may decode differently once joined) is a
// maybe.
func mayHaveIslands(b []byte, rtl bool) bool {
	skip := &noIslandStart[0]
	if rtl {
		skip = &noIslandStart[1]
	}
	for i := 0; i < len(b); {
		for i+4 <= len(b) && skip[b[i]] && skip[b[i+1]] && skip[b[i+2]] && skip[b[i+3]] {
			i += 4
		}
		if i == len(b) {
			break
		}
		if skip[b[i]] {
			i++
			continue
		}
		r, n := decodeRuneBytes(b[i:])
		if (r == utf8.RuneError && n == 1) || startsIsland(r, rtl) {
			return true
		}
		i += n
	}
	return false
}

// skipIslandScan is noIslandStart without the bytes that may begin
// markup (a backslash escape or a character reference), which
// appendIslands must look at. Stepping over the bytes of a rune one at a
// time ends where decoding it would: its lead byte is one that can be
// stepped over, and so are its continuation bytes.
var skipIslandScan = func() (t [2][256]bool) {
	t = noIslandStart
	for k := range t {
		t[k]['\\'], t[k]['&'] = false, false
	}
	return t
}()

// noIslandStart[rtl][c] is true when byte c can be stepped over by a scan
// for island starts: an ASCII character that does not start one, a
// continuation byte (the rune is decided at its first byte), a lead byte
// C2–DF none of whose 64 runes starts one (whatever follows it), or a byte
// that never begins a valid rune (C0, C1, F5–FF: U+FFFD, which does not
// start one). Lead bytes E0–F4 are looked at rune by rune.
var noIslandStart = func() (t [2][256]bool) {
	for k, rtl := range []bool{false, true} {
		for c := range utf8.RuneSelf {
			t[k][c] = !startsIsland(rune(c), rtl)
		}
		for c := 0x80; c < 0xC2; c++ {
			t[k][c] = true
		}
		for c := 0xC2; c < 0xE0; c++ {
			t[k][c] = true
			for c1 := 0x80; c1 < 0xC0; c1++ {
				if startsIsland(rune(c&0x1F)<<6|rune(c1&0x3F), rtl) {
					t[k][c] = false
				}
			}
		}
		for c := 0xF5; c < 0x100; c++ {
			t[k][c] = true
		}
	}
	return t
}()

// startsIsland: LTR islands start at a Latin letter or digit, RTL islands at
// a right-to-left letter.
func startsIsland(r rune, rtl bool) bool {
	k := classOf(r)
	if rtl {
		return k == classLTR || (r >= '0' && r <= '9')
	}
	return k == classRTL
}

// scanIsland returns the end of the island starting at i: the island goes
// on through its core characters and through joiners that are followed by
// more core characters; it ends after its last core character.
func scanIsland(s string, i int, rtl bool) int {
	end, pos := i, i
	strong := false // the island has a strong character of its own direction
	own := ownClass(rtl)
	for pos < len(s) {
		r, n := decodeRune(s[pos:])
		if isCore(r, rtl, pos > i) {
			if k := classOf(r); k != classNone && k != own {
				strong = true
			}
			pos += n
			end = pos
			continue
		}
		j := joinerLen(s[pos:], rtl, strong)
		if j == 0 {
			break
		}
		pos += j
	}
	if rtl && isURLish(s[i:end]) {
		for end < len(s) && s[end] == '/' {
			end++
		}
	}
	return end
}

// isCore reports the characters that make up an island (not only join it).
func isCore(r rune, rtl bool, inside bool) bool {
	if inside && r >= 0x0300 && unicode.Is(unicode.Mn, r) { // no Mn below U+0300
		return true
	}
	if k := classOf(r); k != classNone {
		return k != ownClass(rtl)
	}
	if r >= '0' && r <= '9' {
		return rtl || inside
	}
	if !rtl && inside {
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
func joinerLen(s string, rtl bool, strong bool) int {
	if s[0] == ' ' {
		if strong {
			return 1
		}
		return 0
	}
	joiners := ltrJoiners
	if !rtl {
		joiners = rtlJoiners
	}
	if n := markupLen(s); n > 0 {
		// A character reference joins; an escape joins if what it escapes does.
		if s[0] == '&' || strings.IndexByte(joiners, s[1]) >= 0 {
			return n
		}
		return 0
	}
	r, n := decodeRune(s)
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
func keepIsland(s string, rtl bool) bool {
	other := classRTL
	if rtl {
		other = classLTR
	}
	for _, r := range s {
		if classOf(r) == other {
			return true
		}
	}
	return rtl && numericDate.MatchString(s)
}

// isURLish reports text that looks like a URL, whose trailing slashes belong to it.
func isURLish(s string) bool { return textdir.IsURL(s) }

// isASCIIPunct reports the characters CommonMark lets a backslash escape.
func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}
