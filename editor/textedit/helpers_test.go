package textedit

import (
	"testing"
	"time"

	"github.com/qalam/policyeditor/editor/textlayout"
)

// testClock is a clock tests move by hand.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time           { return c.t }
func (c *testClock) advance(d time.Duration)  { c.t = c.t.Add(d) }
func newTestClock() *testClock                { return &testClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }
func (m *model) useClock(c *testClock) *model { m.hist.now = c.now; return m }

// newTestModel returns a multi-line model holding text, laid out width px
// wide (0: no wrapping) at 16 px.
func newTestModel(text string, width float32) *model {
	m := newModel(true)
	m.setLayout(width, 16, lineHeight)
	m.setText(text)
	return m
}

// typeString types s rune by rune.
func typeString(m *model, s string) {
	for _, r := range s {
		if r == '\n' {
			m.enter()
			continue
		}
		m.typeRune(r)
	}
}

func offsetOf(m *model) int { return m.buf.offset(m.caret) }

// trailingEdge is the x of the trailing edge of rune i of paragraph p, from
// the engine's selection rectangle of that rune and the direction of its
// run: left for a right-to-left rune.
func trailingEdge(t *testing.T, m *model, p, i int) float32 {
	t.Helper()
	l := m.layout(p)
	return edgeOf(t, l, i, false)
}

// leadingEdge is the x of the leading edge of rune i.
func leadingEdge(t *testing.T, m *model, p, i int) float32 {
	t.Helper()
	return edgeOf(t, m.layout(p), i, true)
}

func edgeOf(t *testing.T, l *textlayout.Paragraph, i int, leading bool) float32 {
	t.Helper()
	rs := l.SelectionRects(i, i+1)
	if len(rs) != 1 {
		t.Fatalf("SelectionRects(%d, %d) = %v, want one rectangle", i, i+1, rs)
	}
	rtl := false
	for _, ln := range l.Lines {
		for _, r := range ln.Runs {
			if r.Start <= i && i < r.End {
				rtl = r.RTL
			}
		}
	}
	left := rs[0].X
	right := rs[0].X + rs[0].Width
	if rtl == leading {
		return right
	}
	return left
}

func near(a, b float32) bool { return a-b < 0.01 && b-a < 0.01 }
