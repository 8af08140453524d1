package bidi

import "slices"

// maxBracketStack is the BD16 stack size: at the 64th nested opening
// bracket, pairing stops for the rest of the isolating run sequence.
const maxBracketStack = 63

// bracketRef is a bracket pair found by BD16, as positions in sequence.idx.
type bracketRef struct{ open, close int32 }

// strongDir maps a resolved type to its strength for N0–N2: L is L; R, EN
// and AN count as R; anything else is neutral (ON is returned).
func strongDir(c Class) Class {
	switch c {
	case L:
		return L
	case R, EN, AN, AL:
		return R
	}
	return ON
}

// findBrackets is BD16: it appends to pairs the bracket pairs of the
// sequence, sorted by the position of the opening bracket. Only characters
// whose current type is ON take part, so overridden brackets do not pair.
func (s *sequence) findBrackets(pairs []bracketRef) []bracketRef {
	p := s.p
	if p.text == nil {
		return pairs
	}
	var stack [maxBracketStack]struct {
		closer rune
		pos    int32
	}
	depth := 0
	for k, i := range s.idx {
		if s.types[k] != ON {
			continue
		}
		bp, ok := bracketOf(p.text[i])
		if !ok {
			continue
		}
		if bp.Open {
			if depth == maxBracketStack {
				break
			}
			stack[depth].closer, stack[depth].pos = canonicalBracket(bp.Pair), int32(k)
			depth++
			continue
		}
		c := canonicalBracket(bp.R)
		for j := depth - 1; j >= 0; j-- {
			if stack[j].closer == c {
				pairs = append(pairs, bracketRef{stack[j].pos, int32(k)})
				depth = j
				break
			}
		}
	}
	slices.SortFunc(pairs, func(a, b bracketRef) int { return int(a.open - b.open) })
	return pairs
}

// resolveBrackets applies N0 to each bracket pair in order of their
// opening brackets; pairs is scratch space, returned for reuse.
func (s *sequence) resolveBrackets(pairs []bracketRef) []bracketRef {
	pairs = s.findBrackets(pairs)
	e := s.embeddingDir()
	for _, bp := range pairs {
		inside := s.strongInside(bp, e)
		switch {
		case inside == e:
			s.setBracket(bp, e)
		case inside != ON:
			if s.contextBefore(bp.open) != e {
				s.setBracket(bp, inside)
			} else {
				s.setBracket(bp, e)
			}
		}
	}
	return pairs
}

// strongInside returns e if a strong type matching the embedding direction
// e lies between the brackets, else the opposite direction if one does,
// else ON.
func (s *sequence) strongInside(bp bracketRef, e Class) Class {
	found := ON
	for k := bp.open + 1; k < bp.close; k++ {
		d := strongDir(s.types[k])
		if d == e {
			return e
		}
		if d != ON {
			found = d
		}
	}
	return found
}

// contextBefore returns the first strong direction before position k of
// the sequence, or sos.
func (s *sequence) contextBefore(k int32) Class {
	for k--; k >= 0; k-- {
		if d := strongDir(s.types[k]); d != ON {
			return d
		}
	}
	return s.sos
}

// setBracket sets both brackets of bp to dir, along with the nonspacing
// marks (by original class) that follow either of them.
func (s *sequence) setBracket(bp bracketRef, dir Class) {
	for _, k := range [2]int32{bp.open, bp.close} {
		s.types[k] = dir
		for j := int(k) + 1; j < len(s.idx) && s.p.orig[s.idx[j]] == NSM; j++ {
			s.types[j] = dir
		}
	}
}

// resolveNeutral applies N1–N2 to each maximal run of neutral and isolate
// formatting characters.
func (s *sequence) resolveNeutral() {
	t := s.types
	e := s.embeddingDir()
	for k := 0; k < len(t); {
		if !isNI(t[k]) {
			k++
			continue
		}
		end := k
		for end < len(t) && isNI(t[end]) {
			end++
		}
		before, after := s.sos, s.eos
		if k > 0 {
			before = strongDir(t[k-1])
		}
		if end < len(t) {
			after = strongDir(t[end])
		}
		dir := e
		if before == after {
			dir = before
		}
		for j := k; j < end; j++ {
			t[j] = dir
		}
		k = end
	}
}
