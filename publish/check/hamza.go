package check

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Hamzat al-wasl. The verbal nouns of the derived forms VII (انفعال), VIII
// (افتعال) and X (استفعال) begin with a connecting alif that carries no
// hamza: استخدام, not إستخدام. Form IV (إفعال: إفصاح، إخطار، إرسال) does
// take the hamza, and so do particles and nouns such as إن، إلى، إطار.
//
// The patterns tell them apart by where the long alif falls: form IV
// إفعال has it in the fourth letter (إ ف ع ا ل), forms VII and VIII in the
// fifth (ا ن ف ع ا ل، ا ف ت ع ا ل), form X in the sixth (ا س ت ف ع ا ل).
// Form VII is recognised by its ن, form VIII by its ت (or the ط and د it
// becomes after ص ض ط ظ and د ذ ز). Assimilated roots (اتّصال from وصل,
// اطّلاع from طلع, ادّعاء from دعو) lose a letter to a shadda and are in a
// word list, as are the old wasl nouns (اسم، ابن، اثنان، امرأة).

const (
	hamzaBelow = 'إ'
	bareAlif   = 'ا'
)

// proclitics are what may stand before the noun in one written word:
// و or ف, then ب, ل or ك, then the article (ل + ال is written لل).
var proclitics = func() map[string]bool {
	m := map[string]bool{}
	for _, a := range []string{"", "و", "ف"} {
		for _, b := range []string{"", "ب", "ل", "ك"} {
			m[a+b] = true
			if b == "ل" {
				m[a+"لل"] = true
			} else {
				m[a+b+"ال"] = true
			}
		}
	}
	return m
}()

// suffixes may follow the noun: feminine and relative endings, plurals,
// duals, the tanween alif and attached pronouns (ة is written ت before one).
var suffixes = func() map[string]bool {
	pron := []string{"ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا", "ي"}
	m := map[string]bool{}
	for _, s := range []string{"", "ة", "ات", "ي", "ية", "يات", "يين", "يون", "ان", "ين", "ا", "يا"} {
		m[s] = true
	}
	for _, base := range []string{"", "ات", "ت", "يت", "ا", "ي", "يات"} {
		for _, p := range pron {
			m[base+p] = true
		}
	}
	return m
}()

// waslWords are nouns with a hamzat al-wasl that the patterns do not see:
// assimilated form VIII nouns and the old wasl nouns, written with ا.
var waslWords = map[string]bool{
	"اتصال": true, "اتفاق": true, "اتحاد": true, "اتجاه": true, "اتضاح": true, "اتساع": true,
	"اتزان": true, "اتكال": true, "اتقاء": true, "اتسام": true, "اتهام": true, "اتخاذ": true,
	"اتعاظ": true, "اتكاء": true, "اتقاد": true, "اتساق": true, "اتصاف": true, "اتباع": true,
	"اتئاد": true, "اتجار": true, "ادعاء": true, "ادخار": true, "ادكار": true, "اذكار": true,
	"اطراد": true, "اطمئنان": true, "اطراح": true, "اضطلاع": true,
	"اسم": true, "ابن": true, "ابنة": true, "امرأة": true, "امرؤ": true,
	"اثنان": true, "اثنين": true, "اثنتان": true, "اثنتين": true, "اثنا": true, "اثنتا": true,
}

// contextWords are wasl nouns with a form IV twin of the same spelling:
// اطّلاع على (to look at, form VIII) and إطلاع فلان على (to show someone,
// form IV). Flagged only when على follows the noun directly.
var contextWords = map[string]bool{"اطلاع": true}

var alaForms = map[string]bool{"على": true, "عليه": true, "عليها": true, "عليهم": true, "عليهما": true,
	"عليهن": true, "عليك": true, "عليكم": true, "عليكما": true, "عليكن": true, "علينا": true, "علي": true}

// radical reports whether r can be a root letter in these patterns.
func radical(r rune) bool {
	return isArabicLetter(r) && !strings.ContainsRune("اأإآىة", r)
}

