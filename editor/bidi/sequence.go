package bidi

// sequence is an isolating run sequence (BD13) being resolved by W1–I2.
type sequence struct {
	p        *Paragraph
	idx      []int32 // character indices, in order, without X9-removed ones
	types    []Class // types[k] is the working class of character idx[k]
	level    Level   // embedding level of all its characters
	sos, eos Class   // L or R
}

// embeddingDir is the embedding direction of the sequence (L or R).
func (s *sequence) embeddingDir() Class { return dirOf(s.level) }

func dirOf(l Level) Class {
	if l&1 == 1 {
		return R
	}
	return L
}

// resolveSequences applies X9 and X10, then resolves every isolating run
// sequence with the weak, neutral and implicit rules.
func (p *Paragraph) resolveSequences() {
	n := len(p.orig)
	if n == 0 {
		return
	}
	buf := make([]int32, 4*n+1)
	kept := buf[:0]
	nextRun, cont, runStart := buf[n:2*n], buf[2*n:3*n], buf[3*n:4*n+1]
	var seqBuf []int32 // only for sequences of several level runs
	scratch := make([]Class, n)
	for i, c := range p.orig {
		if !isRemovedByX9(c) {
			kept = append(kept, int32(i))
		}
	}
	if len(kept) == 0 {
		return
	}
	runs := p.levelRuns(kept, runStart)
	p.linkRuns(kept, runStart[:runs+1], nextRun[:runs], cont[:runs])
	var pairs []bracketRef
	for r := 0; r < runs; r++ {
		if cont[r] == 1 { // not the head of a sequence
			continue
		}
		first, last := runStart[r], runStart[r+1]
		seq := kept[first:last]
		if nextRun[r] >= 0 {
			if seqBuf == nil {
				seqBuf = make([]int32, 0, n)
			}
			seq = seqBuf[:0]
			for k := int32(r); k >= 0; k = nextRun[k] {
				seq = append(seq, kept[runStart[k]:runStart[k+1]]...)
				last = runStart[k+1]
			}
		}
		s := p.newSequence(seq, scratch[:len(seq)], kept, first, last)
		s.resolveWeak()
		pairs = s.resolveBrackets(pairs[:0])
		s.resolveNeutral()
		for k, i := range seq {
			p.types[i] = s.types[k]
		}
	}
	// I1–I2 only after every sequence is resolved: sos and eos depend on
	// the explicit levels of neighbouring sequences.
	p.resolveImplicit(kept)
}

// levelRuns splits kept into level runs (BD7), also ending a run after a
// paragraph separator so that no sequence crosses it; it writes the start position
// (in kept) of each run to runStart and a final sentinel len(kept). It
// returns the number of runs.
func (p *Paragraph) levelRuns(kept, runStart []int32) int {
	runs := 0
	for k, i := range kept {
		if k == 0 || p.levels[i] != p.levels[kept[k-1]] || p.orig[kept[k-1]] == B {
			runStart[runs] = int32(k)
			runs++
		}
	}
	runStart[runs] = int32(len(kept))
	return runs
}

// linkRuns chains level runs into isolating run sequences (X10): a run
// ending with an isolate initiator continues with the run starting with its
// matching PDI. nextRun[r] is the run following r in its sequence, or -1;
// cont[r] is 1 when r continues another run's sequence (so it is no head).
func (p *Paragraph) linkRuns(kept, runStart, nextRun, cont []int32) {
	var waiting []int32 // runs ending with an initiator, awaiting their PDI
	for r := range nextRun {
		nextRun[r], cont[r] = -1, 0
		firstChar := kept[runStart[r]]
		if w := len(waiting); w > 0 && p.orig[firstChar] == PDI {
			opener := kept[runStart[waiting[w-1]+1]-1]
			if p.matchOf[opener] == firstChar {
				nextRun[waiting[w-1]] = int32(r)
				cont[r] = 1
				waiting = waiting[:w-1]
			}
		}
		lastChar := kept[runStart[r+1]-1]
		if isIsolateInitiator(p.orig[lastChar]) && p.matchOf[lastChar] >= 0 {
			waiting = append(waiting, int32(r))
		}
	}
}

// newSequence prepares the sequence seq, copying its working classes to
// the scratch slice types; first is the position in kept of
// its first character and end the position after its last one, used to
// find the neighbours that determine sos and eos (X10).
func (p *Paragraph) newSequence(seq []int32, types []Class, kept []int32, first, end int32) sequence {
	s := sequence{p: p, idx: seq, types: types, level: p.levels[seq[0]]}
	for k, i := range seq {
		types[k] = p.types[i]
	}
	before, after := p.level, p.level
	if first > 0 {
		before = p.levels[kept[first-1]]
	}
	lastChar := seq[len(seq)-1]
	if int(end) < len(kept) && !isIsolateInitiator(p.orig[lastChar]) && p.orig[lastChar] != B {
		after = p.levels[kept[end]]
	}
	s.sos = dirOf(max(before, s.level))
	s.eos = dirOf(max(after, s.level))
	return s
}

// resolveImplicit applies I1–I2 to the kept characters.
func (p *Paragraph) resolveImplicit(kept []int32) {
	for _, i := range kept {
		t, lvl := p.types[i], p.levels[i]
		if lvl&1 == 0 {
			switch t {
			case R:
				lvl++
			case AN, EN:
				lvl += 2
			}
		} else if t == L || t == EN || t == AN {
			lvl++
		}
		p.levels[i] = lvl
	}
}

// assignRemoved gives each character removed by X9 the resolved level of
// the preceding kept character, or of the following one at the start, or
// the paragraph level when there is none (UAX #9 §5.2).
func (p *Paragraph) assignRemoved() {
	prev := p.level
	for i, c := range p.orig { // leading removed characters take the next level
		if !isRemovedByX9(c) {
			prev = p.levels[i]
			break
		}
	}
	for i, c := range p.orig {
		if isRemovedByX9(c) {
			p.levels[i] = prev
		} else {
			prev = p.levels[i]
		}
	}
}
