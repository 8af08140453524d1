package numbering

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/qalam/policyeditor/storage"
)

// FormatDate writes the civil date of t (time of day ignored) in a page's
// date style and language. A zero t gives "".
//
//	           ar                                          en (and any language not below)
//	numeric    17/07/2023م                                  17/07/2023
//	arabic-indic ١٧/٠٧/٢٠٢٣م                                17/07/2023
//	long       17 يوليو 2023                                July 17, 2023
//	hijri      17 يوليو 2023م الموافق 29 ذو الحجة 1444هـ     July 17, 2023 (29 Dhu al-Hijjah 1444 AH)
//
// Persian, Urdu, French and Hebrew pages write the long and Hijri dates with
// their own month names and word order (۱۷ ژوئیه ۲۰۲۳, 17 جولائی 2023ء,
// 1er juillet 2023, 17 ביולי 2023), and Persian and Urdu pages write the
// arabic-indic style in Extended Arabic-Indic digits (۱۷/۰۷/۲۰۲۳), as
// those languages do; see dateLocales. The م suffix marks the Gregorian
// (ميلادي) date, هـ the Hijri one; the Hijri date is Umm al-Qura where the
// table reaches, else tabular (see ToHijri). An unknown style is written as
// numeric. Every output reads back with ParseDate.
func FormatDate(t time.Time, style storage.DateStyle, lang string) string {
	if t.IsZero() {
		return ""
	}
	loc := localeOf(lang)
	y, m, d := t.Date()
	numeric := fmt.Sprintf("%02d/%02d/%04d", d, int(m), y)
	switch style {
	case storage.DateArabicIndic:
		return loc.indic(numeric) + loc.numSuffix
	case storage.DateLong:
		return loc.long(d, m, y)
	case storage.DateHijri:
		return loc.hijri(d, m, y, ToHijri(t))
	}
	return numeric + loc.numSuffix
}

// monthIndex maps normalised month names (Egyptian/Gulf, Levantine and
// Maghrebi Arabic, English full and short) to 1..12.
var monthIndex = func() map[string]int {
	names := [12][]string{
		{"يناير", "كانون الثاني", "جانفي", "january", "jan"},
		{"فبراير", "شباط", "فيفري", "february", "feb"},
		{"مارس", "آذار", "march", "mar"},
		{"أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "april", "apr"},
		{"مايو", "أيار", "ماي", "may"},
		{"يونيو", "يونيه", "حزيران", "جوان", "june", "jun"},
		{"يوليو", "يوليه", "يوليوز", "تموز", "جويلية", "july", "jul"},
		{"أغسطس", "اغسطس", "آب", "غشت", "أوت", "august", "aug"},
		{"سبتمبر", "أيلول", "شتنبر", "september", "sep", "sept"},
		{"أكتوبر", "تشرين الأول", "october", "oct"},
		{"نوفمبر", "تشرين الثاني", "نونبر", "november", "nov"},
		{"ديسمبر", "كانون الأول", "دجنبر", "december", "dec"},
	}
	m := make(map[string]int)
	for i, list := range names {
		for _, n := range list {
			m[normalize(n)] = i + 1
		}
	}
	// the month names FormatDate writes in every language, and the
	// Hebrew form with the prefix ב that a date uses (ביולי)
	for lang, l := range dateLocales {
		for i, n := range l.months {
			if n == "" {
				continue
			}
			m[normalize(n)] = i + 1
			m[normalize(unaccented.Replace(n))] = i + 1
			if lang == "he" {
				m[normalize("ב"+n)] = i + 1
			}
		}
	}
	return m
}()

// unaccented spells the French month names as they are often typed.
var unaccented = strings.NewReplacer("é", "e", "û", "u")

// dateToken is a number, a word or one punctuation character of a date text.
type dateToken struct {
	text string
	num  bool
}

func tokenizeDate(s string) []dateToken {
	s = normalize(WesternDigits(s))
	var toks []dateToken
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r), r == '\u200c': // a zero-width non-joiner parts words as a space does
			i += size
		case r >= '0' && r <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			toks = append(toks, dateToken{s[i:j], true})
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += n
			}
			toks = append(toks, dateToken{s[i:j], false})
			i = j
		default:
			toks = append(toks, dateToken{s[i : i+size], false})
			i += size
		}
	}
	return toks
}

