package check

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// glued is the check of an Arabic word glued to a Latin one
// (تحليلاتGoogle) at the script boundary between the runes at p and i;
// it returns the end of the token, which scan skips. Proclitics alone (و،
// ف، ب، ل، ك, with or without tatweel: بـGoogle، ولـGoogle) may stand
// before a Latin name. The fix puts a space between them.
func (f *field) glued(p, i int) (end int) {
	t := f.text
	start, end := tokenStart(t, p), tokenEnd(t, i)
	fixed := splitScripts(t[start:end])
	if fixed != t[start:end] {
		f.add(GluedLatin, Warning, start, end, map[string]string{"word": t[start:end], "fix": fixed}, fixOf(fixed))
	}
	return end
}

// classBoundary is scriptBoundary by class.
func classBoundary(a, b uint16) bool {
	return a&clsArabic != 0 && b&clsLatin != 0 || a&clsLatin != 0 && b&(clsArabic|clsTatweel) == clsArabic
}

// scriptBoundary reports an Arabic letter next to a Latin one.
func scriptBoundary(a, b rune) bool {
	return isArabicLetter(a) && isLatinLetter(b) || isLatinLetter(a) && isArabicLetter(b) && b != tatweel
}

// splitScripts puts a space at every Arabic–Latin boundary of a token,
// except after proclitics alone at its start (بـGoogle).
func splitScripts(tok string) string {
	var b strings.Builder
	prev := rune(-1)
	for i, r := range tok {
		if prev >= 0 && scriptBoundary(prev, r) && !(isArabicLetter(prev) && isLoneProclitic(tok[:i])) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func isLoneProclitic(s string) bool {
	s = strings.TrimRight(s, string(tatweel))
	n := utf8.RuneCountInString(s)
	return n >= 1 && n <= 2 && strings.Trim(s, "وفبلك") == ""
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) }

func tokenStart(t string, i int) int {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(t[:i])
		if !isWordRune(r) {
			break
		}
		i -= n
	}
	return i
}

func tokenEnd(t string, i int) int {
	for i < len(t) {
		r, n := utf8.DecodeRuneInString(t[i:])
		if !isWordRune(r) {
			break
		}
		i += n
	}
	return i
}

// sentence punctuation, Arabic and Latin.
const punct = ".,،;؛:!?؟…"

func isPunct(r rune) bool { return strings.ContainsRune(punct, r) }

// punctAt returns the length of the punctuation mark (isPunct) at t[i],
// 0 when there is none.
func punctAt(t string, i int) int {
	switch c := t[i]; {
	case c < utf8.RuneSelf:
		if smallClass[c]&clsPunct != 0 {
			return 1
		}
	case c == 0xD8: // ، ؛ ؟
		if i+1 < len(t) && (t[i+1] == 0x8C || t[i+1] == 0x9B || t[i+1] == 0x9F) {
			return 2
		}
	case c == 0xE2: // …
		if i+2 < len(t) && t[i+1] == 0x80 && t[i+2] == 0xA6 {
			return 3
		}
	}
	return 0
}

// punctuation is the check of punctuation on the run of marks that
// starts with the mark at [i, j): ellipses typed as three marks, a space
// before punctuation, doubled punctuation and Latin , ; ? in Arabic text.
// It returns the run's end, which scan skips.
func (f *field) punctuation(i, j int) int {
	t := f.text
	for j < len(t) {
		n := punctAt(t, j)
		if n == 0 || f.protected(j) {
			break
		}
		j += n
	}
	f.punctRun(i, j)
	return j
}

