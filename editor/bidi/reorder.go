package bidi

// Run is a maximal range of characters of a line sharing one level.
// Start and End are logical indices [Start, End); the run is right-to-left
// when Level is odd, and then its characters are displayed from End-1 down
// to Start.
type Run struct {
	Start, End int
	Level      Level
}

// clampLine limits [start, end) to the paragraph; ok is false when the
// range is empty.
func (p *Paragraph) clampLine(start, end int) (int, int, bool) {
	start = max(start, 0)
	end = min(end, len(p.orig))
	return start, end, start < end
}

// LineLevels returns the levels of the line [start, end) after rule L1:
// segment and paragraph separators, and any whitespace or isolate
// formatting characters (with X9-removed characters among them) before
// them or at the end of the line, are reset to the paragraph level.
// The range is clamped to the paragraph; an empty range yields nil.
func (p *Paragraph) LineLevels(start, end int) []Level {
	start, end, ok := p.clampLine(start, end)
	if !ok {
		return nil
	}
	out := make([]Level, end-start)
	p.lineLevels(start, end, out)
	return out
}

// lineLevels writes the L1 levels of [start, end) to out.
func (p *Paragraph) lineLevels(start, end int, out []Level) {
	copy(out, p.levels[start:end])
	trailing := true // inside a run of whitespace reaching a separator or line end
	for i := end - 1; i >= start; i-- {
		c := p.orig[i]
		switch {
		case in(separatorSet, c):
			out[i-start] = p.level
			trailing = true
		case in(trailingSet, c):
			if trailing {
				out[i-start] = p.level
			}
		case !p.separators:
			return // no separator earlier in the line: nothing left to reset
		default:
			trailing = false
		}
	}
}

// Runs returns the maximal same-level runs of the line [start, end) after
// L1, in visual order from left to right (L2). Together they cover every
// index of the line exactly once. The range is clamped to the paragraph;
// an empty range yields nil.
func (p *Paragraph) Runs(start, end int) []Run {
	start, end, ok := p.clampLine(start, end)
	if !ok {
		return nil
	}
	lv := make([]Level, end-start)
	p.lineLevels(start, end, lv)
	count := 1
	for k := 1; k < len(lv); k++ {
		if lv[k] != lv[k-1] {
			count++
		}
	}
	runs := make([]Run, 0, count)
	lo, hi := lv[0], lv[0]
	for k := 0; k < len(lv); {
		e := k + 1
		for e < len(lv) && lv[e] == lv[k] {
			e++
		}
		runs = append(runs, Run{Start: start + k, End: start + e, Level: lv[k]})
		lo, hi = min(lo, lv[k]), max(hi, lv[k])
		k = e
	}
	reorderRuns(runs, lo|1, hi)
	return runs
}

// reorderRuns is L2 on runs in logical order: from the highest level down
// to the lowest odd one, every maximal sequence of runs at that level or
// higher is reversed.
func reorderRuns(runs []Run, lowestOdd, highest Level) {
	for lvl := highest; lvl >= lowestOdd && lvl > 0; lvl-- {
		for k := 0; k < len(runs); {
			if runs[k].Level < lvl {
				k++
				continue
			}
			e := k + 1
			for e < len(runs) && runs[e].Level >= lvl {
				e++
			}
			for a, b := k, e-1; a < b; a, b = a+1, b-1 {
				runs[a], runs[b] = runs[b], runs[a]
			}
			k = e
		}
	}
}

// VisualOrder returns the logical indices of the line [start, end) in
// visual order from left to right (L1 and L2). X9-removed characters are
// included, placed beside their neighbours. The range is clamped to the
// paragraph; an empty range yields nil.
func (p *Paragraph) VisualOrder(start, end int) []int {
	runs := p.Runs(start, end)
	if runs == nil {
		return nil
	}
	start, end, _ = p.clampLine(start, end)
	order := make([]int, 0, end-start)
	for _, r := range runs {
		if r.Level&1 == 1 {
			for i := r.End - 1; i >= r.Start; i-- {
				order = append(order, i)
			}
		} else {
			for i := r.Start; i < r.End; i++ {
				order = append(order, i)
			}
		}
	}
	return order
}
