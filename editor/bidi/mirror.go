package bidi

// bracketPair is one line of BidiBrackets.txt.
type bracketPair struct {
	R, Pair rune
	Open    bool
}

// Mirror returns the Bidi_Mirroring_Glyph of r (BidiMirroring.txt), which a
// renderer draws instead of r when r resolves to an odd (RTL) level (rule
// L4). ok is false when r has no mirrored counterpart in the data; some
// Bidi_Mirrored characters (such as U+2231) have none and need a mirrored
// glyph from the font instead.
func Mirror(r rune) (rune, bool) {
	lo, hi := 0, len(mirrorPairs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch p := mirrorPairs[m]; {
		case r < p[0]:
			hi = m
		case r > p[0]:
			lo = m + 1
		default:
			return p[1], true
		}
	}
	return r, false
}

// bracketOf returns the BidiBrackets.txt entry of r.
func bracketOf(r rune) (bracketPair, bool) {
	lo, hi := 0, len(bracketPairs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch p := bracketPairs[m]; {
		case r < p.R:
			hi = m
		case r > p.R:
			lo = m + 1
		default:
			return p, true
		}
	}
	return bracketPair{}, false
}

// canonicalBracket maps the two brackets with canonical decompositions
// (U+2329, U+232A) to their equivalents (U+3008, U+3009), so that BD16
// pairs them with each other as required for canonically equivalent text.
func canonicalBracket(r rune) rune {
	switch r {
	case 0x2329:
		return 0x3008
	case 0x232A:
		return 0x3009
	}
	return r
}
