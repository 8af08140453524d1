package textlayout

import "testing"

func TestCovers(t *testing.T) {
	fs := DefaultFonts()
	for _, r := range "aأ،؟…«»١۱é" {
		if !fs.Covers(r) {
			t.Errorf("Covers(%q) = false, want true", r)
		}
	}
	for _, r := range "⋯\U0001F600" {
		if fs.Covers(r) {
			t.Errorf("Covers(%q) = true; the bundled fonts have no such glyph", r)
		}
	}
}
