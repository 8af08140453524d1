// Package arabic matches Arabic text the way its readers search it: loosely.
// Fold maps a text to a search key in which harakat (short-vowel and other
// diacritic marks), tatweel and invisible joiners are gone, the alef forms
// أ إ آ ٱ are plain ا, hamza seats ؤ ئ are و ي, alef maksura ى and Persian
// yeh ی are ي, keheh ک is ك, Arabic-Indic digits are Western digits and
// letters are lower case. So "اسم" matches "إسم" and "الأسماء", and
// "مُستخدم" matches "مستـخدم".
//
// Teh marbuta (ة) and heh (ه) are kept apart: they are different words in
// legal text ("منصة" is not "منصه"), and a replace must not conflate them.
//
// The package is pure (no Fyne, no I/O); the page list filter, find and
// replace and the content checks share it so that they agree on what
// "the same word" means.
package arabic

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldRune returns the folded form of r and false when r is dropped from
// the key altogether (a mark, tatweel or an invisible format character).
func foldRune(r rune) (rune, bool) {
	switch {
	case isMark(r):
		return 0, false
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠'), true
	case r >= '۰' && r <= '۹': // Extended Arabic-Indic (Persian, Urdu)
		return '0' + (r - '۰'), true
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
		return 'ا', true
	case 'ؤ':
		return 'و', true
	case 'ئ', 'ى', 'ی', 'ې':
		return 'ي', true
	case 'ک':
		return 'ك', true
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A'), true
		}
		return r, true
	}
	return unicode.ToLower(r), true
}

// isMark reports the runes a loose match ignores: Arabic harakat and
// Quranic marks, tatweel, and zero-width joiners and direction marks.
func isMark(r rune) bool {
	switch {
	case r >= 0x064B && r <= 0x065F, // fathatan … wavy hamza below
		r == 0x0670,                // superscript alef
		r >= 0x0610 && r <= 0x061A, // honorifics and small marks
		r >= 0x06D6 && r <= 0x06DC, // Quranic annotation signs
		r >= 0x06DF && r <= 0x06E4,
		r >= 0x06E7 && r <= 0x06E8,
		r >= 0x06EA && r <= 0x06ED,
		r == 0x0640,                // tatweel
		r >= 0x200B && r <= 0x200F, // zero-width space, ZWNJ, ZWJ, LRM, RLM
		r == 0x061C,                // Arabic letter mark
		r == 0xFEFF:                // zero-width no-break space
		return true
	}
	return false
}

// Fold returns the search key of s (see the package comment).
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f, ok := foldRune(r); ok {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// Contains reports whether the folded text contains the folded query. An
// empty (or all-marks) query is contained in every text.
func Contains(text, query string) bool {
	return strings.Contains(Fold(text), Fold(query))
}

// Match is one occurrence, as rune offsets [Start, End) into the original
// text. It covers the marks that follow the last matched letter, so
// replacing a match leaves no orphan haraka behind.
type Match struct{ Start, End int }

// folded is a text's key with, for every key rune, the offset of the rune
// of the original text it came from.
type folded struct {
	key    []rune
	origin []int
	n      int // runes in the original text
}

func foldWithOrigin(text []rune) folded {
	f := folded{key: make([]rune, 0, len(text)), origin: make([]int, 0, len(text)), n: len(text)}
	for i, r := range text {
		if k, ok := foldRune(r); ok {
			f.key = append(f.key, k)
			f.origin = append(f.origin, i)
		}
	}
	return f
}

// FindAll returns the non-overlapping loose matches of query in text, in
// order. An empty (or all-marks) query matches nothing.
func FindAll(text []rune, query string) []Match {
	q := []rune(Fold(query))
	if len(q) == 0 {
		return nil
	}
	f := foldWithOrigin(text)
	var out []Match
	for i := 0; i+len(q) <= len(f.key); {
		if !equalRunes(f.key[i:i+len(q)], q) {
			i++
			continue
		}
		out = append(out, Match{Start: f.origin[i], End: f.end(text, i+len(q)-1)})
		i += len(q)
	}
	return out
}

// end is the original offset just after key rune k and the marks after it.
func (f folded) end(text []rune, k int) int {
	e := f.origin[k] + 1
	for e < len(text) && isMark(text[e]) && text[e] != 0x200B {
		e++
	}
	return e
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
