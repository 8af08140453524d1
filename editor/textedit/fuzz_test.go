package textedit

import (
	"testing"
	"time"
	"unicode/utf8"
)

// fuzzRunes are what the fuzzer types: Arabic letters, harakat, shadda,
// lam and alef (ligatures), Latin, digits, Arabic-Indic digits, brackets,
// Markdown markers, spaces, a bidi mark and an emoji with a variation
// selector.
var fuzzRunes = []rune("ابتثجلاأإآةىيءبِسْمِ َُّ abcXYZ 0123 ٠١٢٣ ()[]*-#. \u200f❤\ufe0f")

// runEdits applies the edit sequence ops to a model holding text and
// checks the invariants after every step: valid UTF-8, caret and anchor in
// the text and on grapheme boundaries, offsets that round-trip. It returns
// the model.
func runEdits(t *testing.T, text string, ops []byte) *model {
	clk := newTestClock()
	m := newTestModel(text, 180).useClock(clk)
	for i := 0; i < len(ops); i++ {
		op := ops[i]
		arg := 0
		if i+1 < len(ops) {
			arg = int(ops[i+1])
		}
		shift := op&0x80 != 0
		switch op % 24 {
		case 0, 1, 2, 3, 4, 5:
			m.typeRune(fuzzRunes[arg%len(fuzzRunes)])
			i++
		case 6:
			m.backspace(false)
		case 7:
			m.deleteForward(false)
		case 8:
			m.backspace(true)
		case 9:
			m.deleteForward(true)
		case 10:
			m.horizontal(false, false, shift)
		case 11:
			m.horizontal(true, false, shift)
		case 12:
			m.horizontal(arg%2 == 0, true, shift)
			i++
		case 13:
			m.vertical(arg%3-1, shift)
			i++
		case 14:
			m.home(shift)
		case 15:
			m.end(shift)
		case 16:
			m.enter()
		case 17:
			m.indent(shift)
		case 18:
			m.insert(normalizePaste("لصق\r\npaste (x) ١.", true), kindOther)
		case 19:
			m.undo()
		case 20:
			m.redo()
		case 21:
			n := m.buf.Len() + 1
			m.selectRange(arg%n, (arg*7)%n)
			i++
		case 22:
			switch arg % 3 {
			case 0:
				m.wrap("**", "**")
			case 1:
				m.wrap("*", "*")
			default:
				m.link()
			}
			i++
		case 23:
			clk.advance(time.Duration(arg) * 10 * time.Millisecond)
			i++
		}
		checkInvariants(t, m, i)
	}
	return m
}

func checkInvariants(t *testing.T, m *model, step int) {
	t.Helper()
	s := m.buf.String()
	if !utf8.ValidString(s) {
		t.Fatalf("step %d: text is not valid UTF-8: %q", step, s)
	}
	for _, q := range []pos{m.caret, m.anchor} {
		if q.p < 0 || q.p >= len(m.buf.paras) || q.o < 0 || q.o > len(m.buf.paras[q.p].text) {
			t.Fatalf("step %d: position %v outside the text %q", step, q, s)
		}
		if !m.isBoundary(q.p, q.o) {
			t.Fatalf("step %d: position %v is not a grapheme boundary of %q", step, q, string(m.buf.paras[q.p].text))
		}
		if m.buf.pos(m.buf.offset(q)) != q {
			t.Fatalf("step %d: offset of %v does not round-trip", step, q)
		}
	}
	m.caretGeom() // must not panic
	m.selectionRects()
}

// undoAll undoes every step and checks that the original text is back.
func undoAll(t *testing.T, m *model, text string) {
	t.Helper()
	for m.undo() {
	}
	if got := m.buf.String(); got != text {
		t.Fatalf("undo to the start gives %q, want %q", got, text)
	}
}

func FuzzEdits(f *testing.F) {
	for _, seed := range []struct {
		text string
		ops  []byte
	}{
		{"", []byte{0, 1, 0, 2, 0, 3, 6, 6, 19, 20}},
		{"بِسْمِ اللَّهِ", []byte{15, 6, 6, 6, 7, 10, 10, 11, 8, 9, 19, 19}},
		{"العدد 123 هنا", []byte{10, 10, 10, 138, 138, 0, 30, 11, 11, 139, 7, 19}},
		{"منصة قلم (www.qlmlearn.com)", []byte{15, 10, 10, 10, 12, 0, 12, 1, 140, 2, 6, 23, 80, 0, 5}},
		{"١. أولاً\n٢. ثانياً", []byte{15, 16, 0, 9, 17, 145, 16, 16, 19, 19, 19}},
		{"- a\n- b\nنص", []byte{13, 2, 17, 13, 2, 17, 145, 21, 3, 22, 0, 22, 2, 19}},
		{"line one\nسطر ثان طويل بما يكفي ليلتف على أكثر من سطر واحد في العرض الضيق", []byte{13, 2, 13, 2, 15, 141, 1, 14, 142, 18, 19, 20, 13, 0, 11}},
		{"لا لَا ❤️", []byte{15, 6, 6, 6, 6, 6, 6, 7, 19, 20, 19}},
		{"abc", []byte{21, 1, 22, 0, 22, 1, 22, 2, 19, 19, 20, 6, 6}},
	} {
		f.Add(seed.text, seed.ops)
	}
	f.Fuzz(func(t *testing.T, text string, ops []byte) {
		if !utf8.ValidString(text) || len(text) > 400 || len(ops) > 300 {
			return
		}
		m := runEdits(t, text, ops)
		undoAll(t, m, newTestModel(text, 0).buf.String())
	})
}
