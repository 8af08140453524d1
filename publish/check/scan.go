package check

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// The checks share one pass over the text (scan) that decodes each rune
// once, the two-byte runes of Arabic inline, and looks its classes up in a
// table; each check's state machine sees the runes it is about. The other
// checks search for fixed bytes. UTF-8 resynchronises: every ASCII or lead
// byte starts a rune wherever decoding began, so a fixed valid sequence
// found by a byte search is exactly a rune that a range loop decodes.

// Rune classes.
const (
	clsArabic  uint16 = 1 << iota // isArabicLetter (tatweel included)
	clsLatin                      // isLatinLetter
	clsTatweel                    // U+0640
	clsHaraka                     // isHaraka
	clsPunct                      // isPunct
	clsDigit                      // digitKind is not 0
	clsBracket                    // a bracket or quote of the bracket check
	clsNewline                    // \n
	clsBidi                       // isBidiControl
	clsRune                       // every rune
)

// clsEvent are the classes scan hands to the checks (besides glued,
// which looks at every rune).
const clsEvent = clsPunct | clsDigit | clsBracket | clsNewline | clsBidi | clsTatweel

// smallClass holds the classes of U+0000–U+07FF: ASCII and the two-byte
// runes, all of the Arabic block among them.
var smallClass = func() (t [0x800]uint16) {
	for r := range rune(len(t)) {
		t[r] = classOf(r)
	}
	return t
}()

func classOf(r rune) uint16 {
	c := clsRune
	for _, k := range []struct {
		is  bool
		cls uint16
	}{
		{isArabicLetter(r), clsArabic}, {isLatinLetter(r), clsLatin}, {r == tatweel, clsTatweel},
		{isHaraka(r), clsHaraka}, {isPunct(r), clsPunct}, {digitKind(r) != 0, clsDigit},
		{strings.ContainsRune(`()[]{}«»“”"`, r), clsBracket}, {r == '\n', clsNewline}, {isBidiControl(r), clsBidi},
	} {
		if k.is {
			c |= k.cls
		}
	}
	return c
}

// runeClass is classOf(r) with a table for the runes below U+0800.
func runeClass(r rune) uint16 {
	if uint32(r) < uint32(len(smallClass)) {
		return smallClass[r]
	}
	return classOf(r)
}

