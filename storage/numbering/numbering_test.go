package numbering

import (
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

func TestLabel(t *testing.T) {
	tests := []struct {
		style storage.NumberingStyle
		kind  storage.SectionKind
		n     int
		want  string
	}{
		{storage.NumberingOrdinal, storage.KindNumbered, 1, "أولاً"},
		{storage.NumberingOrdinal, storage.KindNumbered, 2, "ثانياً"},
		{storage.NumberingOrdinal, storage.KindNumbered, 3, "ثالثاً"},
		{storage.NumberingOrdinal, storage.KindNumbered, 4, "رابعاً"},
		{storage.NumberingOrdinal, storage.KindNumbered, 5, "خامساً"},
		{storage.NumberingOrdinal, storage.KindNumbered, 6, "سادساً"},
		{storage.NumberingOrdinal, storage.KindNumbered, 7, "سابعاً"},
		{storage.NumberingOrdinal, storage.KindNumbered, 8, "ثامناً"},
		{storage.NumberingOrdinal, storage.KindNumbered, 9, "تاسعاً"},
		{storage.NumberingOrdinal, storage.KindNumbered, 10, "عاشراً"},
		{storage.NumberingOrdinal, storage.KindNumbered, 11, "حادي عشر"},
		{storage.NumberingOrdinal, storage.KindNumbered, 12, "ثاني عشر"},
		{storage.NumberingOrdinal, storage.KindNumbered, 13, "ثالث عشر"},
		{storage.NumberingOrdinal, storage.KindNumbered, 19, "تاسع عشر"},
		{storage.NumberingOrdinal, storage.KindNumbered, 20, "عشرون"},
		{storage.NumberingOrdinal, storage.KindNumbered, 21, "حادي وعشرون"},
		{storage.NumberingOrdinal, storage.KindNumbered, 22, "ثاني وعشرون"},
		{storage.NumberingOrdinal, storage.KindNumbered, 29, "تاسع وعشرون"},
		{storage.NumberingOrdinal, storage.KindNumbered, 30, "ثلاثون"},
		{storage.NumberingOrdinal, storage.KindNumbered, 31, "حادي وثلاثون"},
		{storage.NumberingOrdinal, storage.KindNumbered, 45, "خامس وأربعون"},
		{storage.NumberingOrdinal, storage.KindNumbered, 99, "تاسع وتسعون"},
		{storage.NumberingOrdinal, storage.KindNumbered, 100, "١٠٠"},
		{storage.NumberingOrdinal, storage.KindNumbered, 0, ""},
		{storage.NumberingOrdinal, storage.KindClosing, 8, "ختاماً"},
		{storage.NumberingOrdinal, storage.KindIntro, 1, ""},
		{storage.NumberingArabicIndic, storage.KindNumbered, 1, "١"},
		{storage.NumberingArabicIndic, storage.KindNumbered, 2, "٢"},
		{storage.NumberingArabicIndic, storage.KindNumbered, 17, "١٧"},
		{storage.NumberingArabicIndic, storage.KindClosing, 8, ""},
		{storage.NumberingWestern, storage.KindNumbered, 1, "1"},
		{storage.NumberingWestern, storage.KindNumbered, 42, "42"},
		{storage.NumberingNone, storage.KindNumbered, 3, ""},
		{storage.NumberingNone, storage.KindClosing, 3, ""},
		{"bogus", storage.KindNumbered, 3, ""},
	}
	for _, tt := range tests {
		if got := Label(tt.style, tt.kind, tt.n); got != tt.want {
			t.Errorf("Label(%q, %q, %d) = %q, want %q", tt.style, tt.kind, tt.n, got, tt.want)
		}
	}
}

func TestSeparator(t *testing.T) {
	tests := map[storage.NumberingStyle]string{
		storage.NumberingOrdinal:     ": ",
		storage.NumberingArabicIndic: ". ",
		storage.NumberingWestern:     ". ",
		storage.NumberingNone:        "",
	}
	for style, want := range tests {
		if got := Separator(style); got != want {
			t.Errorf("Separator(%q) = %q, want %q", style, got, want)
		}
	}
}

func TestDigits(t *testing.T) {
	if got, want := ArabicIndicDigits("17/07/2023 x9"), "١٧/٠٧/٢٠٢٣ x٩"; got != want {
		t.Errorf("ArabicIndicDigits = %q, want %q", got, want)
	}
	if got, want := WesternDigits("١٧/٠٧/٢٠٢٣ ۴۵"), "17/07/2023 45"; got != want {
		t.Errorf("WesternDigits = %q, want %q", got, want)
	}
}

// ordinalCases is shared by TestParseOrdinal and FuzzParseOrdinal's seed corpus.
var ordinalCases = []struct {
	in      string
	n       int
	closing bool
	rest    string
	ok      bool
}{
	{"أولاً: أهمية سياسة الخصوصية لمنصة قلم.", 1, false, "أهمية سياسة الخصوصية لمنصة قلم.", true},
	{"ثانياً: فيما تستخدم منصة قلم البيانات التي تجمعها؟", 2, false, "فيما تستخدم منصة قلم البيانات التي تجمعها؟", true},
	{"ثالثا: ما هي البيانات", 3, false, "ما هي البيانات", true},
	{"ثالثاً : ما هي", 3, false, "ما هي", true},
	{"ثانيًا: تنوين على الياء", 2, false, "تنوين على الياء", true},
	{"أولا: بدون تنوين", 1, false, "بدون تنوين", true},
	{"اولاً - بدون همزة", 1, false, "بدون همزة", true},
	{"إولاً. همزة تحت", 1, false, "همزة تحت", true},
	{"الأول: المقدمة", 1, false, "المقدمة", true},
	{"العاشر: x", 10, false, "x", true},
	{"عاشراً:", 10, false, "", true},
	{"سابعاً", 7, false, "", true},
	{"حادي عشر: التعديلات", 11, false, "التعديلات", true},
	{"الحادي عشر: التعديلات", 11, false, "التعديلات", true},
	{"حادى عشر: ألف مقصورة", 11, false, "ألف مقصورة", true},
	{"ثاني عشر: x", 12, false, "x", true},
	{"عشرون: x", 20, false, "x", true},
	{"العشرون: x", 20, false, "x", true},
	{"حادي وعشرون: x", 21, false, "x", true},
	{"الحادي والعشرون: x", 21, false, "x", true},
	{"ثلاثون: x", 30, false, "x", true},
	{"ختاماً : أنت وحدك المسؤول.", 0, true, "أنت وحدك المسؤول.", true},
	{"ختاما: x", 0, true, "x", true},
	{"وختاماً: x", 0, true, "x", true},
	{"ختامًا", 0, true, "", true},
	{"أولاً:- مع شرطة", 1, false, "مع شرطة", true},
	{"1) المقدمة", 1, false, "المقدمة", true},
	{"2. Definitions", 2, false, "Definitions", true},
	{"١- التعريفات", 1, false, "التعريفات", true},
	{"١٢) x", 12, false, "x", true},
	{"(3) Your rights", 3, false, "Your rights", true},
	{"4 - x", 4, false, "x", true},
	{"  5: x", 5, false, "x", true},
	{"6.", 6, false, "", true},
	{"۷. فارسی", 7, false, "فارسی", true},
	// not labels
	{"أولاً نقوم بجمع البيانات", 0, false, "", false},
	{"أولوية البيانات", 0, false, "", false},
	{"الأولى: x", 0, false, "", false},
	{"1.5 million", 0, false, "", false},
	{"2023-07-17 x", 0, false, "", false},
	{"17/07/2023", 0, false, "", false},
	{"1000. x", 0, false, "", false},
	{"0. x", 0, false, "", false},
	{"(3 x", 0, false, "", false},
	{"1)x", 1, false, "x", true},
	{"2.Definitions", 2, false, "Definitions", true},
	{"3.(x)", 0, false, "", false},
	{"3-D printing", 0, false, "", false},
	{"4:x", 0, false, "", false},
	{"1.٥", 0, false, "", false},
	{"Introduction", 0, false, "", false},
	{"", 0, false, "", false},
	{"سياسة الخصوصية", 0, false, "", false},
}

func TestParseOrdinal(t *testing.T) {
	for _, tt := range ordinalCases {
		n, closing, rest, ok := ParseOrdinal(tt.in)
		if n != tt.n || closing != tt.closing || rest != tt.rest || ok != tt.ok {
			t.Errorf("ParseOrdinal(%q) = %d, %v, %q, %v; want %d, %v, %q, %v",
				tt.in, n, closing, rest, ok, tt.n, tt.closing, tt.rest, tt.ok)
		}
	}
}

func TestLabelRoundTrip(t *testing.T) {
	styles := []storage.NumberingStyle{storage.NumberingOrdinal, storage.NumberingArabicIndic, storage.NumberingWestern}
	for _, style := range styles {
		for n := 1; n <= 120; n++ {
			h := Label(style, storage.KindNumbered, n) + Separator(style) + "نص العنوان"
			got, closing, rest, ok := ParseOrdinal(h)
			if !ok || got != n || closing || rest != "نص العنوان" {
				t.Errorf("ParseOrdinal(%q) = %d, %v, %q, %v; want %d, false, %q, true", h, got, closing, rest, ok, n, "نص العنوان")
			}
		}
	}
	h := Label(storage.NumberingOrdinal, storage.KindClosing, 9) + Separator(storage.NumberingOrdinal) + "شكراً"
	if n, closing, rest, ok := ParseOrdinal(h); !ok || !closing || n != 0 || rest != "شكراً" {
		t.Errorf("ParseOrdinal(%q) = %d, %v, %q, %v; want closing", h, n, closing, rest, ok)
	}
}

func FuzzParseOrdinal(f *testing.F) {
	for _, tt := range ordinalCases {
		f.Add(tt.in, 1)
	}
	f.Add("حادي عشر", 11)
	f.Fuzz(func(t *testing.T, s string, n int) {
		got, closing, rest, ok := ParseOrdinal(s)
		if ok {
			if !strings.Contains(s, rest) {
				t.Errorf("ParseOrdinal(%q) rest %q is not part of the input", s, rest)
			}
			if closing && got != 0 || !closing && got < 1 {
				t.Errorf("ParseOrdinal(%q) = %d, closing %v", s, got, closing)
			}
		}
		n = n%150 + 1
		if n < 1 {
			n += 150
		}
		label := Label(storage.NumberingOrdinal, storage.KindNumbered, n)
		if got, _, _, ok := ParseOrdinal(label + ": " + s); !ok || got != n {
			t.Errorf("ParseOrdinal(%q) = %d, %v; want %d", label+": "+s, got, ok, n)
		}
	})
}
