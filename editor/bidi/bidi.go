// Package bidi implements the Unicode Bidirectional Algorithm (UAX #9,
// Unicode 15.0) in pure Go: it resolves the embedding level of every
// character of a paragraph and reorders lines for display.
//
// Covered: P2–P3 (first strong character, skipping isolates), X1–X10
// (embeddings, overrides and isolates with the depth limit of 125 and the
// overflow counters, isolating run sequences), W1–W7, N0 (paired brackets
// from BidiBrackets.txt with the 63-entry stack and canonical equivalents
// U+2329/U+232A ≡ U+3008/U+3009), N1–N2, I1–I2, L1 (per line), L2 (visual
// order and runs) and the data for L4 (Mirror). Rule P1 (splitting text into
// paragraphs) is the caller's job. A paragraph separator (B) inside the text
// is still handled as a paragraph end: it gets the paragraph level, closes
// all embeddings and isolates, and no isolating run sequence crosses it;
// only the paragraph level is not recomputed after it (Auto looks at the
// first paragraph). L3 (combining marks) is left to the shaper.
//
// Characters removed by rule X9 (LRE, RLE, LRO, RLO, PDF and BN) are kept,
// as UAX #9 §5.2 allows: they take the level of the preceding character
// (or the following one at the start) so they can be drawn and hit-tested
// without splitting runs, and L1 resets them with trailing whitespace.
//
// Character data (Bidi_Class, brackets, mirroring) is generated from the
// Unicode Character Database by internal/gen (go generate).
package bidi

// Level is an embedding level, 0..MaxDepth+1; odd levels are right-to-left.
type Level uint8

// MaxDepth is the deepest explicit embedding level (BD2).
const MaxDepth = 125

// IsRTL reports whether l is a right-to-left (odd) level.
func (l Level) IsRTL() bool { return l&1 == 1 }

// Direction is the base direction asked of a paragraph.
type Direction uint8

const (
	// LTR forces paragraph level 0.
	LTR Direction = iota
	// RTL forces paragraph level 1.
	RTL
	// Auto takes the direction of the first strong character (P2–P3),
	// skipping isolates; LTR when there is none.
	Auto
)

// Paragraph holds the resolved levels of one paragraph. It is immutable
// after New and safe for concurrent reads.
type Paragraph struct {
	text       []rune  // nil when built from classes
	orig       []Class // original Bidi_Class of each character
	types      []Class // classes as resolved by X1–N2
	levels     []Level // resolved levels (before L1)
	level      Level   // paragraph embedding level
	separators bool    // whether there are S or B characters (for L1)
	matchOf    []int32 // BD9: isolate initiator → matching PDI and back; -1 none; nil without isolates
}

// New resolves the levels of text as one paragraph with base direction dir.
// Any dir value other than LTR or RTL is treated as Auto. An empty text
// yields a paragraph without characters. New never fails; the text is not
// copied, so it must not change while the Paragraph is in use.
func New(text []rune, dir Direction) *Paragraph {
	cls := make([]Class, len(text), 2*len(text))
	for i, r := range text {
		cls[i] = ClassOf(r)
	}
	return resolve(text, cls, dir)
}

// NewFromClasses resolves a paragraph given only the classes of its
// characters, as in BidiTest.txt; with no text, N0 finds no bracket pairs.
// cls is not modified. Values of cls outside the Class constants are
// treated as ON.
func NewFromClasses(cls []Class, dir Direction) *Paragraph {
	c := make([]Class, len(cls), 2*len(cls))
	for i, v := range cls {
		if v >= numClasses {
			v = ON
		}
		c[i] = v
	}
	return resolve(nil, c, dir)
}

// Len returns the number of characters of the paragraph.
func (p *Paragraph) Len() int { return len(p.orig) }

// Level returns the paragraph embedding level (0 or 1).
func (p *Paragraph) Level() Level { return p.level }

// Levels returns the resolved level of every character before the line
// rules (L1). The slice is the caller's to keep.
func (p *Paragraph) Levels() []Level {
	return append([]Level(nil), p.levels...)
}

// Class returns the original Bidi_Class of character i; it panics if i is
// out of range.
func (p *Paragraph) Class(i int) Class { return p.orig[i] }

// resolve runs the algorithm. cls becomes p.orig; its second half, if it
// has one of len(cls), is the working copy p.types.
func resolve(text []rune, cls []Class, dir Direction) *Paragraph {
	n := len(cls)
	p := &Paragraph{text: text, orig: cls[:n:n], levels: make([]Level, n)}
	if cap(cls) >= 2*n {
		p.types = cls[n : 2*n]
	} else {
		p.types = make([]Class, n)
	}
	copy(p.types, p.orig)
	explicit, isolates, separators := scanFormatting(p.orig)
	p.separators = separators
	if isolates {
		p.matchOf = make([]int32, n)
		p.matchIsolates()
	}
	switch dir {
	case LTR:
		p.level = 0
	case RTL:
		p.level = 1
	default:
		p.level = p.firstStrong(0, n, 0)
	}
	if explicit {
		p.explicitLevels()
	} else {
		for i := range p.levels { // X1–X8 with nothing to do
			p.levels[i] = p.level
		}
	}
	p.resolveSequences()
	p.assignRemoved()
	return p
}

// scanFormatting reports whether cls holds explicit formatting characters
// (embeddings, overrides, isolates, PDF, PDI, B), whether it holds isolate
// formatting characters and whether it holds separators (S, B).
func scanFormatting(cls []Class) (explicit, isolates, separators bool) {
	var seen uint32
	for _, c := range cls {
		seen |= 1 << c
	}
	return seen&explicitSet != 0, seen&(isolateSet|1<<PDI) != 0, seen&separatorSet != 0
}
