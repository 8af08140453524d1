package check

import (
	"strings"
)

// messages words each check in English and Arabic. {name} is replaced by
// the finding's parameter of that name.
var messages = map[string]map[string]string{
	"en": {
		EmptySection:     "the section is empty",
		BidiControl:      "invisible direction character {name} ({char}): the published page sets directions itself",
		FutureDate:       "the last-updated date {date} is in the future (today is {today})",
		MalformedEmail:   "malformed e-mail address {text}",
		MalformedURL:     "malformed web address {text}",
		Unbalanced:       "{char} has no matching {want}",
		HamzatWasl:       "write {fix}: {word} begins with a hamzat al-wasl, written without hamza",
		GluedLatin:       "write {fix}: Arabic and Latin letters are glued together in {word}",
		Ellipsis:         "{text} instead of the ellipsis …",
		SpaceBeforePunct: "space before {mark}",
		keyFrenchSpace:   "ordinary space before {mark}: French puts a no-break space there, so that the mark never starts a line",
		DoubledPunct:     "doubled punctuation {text}",
		LatinPunct:       "Latin {char} in Arabic text: use {fix}",
		DoubleSpace:      "more than one space",
		Tatweel:          "tatweel (ـ) stretching a word",
		MixedDigits:      "the number {number} mixes Western and Arabic-Indic digits",
		HeadingPeriod:    "heading ends in a period",
		DuplicateHeading: "the same heading as section {first}",
		MissingDate:      "the page has no last-updated date",
	},
	"ar": {
		EmptySection:     "القسم فارغ",
		BidiControl:      "محرف اتجاه غير مرئي {name} ({char}): الصفحة المنشورة تضبط الاتجاه بنفسها",
		FutureDate:       "تاريخ آخر تحديث {date} في المستقبل (اليوم {today})",
		MalformedEmail:   "عنوان بريد إلكتروني غير صحيح {text}",
		MalformedURL:     "رابط غير صحيح {text}",
		Unbalanced:       "{char} بلا {want} مقابل",
		HamzatWasl:       "همزة «{word}» همزة وصل فتُكتب بلا همز: {fix}",
		GluedLatin:       "حروف عربية ولاتينية متلاصقة في «{word}»: {fix}",
		Ellipsis:         "{text} بدل علامة الحذف …",
		SpaceBeforePunct: "مسافة قبل {mark}",
		keyFrenchSpace:   "مسافة عادية قبل {mark}: الفرنسية تضع هناك مسافة غير فاصلة كي لا تبدأ العلامة سطراً جديداً",
		DoubledPunct:     "علامة ترقيم مكررة {text}",
		LatinPunct:       "{char} اللاتينية في نص عربي: استعمل {fix}",
		DoubleSpace:      "أكثر من مسافة واحدة",
		Tatweel:          "تطويل (ـ) يمد الكلمة",
		MixedDigits:      "الرقم {number} يخلط الأرقام الغربية والعربية الهندية",
		HeadingPeriod:    "العنوان ينتهي بنقطة",
		DuplicateHeading: "العنوان نفسه في القسم {first}",
		MissingDate:      "لا يوجد في الصفحة تاريخ آخر تحديث",
	},
}

// Languages lists the languages Message words findings in.
func Languages() []string { return []string{"ar", "en"} }

// Message words f in lang ("ar" or "en"; a tag such as "ar-SA" uses its
// language, anything else English).
func Message(f Finding, lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	table, ok := messages[base]
	if !ok {
		table = messages["en"]
	}
	msg, ok := table[f.Key]
	if !ok {
		msg = messages["en"][f.Key]
	}
	if msg == "" {
		return f.Key
	}
	for k, v := range f.Params {
		msg = strings.ReplaceAll(msg, "{"+k+"}", v)
	}
	return msg
}
