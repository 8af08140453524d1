package numbering

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The ordinal adverbs used to number sections of Arabic legal text.
var (
	firstTen = [...]string{"أولاً", "ثانياً", "ثالثاً", "رابعاً", "خامساً", "سادساً", "سابعاً", "ثامناً", "تاسعاً", "عاشراً"}
	// units used in compound ordinals: حادي عشر، ثاني وعشرون …
	compoundUnits = [...]string{"", "حادي", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع"}
	tens          = [...]string{"", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"}
	// the definite forms: الأول، الثاني … العاشر
	definiteTen = [...]string{"الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"}
)

// MaxOrdinalWord is the largest n OrdinalWord spells out.
const MaxOrdinalWord = 99

// OrdinalWord returns the Arabic ordinal adverb for n in 1..99:
// أولاً … عاشراً، حادي عشر … تاسع عشر، عشرون، حادي وعشرون … تاسع وتسعون.
// Outside that range it returns "".
func OrdinalWord(n int) string {
	switch {
	case n < 1 || n > MaxOrdinalWord:
		return ""
	case n <= 10:
		return firstTen[n-1]
	case n < 20:
		return compoundUnits[n-10] + " عشر"
	case n%10 == 0:
		return tens[n/10]
	}
	return compoundUnits[n%10] + " و" + tens[n/10]
}

// ordinalIndex maps the normalised spelling of every accepted ordinal
// (indefinite and definite, with or without tanween and hamza) to its value;
// 0 marks the closing word.
var ordinalIndex = buildOrdinalIndex()

func buildOrdinalIndex() map[string]int {
	m := map[string]int{
		normalize(ClosingWord):         0,
		normalize("وختاماً"):           0,
		normalize("ختاماً وليس آخراً"): 0,
	}
	for n := 1; n <= MaxOrdinalWord; n++ {
		m[normalize(OrdinalWord(n))] = n
		m[normalize(definiteOrdinal(n))] = n
		if n >= 20 { // accusative/genitive tens: عشرين، حادي وعشرين
			m[normalize(strings.ReplaceAll(OrdinalWord(n), "ون", "ين"))] = n
		}
	}
	return m
}

// definiteOrdinal: الأول … العاشر، الحادي عشر، العشرون، الحادي والعشرون.
func definiteOrdinal(n int) string {
	switch {
	case n <= 10:
		return definiteTen[n-1]
	case n < 20:
		return "ال" + compoundUnits[n-10] + " عشر"
	case n%10 == 0:
		return "ال" + tens[n/10]
	}
	return "ال" + compoundUnits[n%10] + " وال" + tens[n/10]
}

// normalize folds the spelling differences that do not change an Arabic
// word for matching: harakat and tanween, tatweel, hamza forms of alef
// (أ إ آ ٱ → ا), alef maqsura (ى → ي); Latin letters are lower-cased.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640:
			continue
		case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// separators that may follow a numbering label: "أولاً:" "أولاً -" "1)" "2." "١-".
func isLabelSeparator(r rune) bool {
	switch r {
	case ':', '：', '.', '-', '–', '—', ')', '/':
		return true
	}
	return false
}

// ParseOrdinal reads the numbering label at the start of a typed heading.
// It accepts Arabic ordinal words with or without tanween alif, with or
// without hamza and with the article (أولاً، اولا، ثالثا، الأول، الحادي عشر،
// حادي وعشرون …), the closing word ختاماً, and digit labels in Western,
// Arabic-Indic or Persian digits ("1)", "2.", "١-", "(3)", "4 -").
// A word label must be followed by a separator (":", ".", "-", ")") or end
// the heading, so prose such as "أولاً نقوم" is not a label.
// rest is the heading after the label and its separators, trimmed.
// closing is true for ختاماً (then n is 0). ok is false when there is no label.
func ParseOrdinal(heading string) (n int, closing bool, rest string, ok bool) {
	s := strings.TrimLeftFunc(heading, unicode.IsSpace)
	if n, rest, ok := parseDigitLabel(s); ok {
		return n, false, rest, true
	}
	return parseWordLabel(s)
}

func parseWordLabel(s string) (n int, closing bool, rest string, ok bool) {
	// Read up to four leading words and remember where each ends.
	var words []string
	var ends []int
	pos := 0
	for len(words) < 4 {
		i := pos
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != ' ' && r != '\t' && r != '\u00a0' {
				break
			}
			i += size
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			j += size
		}
		if j == i {
			break
		}
		words = append(words, normalize(s[i:j]))
		ends = append(ends, j)
		pos = j
	}
	for k := len(words); k >= 1; k-- {
		v, found := ordinalIndex[strings.Join(words[:k], " ")]
		if !found {
			continue
		}
		if rest, ok := afterLabel(s[ends[k-1]:]); ok {
			return v, v == 0, rest, true
		}
	}
	return 0, false, "", false
}

// afterLabel accepts what follows a word label: nothing, or spaces and a run
// of separators. It returns the remaining text, trimmed.
func afterLabel(s string) (string, bool) {
	t := strings.TrimLeft(s, " \t\u00a0")
	if strings.TrimSpace(t) == "" {
		return "", true
	}
	r, _ := utf8.DecodeRuneInString(t)
	if !isLabelSeparator(r) || r == '/' {
		return "", false
	}
	t = strings.TrimLeftFunc(t, func(r rune) bool { return isLabelSeparator(r) && r != '/' })
	return strings.TrimSpace(t), true
}

// parseDigitLabel reads "1)", "2.", "١-", "(3)", "4 -", "5:" with at most
// three digits; the label must be followed by a space, a letter or the end
// of the text, so "1.5" and "2023-07-17" are not labels.
func parseDigitLabel(s string) (int, string, bool) {
	t := s
	paren := strings.HasPrefix(t, "(")
	if paren {
		t = t[1:]
	}
	n, digits := 0, 0
	for t != "" {
		r, size := utf8.DecodeRuneInString(t)
		d := digitValue(r)
		if d < 0 {
			break
		}
		n = n*10 + d
		digits++
		t = t[size:]
	}
	if digits == 0 || digits > 3 || n == 0 {
		return 0, "", false
	}
	sep := ')'
	if paren {
		if !strings.HasPrefix(t, ")") {
			return 0, "", false
		}
		t = t[1:]
	} else {
		t = strings.TrimLeft(t, " \u00a0")
		r, size := utf8.DecodeRuneInString(t)
		if !isLabelSeparator(r) || r == '/' || r == '—' {
			return 0, "", false
		}
		sep = r
		t = t[size:]
	}
	if t != "" {
		// "1. x"; "1.Introduction" and "2)x" typed without a space too,
		// but never "1.5" or "3-D"
		r, _ := utf8.DecodeRuneInString(t)
		if !unicode.IsSpace(r) && !(unicode.IsLetter(r) && (sep == '.' || sep == ')')) {
			return 0, "", false
		}
	}
	return n, strings.TrimSpace(t), true
}

// digitValue returns the value of a Western, Arabic-Indic or Persian digit, else -1.
func digitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '٠' && r <= '٩':
		return int(r - '٠')
	case r >= '۰' && r <= '۹':
		return int(r - '۰')
	}
	return -1
}
