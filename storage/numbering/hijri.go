package numbering

import "time"

//go:generate go run ./internal/gen -in testdata/ummalqura.txt -o ummalqura_table.go

// HijriDate is a date of the Islamic (Hijri) calendar.
type HijriDate struct {
	Year, Month, Day int
	// UmmAlQura is true when the date comes from the Umm al-Qura table
	// (1300–1600 AH, 1882–2174 CE); false when it was computed with the
	// tabular (arithmetical) calendar outside that range.
	UmmAlQura bool
}

// ToHijri converts the civil date of t (its year, month and day in t's own
// location) to the Hijri calendar.
//
// Within 1300–1600 AH it uses the Umm al-Qura calendar of Saudi Arabia, from
// a month-length table generated from ICU's data (testdata/ummalqura.txt), so
// 2023-07-19 is 1 Muharram 1445. Outside that range it falls back to the
// tabular Islamic calendar (30-year cycle with leap years 2, 5, 7, 10, 13,
// 16, 18, 21, 24, 26, 29, civil epoch 16 July 622 Julian), which can differ
// from the observed or Umm al-Qura calendar by a day or two: for example the
// tabular calendar gives 28 Dhu al-Hijjah 1444 for 2023-07-17, Umm al-Qura 29.
func ToHijri(t time.Time) HijriDate {
	days := civilDays(t)
	if y, m, d, ok := ummAlQuraFromDays(days); ok {
		return HijriDate{Year: y, Month: m, Day: d, UmmAlQura: true}
	}
	y, m, d := tabularFromDays(days)
	return HijriDate{Year: y, Month: m, Day: d}
}

// FromHijri converts a Hijri date to the Gregorian civil date (midnight
// UTC), with the Umm al-Qura table where it reaches and the tabular
// calendar elsewhere. ok is false for an impossible date (month outside
// 1–12, day outside the month's length).
func FromHijri(year, month, day int) (time.Time, bool) {
	if month < 1 || month > 12 || day < 1 || day > 30 || year < 1 || year > 9999 {
		return time.Time{}, false
	}
	var days int64
	if i := year - ummAlQuraFirstYear; i >= 0 && i < len(ummAlQuraMonths) {
		mask := ummAlQuraMonths[i]
		if day > monthLength(mask, month-1) {
			return time.Time{}, false
		}
		days = ummAlQuraYearStarts[i]
		for m := 0; m < month-1; m++ {
			days += int64(monthLength(mask, m))
		}
		days += int64(day - 1)
	} else {
		jdn := tabularToJDN(int64(year), int64(month), int64(day))
		if y, m, _ := tabularFromDays(jdn - unixJDN); y != year || m != month {
			return time.Time{}, false // day 30 of a 29-day month
		}
		days = jdn - unixJDN
	}
	return time.Unix(days*86400, 0).UTC(), true
}

// TabularHijri converts with the tabular calendar only (see ToHijri).
func TabularHijri(t time.Time) HijriDate {
	y, m, d := tabularFromDays(civilDays(t))
	return HijriDate{Year: y, Month: m, Day: d}
}

// civilDays is the number of days from 1970-01-01 to t's civil date.
func civilDays(t time.Time) int64 {
	y, m, d := t.Date()
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()
	return floorDiv(u, 86400)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// ummAlQuraYearStarts[i] is 1 Muharram of year first+i in days since 1970;
// the last entry is the day after the table ends.
var ummAlQuraYearStarts = func() []int64 {
	starts := make([]int64, len(ummAlQuraMonths)+1)
	starts[0] = ummAlQuraEpoch
	for i, mask := range ummAlQuraMonths {
		starts[i+1] = starts[i] + int64(yearLength(mask))
	}
	return starts
}()

func yearLength(mask uint16) int {
	n := 0
	for m := 0; m < 12; m++ {
		n += monthLength(mask, m)
	}
	return n
}

func monthLength(mask uint16, m int) int {
	if mask&(1<<m) != 0 {
		return 30
	}
	return 29
}

func ummAlQuraFromDays(days int64) (y, m, d int, ok bool) {
	starts := ummAlQuraYearStarts
	if days < starts[0] || days >= starts[len(starts)-1] {
		return 0, 0, 0, false
	}
	lo, hi := 0, len(starts)-1 // starts[lo] <= days < starts[hi]
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if starts[mid] <= days {
			lo = mid
		} else {
			hi = mid
		}
	}
	rem := int(days - starts[lo])
	mask := ummAlQuraMonths[lo]
	for m = 0; m < 11 && rem >= monthLength(mask, m); m++ {
		rem -= monthLength(mask, m)
	}
	return ummAlQuraFirstYear + lo, m + 1, rem + 1, true
}

// tabularEpoch is 1 Muharram 1 AH (16 July 622 Julian) as a Julian day number.
const (
	tabularEpoch = 1948440
	unixJDN      = 2440588 // 1970-01-01
)

func tabularToJDN(y, m, d int64) int64 {
	return d + (59*(m-1)+1)/2 + (y-1)*354 + floorDiv(3+11*y, 30) + tabularEpoch - 1
}

func tabularFromDays(days int64) (int, int, int) {
	jdn := days + unixJDN
	y := floorDiv(30*(jdn-tabularEpoch)+10646, 10631)
	for tabularToJDN(y+1, 1, 1) <= jdn {
		y++
	}
	for tabularToJDN(y, 1, 1) > jdn {
		y--
	}
	m := int64(1)
	for m < 12 && tabularToJDN(y, m+1, 1) <= jdn {
		m++
	}
	d := jdn - tabularToJDN(y, m, 1) + 1
	return int(y), int(m), int(d)
}

var hijriMonthsAr = [...]string{"محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"}

var hijriMonthsEn = [...]string{"Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhirah", "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah"}
