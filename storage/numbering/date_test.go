package numbering

import (
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestFormatDate(t *testing.T) {
	d := day(2023, time.July, 17)
	tests := []struct {
		style storage.DateStyle
		lang  string
		want  string
	}{
		{storage.DateNumeric, "ar", "17/07/2023م"},
		{storage.DateArabicIndic, "ar", "١٧/٠٧/٢٠٢٣م"},
		{storage.DateLong, "ar", "17 يوليو 2023"},
		{storage.DateHijri, "ar", "17 يوليو 2023م الموافق 29 ذو الحجة 1444هـ"},
		{storage.DateNumeric, "ar-SA", "17/07/2023م"},
		{storage.DateNumeric, "en", "17/07/2023"},
		{storage.DateArabicIndic, "en", "17/07/2023"},
		{storage.DateLong, "en", "July 17, 2023"},
		{storage.DateHijri, "en", "July 17, 2023 (29 Dhu al-Hijjah 1444 AH)"},
		{"", "ar", "17/07/2023م"},
		{storage.DateNumeric, "fa", "17/07/2023"},
		{storage.DateArabicIndic, "fa", "۱۷/۰۷/۲۰۲۳"},
		{storage.DateLong, "fa-IR", "۱۷ ژوئیه ۲۰۲۳"},
		{storage.DateHijri, "fa", "۱۷ ژوئیه ۲۰۲۳ (۲۹ ذی\u200cالحجه ۱۴۴۴ قمری)"},
		{storage.DateArabicIndic, "ur", "۱۷/۰۷/۲۰۲۳"},
		{storage.DateLong, "ur", "17 جولائی 2023ء"},
		{storage.DateHijri, "ur-PK", "17 جولائی 2023ء بمطابق 29 ذوالحجہ 1444ھ"},
		{storage.DateLong, "fr", "17 juillet 2023"},
		{storage.DateHijri, "fr", "17 juillet 2023 (29 dhou al-hijja 1444 de l’Hégire)"},
		{storage.DateArabicIndic, "fr", "17/07/2023"},
		{storage.DateLong, "he", "17 ביולי 2023"},
		{storage.DateLong, "de", "July 17, 2023"},
	}
	for _, tt := range tests {
		if got := FormatDate(d, tt.style, tt.lang); got != tt.want {
			t.Errorf("FormatDate(2023-07-17, %q, %q) = %q, want %q", tt.style, tt.lang, got, tt.want)
		}
	}
	if got, want := FormatDate(day(2023, time.August, 1), storage.DateLong, "fr"), "1er août 2023"; got != want {
		t.Errorf("FormatDate(2023-08-01, long, fr) = %q, want %q", got, want)
	}
	if got := FormatDate(time.Time{}, storage.DateLong, "ar"); got != "" {
		t.Errorf("FormatDate(zero) = %q, want \"\"", got)
	}
	// The civil date is taken in t's own location, never shifted to UTC.
	riyadh := time.FixedZone("AST", 3*3600)
	if got, want := FormatDate(time.Date(2024, 8, 26, 1, 0, 0, 0, riyadh), storage.DateLong, "ar"), "26 أغسطس 2024"; got != want {
		t.Errorf("FormatDate(01:00 +03) = %q, want %q", got, want)
	}
}

// Reference dates from ICU (Node.js Intl, calendars islamic-umalqura and
// islamic-civil) and from Saudi announcements (1 Muharram 1445 = 19 July
// 2023, 1 Ramadan 1445 = 11 March 2024).
func TestToHijri(t *testing.T) {
	tests := []struct {
		g       time.Time
		uq, tab [3]int
		inUQ    bool
	}{
		{day(2023, 7, 17), [3]int{1444, 12, 29}, [3]int{1444, 12, 28}, true},
		{day(2023, 7, 19), [3]int{1445, 1, 1}, [3]int{1445, 1, 1}, true},
		{day(2024, 3, 11), [3]int{1445, 9, 1}, [3]int{1445, 9, 1}, true},
		{day(2024, 8, 26), [3]int{1446, 2, 22}, [3]int{1446, 2, 20}, true},
		{day(1979, 11, 21), [3]int{1400, 1, 1}, [3]int{1400, 1, 1}, true},
		{day(2000, 1, 1), [3]int{1420, 9, 24}, [3]int{1420, 9, 24}, true},
		{day(1900, 3, 1), [3]int{1317, 10, 29}, [3]int{1317, 10, 28}, true},
		{day(2077, 5, 5), [3]int{1500, 6, 12}, [3]int{1500, 6, 11}, true},
		// outside the Umm al-Qura table: tabular
		{day(1800, 1, 1), [3]int{1214, 8, 4}, [3]int{1214, 8, 4}, false},
		{day(2200, 6, 1), [3]int{1627, 4, 17}, [3]int{1627, 4, 17}, false},
		{day(622, 7, 19), [3]int{1, 1, 1}, [3]int{1, 1, 1}, false},
	}
	for _, tt := range tests {
		h := ToHijri(tt.g)
		if got := [3]int{h.Year, h.Month, h.Day}; got != tt.uq || h.UmmAlQura != tt.inUQ {
			t.Errorf("ToHijri(%s) = %v (UmmAlQura %v), want %v (%v)", tt.g.Format(time.DateOnly), got, h.UmmAlQura, tt.uq, tt.inUQ)
		}
		tb := TabularHijri(tt.g)
		if got := [3]int{tb.Year, tb.Month, tb.Day}; got != tt.tab {
			t.Errorf("TabularHijri(%s) = %v, want %v", tt.g.Format(time.DateOnly), got, tt.tab)
		}
	}
}

func TestFromHijriRoundTrip(t *testing.T) {
	for d := day(1800, 1, 1); d.Year() < 2200; d = d.AddDate(0, 0, 3) {
		h := ToHijri(d)
		got, ok := FromHijri(h.Year, h.Month, h.Day)
		if !ok || !got.Equal(d) {
			t.Fatalf("FromHijri(ToHijri(%s) = %+v) = %v, %v", d.Format(time.DateOnly), h, got, ok)
		}
	}
	for _, bad := range [][3]int{{1445, 13, 1}, {1445, 0, 1}, {1445, 1, 0}, {1445, 1, 31}, {0, 1, 1}} {
		if _, ok := FromHijri(bad[0], bad[1], bad[2]); ok {
			t.Errorf("FromHijri(%v) ok, want false", bad)
		}
	}
}

// Every day of the table's range maps to a valid date, one day after another.
func TestToHijriContinuous(t *testing.T) {
	prev := ToHijri(day(1882, 11, 1))
	for d := day(1882, 11, 2); d.Year() < 2180; d = d.AddDate(0, 0, 1) {
		h := ToHijri(d)
		switch {
		case h.Day == prev.Day+1 && h.Month == prev.Month && h.Year == prev.Year:
		case h.Day == 1 && h.Month == prev.Month+1 && h.Year == prev.Year && prev.Day >= 29:
		case h.Day == 1 && h.Month == 1 && prev.Month == 12 && h.Year == prev.Year+1 && prev.Day >= 29:
		default:
			// the switch between table and tabular may jump by a day or two
			if h.UmmAlQura == prev.UmmAlQura {
				t.Fatalf("ToHijri(%s) = %+v after %+v", d.Format(time.DateOnly), h, prev)
			}
		}
		if h.Day < 1 || h.Day > 30 || h.Month < 1 || h.Month > 12 {
			t.Fatalf("ToHijri(%s) = %+v", d.Format(time.DateOnly), h)
		}
		prev = h
	}
}

// dateCases is shared by TestParseDate and FuzzParseDate's seed corpus.
var dateCases = []struct {
	in   string
	want time.Time
	ok   bool
}{
	{"آخر تحديث في 17/07/2023م", day(2023, 7, 17), true},
	{"آخر تحديث في ١٧/٠٧/٢٠٢٣م", day(2023, 7, 17), true},
	{"آخر تحديث: 26 أغسطس 2024", day(2024, 8, 26), true},
	{"آخر تحديث: ٢٦ أغسطس ٢٠٢٤", day(2024, 8, 26), true},
	{"تاريخ التحديث: 26 آب 2024", day(2024, 8, 26), true},
	{"آخر تحديث: 3 تشرين الثاني 2022", day(2022, 11, 3), true},
	{"آخر تحديث: 3 كانون الأول، 2022", day(2022, 12, 3), true},
	{"آخر تحديث 5 اغسطس 2021", day(2021, 8, 5), true},
	{"Last updated: July 17, 2023", day(2023, 7, 17), true},
	{"Last updated: Jul. 17th, 2023", day(2023, 7, 17), true},
	{"Last updated: 17 July 2023", day(2023, 7, 17), true},
	{"Last updated 2023-07-17", day(2023, 7, 17), true},
	{"آخرین به\u200cروزرسانی: ۱۷ ژوئیه ۲۰۲۳", day(2023, 7, 17), true},
	{"آخری تازہ کاری: 17 جولائی 2023ء", day(2023, 7, 17), true},
	{"Dernière mise à jour\u00a0: 1er aout 2023", day(2023, 8, 1), true},
	{"Mis à jour le 3 février 2022", day(2022, 2, 3), true},
	{"עודכן לאחרונה: 17 ביולי 2023", day(2023, 7, 17), true},
	{"Effective 2023/07/17", day(2023, 7, 17), true},
	{"Updated 03/04/2023", day(2023, 4, 3), true},  // day first
	{"Updated 07/17/2023", day(2023, 7, 17), true}, // impossible day first: month first
	{"17.07.2023", day(2023, 7, 17), true},
	{"17-07-2023", day(2023, 7, 17), true},
	{"2024-02-29", day(2024, 2, 29), true},
	{"2023-02-29", time.Time{}, false},
	{"آخر تحديث: 1445/01/01هـ", day(2023, 7, 19), true},
	{"آخر تحديث: ٢٩/١٢/١٤٤٤هـ", day(2023, 7, 17), true},
	{"1445/01/30هـ", time.Time{}, false}, // Muharram 1445 has 29 days in Umm al-Qura
	{"1444/12/30هـ", day(2023, 7, 18), true},
	{"1200/01/01هـ", day(1785, 11, 4), true}, // tabular, before the table
	{"آخر تحديث: 1 محرم 1445هـ", day(2023, 7, 19), true},
	{"تاريخ التحديث ٢٩ ذي الحجة ١٤٤٤هـ", day(2023, 7, 17), true},
	{"1 ربيع الأول 1445هـ", day(2023, 9, 16), true},
	{"1 ربيع 1445", time.Time{}, false},
	{"31/02/2023", time.Time{}, false},
	{"Last updated: Smarch 17, 2023", time.Time{}, false},
	{"version 1.2.3.4", time.Time{}, false},
	{"آخر تحديث", time.Time{}, false},
	{"", time.Time{}, false},
	{"17/07/23", time.Time{}, false},
	{"123/07/2023", time.Time{}, false},
}

func TestParseDate(t *testing.T) {
	for _, tt := range dateCases {
		got, ok := ParseDate(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if ok && got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) location = %v, want UTC", tt.in, got.Location())
		}
	}
}

func TestFormatParseDateRoundTrip(t *testing.T) {
	styles := []storage.DateStyle{storage.DateNumeric, storage.DateArabicIndic, storage.DateLong, storage.DateHijri}
	for _, lang := range []string{"ar", "en", "fa", "ur", "fr", "he", "de"} {
		for _, style := range styles {
			for d := day(2020, 1, 1); d.Year() < 2026; d = d.AddDate(0, 0, 13) {
				s := FormatDate(d, style, lang)
				got, ok := ParseDate(s)
				if !ok || !got.Equal(d) {
					t.Fatalf("ParseDate(FormatDate(%s, %q, %q) = %q) = %v, %v", d.Format(time.DateOnly), style, lang, s, got, ok)
				}
			}
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, tt := range dateCases {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseDate(s)
		if !ok {
			return
		}
		if got.Hour() != 0 || got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v, want midnight UTC", s, got)
		}
		// what was found prints back to a date that parses the same
		again, ok := ParseDate(FormatDate(got, storage.DateLong, "ar"))
		if !ok || !again.Equal(got) {
			t.Errorf("ParseDate(FormatDate(%v)) = %v, %v", got, again, ok)
		}
	})
}
