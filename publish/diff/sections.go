package diff

import (
	"strings"
	"unicode"

	"github.com/google/uuid"
	"github.com/qalam/policyeditor/storage"
)

// ChangeKind is a set of flags saying what happened to a section.
type ChangeKind uint8

// Section change flags. Changed and Moved can come together.
const (
	Unchanged ChangeKind = 0
	Added     ChangeKind = 1 << (iota - 1)
	Removed
	Changed // heading, body or kind differ
	Moved   // its place relative to the other kept sections changed
)

// Has reports whether all flags of f are set in k.
func (k ChangeKind) Has(f ChangeKind) bool { return k&f == f && f != 0 }

func (k ChangeKind) String() string {
	if k == Unchanged {
		return "unchanged"
	}
	var parts []string
	for _, f := range []struct {
		k ChangeKind
		s string
	}{{Added, "added"}, {Removed, "removed"}, {Changed, "changed"}, {Moved, "moved"}} {
		if k&f.k != 0 {
			parts = append(parts, f.s)
		}
	}
	return strings.Join(parts, "+")
}

// SectionChange describes one section across two versions of a page.
type SectionChange struct {
	Kind ChangeKind
	// Old and New are the section in each version; nil when Added (Old) or
	// Removed (New).
	Old, New *storage.Section
	// OldIndex and NewIndex are positions in each version's Sections, -1
	// when absent.
	OldIndex, NewIndex int
	// Heading and Body are word diffs old → new (all Insert for an added
	// section, all Delete for a removed one).
	Heading, Body []Op
}

// Sections pairs the sections of two versions of a page and diffs each
// pair. Sections are matched by ID first, then by heading (ignoring case,
// white space, tashkeel, tatweel and punctuation). The result follows the
// new order; a removed section is placed after the entry of the section
// that preceded it in the old version. Unchanged sections are included so
// callers can show context; filter on Kind for a summary.
func Sections(old, new storage.Page) []SectionChange {
	match := matchSections(old.Sections, new.Sections) // new index → old index or -1
	moved := movedSet(match)
	used := make([]bool, len(old.Sections))
	out := make([]SectionChange, 0, len(new.Sections))
	for j := range new.Sections {
		i := match[j]
		if i < 0 {
			out = append(out, added(new.Sections, j))
			continue
		}
		used[i] = true
		c := pair(old.Sections, new.Sections, i, j)
		if moved[j] {
			c.Kind |= Moved
		}
		out = append(out, c)
	}
	return placeRemoved(out, old.Sections, used)
}

func added(secs []storage.Section, j int) SectionChange {
	s := &secs[j]
	return SectionChange{Kind: Added, New: s, OldIndex: -1, NewIndex: j,
		Heading: Words("", s.Heading), Body: Words("", s.Body)}
}

func pair(olds, news []storage.Section, i, j int) SectionChange {
	o, n := &olds[i], &news[j]
	c := SectionChange{Old: o, New: n, OldIndex: i, NewIndex: j,
		Heading: Words(o.Heading, n.Heading), Body: Words(o.Body, n.Body)}
	if o.Kind != n.Kind || HasChanges(c.Heading) || HasChanges(c.Body) {
		c.Kind = Changed
	}
	return c
}

// placeRemoved adds the old sections not used to out, each after the last
// entry whose old index is below its own (or first), in one pass: with
// P(i) the last position in out holding an old index below i, the removed
// sections with the same P follow it in old order.
func placeRemoved(out []SectionChange, olds []storage.Section, used []bool) []SectionChange {
	last := make([]int, len(olds)) // old index → its last position in out
	for i := range last {
		last[i] = -1
	}
	for k, e := range out {
		if e.OldIndex >= 0 {
			last[e.OldIndex] = max(last[e.OldIndex], k)
		}
	}
	after := make(map[int][]int) // P+1 → removed old indexes
	removed, p := 0, -1
	for i := range olds {
		if !used[i] {
			after[p+1] = append(after[p+1], i)
			removed++
		}
		p = max(p, last[i])
	}
	if removed == 0 {
		return out
	}
	res := make([]SectionChange, 0, len(out)+removed)
	emit := func(at int) {
		for _, i := range after[at] {
			s := &olds[i]
			res = append(res, SectionChange{Kind: Removed, Old: s, OldIndex: i, NewIndex: -1,
				Heading: Words(s.Heading, ""), Body: Words(s.Body, "")})
		}
	}
	emit(0)
	for k, e := range out {
		res = append(res, e)
		emit(k + 1)
	}
	return res
}

func matchSections(olds, news []storage.Section) []int {
	match := make([]int, len(news))
	taken := make([]bool, len(olds))
	byID := make(map[string]int, len(olds))
	for i, s := range olds {
		if s.ID != uuid.Nil {
			byID[s.ID.String()] = i
		}
	}
	for j, s := range news {
		match[j] = -1
		if i, ok := byID[s.ID.String()]; ok && !taken[i] {
			match[j], taken[i] = i, true
		}
	}
	byHeading := make(map[string][]int)
	for i, s := range olds {
		if !taken[i] {
			h := headingKey(s.Heading)
			byHeading[h] = append(byHeading[h], i)
		}
	}
	for j, s := range news {
		if match[j] >= 0 {
			continue
		}
		h := headingKey(s.Heading)
		if c := byHeading[h]; len(c) > 0 {
			match[j], taken[c[0]] = c[0], true
			byHeading[h] = c[1:]
		}
	}
	return match
}

// headingKey normalises a heading for matching.
func headingKey(h string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(h) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\u0640':
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsPunct(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// movedSet marks matched new sections that are not on a longest increasing
// run of old indexes: the fewest sections whose moving explains the order.
func movedSet(match []int) []bool {
	var js []int // new indexes of matched sections, in new order
	for j, i := range match {
		if i >= 0 {
			js = append(js, j)
		}
	}
	// patience LIS over match[js[*]]
	tails := []int{} // index into js
	prev := make([]int, len(js))
	for p, j := range js {
		v := match[j]
		lo, hi := 0, len(tails)
		for lo < hi {
			mid := (lo + hi) / 2
			if match[js[tails[mid]]] < v {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		prev[p] = -1
		if lo > 0 {
			prev[p] = tails[lo-1]
		}
		if lo == len(tails) {
			tails = append(tails, p)
		} else {
			tails[lo] = p
		}
	}
	moved := make([]bool, len(match))
	for _, j := range js {
		moved[j] = true
	}
	if len(tails) > 0 {
		for p := tails[len(tails)-1]; p >= 0; p = prev[p] {
			moved[js[p]] = false
		}
	}
	return moved
}
