package storage

import "strings"

// DefaultLang is the language of a page whose Lang is empty: new pages are
// created in it (NormalizePage), and a page value with no language is
// shown, exported and published as if it had it.
const DefaultLang = "ar"

// rtlLangs are the primary language subtags written right to left; they
// decide the direction of a page whose direction is not set.
var rtlLangs = map[string]bool{
	"ar": true, "fa": true, "he": true, "ur": true, "ps": true, "sd": true,
	"ug": true, "yi": true, "dv": true, "ckb": true,
}

// PrimaryLang returns the primary language subtag of a BCP 47 tag, in
// lower case: "ar" for "ar", "AR-sa" or "ar_EG"; "" for "".
func PrimaryLang(lang string) string {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	primary, _, _ = strings.Cut(primary, "_")
	return primary
}

// DefaultDir returns the direction a page in lang is written in: RTL for
// the languages written right to left (Arabic, Persian, Urdu, Hebrew, …)
// and for "" (DefaultLang is Arabic), LTR otherwise.
func DefaultDir(lang string) Direction {
	if lang == "" {
		lang = DefaultLang
	}
	if rtlLangs[PrimaryLang(lang)] {
		return RTL
	}
	return LTR
}

// IsArabic reports whether lang is Arabic (ar, ar-SA, ar_EG …).
func IsArabic(lang string) bool { return PrimaryLang(lang) == "ar" }

// PageLang is the language p is shown, exported and published in: its
// Lang, or DefaultLang when that is empty. Every view of a page (the
// editor's document, export, the published HTML, the review snapshot)
// takes the language from here.
func PageLang(p Page) string {
	if p.Lang == "" {
		return DefaultLang
	}
	return p.Lang
}

// PageDir is the direction p is shown, exported and published in: its Dir
// when that is RTL or LTR, else the direction of its language
// (DefaultDir(PageLang(p))). Every view of a page takes it from here.
func PageDir(p Page) Direction {
	switch p.Dir {
	case RTL, LTR:
		return p.Dir
	}
	return DefaultDir(PageLang(p))
}
