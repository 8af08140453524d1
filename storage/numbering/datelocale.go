package numbering

import (
	"fmt"
	"strings"
	"time"

	"github.com/qalam/policyeditor/storage"
)

// dateLocale is how one language writes a last-updated date: FormatDate
// picks one by the page's primary language subtag.
type dateLocale struct {
	months [12]string // Gregorian month names
	// indic turns Western digits into the digits of the arabic-indic style.
	indic func(string) string
	// numSuffix follows the numeric and arabic-indic dates (م in Arabic).
	numSuffix string
	long      func(d int, m time.Month, y int) string
	hijri     func(d int, m time.Month, y int, h HijriDate) string
}

// Gregorian month names as written in Egypt and the Gulf.
var monthsAr = [...]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}

var (
	// Persian (Iran) names of the Gregorian and lunar Hijri months.
	monthsFa      = [...]string{"ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"}
	hijriMonthsFa = [...]string{"محرم", "صفر", "ربیع\u200cالاول", "ربیع\u200cالثانی", "جمادی\u200cالاول", "جمادی\u200cالثانی", "رجب", "شعبان", "رمضان", "شوال", "ذی\u200cالقعده", "ذی\u200cالحجه"}
	// Urdu (Pakistan) names.
	monthsUr      = [...]string{"جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر"}
	hijriMonthsUr = [...]string{"محرم", "صفر", "ربیع الاول", "ربیع الثانی", "جمادی الاول", "جمادی الثانی", "رجب", "شعبان", "رمضان", "شوال", "ذوالقعدہ", "ذوالحجہ"}
	// French names, written in lower case as French does.
	monthsFr      = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	hijriMonthsFr = [...]string{"mouharram", "safar", "rabia al awal", "rabia ath-thani", "joumada al oula", "joumada ath-thania", "rajab", "chaabane", "ramadan", "chawwal", "dhou al qi'da", "dhou al-hijja"}
	// Hebrew names; a date writes the month with the prefix ב (ביולי).
	monthsHe      = [...]string{"ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר"}
	hijriMonthsHe = [...]string{"מוחרם", "צפר", "רביע אל-אוול", "רביע א-ת'אני", "ג'ומאדא אל-אולא", "ג'ומאדא א-ת'אניה", "רג'ב", "שעבאן", "רמדאן", "שוואל", "ד'ו אל-קעדה", "ד'ו אל-חיג'ה"}
)

func westernDigits(s string) string { return s }

// PersianDigits replaces 0-9 in s by Extended Arabic-Indic digits
// (U+06F0–U+06F9), the digits Persian and Urdu write.
func PersianDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '۰' + (r - '0')
		}
		return r
	}, s)
}

var dateLocales = map[string]*dateLocale{
	"ar": {
		months: monthsAr, indic: ArabicIndicDigits, numSuffix: "م",
		long: func(d int, m time.Month, y int) string { return fmt.Sprintf("%d %s %d", d, monthsAr[m-1], y) },
		hijri: func(d int, m time.Month, y int, h HijriDate) string {
			return fmt.Sprintf("%d %s %dم الموافق %d %s %dهـ", d, monthsAr[m-1], y, h.Day, hijriMonthsAr[h.Month-1], h.Year)
		},
	},
	"fa": {
		months: monthsFa, indic: PersianDigits,
		long: func(d int, m time.Month, y int) string {
			return PersianDigits(fmt.Sprintf("%d %s %d", d, monthsFa[m-1], y))
		},
		hijri: func(d int, m time.Month, y int, h HijriDate) string {
			return PersianDigits(fmt.Sprintf("%d %s %d (%d %s %d قمری)", d, monthsFa[m-1], y, h.Day, hijriMonthsFa[h.Month-1], h.Year))
		},
	},
	"ur": {
		months: monthsUr, indic: PersianDigits,
		long: func(d int, m time.Month, y int) string { return fmt.Sprintf("%d %s %dء", d, monthsUr[m-1], y) },
		hijri: func(d int, m time.Month, y int, h HijriDate) string {
			return fmt.Sprintf("%d %s %dء بمطابق %d %s %dھ", d, monthsUr[m-1], y, h.Day, hijriMonthsUr[h.Month-1], h.Year)
		},
	},
	"fr": {
		months: monthsFr, indic: westernDigits,
		long: func(d int, m time.Month, y int) string {
			return fmt.Sprintf("%s %s %d", frenchDay(d), monthsFr[m-1], y)
		},
		hijri: func(d int, m time.Month, y int, h HijriDate) string {
			return fmt.Sprintf("%s %s %d (%s %s %d de l’Hégire)", frenchDay(d), monthsFr[m-1], y, frenchDay(h.Day), hijriMonthsFr[h.Month-1], h.Year)
		},
	},
	"he": {
		months: monthsHe, indic: westernDigits,
		long: func(d int, m time.Month, y int) string { return fmt.Sprintf("%d ב%s %d", d, monthsHe[m-1], y) },
		hijri: func(d int, m time.Month, y int, h HijriDate) string {
			return fmt.Sprintf("%d ב%s %d (%d ב%s %d להג'רה)", d, monthsHe[m-1], y, h.Day, hijriMonthsHe[h.Month-1], h.Year)
		},
	},
	"en": {
		indic: westernDigits,
		long:  func(d int, m time.Month, y int) string { return fmt.Sprintf("%s %d, %d", m, d, y) },
		hijri: func(d int, m time.Month, y int, h HijriDate) string {
			return fmt.Sprintf("%s %d, %d (%d %s %d AH)", m, d, y, h.Day, hijriMonthsEn[h.Month-1], h.Year)
		},
	},
}

// frenchDay writes a day of the month as French does: 1er, then 2, 3 ….
func frenchDay(d int) string {
	if d == 1 {
		return "1er"
	}
	return fmt.Sprint(d)
}

// localeOf returns the date locale of lang's primary subtag, English for a
// language not in dateLocales, Arabic (the default language) for "".
func localeOf(lang string) *dateLocale {
	if lang == "" {
		lang = storage.DefaultLang
	}
	if l, ok := dateLocales[storage.PrimaryLang(lang)]; ok {
		return l
	}
	return dateLocales["en"]
}
