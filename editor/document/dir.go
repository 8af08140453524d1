package document

import (
	"strings"
	"unicode"

	"github.com/qalam/policyeditor/storage"
)

// TextDir is the direction a block (or a one-line label) gets from its
// text: see blockDir. Views use it so that a label and a block with the
// same text go the same way.
func TextDir(text []rune, def storage.Direction) storage.Direction { return blockDir(text, def) }

// blockDir is the direction a block gets from its content, the same rule
// the publisher uses for its dir attributes (publish/direction.go): the
// direction of the first strong character, looking word by word and
// skipping words that are URLs or e-mail addresses (they are isolated
// anyway and say nothing about the language: "(www.qlmlearn.com) منصة قلم"
// is an Arabic line), or def when there is none. Isolated runs (inline
// code, between LRI/RLI/FSI and PDI) are skipped too.
//
// Strong right-to-left characters are the letters of the Hebrew, Arabic,
// Syriac, Thaana, NKo … blocks; every other letter is left to right.
func blockDir(text []rune, def storage.Direction) storage.Direction {
	for _, word := range strings.FieldsFunc(string(outsideIsolates(text)), isWordBreak) {
		if isAddress(word) {
			continue
		}
		if d, ok := firstStrong(word); ok {
			return d
		}
	}
	return def
}

// outsideIsolates returns text with isolated runs replaced by a space.
func outsideIsolates(text []rune) []rune {
	out := make([]rune, 0, len(text))
	depth := 0
	for _, r := range text {
		switch {
		case r == LRI || r == '\u2067' || r == '\u2068': // LRI, RLI, FSI
			if depth == 0 {
				out = append(out, ' ')
			}
			depth++
		case r == PDI:
			depth = max(depth-1, 0)
		case depth == 0:
			out = append(out, r)
		}
	}
	return out
}

// isWordBreak separates the words blockDir looks at (as the publisher does).
func isWordBreak(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("()[]<>\"'«»،,;؛", r)
}

// isAddress reports a URL or an e-mail address.
func isAddress(w string) bool {
	if strings.Contains(w, "://") || strings.HasPrefix(strings.ToLower(w), "www.") {
		return true
	}
	at := strings.IndexByte(w, '@')
	return at > 0 && strings.IndexByte(w[at:], '.') > 0
}

func firstStrong(s string) (storage.Direction, bool) {
	for _, r := range s {
		if isStrongRTL(r) {
			return storage.RTL, true
		}
		if unicode.IsLetter(r) {
			return storage.LTR, true
		}
	}
	return "", false
}

func isStrongRTL(r rune) bool {
	switch {
	case r >= 0x0590 && r <= 0x08FF: // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic Ext
		// letters, plus the few punctuation marks of these blocks that are strong
		return unicode.IsLetter(r) || r == 0x05BE || r == 0x05C0 || r == 0x05C3 || r == 0x05C6 || r == 0x061B || r == 0x061F
	case r >= 0xFB1D && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFE: // presentation forms
		return unicode.IsLetter(r)
	case r >= 0x10800 && r <= 0x10FFF, r >= 0x1E800 && r <= 0x1EFFF:
		return unicode.IsLetter(r)
	}
	return false
}
