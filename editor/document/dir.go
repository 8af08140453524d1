package document

import (
	"unicode"

	"github.com/qalam/policyeditor/storage"
)

// blockDir is the direction of the first strong character of text (UAX #9
// rules P2–P3, skipping isolated runs), or def when there is none. Strong
// right-to-left characters are those of the Hebrew, Arabic, Syriac, Thaana,
// NKo … blocks; every other letter is left to right.
func blockDir(text []rune, def storage.Direction) storage.Direction {
	depth := 0
	for _, r := range text {
		switch {
		case r == LRI || r == '\u2067' || r == '\u2068': // LRI, RLI, FSI
			depth++
			continue
		case r == PDI:
			if depth > 0 {
				depth--
			}
			continue
		case depth > 0:
			continue
		}
		if isStrongRTL(r) {
			return storage.RTL
		}
		if unicode.IsLetter(r) {
			return storage.LTR
		}
	}
	return def
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