// punctRun checks one run of adjacent punctuation marks t[i:j].
func (f *field) punctRun(i, j int) {
	t := f.text
	run := t[i:j]
	f.spaceBefore(i)
	first, fn := utf8.DecodeRuneInString(run)
	if same := strings.Count(run, string(first)); same == utf8.RuneCountInString(run) && same >= 3 && strings.ContainsRune(".,،", first) {
		f.add(Ellipsis, Warning, i, j, map[string]string{"text": run}, fixOf("…"))
		return
	}
	if utf8.RuneCountInString(run) >= 2 && !isQuestionExclaim(run) && !isNumberDots(t, i, j) {
		var fix *string
		second, _ := utf8.DecodeRuneInString(run[fn:])
		if second == '.' || second == first {
			fix = fixOf(string(first))
		}
		f.add(DoubledPunct, Warning, i, j, map[string]string{"text": run}, fix)
	}
	for k, r := range run {
		if strings.ContainsRune(",;?", r) && f.inArabic(i+k, i+k+1) {
			ar := map[rune]string{',': "،", ';': "؛", '?': "؟"}[r]
			f.add(LatinPunct, Warning, i+k, i+k+1, map[string]string{"char": string(r), "fix": ar}, fixOf(ar))
		}
	}
}

// isQuestionExclaim: ?! and ؟! style combinations are accepted.
func isQuestionExclaim(run string) bool {
	return strings.Trim(run, "?!؟") == "" && strings.ContainsAny(run, "?؟") && strings.Contains(run, "!")
}

// isNumberDots: "3.:" never, but a dot between digits (1.5) is not a run.
func isNumberDots(t string, i, j int) bool {
	prev, _ := utf8.DecodeLastRuneInString(t[:i])
	next, _ := utf8.DecodeRuneInString(t[j:])
	return unicode.IsDigit(prev) && unicode.IsDigit(next)
}

// spaceBefore flags spaces between a word and the punctuation at i: the
// fix removes them. French is the exception for : ; ! ? — its typography
// puts a no-break space there (U+00A0 before the colon, the narrow U+202F
// before the others, either is accepted): that is not flagged, and an
// ordinary space is replaced by the no-break one, so that the mark can
// never wrap to the start of the next line on its own.
func (f *field) spaceBefore(i int) {
	t := f.text
	s, ordinary := i, false
	for s > 0 {
		r, n := utf8.DecodeLastRuneInString(t[:s])
		if !isSpaceBeforeMark(r) {
			break
		}
		ordinary = ordinary || r == ' ' || r == '\t'
		s -= n
	}
	if s == i || s == 0 || t[s-1] == '\n' { // no space, or indentation
		return
	}
	next, _ := utf8.DecodeRuneInString(t[i:])
	after, _ := utf8.DecodeRuneInString(t[i+utf8.RuneLen(next):])
	if next == '.' && unicode.IsDigit(after) { // " .5"
		return
	}
	params := map[string]string{"mark": markString(next)}
	if f.french && strings.ContainsRune(frenchSpaced, next) {
		nbsp := frenchSpace(next)
		if !ordinary && utf8.RuneCountInString(t[s:i]) == 1 {
			return // the no-break space French wants
		}
		f.add(SpaceBeforePunct, Warning, s, i, params, fixOf(nbsp))
		f.out[len(f.out)-1].Key = keyFrenchSpace
		return
	}
	f.add(SpaceBeforePunct, Warning, s, i, params, fixOf(""))
}

// markString is string(r) without an allocation for the Arabic marks.
func markString(r rune) string {
	switch r {
	case '،':
		return "،"
	case '؛':
		return "؛"
	case '؟':
		return "؟"
	case '…':
		return "…"
	}
	return string(r)
}

// frenchSpaced are the marks French typography puts a space before.
const frenchSpaced = ":;!?"

// keyFrenchSpace is the message of an ordinary space where French wants a
// no-break one.
const keyFrenchSpace = SpaceBeforePunct + ".fr"

// frenchSpace is the no-break space French puts before mark: a full one
// before the colon, the narrow one before ; ! ?.
func frenchSpace(mark rune) string {
	if mark == ':' {
		return "\u00a0"
	}
	return "\u202f"
}

