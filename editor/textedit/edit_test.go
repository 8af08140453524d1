package textedit

import "testing"

// at returns a model holding text with the caret at rune offset off.
func at(text string, off int) *model {
	m := newTestModel(text, 0)
	m.setCaretOffset(off)
	return m
}

func TestBackspaceSteps(t *testing.T) {
	for _, c := range []struct {
		text string
		off  int
		want []string
	}{
		{"بِسْمِ", 6, []string{"بِسْم", "بِسْ", "بِس", "بِ", "ب", ""}},
		{"لا", 2, []string{"ل", ""}},
		{"لَا", 3, []string{"لَ", "ل", ""}},
		{"ش\u064Eد\u0651\u064Eة", 6, []string{"ش\u064Eد\u0651\u064E", "ش\u064Eد\u0651", "ش\u064Eد", "ش\u064E", "ش", ""}},
		{"e\u0301t", 2, []string{"et", "t"}},
		{"❤️x", 2, []string{"x"}},
		{"ab\ncd", 3, []string{"abcd", "acd", "cd"}},
	} {
		m := at(c.text, c.off)
		for _, want := range c.want {
			m.backspace(false)
			if got := m.buf.String(); got != want {
				t.Errorf("%q: Backspace gave %q, want %q", c.text, got, want)
				break
			}
		}
	}
}

func TestDeleteWholeCluster(t *testing.T) {
	for _, c := range []struct {
		text string
		off  int
		want []string
	}{
		{"بِسْمِ", 0, []string{"سْمِ", "مِ", ""}},
		{"لَا", 0, []string{"ا", ""}},
		{"ab\ncd", 2, []string{"abcd", "abd"}},
	} {
		m := at(c.text, c.off)
		for _, want := range c.want {
			m.deleteForward(false)
			if got := m.buf.String(); got != want {
				t.Errorf("%q: Delete gave %q, want %q", c.text, got, want)
				break
			}
		}
	}
}

func TestDeleteWord(t *testing.T) {
	m := at("حماية البيانات الشخصية", 14)
	m.backspace(true)
	if got := m.buf.String(); got != "حماية  الشخصية" {
		t.Errorf("Ctrl+Backspace: %q", got)
	}
	m = at("حماية البيانات الشخصية", 5)
	m.deleteForward(true)
	if got := m.buf.String(); got != "حماية الشخصية" {
		t.Errorf("Ctrl+Delete: %q", got)
	}
}

func TestEnterContinuesLists(t *testing.T) {
	for _, c := range []struct {
		text string
		off  int
		want string
	}{
		{"١. أولاً", 8, "١. أولاً\n٢. "},
		{"9. nine", 7, "9. nine\n10. "},
		{"- بند", 5, "- بند\n- "},
		{"  * nested", 10, "  * nested\n  * "},
		{"١. أولاً ثانياً", 8, "١. أولاً\n٢.  ثانياً"},
		{"١. ", 3, ""},
		{"- a\n- ", 6, "- a\n"},
		{"نص عادي", 2, "نص\n عادي"},
		{"- item", 0, "\n- item"},
	} {
		m := at(c.text, c.off)
		m.enter()
		if got := m.buf.String(); got != c.want {
			t.Errorf("Enter in %q at %d = %q, want %q", c.text, c.off, got, c.want)
		}
	}
}

func TestEnterSingleLineDoesNothing(t *testing.T) {
	m := newModel(false)
	m.setText("a\nb")
	if got := m.buf.String(); got != "a b" {
		t.Errorf("single-line SetText = %q, want %q", got, "a b")
	}
	if m.enter() {
		t.Error("Enter in a single-line model edited")
	}
}

func TestIndentListItems(t *testing.T) {
	m := at("- أول\n- ثان", 9)
	if !m.indent(false) {
		t.Fatal("Tab in a list item did nothing")
	}
	if got := m.buf.String(); got != "- أول\n  - ثان" {
		t.Fatalf("Tab: %q", got)
	}
	if offsetOf(m) != 11 {
		t.Errorf("caret after Tab = %d, want 11", offsetOf(m))
	}
	m.indent(true)
	if got := m.buf.String(); got != "- أول\n- ثان" {
		t.Fatalf("Shift+Tab: %q", got)
	}
	m = at("1. one\n2. two", 10)
	m.indent(false)
	if got := m.buf.String(); got != "1. one\n   2. two" {
		t.Errorf("Tab under an ordered item: %q", got)
	}
	m.undo()
	if got := m.buf.String(); got != "1. one\n2. two" {
		t.Errorf("undo Tab: %q", got)
	}
	if at("نص", 1).indent(false) {
		t.Error("Tab outside a list indented")
	}
}

func TestFormatting(t *testing.T) {
	m := at("نص مهم هنا", 0)
	m.selectRange(3, 6)
	m.wrap("**", "**")
	if got := m.buf.String(); got != "نص **مهم** هنا" {
		t.Fatalf("Ctrl+B: %q", got)
	}
	if s, e := m.selection(); m.buf.offset(s) != 5 || m.buf.offset(e) != 8 {
		t.Errorf("selection after Ctrl+B = %v..%v, want 5..8", s, e)
	}
	m.wrap("**", "**")
	if got := m.buf.String(); got != "نص مهم هنا" {
		t.Errorf("Ctrl+B again: %q", got)
	}
	m.selectRange(3, 6)
	m.link()
	if got := m.buf.String(); got != "نص [مهم]() هنا" || offsetOf(m) != 9 {
		t.Errorf("Ctrl+K: %q caret %d, want caret 9", got, offsetOf(m))
	}
	m.undo()
	if got := m.buf.String(); got != "نص مهم هنا" {
		t.Errorf("undo Ctrl+K: %q", got)
	}
}

func TestNormalizePaste(t *testing.T) {
	if got := string(normalizePaste("a\r\nb\rc\n", true)); got != "a\nb\nc\n" {
		t.Errorf("multi-line paste = %q", got)
	}
	if got := string(normalizePaste("a\r\nb", false)); got != "a b" {
		t.Errorf("single-line paste = %q", got)
	}
}

func TestReadOnlyModelDoesNotEdit(t *testing.T) {
	m := at("نص", 1)
	m.readOnly = true
	m.typeRune('x')
	m.backspace(false)
	m.enter()
	if got := m.buf.String(); got != "نص" {
		t.Errorf("read-only model edited: %q", got)
	}
}

func TestEnterContinuesBlockQuotes(t *testing.T) {
	for _, c := range []struct {
		text string
		off  int
		want string
	}{
		{"> نص مقتبس", 10, "> نص مقتبس\n> "},
		{"> > nested quote", 16, "> > nested quote\n> > "},
		{">tight", 6, ">tight\n>"},
		{"> ١. بند", 8, "> ١. بند\n> ٢. "},
		{"> - item", 8, "> - item\n> - "},
		{"> نص مقتبس", 4, "> نص\n>  مقتبس"},
		{"> نص\n> ", 7, "> نص\n"},          // an empty quoted line ends the quote
		{"> - a\n> - ", 10, "> - a\n> "},   // an empty item in a quote ends the list, not the quote
		{"> quoted", 1, ">\n quoted"},      // inside the marker: a plain split
		{"a > b", 5, "a > b\n"},            // not a quote
		{"    > code", 10, "    > code\n"}, // four spaces: code, not a quote
	} {
		m := at(c.text, c.off)
		m.enter()
		if got := m.buf.String(); got != c.want {
			t.Errorf("Enter in %q at %d = %q, want %q", c.text, c.off, got, c.want)
		}
	}
}
