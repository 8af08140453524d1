package arabic

import (
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"إسم", "اسم"},
		{"الأسماء", "الاسماء"},
		{"آمن", "امن"},
		{"مُسْتَخْدِم", "مستخدم"},
		{"مستـــخدم", "مستخدم"},
		{"مسؤول", "مسوول"},
		{"بيئة", "بيية"},
		{"على", "علي"},
		{"منصة", "منصة"}, // teh marbuta stays
		{"Google", "google"},
		{"١٧/٠٧/٢٠٢٣", "17/07/2023"},
		{"قلم\u200cقلم", "قلمقلم"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestContains(t *testing.T) {
	tests := []struct {
		text, query string
		want        bool
	}{
		{"إسم المستخدم", "اسم", true},
		{"الأسماء", "اسم", true},
		{"الاسماء", "أسم", true},
		{"سياسة الخصوصية", "الخُصوصيّة", true},
		{"Privacy Policy", "policy", true},
		{"منصة قلم", "منصه", false},
		{"سياسة", "شيء", false},
		{"anything", "", true},
	}
	for _, tt := range tests {
		if got := Contains(tt.text, tt.query); got != tt.want {
			t.Errorf("Contains(%q, %q) = %v, want %v", tt.text, tt.query, got, tt.want)
		}
	}
}

func TestFindAll(t *testing.T) {
	tests := []struct {
		text, query string
		want        []string
	}{
		{"إسم وأسماء واسم", "اسم", []string{"إسم", "أسم", "اسم"}},
		// the match takes the haraka after its last letter with it
		{"قَلَمٌ جميل", "قلم", []string{"قَلَمٌ"}},
		{"مستـخدم", "مستخدم", []string{"مستـخدم"}},
		{"aaaa", "aa", []string{"aa", "aa"}},
		{"Policy policy", "POLICY", []string{"Policy", "policy"}},
		{"نص", "", nil},
		{"نص", "\u064e", nil},
	}
	for _, tt := range tests {
		text := []rune(tt.text)
		var got []string
		for _, m := range FindAll(text, tt.query) {
			got = append(got, string(text[m.Start:m.End]))
		}
		if len(got) != len(tt.want) {
			t.Errorf("FindAll(%q, %q) = %q, want %q", tt.text, tt.query, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("FindAll(%q, %q) = %q, want %q", tt.text, tt.query, got, tt.want)
				break
			}
		}
	}
}

// Every match folds to the query, lies inside the text, and matches do not
// overlap.
func FuzzFindAll(f *testing.F) {
	f.Add("إسم وأسماء واسم", "اسم")
	f.Add("قَلَمٌ", "قلم")
	f.Add("aAaA", "aa")
	f.Fuzz(func(t *testing.T, text, query string) {
		if !utf8.ValidString(text) || !utf8.ValidString(query) {
			return
		}
		r := []rune(text)
		last := 0
		for _, m := range FindAll(r, query) {
			if m.Start < last || m.End <= m.Start || m.End > len(r) {
				t.Fatalf("FindAll(%q, %q): bad match %v after %d", text, query, m, last)
			}
			if got, want := Fold(string(r[m.Start:m.End])), Fold(query); got != want {
				t.Fatalf("FindAll(%q, %q): match %q folds to %q, want %q", text, query, string(r[m.Start:m.End]), got, want)
			}
			last = m.End
		}
	})
}
