// Package textdir decides the direction of a block of policy text, the one
// rule that the published HTML (publish, dir attributes and isolation) and
// the in-app view (editor/document) must share so that the preview reads
// like the page: the direction of the first strong character, as UAX #9's
// rule P2 and HTML's dir=auto, except that words that are URLs or e-mail
// addresses are skipped — they are isolated anyway and say nothing about the
// language: "(www.qlmlearn.com) منصة قلم" is an Arabic line.
//
// Strong characters are those of Bidi_Class L (left to right) and R or AL
// (right to left), from editor/bidi's Unicode 15 tables.
package textdir

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qalam/policyeditor/editor/bidi"
	"github.com/qalam/policyeditor/storage"
)

// Strong reports the direction of r if r is a strong character.
func Strong(r rune) (storage.Direction, bool) {
	if r >= 0 && r < rune(len(table)) {
		switch table[r] {
		case strongL:
			return storage.LTR, true
		case strongR:
			return storage.RTL, true
		}
		return "", false
	}
	return strongOf(r)
}

// Entries of table.
const (
	strongNone = iota
	strongL
	strongR
)

// table is strongOf for the runes below U+0800 (Latin, Greek, Cyrillic,
// Hebrew, Arabic, Syriac, Thaana, N'Ko: nearly every character of a policy
// page), so the hot paths of rendering do not search the class ranges.
var table = func() (t [0x800]uint8) {
	for r := range t {
		switch d, ok := strongOf(rune(r)); {
		case ok && d == storage.RTL:
			t[r] = strongR
		case ok:
			t[r] = strongL
		}
	}
	return t
}()

func strongOf(r rune) (storage.Direction, bool) {
	switch bidi.ClassOf(r) {
	case bidi.L:
		return storage.LTR, true
	case bidi.R, bidi.AL:
		return storage.RTL, true
	}
	return "", false
}

// FirstStrong returns the direction of the first strong character of s
// (UTF-8).
func FirstStrong(s []byte) (storage.Direction, bool) {
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		if d, ok := Strong(r); ok {
			return d, true
		}
		s = s[n:]
	}
	return "", false
}

// Block returns the direction of a block's text (UTF-8): that of the first
// strong character of its first word that is not a URL or an e-mail
// address. ok is false when no such word has a strong character. It takes
// bytes because the renderer asks it of source text; it does not allocate.
func Block(s []byte) (d storage.Direction, ok bool) {
	for len(s) > 0 {
		i := bytes.IndexFunc(s, isWordRune)
		if i < 0 {
			break
		}
		s = s[i:]
		end := bytes.IndexFunc(s, IsWordBreak)
		if end < 0 {
			end = len(s)
		}
		word := s[:end]
		s = s[end:]
		if IsAddress(string(word)) {
			continue
		}
		if d, ok := FirstStrong(word); ok {
			return d, true
		}
	}
	return "", false
}

func isWordRune(r rune) bool { return !IsWordBreak(r) }

// IsWordBreak separates the words Block looks at.
func IsWordBreak(r rune) bool {
	if r >= 0 && r < rune(len(wordBreaks)) {
		return wordBreaks[r]
	}
	return isWordBreakSlow(r)
}

// wordBreaks is isWordBreakSlow for the runes below U+0800.
var wordBreaks = func() (t [0x800]bool) {
	for r := range t {
		t[r] = isWordBreakSlow(rune(r))
	}
	return t
}()

func isWordBreakSlow(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("()[]<>\"'«»،,;؛", r)
}

// IsURL reports a word that looks like a URL: one with "://" or starting
// with "www." in any case (only ASCII letters lowercase to w: the prefix is
// checked on the bytes, without lowercasing the word).
func IsURL(w string) bool {
	return strings.Contains(w, "://") ||
		len(w) >= 4 && w[0]|0x20 == 'w' && w[1]|0x20 == 'w' && w[2]|0x20 == 'w' && w[3] == '.'
}

// IsAddress reports a URL or an e-mail address.
func IsAddress(w string) bool {
	if IsURL(w) {
		return true
	}
	at := strings.IndexByte(w, '@')
	return at > 0 && strings.IndexByte(w[at:], '.') > 0
}