// isSpaceBeforeMark: the spaces that can stand between a word and its
// punctuation: ordinary, tab, no-break, narrow no-break and thin.
func isSpaceBeforeMark(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

// maxLookBehind bounds how far inArabic looks for the letter before a mark.
const maxLookBehind = 32

// inArabic reports whether the text around [i, j) on its line is Arabic:
// the nearest letter before is Arabic and the nearest letter or digit
// after, if any, is not Latin or a digit.
func (f *field) inArabic(i, j int) bool {
	t := f.text
	k := i
	for look := 0; k > 0; look++ {
		if look == maxLookBehind {
			return false
		}
		r, n := utf8.DecodeLastRuneInString(t[:k])
		if r == '\n' {
			return false
		}
		if unicode.IsDigit(r) {
			return false
		}
		if unicode.IsLetter(r) && r != tatweel {
			if !isArabicLetter(r) {
				return false
			}
			break
		}
		k -= n
	}
	if k == 0 {
		return false
	}
	for _, r := range t[j:] {
		if r == '\n' {
			break
		}
		if unicode.IsDigit(r) || isLatinLetter(r) {
			return false
		}
		if unicode.IsLetter(r) {
			break
		}
	}
	return true
}

// spaces is the check of double spaces on the run of two or more spaces
// that starts at i, which it returns the end of: spaces inside a line are
// flagged. Indentation and the two trailing spaces of a Markdown hard
// break are not.
func (f *field) spaces(i int) int {
	t := f.text
	j := i + 2
	for j < len(t) && t[j] == ' ' {
		j++
	}
	// t[i-1] is not a space: this is not indentation.
	if i > 0 && t[i-1] != '\n' && j < len(t) && t[j] != '\n' && !f.protected(i) {
		f.add(DoubleSpace, Warning, i, j, nil, fixOf(" "))
	}
	return j
}

// tatweelRun is the check of tatweel on the run of tatweel at i, which
// it returns the end of: tatweel that stretches a word (between two
// Arabic letters) is flagged; the fix removes it. بـ before a Latin name
// or a number stays.
func (f *field) tatweelRun(i int) int {
	t := f.text
	const tw = string(tatweel)
	j := i + len(tw)
	for strings.HasPrefix(t[j:], tw) {
		j += len(tw)
	}
	prev, _ := decodeBefore(t, i)
	next := utf8.RuneError
	if j < len(t) {
		next, _ = decodeAt(t, j)
	}
	if (isArabicLetter(prev) || isHaraka(prev)) && isArabicLetter(next) && !f.protected(i) {
		f.add(Tatweel, Warning, i, j, nil, fixOf(""))
	}
	return j
}

// digitKind: 1 Western, 2 Arabic-Indic, 3 Eastern Arabic-Indic (Persian), 0 other.
func digitKind(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return 1
	case r >= '٠' && r <= '٩':
		return 2
	case r >= '۰' && r <= '۹':
		return 3
	}
	return 0
}

// number is the check of mixed digits on the number (digits joined by /
// . , : - ٫ ٬) that starts at i, which it returns the end of: a number
// that mixes Western and Arabic-Indic digits is flagged. Which to keep is
// the writer's choice: no fix.
func (f *field) number(i int) (last int) {
	t := f.text
	kinds, j, last := 0, i, i
	for j < len(t) {
		r2, n2 := utf8.DecodeRuneInString(t[j:])
		if k := digitKind(r2); k != 0 {
			kinds |= 1 << k
			j += n2
			last = j
			continue
		}
		if strings.ContainsRune("/.,:-٫٬", r2) {
			if r3, _ := utf8.DecodeRuneInString(t[j+n2:]); digitKind(r3) != 0 {
				j += n2
				continue
			}
		}
		break
	}
	if kinds&(kinds-1) != 0 && !f.protected(i) {
		f.add(MixedDigits, Warning, i, last, map[string]string{"number": t[i:last]}, nil)
	}
	return last
}
