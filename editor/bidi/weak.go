package bidi

// resolveWeak applies W1–W7 to the sequence, in order, each rule over the
// whole sequence before the next (X9-removed characters are not in it).
func (s *sequence) resolveWeak() {
	s.w1()
	s.w2w3()
	s.w4()
	s.w5()
	s.w6()
	s.w7()
}

// w1: a nonspacing mark takes the type of the previous character, ON after
// an isolate initiator or PDI, sos at the start.
func (s *sequence) w1() {
	t := s.p.types
	prev := s.sos
	for _, i := range s.idx {
		if t[i] == NSM {
			t[i] = prev
		}
		prev = t[i]
		if isIsolateInitiator(prev) || prev == PDI {
			prev = ON
		}
	}
}

// w2w3: EN after AL (W2, searching back to the first strong type) becomes
// AN; then every AL becomes R (W3). W3 cannot change the outcome of W2, so
// one pass does both.
func (s *sequence) w2w3() {
	t := s.p.types
	last := s.sos
	for _, i := range s.idx {
		switch t[i] {
		case L, R:
			last = t[i]
		case AL:
			last = AL
			t[i] = R
		case EN:
			if last == AL {
				t[i] = AN
			}
		}
	}
}

// w4: a single ES between two ENs becomes EN; a single CS between two
// numbers of the same type becomes that type.
func (s *sequence) w4() {
	t := s.p.types
	for k := 1; k+1 < len(s.idx); k++ {
		i := s.idx[k]
		before, after := t[s.idx[k-1]], t[s.idx[k+1]]
		switch t[i] {
		case ES:
			if before == EN && after == EN {
				t[i] = EN
			}
		case CS:
			if before == after && (before == EN || before == AN) {
				t[i] = before
			}
		}
	}
}

// w5: a sequence of ETs adjacent to an EN becomes ENs.
func (s *sequence) w5() {
	t := s.p.types
	for k := 0; k < len(s.idx); {
		if t[s.idx[k]] != ET {
			k++
			continue
		}
		end := k
		for end < len(s.idx) && t[s.idx[end]] == ET {
			end++
		}
		if (k > 0 && t[s.idx[k-1]] == EN) || (end < len(s.idx) && t[s.idx[end]] == EN) {
			for j := k; j < end; j++ {
				t[s.idx[j]] = EN
			}
		}
		k = end
	}
}

// w6: remaining separators and terminators become ON.
func (s *sequence) w6() {
	t := s.p.types
	for _, i := range s.idx {
		switch t[i] {
		case ES, ET, CS:
			t[i] = ON
		}
	}
}

// w7: EN preceded (back to the first strong type, or sos) by L becomes L.
func (s *sequence) w7() {
	t := s.p.types
	last := s.sos
	for _, i := range s.idx {
		switch t[i] {
		case L, R:
			last = t[i]
		case EN:
			if last == L {
				t[i] = L
			}
		}
	}
}
