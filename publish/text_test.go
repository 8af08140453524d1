package publish

import (
	"testing"
)

// TestStrongDir: strong characters as the renderer sees them (the table is
// checked against the bidi classes for every code point in editor/textdir).
func TestStrongDir(t *testing.T) {
	for _, c := range []struct {
		r    rune
		dir  string
		want bool
	}{{'a', "ltr", true}, {'ب', "rtl", true}, {'٣', "", false}, {'3', "", false}, {'،', "", false}, {'ﻻ', "rtl", true}, {'Ж', "ltr", true}} {
		if d, ok := strongDir(c.r); string(d) != c.dir || ok != c.want {
			t.Errorf("strongDir(%q) = %q %v, want %q %v", c.r, d, ok, c.dir, c.want)
		}
	}
}

// BenchmarkStrongDirArabic: the direction of every rune of an Arabic
// paragraph with Latin names and digits, as the island scanner asks it.
func BenchmarkStrongDirArabic(b *testing.B) {
	text := "تلتزم منصة قلم (Qalam) بحماية خصوصية المستخدمين وفق نظام حماية البيانات الشخصية الصادر في 2021م، ولا نشارك بياناتك."
	for b.Loop() {
		n := 0
		for _, r := range text {
			if _, ok := strongDir(r); ok {
				n++
			}
		}
		if n == 0 {
			b.Fatal("no strong character")
		}
	}
}
