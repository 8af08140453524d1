package bidi

// matchIsolates fills p.matchOf per BD9: each isolate initiator points to
// its matching PDI and each matched PDI back to its initiator; everything
// else is -1. A paragraph separator ends all open isolates.
func (p *Paragraph) matchIsolates() {
	var open []int32
	for i, c := range p.orig {
		p.matchOf[i] = -1
		switch c {
		case LRI, RLI, FSI:
			open = append(open, int32(i))
		case PDI:
			if k := len(open); k > 0 {
				p.matchOf[i] = open[k-1]
				p.matchOf[open[k-1]] = int32(i)
				open = open[:k-1]
			}
		case B:
			open = open[:0]
		}
	}
}

// firstStrong applies P2–P3 to the characters [start, end): it returns 0
// for a first strong L, 1 for R or AL, and def when there is none before a
// paragraph separator. Isolates (initiator to matching PDI) are skipped; an
// unmatched initiator hides the rest of the paragraph.
func (p *Paragraph) firstStrong(start, end int, def Level) Level {
	for i := start; i < end; i++ {
		switch p.orig[i] {
		case L:
			return 0
		case R, AL:
			return 1
		case B:
			return def
		case LRI, RLI, FSI:
			m := int(p.matchOf[i])
			if m < 0 {
				return def
			}
			i = m
		}
	}
	return def
}

// status is an entry of the directional status stack (X1).
type status struct {
	level    Level
	override Class // ON (neutral), L or R
	isolate  bool
}

// explicitState is the state of rules X1–X8.
type explicitState struct {
	stack             [MaxDepth + 2]status
	depth             int
	overflowIsolates  int
	overflowEmbedding int
	validIsolates     int
}

func (s *explicitState) top() *status { return &s.stack[s.depth-1] }

// push tries to open an embedding or isolate at the next odd (rtl) or even
// level; it returns false on overflow.
func (s *explicitState) push(rtl bool, override Class, isolate bool) bool {
	lvl := s.top().level
	if rtl {
		lvl = (lvl + 1) | 1
	} else {
		lvl = (lvl + 2) &^ 1
	}
	if lvl > MaxDepth || s.overflowIsolates > 0 || s.overflowEmbedding > 0 {
		return false
	}
	s.stack[s.depth] = status{level: lvl, override: override, isolate: isolate}
	s.depth++
	return true
}

// explicitLevels applies X1–X8, setting p.levels and the overrides in
// p.types. Characters removed by X9 get the level current at their place.
func (p *Paragraph) explicitLevels() {
	s := &explicitState{depth: 1}
	s.stack[0] = status{level: p.level, override: ON}
	for i, c := range p.orig {
		switch c {
		case RLE, LRE, RLO, LRO:
			p.levels[i] = s.top().level
			ovr := ON
			if c == RLO {
				ovr = R
			} else if c == LRO {
				ovr = L
			}
			if !s.push(c == RLE || c == RLO, ovr, false) && s.overflowIsolates == 0 {
				s.overflowEmbedding++
			}
		case RLI, LRI, FSI:
			p.applyCurrent(i, s)
			rtl := c == RLI
			if c == FSI {
				end := int(p.matchOf[i])
				if end < 0 {
					end = len(p.orig)
				}
				rtl = p.firstStrong(i+1, end, 0) == 1
			}
			if s.push(rtl, ON, true) {
				s.validIsolates++
			} else {
				s.overflowIsolates++
			}
		case PDI:
			p.popIsolate(s)
			p.applyCurrent(i, s)
		case PDF:
			p.popEmbedding(s)
			p.levels[i] = s.top().level
		case B:
			p.levels[i] = p.level
			s.depth, s.overflowIsolates, s.overflowEmbedding, s.validIsolates = 1, 0, 0, 0
		case BN:
			p.levels[i] = s.top().level
		default:
			p.applyCurrent(i, s)
		}
	}
}

// applyCurrent gives character i the current level and override (X6).
func (p *Paragraph) applyCurrent(i int, s *explicitState) {
	t := s.top()
	p.levels[i] = t.level
	if t.override != ON {
		p.types[i] = t.override
	}
}

// popIsolate is X6a for a PDI.
func (p *Paragraph) popIsolate(s *explicitState) {
	switch {
	case s.overflowIsolates > 0:
		s.overflowIsolates--
	case s.validIsolates == 0:
	default:
		s.overflowEmbedding = 0
		for !s.top().isolate {
			s.depth--
		}
		s.depth--
		s.validIsolates--
	}
}

// popEmbedding is X7 for a PDF.
func (p *Paragraph) popEmbedding(s *explicitState) {
	switch {
	case s.overflowIsolates > 0:
	case s.overflowEmbedding > 0:
		s.overflowEmbedding--
	case !s.top().isolate && s.depth >= 2:
		s.depth--
	}
}