// ParseDate finds a Gregorian date in a last-updated line and returns it as
// midnight UTC. It understands
//
//	آخر تحديث في 17/07/2023م      ١٧/٠٧/٢٠٢٣م       (day first, as Arabic sites write)
//	آخر تحديث: 26 أغسطس 2024      26 آب 2024         (Egyptian/Gulf, Levantine, Maghrebi month names)
//	Last updated: July 17, 2023   17 July 2023      Last updated 2023-07-17
//	1445/01/01هـ  01/01/1445هـ    1 محرم 1445هـ  (Hijri, converted with ToHijri's calendar)
//
// A numeric date that is impossible day first (07/17/2023) is read month
// first. ok is false when no valid date is found.
func ParseDate(s string) (time.Time, bool) {
	toks := tokenizeDate(s)
	for i := range toks {
		if t, ok := dateAt(toks, i); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

func dateAt(toks []dateToken, i int) (time.Time, bool) {
	if toks[i].num {
		if t, ok := numericDate(toks, i); ok {
			return t, true
		}
		return dayMonthYear(toks, i)
	}
	return monthDayYear(toks, i)
}

func numAt(toks []dateToken, i, minLen, maxLen int) (int, bool) {
	if i >= len(toks) || !toks[i].num || len(toks[i].text) < minLen || len(toks[i].text) > maxLen {
		return 0, false
	}
	n, err := strconv.Atoi(toks[i].text)
	return n, err == nil
}

// numericDate: 2023-07-17, 2023/07/17, 17/07/2023, 17-07-2023, 17.07.2023.
func numericDate(toks []dateToken, i int) (time.Time, bool) {
	if i > 0 && toks[i-1].num || i+4 >= len(toks) {
		return time.Time{}, false
	}
	sep := toks[i+1].text
	if sep != "-" && sep != "/" && sep != "." || toks[i+3].text != sep {
		return time.Time{}, false
	}
	if i+5 < len(toks) && toks[i+5].text == sep && i+6 < len(toks) && toks[i+6].num {
		return time.Time{}, false // a longer run such as 1.2.3.4
	}
	// a Hijri date is marked هـ: 1445/01/01هـ or 01/01/1445هـ
	hijri := i+5 < len(toks) && toks[i+5].text == "ه"
	if y, ok := numAt(toks, i, 4, 4); ok {
		m, ok1 := numAt(toks, i+2, 1, 2)
		d, ok2 := numAt(toks, i+4, 1, 2)
		switch {
		case !ok1 || !ok2:
			return time.Time{}, false
		case hijri:
			return FromHijri(y, m, d)
		}
		return civil(y, m, d)
	}
	a, ok0 := numAt(toks, i, 1, 2)
	b, ok1 := numAt(toks, i+2, 1, 2)
	y, ok2 := numAt(toks, i+4, 4, 4)
	if !ok0 || !ok1 || !ok2 {
		return time.Time{}, false
	}
	if hijri {
		return FromHijri(y, b, a)
	}
	if t, ok := civil(y, b, a); ok {
		return t, true
	}
	return civil(y, a, b)
}

func monthAt(toks []dateToken, i int) (month, next int, ok bool) {
	if i >= len(toks) || toks[i].num {
		return 0, 0, false
	}
	if i+1 < len(toks) && !toks[i+1].num {
		if m, ok := monthIndex[toks[i].text+" "+toks[i+1].text]; ok {
			return m, i + 2, true
		}
	}
	m, ok := monthIndex[toks[i].text]
	return m, i + 1, ok
}

func skip(toks []dateToken, i int, words ...string) int {
	for i < len(toks) {
		found := false
		for _, w := range words {
			if toks[i].text == w {
				found = true
				break
			}
		}
		if !found {
			return i
		}
		i++
	}
	return i
}

// dayMonthYear: 26 أغسطس 2024, 17 July 2023, 17th of July, 2023, and the
// Hijri 1 محرم 1445هـ.
func dayMonthYear(toks []dateToken, i int) (time.Time, bool) {
	d, ok := numAt(toks, i, 1, 2)
	if !ok {
		return time.Time{}, false
	}
	j := skip(toks, i+1, "st", "nd", "rd", "th", "er", "of", "-", "/")
	hijri := false
	m, next, ok := monthAt(toks, j)
	if !ok {
		if m, next, ok = hijriMonthAt(toks, j); !ok {
			return time.Time{}, false
		}
		hijri = true
	}
	j = skip(toks, next, ",", "،", "-", "/")
	y, ok := numAt(toks, j, 4, 4)
	switch {
	case !ok:
		return time.Time{}, false
	case hijri:
		return FromHijri(y, m, d)
	}
	return civil(y, m, d)
}

// hijriMonthIndex maps normalised Hijri month names to 1..12; the months
// of two words are only recognised whole (ربيع الأول, not ربيع).
var hijriMonthIndex = func() map[string]int {
	names := [12][]string{
		{"محرم", "المحرم"}, {"صفر"}, {"ربيع الأول"}, {"ربيع الآخر", "ربيع الثاني"},
		{"جمادى الأولى", "جمادى الأول"}, {"جمادى الآخرة", "جمادى الثانية", "جمادى الآخر"},
		{"رجب"}, {"شعبان"}, {"رمضان"}, {"شوال"}, {"ذو القعدة", "ذي القعدة"}, {"ذو الحجة", "ذي الحجة"},
	}
	m := make(map[string]int)
	for i, list := range names {
		for _, n := range list {
			m[normalize(n)] = i + 1
		}
	}
	return m
}()

func hijriMonthAt(toks []dateToken, i int) (month, next int, ok bool) {
	if i >= len(toks) || toks[i].num {
		return 0, 0, false
	}
	if i+1 < len(toks) && !toks[i+1].num {
		if m, ok := hijriMonthIndex[toks[i].text+" "+toks[i+1].text]; ok {
			return m, i + 2, true
		}
	}
	m, ok := hijriMonthIndex[toks[i].text]
	return m, i + 1, ok
}

// monthDayYear: July 17, 2023; Jul. 17th 2023.
func monthDayYear(toks []dateToken, i int) (time.Time, bool) {
	m, j, ok := monthAt(toks, i)
	if !ok {
		return time.Time{}, false
	}
	j = skip(toks, j, ".")
	d, ok := numAt(toks, j, 1, 2)
	if !ok {
		return time.Time{}, false
	}
	j = skip(toks, j+1, "st", "nd", "rd", "th", ",", "،")
	y, ok := numAt(toks, j, 4, 4)
	if !ok {
		return time.Time{}, false
	}
	return civil(y, m, d)
}

// civil returns the date if y-m-d exists in the Gregorian calendar.
func civil(y, m, d int) (time.Time, bool) {
	if y < 1000 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return time.Time{}, false
	}
	return t, true
}