// decodeAt decodes the rune at t[i] as utf8.DecodeRuneInString(t[i:])
// does, inline for two-byte runes.
func decodeAt(t string, i int) (rune, int) {
	if i+1 < len(t) && t[i]-0xC2 <= 0xDF-0xC2 && t[i+1]&0xC0 == 0x80 {
		return rune(t[i]&0x1F)<<6 | rune(t[i+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(t[i:])
}

// decodeBefore decodes the rune that ends at t[i] as
// utf8.DecodeLastRuneInString(t[:i]) does, inline for two-byte runes.
func decodeBefore(t string, i int) (rune, int) {
	if i >= 2 && t[i-1]&0xC0 == 0x80 && t[i-2]-0xC2 <= 0xDF-0xC2 {
		return rune(t[i-2]&0x1F)<<6 | rune(t[i-1]&0x3F), 2
	}
	return utf8.DecodeLastRuneInString(t[:i])
}

// inArabicWordClass is inArabicWord by class.
func inArabicWordClass(c uint16) bool { return c&(clsArabic|clsHaraka|clsTatweel) != 0 }

// scanner is the state of the checks that scan runs: each one's next
// offset (the runs it has looked at are skipped) and the brackets.
type scanner struct {
	f                                   *field
	tatweel                             bool // run the tatweel check (bodies only)
	warn                                bool // run the checks that only warn (all but bidi and brackets)
	gluedNext, punctNext, spaceNext     int
	tatweelNext, digitNext, bracketNext int
	lineStart                           bool
	brackets                            brackets
}

// scan runs the checks of bidi controls, brackets, glued scripts,
// punctuation, double spaces, tatweel (when tatweel is set) and mixed
// digits in one pass. Their findings come in another order than check by
// check: sortByCheck restores it.
func (f *field) scan(tatweel, warn bool) {
	s := scanner{f: f, tatweel: tatweel, warn: warn, lineStart: true, brackets: brackets{f: f, quote: -1}}
	t := f.text
	prev, prevAt := uint16(0), 0
	events := s.events()
	for i := 0; i < len(t); {
		r, n := rune(t[i]), 1
		var cls uint16
		switch c := t[i]; {
		case c < utf8.RuneSelf:
			cls = smallClass[c]
			if c == ' ' && warn && i+1 < len(t) && t[i+1] == ' ' && i >= s.spaceNext {
				s.spaceNext = f.spaces(i)
			}
		case c-0xC2 <= 0xDF-0xC2 && i+1 < len(t) && t[i+1]&0xC0 == 0x80:
			r, n = rune(c&0x1F)<<6|rune(t[i+1]&0x3F), 2
			cls = smallClass[r]
		default:
			r, n = utf8.DecodeRuneInString(t[i:])
			cls = runeClass(r)
		}
		if warn && (prev|cls)&clsLatin != 0 && classBoundary(prev, cls) && i >= s.gluedNext && !f.protected(i) {
			s.gluedNext = f.glued(prevAt, i)
		}
		if cls&events != 0 {
			s.event(i, r, n, cls)
			events = s.events()
		}
		prev, prevAt = cls, i
		i += n
		// The letters of a word: two-byte runes that no check is about.
		for i+1 < len(t) && t[i]-0xC2 <= 0xDF-0xC2 && t[i+1]&0xC0 == 0x80 {
			cls := smallClass[rune(t[i]&0x1F)<<6|rune(t[i+1]&0x3F)]
			if cls&events != 0 || (warn && (prev|cls)&clsLatin != 0) {
				break
			}
			prev, prevAt = cls, i
			i += 2
		}
	}
	s.brackets.flush()
}

// events are the classes of the runes that scan hands to event: at a
// line's start (for the bracket check's list markers) all of them.
func (s *scanner) events() uint16 {
	switch {
	case s.lineStart:
		return clsRune
	case !s.warn:
		return clsBracket | clsNewline | clsBidi
	}
	return clsEvent
}

// event hands the rune r at i to the checks it is about.
func (s *scanner) event(i int, r rune, n int, cls uint16) {
	f := s.f
	if cls&clsBidi != 0 {
		f.bidiControl(i, r)
	}
	if (cls&(clsBracket|clsNewline) != 0 || s.lineStart) && i >= s.bracketNext {
		s.bracket(i, r, cls)
	}
	if !s.warn {
		return
	}
	if cls&clsPunct != 0 && i >= s.punctNext && !f.protected(i) {
		s.punctNext = f.punctuation(i, i+n)
	}
	if cls&clsTatweel != 0 && s.tatweel && i >= s.tatweelNext {
		s.tatweelNext = f.tatweelRun(i)
	}
	if cls&clsDigit != 0 && i >= s.digitNext {
		s.digitNext = f.number(i)
	}
}

// bracket is the bracket check on the rune r at i: paragraphs, list markers
// and the brackets themselves.
func (s *scanner) bracket(i int, r rune, cls uint16) {
	f := s.f
	if r == '\n' {
		if s.lineStart { // a blank line: the paragraph ends
			s.brackets.flush()
		}
		s.lineStart = true
		return
	}
	if s.lineStart {
		if n := f.listMarker(i); n > 0 {
			s.lineStart, s.bracketNext = false, i+n
			return
		}
		if r != ' ' && r != '\t' {
			s.lineStart = false
		}
	}
	if cls&clsBracket != 0 && !f.protected(i) {
		s.brackets.bracket(i, r)
	}
}

// checkRank is the place of a check in the order textFindings ran them
// one by one.
func checkRank(check string) int {
	switch check {
	case BidiControl:
		return 0
	case MalformedEmail, MalformedURL:
		return 1
	case Unbalanced:
		return 2
	case HamzatWasl:
		return 3
	case GluedLatin:
		return 4
	case Ellipsis, SpaceBeforePunct, DoubledPunct, LatinPunct:
		return 5
	case DoubleSpace:
		return 6
	case Tatweel:
		return 7
	case MixedDigits:
		return 8
	}
	return 9
}

// sortByCheck puts a field's findings in the order of the checks run one
// after the other, which Page's sort by offset keeps for equal offsets:
// by offset, then check; each check's own findings come in order.
func sortByCheck(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if a.Offset != b.Offset {
			return a.Offset - b.Offset
		}
		return checkRank(a.Check) - checkRank(b.Check)
	})
}
