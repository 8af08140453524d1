package diff

// This file is a linear-space Myers diff (E. Myers, "An O(ND) Difference
// Algorithm and Its Variations", 1986, section 4b: find the middle snake,
// recurse on both halves) over interned token ids.
//
// Cost cap: when the edit distance of a sub-problem exceeds costLimit, the
// search stops and splits at the furthest-reaching forward point instead of
// a true middle snake (GNU diff's "too expensive" heuristic). The result is
// still a correct edit script, only possibly not minimal, and two unrelated
// 50 KB texts diff in milliseconds instead of seconds.

// costLimit bounds the D explored per middle-snake search.
const costLimit = 512

// script is a sequence of token-level edits.
type edit struct {
	kind   Kind
	a0, b0 int // start in a (Equal, Delete) or b (Insert)
	n      int // number of tokens
}

type myers struct {
	a, b   []int
	vf, vb []int
	out    []edit
	limit  int // cost cap
}

// diffIDs returns the edits turning a into b, exploring at most limit
// differences per middle-snake search.
func diffIDs(a, b []int, limit int) []edit {
	m := &myers{a: a, b: b, limit: max(limit, 1)}
	size := 2*(min(len(a)+len(b), 2*m.limit)+2) + 2
	m.vf = make([]int, size)
	m.vb = make([]int, size)
	m.diff(0, len(a), 0, len(b))
	return m.out
}

func (m *myers) emit(k Kind, a0, b0, n int) {
	if n == 0 {
		return
	}
	if l := len(m.out); l > 0 {
		last := &m.out[l-1]
		if last.kind == k && ((k == Insert && last.b0+last.n == b0) || (k != Insert && last.a0+last.n == a0)) {
			last.n += n
			return
		}
	}
	m.out = append(m.out, edit{kind: k, a0: a0, b0: b0, n: n})
}

func (m *myers) diff(a0, a1, b0, b1 int) {
	pre := 0
	for a0+pre < a1 && b0+pre < b1 && m.a[a0+pre] == m.b[b0+pre] {
		pre++
	}
	m.emit(Equal, a0, b0, pre)
	a0, b0 = a0+pre, b0+pre
	suf := 0
	for a1-suf > a0 && b1-suf > b0 && m.a[a1-1-suf] == m.b[b1-1-suf] {
		suf++
	}
	a1, b1 = a1-suf, b1-suf
	switch {
	case a0 == a1:
		m.emit(Insert, a0, b0, b1-b0)
	case b0 == b1:
		m.emit(Delete, a0, b0, a1-a0)
	default:
		x0, y0, x1, y1 := m.middleSnake(a0, a1, b0, b1)
		if (x0 == a1 && y0 == b1) || (x1 == a0 && y1 == b0) {
			// No split that makes progress: replace the block outright.
			m.emit(Delete, a0, b0, a1-a0)
			m.emit(Insert, a1, b0, b1-b0)
			break
		}
		m.diff(a0, x0, b0, y0)
		m.emit(Equal, x0, y0, x1-x0)
		m.diff(x1, a1, y1, b1)
	}
	m.emit(Equal, a1, b1, suf)
}

// middleSnake returns the middle snake (x0,y0)→(x1,y1) of the sub-problem,
// in absolute coordinates; x1-x0 == y1-y0. Both ends differ (the caller
// trimmed common prefix and suffix) and neither side is empty.
func (m *myers) middleSnake(a0, a1, b0, b1 int) (x0, y0, x1, y1 int) {
	n, mm := a1-a0, b1-b0
	delta := n - mm
	odd := delta&1 != 0
	maxD := (n + mm + 1) / 2
	limit := min(maxD, m.limit)
	off := limit + 1
	vf, vb := m.vf[:2*off+2], m.vb[:2*off+2]
	vf[off+1], vb[off+1] = 0, 0
	for d := 0; d <= limit; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && vf[off+k-1] < vf[off+k+1]) {
				x = vf[off+k+1]
			} else {
				x = vf[off+k-1] + 1
			}
			y := x - k
			sx, sy := x, y
			for x < n && y < mm && x >= 0 && y >= 0 && m.a[a0+x] == m.b[b0+y] {
				x, y = x+1, y+1
			}
			vf[off+k] = x
			if odd && k >= delta-(d-1) && k <= delta+(d-1) {
				if kb := delta - k; vf[off+k]+vb[off+kb] >= n {
					return a0 + sx, b0 + sy, a0 + x, b0 + y
				}
			}
		}
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && vb[off+k-1] < vb[off+k+1]) {
				x = vb[off+k+1]
			} else {
				x = vb[off+k-1] + 1
			}
			y := x - k
			sx, sy := x, y
			for x < n && y < mm && x >= 0 && y >= 0 && m.a[a1-1-x] == m.b[b1-1-y] {
				x, y = x+1, y+1
			}
			vb[off+k] = x
			if !odd && k >= delta-d && k <= delta+d {
				if kf := delta - k; vb[off+k]+vf[off+kf] >= n {
					return a1 - x, b1 - y, a1 - sx, b1 - sy
				}
			}
		}
	}
	return m.furthest(a0, a1, b0, b1, vf, off, limit)
}

// furthest is the cost-cap fallback: the valid forward point that got
// furthest along, used as an empty snake to split the problem.
func (m *myers) furthest(a0, a1, b0, b1 int, vf []int, off, d int) (x0, y0, x1, y1 int) {
	n, mm := a1-a0, b1-b0
	bx, by := -1, -1
	for k := -d; k <= d; k += 2 {
		x := vf[off+k]
		y := x - k
		if x < 0 || y < 0 || x > n || y > mm || (x == n && y == mm) {
			continue
		}
		if x+y > bx+by {
			bx, by = x, y
		}
	}
	if bx+by <= 0 {
		bx, by = n, mm // no progress possible: the caller replaces the block
	}
	return a0 + bx, b0 + by, a0 + bx, b0 + by
}
