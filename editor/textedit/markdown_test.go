package textedit

import "testing"

func TestParseListItem(t *testing.T) {
	for _, c := range []struct {
		line    string
		ok      bool
		indent  int
		content int
		next    string
	}{
		{"- بند", true, 0, 2, "- "},
		{"  * item", true, 2, 4, "  * "},
		{"1. first", true, 0, 3, "2. "},
		{"9) ninth", true, 0, 3, "10) "},
		{"١. أولاً", true, 0, 3, "٢. "},
		{"٩. تاسعاً", true, 0, 3, "١٠. "},
		{"۳. سوم", true, 0, 3, "۴. "},
		{"-", true, 0, 1, "- "},
		{"1.", true, 0, 2, "2. "},
		{"-word", false, 0, 0, ""},
		{"1.5 percent", false, 0, 0, ""},
		{"١2. mixed digits", false, 0, 0, ""},
		{"text", false, 0, 0, ""},
		{"", false, 0, 0, ""},
	} {
		it, ok := parseListItem([]rune(c.line))
		if ok != c.ok {
			t.Errorf("parseListItem(%q) ok = %v, want %v", c.line, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if it.indent != c.indent || it.content != c.content || string(it.nextMarker()) != c.next {
			t.Errorf("parseListItem(%q) = indent %d content %d next %q, want %d %d %q",
				c.line, it.indent, it.content, string(it.nextMarker()), c.indent, c.content, c.next)
		}
	}
}

func TestStrongDirSkipsMarkdownMarkers(t *testing.T) {
	for _, c := range []struct {
		line    string
		rtl, ok bool
	}{
		{"1. نص", true, true},
		{"١. نص", true, true},
		{"- نص", true, true},
		{"## عنوان", true, true},
		{"> اقتباس", true, true},
		{"  - [رابط](https://example.com)", true, true},
		{"(www.qlmlearn.com) منصة قلم", true, true},
		{"1. text", false, true},
		{"# Title عنوان", false, true},
		{"123 - 456", false, false},
		{"", false, false},
	} {
		rtl, ok := strongDir([]rune(c.line))
		if rtl != c.rtl || ok != c.ok {
			t.Errorf("strongDir(%q) = %v, %v, want %v, %v", c.line, rtl, ok, c.rtl, c.ok)
		}
	}
}

func TestParagraphDirections(t *testing.T) {
	m := newTestModel("1. نص\nEnglish\n\n123\nعربي\n", 0)
	want := []bool{true, false, false, false, true, true}
	for i, p := range m.buf.paras {
		if p.rtl != want[i] {
			t.Errorf("paragraph %d %q rtl = %v, want %v", i, string(p.text), p.rtl, want[i])
		}
	}
	// Typing Arabic into the empty line makes it, and the neutral line
	// under it, right to left.
	m.caret, m.anchor = pos{2, 0}, pos{2, 0}
	m.typeRune('ب')
	if !m.buf.paras[2].rtl || !m.buf.paras[3].rtl {
		t.Errorf("after typing Arabic in line 2: rtl = %v, %v, want true, true", m.buf.paras[2].rtl, m.buf.paras[3].rtl)
	}
}
