package textedit

import (
	"strings"

	"github.com/qalam/policyeditor/editor/textlayout"
)

// This file holds the text: a list of paragraphs (source lines), each with
// its runes and its cached layout. It does not import Fyne.

// para is one source line. Its runes are never changed in place (a
// textlayout.Paragraph keeps a reference to them): an edit gives the
// paragraph a new slice and drops its layout.
type para struct {
	text []rune
	rtl  bool                  // resolved direction
	own  bool                  // rtl comes from the paragraph's own text (not inherited)
	lay  *textlayout.Paragraph // nil: lay out again
	y    float32               // top, in content coordinates (valid after relayout)
	gen  int                   // bumped on every change of lay (raster caches compare it)
}

// pos is a place in the text: paragraph index and rune offset in it.
type pos struct{ p, o int }

func (a pos) less(b pos) bool { return a.p < b.p || a.p == b.p && a.o < b.o }

// buffer is the text as paragraphs.
type buffer struct {
	paras []*para
}

func newBuffer(text string) buffer {
	var b buffer
	for _, line := range strings.Split(text, "\n") {
		b.paras = append(b.paras, &para{text: []rune(line)})
	}
	return b
}

// String returns the text, paragraphs joined by "\n".
func (b *buffer) String() string {
	var sb strings.Builder
	n := 0
	for _, p := range b.paras {
		n += len(p.text) + 1
	}
	sb.Grow(n * 2)
	for i, p := range b.paras {
		if i > 0 {
			sb.WriteByte('\n')
		}
		for _, r := range p.text {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// Len returns the length of the text in runes.
func (b *buffer) Len() int {
	n := len(b.paras) - 1
	for _, p := range b.paras {
		n += len(p.text)
	}
	return n
}

// offset converts a position to a rune offset into String().
func (b *buffer) offset(q pos) int {
	n := 0
	for i := 0; i < q.p; i++ {
		n += len(b.paras[i].text) + 1
	}
	return n + q.o
}

// pos converts a rune offset (clamped) to a position.
func (b *buffer) pos(off int) pos {
	off = max(off, 0)
	for i, p := range b.paras {
		if off <= len(p.text) {
			return pos{i, off}
		}
		off -= len(p.text) + 1
	}
	last := len(b.paras) - 1
	return pos{last, len(b.paras[last].text)}
}

// end returns the position after the last rune.
func (b *buffer) end() pos {
	last := len(b.paras) - 1
	return pos{last, len(b.paras[last].text)}
}

// slice returns the runes between two positions (from <= to), "\n"
// between paragraphs.
func (b *buffer) slice(from, to pos) []rune {
	if from.p == to.p {
		return append([]rune(nil), b.paras[from.p].text[from.o:to.o]...)
	}
	out := append([]rune(nil), b.paras[from.p].text[from.o:]...)
	for i := from.p + 1; i < to.p; i++ {
		out = append(out, '\n')
		out = append(out, b.paras[i].text...)
	}
	out = append(out, '\n')
	return append(out, b.paras[to.p].text[:to.o]...)
}

// replace replaces the runes between from and to (from <= to) with ins,
// which may hold "\n", and returns the position after the inserted runes
// and the range of paragraphs [first, last] that now hold the new text.
// Paragraphs outside that range keep their layouts.
func (b *buffer) replace(from, to pos, ins []rune) (after pos, first, last int) {
	head := b.paras[from.p].text[:from.o]
	tail := b.paras[to.p].text[to.o:]
	lines := splitLines(ins)
	news := make([]*para, len(lines))
	for i, l := range lines {
		var t []rune
		if i == 0 {
			t = append(t, head...)
		}
		t = append(t, l...)
		if i == len(lines)-1 {
			after = pos{from.p + i, len(t)}
			t = append(t, tail...)
		}
		news[i] = &para{text: t}
	}
	// Keep the first paragraph's struct (and its generation) so that its
	// raster is updated in place rather than replaced.
	old := b.paras[from.p]
	old.text, old.lay = news[0].text, nil
	news[0] = old
	rest := b.paras[to.p+1:]
	b.paras = append(b.paras[:from.p:from.p], append(news, rest...)...)
	return after, from.p, from.p + len(news) - 1
}

// splitLines splits runes at "\n"; there is always at least one line.
func splitLines(rs []rune) [][]rune {
	lines := [][]rune{nil}
	for _, r := range rs {
		if r == '\n' {
			lines = append(lines, nil)
			continue
		}
		lines[len(lines)-1] = append(lines[len(lines)-1], r)
	}
	return lines
}
