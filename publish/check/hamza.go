package check

import (
	"bytes"
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

// maxSuffix is the length in letters of the longest suffix.
var maxSuffix = func() int {
	n := 0
	for s := range suffixes {
		n = max(n, utf8.RuneCountInString(s))
	}
	return n
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
	switch r {
	case 'ا', 'أ', 'إ', 'آ', 'ى', 'ة':
		return false
	}
	return runeClass(r)&clsArabic != 0 // isArabicLetter
}

// waslStems returns the prefixes of s (starting with إ) that are a form
// VII, VIII or X verbal noun (the first count of stems); hollow ones must
// be followed by the feminine ending (ة, or ت before a pronoun).
// One spelling can fit two forms: إستلام is form VIII of سلم, and its
// first six letters also have the shape of a hollow form X stem.
func waslStems(s []rune) (stems [3]stem, count int) {
	add := func(k int, h bool) { stems[count], count = stem{k, h}, count+1 }
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
	return stems, count
}

// stem is a prefix of a word that waslStems found.
type stem struct {
	n      int  // its length in letters
	hollow bool // it must be followed by the feminine ending
}

// notWasl are names and loanwords that happen to fit a pattern with one
// of the suffixes (إستراليا looks like إسترال + يا).
var notWasl = map[string]bool{"إستراليا": true, "إستونيا": true, "إستانبول": true, "إستوكهولم": true, "إسترلينية": true, "إسترليني": true}

// waslNoun reports whether the stem w.skel[h:] (a skeleton starting with
// إ, without proclitics) is a wasl noun, and whether it needs على after it.
func waslNoun(w *word, h int) (match, needsAla bool) {
	letters, all := w.skel[h:], len(w.skel)
	if notWasl[string(w.str(h, all))] {
		return false, false
	}
	stems, count := waslStems(letters)
	for _, st := range stems[:count] {
		rest := w.str(h+st.n, all)
		if !suffixes[string(rest)] {
			continue
		}
		if !st.hollow || bytes.HasPrefix(rest, []byte("ة")) || bytes.HasPrefix(rest, []byte("ات")) || bytes.HasPrefix(rest, []byte("ت")) {
			return true, false
		}
	}
	var base [64]byte
	for n := len(letters); n >= 3 && len(letters)-n <= maxSuffix; n-- {
		if !suffixes[string(w.str(h+n, all))] {
			continue
		}
		b := append(append(base[:0], string(bareAlif)...), w.str(h+1, h+n)...)
		if waslWords[string(b)] {
			return true, false
		}
		if contextWords[string(b)] && n == len(letters) {
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
	// bytes is the skeleton in UTF-8 and at the byte offset in it of each
	// letter (and its length at the end).
	bytes []byte
	at    []int
}

// str is the skeleton's letters [i, j) as a string, for a map look-up
// (which does not keep it).
func (w *word) str(i, j int) []byte { return w.bytes[w.at[i]:w.at[j]] }

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

// skeleton returns w with the letters of text[start:end] and their
// offsets, in w's buffers (passed by value so that they can stay on the
// caller's stack).
func skeleton(text string, start, end int, w word) word {
	w.start, w.end = start, end
	w.skel, w.offs, w.bytes, w.at = w.skel[:0], w.offs[:0], w.bytes[:0], w.at[:0]
	for i := start; i < end; {
		r, n := decodeAt(text, i)
		if runeClass(r)&(clsArabic|clsTatweel) == clsArabic {
			w.skel = append(w.skel, r)
			w.offs = append(w.offs, i)
			w.at = append(w.at, len(w.bytes))
			w.bytes = append(w.bytes, text[i:i+n]...)
		}
		i += n
	}
	w.at = append(w.at, len(w.bytes))
	return w
}

// arabicWordAround returns the bounds of the run of Arabic letters,
// tashkeel and tatweel around i (at a rune of the run), not before from.
func arabicWordAround(t string, from, i int) (start, end int) {
	start, end = i, i
	for start > from {
		r, n := decodeBefore(t, start)
		if !inArabicWordClass(runeClass(r)) {
			break
		}
		start -= n
	}
	for end < len(t) {
		r, n := decodeAt(t, end)
		if !inArabicWordClass(runeClass(r)) {
			break
		}
		end += n
	}
	return start, end
}

// checkHamza flags إ written on a hamzat al-wasl. The fix writes ا.
func (f *field) checkHamza() {
	t := f.text
	// Room on the stack for the skeleton of most words.
	var skel [24]rune
	var offs, at [25]int
	var utf [64]byte
	w := word{skel: skel[:0], offs: offs[:0], bytes: utf[:0], at: at[:0]}
	for i := 0; i < len(t); {
		k := strings.Index(t[i:], string(hamzaBelow))
		if k < 0 {
			return
		}
		start, end := arabicWordAround(t, i, i+k)
		i = end
		if f.protected(start) {
			continue
		}
		w = skeleton(t, start, end, w)
		f.hamzaWord(&w)
	}
}

func (f *field) hamzaWord(w *word) {
	h := slices.Index(w.skel, hamzaBelow)
	if h < 0 || !proclitics[string(w.str(0, h))] {
		return
	}
	match, needsAla := waslNoun(w, h)
	if !match {
		return
	}
	if needsAla {
		ns, ne, _ := nextArabicWord(f.text, w.end)
		if ns == len(f.text) || !onlySpaceBetween(f.text[w.end:ns]) {
			return
		}
		next := skeleton(f.text, ns, ne, word{})
		if !alaForms[string(next.str(0, len(next.skel)))] {
			return
		}
	}
	at := w.offs[h]
	fixed := f.text[w.start:at] + string(bareAlif) + f.text[at+utf8.RuneLen(hamzaBelow):w.end]
	f.add(HamzatWasl, Warning, w.start, w.end, map[string]string{"word": f.text[w.start:w.end], "fix": fixed}, fixOf(fixed))
}

func onlySpaceBetween(s string) bool { return strings.TrimSpace(s) == "" }