// waslStems returns the lengths of the prefixes of s (starting with إ)
// that are a form VII, VIII or X verbal noun; hollow reports those that
// must be followed by the feminine ending (ة, or ت before a pronoun).
// One spelling can fit two forms: إستلام is form VIII of سلم, and its
// first six letters also have the shape of a hollow form X stem.
func waslStems(s []rune) (n []int, hollow []bool) {
	add := func(k int, h bool) { n, hollow = append(n, k), append(hollow, h) }
	// Form X: إست + C C ا C.
	if len(s) >= 7 && s[1] == 'س' && s[2] == 'ت' && radical(s[3]) && radical(s[4]) && s[5] == bareAlif && radical(s[6]) {
		add(7, false)
	}
	// Forms VII and VIII: إ C C C ا C, with ن first (VII) or ت second (VIII;
	// ط after ص ض ط ظ, د after د ذ ز).
	if len(s) >= 6 && radical(s[1]) && radical(s[2]) && radical(s[3]) && s[4] == bareAlif && radical(s[5]) {
		c1, c2 := s[1], s[2]
		if c1 == 'ن' || c2 == 'ت' ||
			(strings.ContainsRune("صضطظ", c1) && c2 == 'ط') ||
			(strings.ContainsRune("دذز", c1) && c2 == 'د') {
			add(6, false)
		}
	}
	// Hollow form X: إست + C ا C + ة (استجابة، استفادة).
	if len(s) >= 6 && s[1] == 'س' && s[2] == 'ت' && radical(s[3]) && s[4] == bareAlif && radical(s[5]) {
		add(6, true)
	}
	return n, hollow
}

// notWasl are names and loanwords that happen to fit a pattern with one
// of the suffixes (إستراليا looks like إسترال + يا).
var notWasl = map[string]bool{"إستراليا": true, "إستونيا": true, "إستانبول": true, "إستوكهولم": true, "إسترلينية": true, "إسترليني": true}

// waslNoun reports whether stem (a skeleton starting with إ, without
// proclitics) is a wasl noun, and whether it needs على after it.
func waslNoun(stem []rune) (match, needsAla bool) {
	if notWasl[string(stem)] {
		return false, false
	}
	ns, hollow := waslStems(stem)
	for k, n := range ns {
		rest := string(stem[n:])
		if !suffixes[rest] {
			continue
		}
		if !hollow[k] || strings.HasPrefix(rest, "ة") || strings.HasPrefix(rest, "ات") || strings.HasPrefix(rest, "ت") {
			return true, false
		}
	}
	for n := len(stem); n >= 3; n-- {
		base := string(bareAlif) + string(stem[1:n])
		if !suffixes[string(stem[n:])] {
			continue
		}
		if waslWords[base] {
			return true, false
		}
		if contextWords[base] && n == len(stem) {
			return true, true
		}
	}
	return false, false
}

// word is one Arabic word of a text with its skeleton: letters only, and
// the byte offset in the text of each skeleton letter.
type word struct {
	start, end int
	skel       []rune
	offs       []int
}

func inArabicWord(r rune) bool { return isArabicLetter(r) || isHaraka(r) || r == tatweel }

// nextArabicWord returns the bounds of the first run of Arabic letters,
// tashkeel and tatweel at or after i, and whether it has an إ; start is
// len(text) when there is none.
func nextArabicWord(text string, i int) (start, end int, hamza bool) {
	start = len(text)
	for k, r := range text[i:] {
		if inArabicWord(r) {
			start = i + k
			break
		}
	}
	end = start
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if !inArabicWord(r) {
			break
		}
		hamza = hamza || r == hamzaBelow
		end += n
	}
	return start, end, hamza
}

// skeleton fills w's letters and their offsets.
func skeleton(text string, start, end int) word {
	w := word{start: start, end: end}
	for i, r := range text[start:end] {
		if r != tatweel && isArabicLetter(r) {
			w.skel = append(w.skel, r)
			w.offs = append(w.offs, start+i)
		}
	}
	return w
}

// checkHamza flags إ written on a hamzat al-wasl. The fix writes ا.
func (f *field) checkHamza() {
	for i := 0; i < len(f.text); {
		start, end, hamza := nextArabicWord(f.text, i)
		i = end
		if !hamza || f.protected(start) {
			continue
		}
		f.hamzaWord(skeleton(f.text, start, end))
	}
}

func (f *field) hamzaWord(w word) {
	h := slices.Index(w.skel, hamzaBelow)
	if h < 0 || !proclitics[string(w.skel[:h])] {
		return
	}
	match, needsAla := waslNoun(w.skel[h:])
	if !match {
		return
	}
	if needsAla {
		ns, ne, _ := nextArabicWord(f.text, w.end)
		if ns == len(f.text) || !onlySpaceBetween(f.text[w.end:ns]) || !alaForms[string(skeleton(f.text, ns, ne).skel)] {
			return
		}
	}
	at := w.offs[h]
	fixed := f.text[w.start:at] + string(bareAlif) + f.text[at+utf8.RuneLen(hamzaBelow):w.end]
	f.add(HamzatWasl, Warning, w.start, w.end, map[string]string{"word": f.text[w.start:w.end], "fix": fixed}, fixOf(fixed))
}

func onlySpaceBetween(s string) bool { return strings.TrimSpace(s) == "" }
