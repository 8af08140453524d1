// Package numbering turns a section's position into the label shown before
// its heading (Arabic ordinal words, Arabic-Indic or Western digits), reads
// such labels back from typed headings, and formats and parses the
// last-updated date of a policy page.
//
// The package is pure: no I/O, no global state beyond read-only tables.
// Nothing here returns errors; parsers report failure with a false ok.
package numbering

import (
	"strconv"
	"strings"

	"github.com/qalam/policyeditor/storage"
)

// ClosingWord is the label of the closing section in Arabic pages.
const ClosingWord = "ختاماً"

// Label returns the prefix shown before a section heading, without separator.
// n is the 1-based index of the section among the numbered sections.
//
//	ordinal:      أولاً، ثانياً … عاشراً، حادي عشر … عشرون، حادي وعشرون … تاسع وتسعون;
//	              beyond 99 the Arabic-Indic number; the closing section is ختاماً
//	arabic-indic: ١، ٢، ٣ …
//	western:      1, 2, 3 …
//
// Intro sections, NumberingNone and n < 1 give "". A closing section is only
// labelled in the ordinal style; with digits it is shown unnumbered.
func Label(style storage.NumberingStyle, kind storage.SectionKind, n int) string {
	if kind == storage.KindIntro {
		return ""
	}
	if kind == storage.KindClosing {
		if style == storage.NumberingOrdinal {
			return ClosingWord
		}
		return ""
	}
	if n < 1 {
		return ""
	}
	switch style {
	case storage.NumberingOrdinal:
		if w := OrdinalWord(n); w != "" {
			return w
		}
		return ArabicIndicDigits(strconv.Itoa(n))
	case storage.NumberingArabicIndic:
		return ArabicIndicDigits(strconv.Itoa(n))
	case storage.NumberingWestern:
		return strconv.Itoa(n)
	}
	return ""
}

// Separator returns what goes between the label and the heading text:
// ": " for ordinal words, ". " for digits and "" for NumberingNone.
func Separator(style storage.NumberingStyle) string {
	switch style {
	case storage.NumberingOrdinal:
		return ": "
	case storage.NumberingArabicIndic, storage.NumberingWestern:
		return ". "
	}
	return ""
}

// ArabicIndicDigits replaces the Western digits 0-9 in s by the
// Arabic-Indic digits ٠-٩ (U+0660–U+0669). Other characters are kept.
func ArabicIndicDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '٠' + (r - '0')
		}
		return r
	}, s)
}

// WesternDigits replaces Arabic-Indic (U+0660–U+0669) and Extended
// Arabic-Indic (Persian/Urdu, U+06F0–U+06F9) digits in s by 0-9.
func WesternDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		}
		return r
	}, s)
}
