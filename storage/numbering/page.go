package numbering

import (
	"iter"
	"strings"

	"github.com/qalam/policyeditor/storage"
)

// This file holds the rules that turn a page's numbering and date into the
// text every view of the page shows: the editor's document, the shell's
// section list, export, the published HTML and the review snapshot all
// call these functions, so they cannot disagree.

// lastUpdatedPrefixes are the words before the date, with the space or
// colon that ends them, by primary language subtag. Persian and Urdu are
// written in Arabic script but do not say «آخر تحديث في»; French puts a
// no-break space before the colon.
var lastUpdatedPrefixes = map[string]string{
	"ar": "آخر تحديث في ",
	"fa": "آخرین به\u200cروزرسانی: ",
	"ur": "آخری تازہ کاری: ",
	"he": "עודכן לאחרונה: ",
	"en": "Last updated: ",
	"fr": "Dernière mise à jour\u00a0: ",
}

// LastUpdatedPrefix returns the words written before the last-updated date
// in a page in lang, ending with their space: "آخر تحديث في " for Arabic
// (and for "", the default language), "آخرین به‌روزرسانی: " for Persian,
// "Last updated: " for English and for a language not in the table.
func LastUpdatedPrefix(lang string) string {
	if lang == "" {
		lang = storage.DefaultLang
	}
	if p, ok := lastUpdatedPrefixes[storage.PrimaryLang(lang)]; ok {
		return p
	}
	return lastUpdatedPrefixes["en"]
}

// PageDate is p's last-updated date as the page writes it: FormatDate in
// the page's date style and language (storage.PageLang). A page without a
// date gives "".
func PageDate(p storage.Page) string {
	return FormatDate(p.LastUpdated, p.DateStyle, storage.PageLang(p))
}

// LastUpdatedLine is the whole last-updated line of p, prefix and date,
// for example "آخر تحديث في 17/07/2023م"; "" when p has no date.
func LastUpdatedLine(p storage.Page) string {
	if p.LastUpdated.IsZero() {
		return ""
	}
	return LastUpdatedPrefix(storage.PageLang(p)) + PageDate(p)
}

// Labels yields the index and label of each of sections, in order, in the
// style: numbered sections count 1, 2, 3 … in slice order (intro and
// closing sections do not count), then Label gives the text; "" for a
// section shown unnumbered. It allocates nothing.
func Labels(style storage.NumberingStyle, sections []storage.Section) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		n := 0
		for i, s := range sections {
			if s.Kind == storage.KindNumbered {
				n++
			}
			if !yield(i, Label(style, s.Kind, n)) {
				return
			}
		}
	}
}

// SectionLabel returns the label of sections[i] as Labels would.
func SectionLabel(style storage.NumberingStyle, sections []storage.Section, i int) string {
	n := 0
	for _, s := range sections[:i+1] {
		if s.Kind == storage.KindNumbered {
			n++
		}
	}
	return Label(style, sections[i].Kind, n)
}

// Heading joins a section's label and typed heading as a page shows it:
// "أولاً: أهمية …" (label, Separator, heading), the label alone when the
// heading is empty, the heading alone when the label is. The heading is
// trimmed of surrounding space.
func Heading(style storage.NumberingStyle, label, heading string) string {
	h := strings.TrimSpace(heading)
	switch {
	case label == "":
		return h
	case h == "":
		return label
	}
	return label + Separator(style) + h
}
