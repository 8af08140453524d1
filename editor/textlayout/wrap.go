package textlayout

import (
	"unicode"

	"github.com/go-text/typesetting/segmenter"
)

// segment records grapheme and word boundaries (UAX #29) and line break
// opportunities (UAX #14) in flags, which has len(text)+1 entries.
func segment(seg *segmenter.Segmenter, text []rune, flags []uint8) {
	seg.Init(text)
	lines := seg.LineIterator()
	for lines.Next() {
		l := lines.Line()
		end := l.Offset + len(l.Text)
		flags[end] |= flagBreak
		// The segmenter reports the end of the text as a mandatory break
		// (LB3); it is one only after a hard line break (BK, CR, LF, NL).
		if l.IsMandatoryBreak && (end < len(text) || hardBreak(text[end-1])) {
			flags[end] |= flagMandatory
		}
	}
	graphemes := seg.GraphemeIterator()
	for graphemes.Next() {
		flags[graphemes.Grapheme().Offset] |= flagGrapheme
	}
	flags[len(text)] |= flagGrapheme
	words := seg.WordIterator()
	for words.Next() {
		w := words.Word()
		flags[w.Offset] |= flagWordStart
		flags[w.Offset+len(w.Text)] |= flagWordEnd
	}
	for i, r := range text {
		if hangs(r) {
			flags[i] |= flagSpace
		}
	}
}

// hardBreak reports whether r is a mandatory line break (UAX #14 classes
// BK, CR, LF and NL).
func hardBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// hangs reports whether r is white space that may hang past the end of a
// line (it is not measured when fitting a line). No-break spaces do not.
func hangs(r rune) bool {
	switch r {
	case ' ', '\t', '\u3000':
		return true
	case '\u00a0', '\u202f', '\u2007':
		return false
	}
	return r > 0x7f && unicode.Is(unicode.Zs, r)
}

// breakLines returns the end offset of every line. Lines break at UAX #14
// opportunities so that the text without trailing white space fits width;
// a word wider than the line breaks at grapheme boundaries that are also
// glyph cluster boundaries, keeping at least one grapheme per line. width
// <= 0 breaks only at mandatory breaks. Every line is non-empty except the
// only line of an empty text and the last line of a text that ends in a
// mandatory break, which is the empty range [n, n).
func breakLines(info []runeInfo, flags []uint8, width float32) []int {
	n := len(info)
	var ends []int
	for start := 0; start < n; {
		end := fitLine(info, flags, start, width)
		ends = append(ends, end)
		start = end
	}
	if n == 0 || flags[n]&flagMandatory != 0 {
		// Text that ends in a mandatory break ("abc\n") has an empty last
		// line after it, where the caret of the end of the text is drawn.
		ends = append(ends, n)
	}
	return ends
}

// fitLine returns the end of the line that starts at start.
func fitLine(info []runeInfo, flags []uint8, start int, width float32) int {
	n := len(info)
	var w, pending float32 // content width, trailing white space width
	lastFit := -1
	for i := start; i < n; i++ {
		if i > start && flags[i]&flagBreak != 0 {
			if flags[i]&flagMandatory != 0 {
				return i
			}
			// UAX #14 allows a break between a space and a combining mark
			// (LB10); UAX #29 keeps them one grapheme, so we do not.
			if flags[i]&flagGrapheme != 0 {
				lastFit = i
			}
		}
		if flags[i]&flagSpace != 0 {
			pending += info[i].adv
			continue
		}
		w += pending + info[i].adv
		pending = 0
		if width > 0 && w > width {
			if lastFit > start {
				return lastFit
			}
			return splitWord(info, flags, start, i, width)
		}
	}
	return n
}

// splitWord breaks the over-long word starting at start, whose rune over
// marks the first overflow, at the last grapheme boundary that fits.
func splitWord(info []runeInfo, flags []uint8, start, over int, width float32) int {
	const boundary = flagGrapheme | flagCluster
	n := len(info)
	best := -1
	var w float32 // width of [start, i)
	for i := start; i <= over; i++ {
		if i > start && flags[i]&boundary == boundary {
			if w > width {
				break
			}
			best = i
		}
		w += info[i].adv
	}
	if best < 0 {
		// Not even one grapheme fits: take the first one whole.
		for i := start + 1; i <= n; i++ {
			if i == n || flags[i]&boundary == boundary {
				return i
			}
		}
	}
	return best
}
