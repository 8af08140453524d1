package diff

import (
	"unicode"
	"unicode/utf8"
)

// Tokens splits s into the units the word diff compares. Concatenating the
// result gives s back exactly.
//
//   - a word is a run of letters, digits and combining marks, so Arabic
//     tashkeel (U+064B…U+0652, U+0670, …), tatweel and ZWJ/ZWNJ stay with
//     their word; an apostrophe between two letters (don't) is part of it;
//   - a run of white space (including newlines) is one token;
//   - every other rune (punctuation such as ، ؛ ؟ . : ( ), symbols) is a
//     token of its own, together with any combining marks that follow it.
//
// Invalid UTF-8 bytes are tokens of one byte each.
func Tokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		n := tokenLen(s[i:])
		out = append(out, s[i:i+n])
		i += n
	}
	return out
}

type class uint8

const (
	clsOther class = iota
	clsWord
	clsSpace
	clsMark
)

func classify(r rune) class {
	// fast paths for ASCII and the common Arabic letters and marks
	switch {
	case r < 0x80:
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
			return clsWord
		case r == ' ', '\t' <= r && r <= '\r':
			return clsSpace
		}
		return clsOther
	case 0x0621 <= r && r <= 0x064A, 0x0660 <= r && r <= 0x0669:
		return clsWord
	case 0x064B <= r && r <= 0x065F:
		return clsMark
	}
	switch {
	case r == utf8.RuneError:
		return clsOther
	case unicode.Is(unicode.M, r):
		return clsMark
	case unicode.IsLetter(r), unicode.IsDigit(r), unicode.Is(unicode.N, r):
		return clsWord
	case r == '\u200c', r == '\u200d': // ZWNJ, ZWJ shape the word they sit in
		return clsWord
	case unicode.IsSpace(r):
		return clsSpace
	}
	return clsOther
}

// tokenLen returns the byte length of the token at the start of s (len(s) > 0).
func tokenLen(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	c := classify(r)
	if r == utf8.RuneError && n == 1 {
		return 1
	}
	switch c {
	case clsSpace:
		return n + runLen(s[n:], func(r rune, c class) bool { return c == clsSpace })
	case clsWord:
		return wordLen(s)
	}
	// punctuation, symbols, a stray leading mark: one rune plus its marks
	return n + runLen(s[n:], func(r rune, c class) bool { return c == clsMark })
}

// wordLen measures a word: letters, digits, marks, and an apostrophe that
// has a letter on both sides.
func wordLen(s string) int {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		c := classify(r)
		if c == clsWord || c == clsMark {
			i += n
			continue
		}
		if (r == '\'' || r == '\u2019') && i > 0 {
			next, _ := utf8.DecodeRuneInString(s[i+n:])
			if unicode.IsLetter(next) {
				i += n
				continue
			}
		}
		return i
	}
	return i
}

func runLen(s string, keep func(rune, class) bool) int {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		if !keep(r, classify(r)) {
			return i
		}
		i += n
	}
	return i
}
