package textdir

import (
	"strings"
	"testing"

	"github.com/qalam/policyeditor/editor/bidi"
	"github.com/qalam/policyeditor/storage"
)

func TestBlock(t *testing.T) {
	tests := []struct {
		in   string
		want storage.Direction
		ok   bool
	}{
		{"نص عربي", storage.RTL, true},
		{"Google Analytic هو", storage.LTR, true},
		{"(www.qlmlearn.com) منصة قلم", storage.RTL, true},
		{"https://qlmlearn.com/privacy منصة", storage.RTL, true},
		{"support@gmail.com للتواصل", storage.RTL, true},
		{"123 ... ١٢٣", "", false},
		{"https://qlmlearn.com", "", false},
		{"؟ What", storage.RTL, true}, // U+061F is AL: strong right to left
		{"«Policy» سياسة", storage.LTR, true},
		{"", "", false},
	}
	for _, tt := range tests {
		if d, ok := Block([]byte(tt.in)); d != tt.want || ok != tt.ok {
			t.Errorf("Block(%q) = %q, %v; want %q, %v", tt.in, d, ok, tt.want, tt.ok)
		}
	}
}

// The fast table agrees with the Unicode classes for every rune it covers,
// and Strong agrees with bidi.ClassOf everywhere.
func TestStrongMatchesBidiClass(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		d, ok := Strong(r)
		var want storage.Direction
		switch bidi.ClassOf(r) {
		case bidi.L:
			want = storage.LTR
		case bidi.R, bidi.AL:
			want = storage.RTL
		}
		if ok != (want != "") || d != want {
			t.Fatalf("Strong(%U) = %q, %v; want %q", r, d, ok, want)
		}
	}
}

func BenchmarkBlock(b *testing.B) {
	s := []byte("من وجهة نظرنا إن إفصاحنا في موقع منصة قلم (www.qlmlearn.com) عن سياسة الخصوصية")
	for b.Loop() {
		Block(s)
	}
}

// TestFastPathsMatchUnicode: the word-break table agrees with
// isWordBreakSlow, and IsURL's byte test for "www." agrees with
// lowercasing the word, for every rune (alone and as each of the first
// four characters).
func TestFastPathsMatchUnicode(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if IsWordBreak(r) != isWordBreakSlow(r) {
			t.Fatalf("IsWordBreak(%U) = %v, want %v", r, IsWordBreak(r), !IsWordBreak(r))
		}
		c := string(r)
		for _, w := range []string{c + "ww.x", "w" + c + "w.x", "ww" + c + ".x", "www" + c + "x", c, "WwW." + c} {
			want := strings.Contains(w, "://") || strings.HasPrefix(strings.ToLower(w), "www.")
			if IsURL(w) != want {
				t.Fatalf("IsURL(%q) = %v, want %v", w, IsURL(w), want)
			}
		}
	}
	for _, w := range []string{"\xffww.", "w\xe2w.", "WWW.X", "www", "ww.", "https://x"} {
		if want := strings.Contains(w, "://") || strings.HasPrefix(strings.ToLower(w), "www."); IsURL(w) != want {
			t.Errorf("IsURL(%q) = %v, want %v", w, IsURL(w), want)
		}
	}
}
