package textedit

import "testing"

func TestBufferOffsets(t *testing.T) {
	b := newBuffer("أول\n\nthird")
	if got := b.String(); got != "أول\n\nthird" || b.Len() != 10 {
		t.Fatalf("String %q Len %d", got, b.Len())
	}
	for off := 0; off <= b.Len(); off++ {
		if got := b.offset(b.pos(off)); got != off {
			t.Errorf("offset(pos(%d)) = %d", off, got)
		}
	}
	if q := b.pos(99); q != b.end() {
		t.Errorf("pos past the end = %v, want %v", q, b.end())
	}
	if got := string(b.slice(pos{0, 1}, pos{2, 2})); got != "ول\n\nth" {
		t.Errorf("slice across paragraphs = %q", got)
	}
}

func TestBufferReplaceKeepsOtherParagraphs(t *testing.T) {
	b := newBuffer("a\nb\nc\nd")
	untouched := b.paras[3]
	first := b.paras[1]
	after, f, l := b.replace(pos{1, 1}, pos{2, 0}, []rune("X\nY"))
	if got := b.String(); got != "a\nbX\nYc\nd" {
		t.Fatalf("replace: %q", got)
	}
	if after != (pos{2, 1}) || f != 1 || l != 2 {
		t.Errorf("replace returned %v, %d, %d, want {2 1}, 1, 2", after, f, l)
	}
	if b.paras[3] != untouched || b.paras[1] != first {
		t.Error("replace did not keep the paragraphs around the edit (and the first edited one's struct)")
	}
}
