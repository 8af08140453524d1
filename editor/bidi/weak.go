package bidi

// resolveWeak applies W1–W7 to the sequence, in order, each rule over the
// whole sequence before the next (X9-removed characters are not in it).
func (s *sequence) resolveWeak() {
	s.w1w2w3()
	s.w4()
	s.w5()
	s.w6w7()
}

// w1w2w3: a nonspacing mark takes the type of the previous character, ON
// after an isolate initiator or PDI, sos at the start (W1); EN after AL,
// searching back to the first strong type, becomes AN (W2); AL becomes R
// (W3). One pass does all three: W1 copies a type that W2 and W3 then treat
// exactly as they treat the character it was copied from.
func (s *sequence) w1w2w3() {
	t := s.types
	prev, last := s.sos, s.sos // previous type (W1), last strong type (W2)
	for i, c := range t {
		if c == NSM {
			c = prev
		}
		prev = c
		switch c {
		case L, R:
			last = c
		case AL:
			last = AL
			c = R
		case EN:
			if last == AL {
				c = AN
			}
		case LRI, RLI, FSI, PDI:
			prev = ON
		}
		t[i] = c
	}
}

// w4: a single ES between two ENs becomes EN; a single CS between two
// numbers of the same type becomes that type.
func (s *sequence) w4() {
	t := s.types
	for k := 1; k+1 < len(t); k++ {
		before, after := t[k-1], t[k+1]
		switch t[k] {
		case ES:
			if before == EN && after == EN {
				t[k] = EN
			}
		case CS:
			if before == after && (before == EN || before == AN) {
				t[k] = before
			}
		}
	}
}

// w5: a sequence of ETs adjacent to an EN becomes ENs.
func (s *sequence) w5() {
	t := s.types
	for k := 0; k < len(t); {
		if t[k] != ET {
			k++
			continue
		}
		end := k
		for end < len(t) && t[end] == ET {
			end++
		}
		if (k > 0 && t[k-1] == EN) || (end < len(t) && t[end] == EN) {
			for j := k; j < end; j++ {
				t[j] = EN
			}
		}
		k = end
	}
}

// w6w7: remaining separators and terminators become ON (W6); EN preceded
// (back to the first strong type, or sos) by L becomes L (W7). The rules
// touch disjoint types, so one pass does both.
func (s *sequence) w6w7() {
	t := s.types
	last := s.sos
	for i, c := range t {
		switch c {
		case ES, ET, CS:
			t[i] = ON
		case L, R:
			last = c
		case EN:
			if last == L {
				t[i] = L
			}
		}
	}
}
