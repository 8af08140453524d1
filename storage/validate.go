package storage

import (
	"fmt"
	"strings"
)

// rtlLangs are the primary language subtags written right to left; they
// decide the default direction of a new page.
var rtlLangs = map[string]bool{
	"ar": true, "fa": true, "he": true, "ur": true, "ps": true, "sd": true,
	"ug": true, "yi": true, "dv": true, "ckb": true,
}

// defaultDir returns the direction a page in lang is written in.
func defaultDir(lang string) Direction {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if rtlLangs[primary] {
		return RTL
	}
	return LTR
}

func invalid(what, value string, allowed ...string) error {
	return fmt.Errorf("%s %q: must be one of %s: %w", what, value, strings.Join(allowed, ", "), ErrInvalid)
}

func validateDir(d Direction) error {
	switch d {
	case RTL, LTR:
		return nil
	}
	return invalid("direction", string(d), string(RTL), string(LTR))
}

func validateNumbering(n NumberingStyle) error {
	switch n {
	case NumberingOrdinal, NumberingArabicIndic, NumberingWestern, NumberingNone:
		return nil
	}
	return invalid("numbering", string(n), string(NumberingOrdinal), string(NumberingArabicIndic),
		string(NumberingWestern), string(NumberingNone))
}

func validateDateStyle(s DateStyle) error {
	switch s {
	case DateNumeric, DateArabicIndic, DateLong, DateHijri:
		return nil
	}
	return invalid("date style", string(s), string(DateNumeric), string(DateArabicIndic),
		string(DateLong), string(DateHijri))
}

func validateStatus(s PageStatus) error {
	switch s {
	case StatusDraft, StatusInReview, StatusApproved, StatusPublished:
		return nil
	}
	return invalid("status", string(s), string(StatusDraft), string(StatusInReview),
		string(StatusApproved), string(StatusPublished))
}

func validateKind(k SectionKind) error {
	switch k {
	case KindIntro, KindNumbered, KindClosing:
		return nil
	}
	return invalid("section kind", string(k), string(KindIntro), string(KindNumbered), string(KindClosing))
}

// validateLang accepts the shape of a BCP 47 tag: subtags of 1–8 ASCII
// letters or digits separated by hyphens, the first made of 2–3 letters.
func validateLang(lang string) error {
	bad := fmt.Errorf("language %q: not a BCP 47 tag such as \"ar\" or \"en-GB\": %w", lang, ErrInvalid)
	parts := strings.Split(lang, "-")
	if len(lang) > 35 || len(parts[0]) < 2 || len(parts[0]) > 3 {
		return bad
	}
	for i, p := range parts {
		if p == "" || len(p) > 8 {
			return bad
		}
		for _, r := range p {
			letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
			if !letter && (i == 0 || r < '0' || r > '9') {
				return bad
			}
		}
	}
	return nil
}

// normalizePage NFC-normalises the slug, fills the defaults of a new page
// (language "ar", the direction of its language, ordinal numbering, numeric
// dates, draft) and validates every field.
func normalizePage(p *Page) error {
	if p.Lang == "" {
		p.Lang = "ar"
	}
	if p.Dir == "" {
		p.Dir = defaultDir(p.Lang)
	}
	if p.Numbering == "" {
		p.Numbering = NumberingOrdinal
	}
	if p.DateStyle == "" {
		p.DateStyle = DateNumeric
	}
	if p.Status == "" {
		p.Status = StatusDraft
	}
	p.Slug = NormalizeSlug(p.Slug)
	p.LastUpdated = civilDate(p.LastUpdated)
	return validatePageFields(*p)
}

func validatePageFields(p Page) error {
	for _, err := range []error{
		ValidateSlug(p.Slug), validateLang(p.Lang), validateDir(p.Dir),
		validateNumbering(p.Numbering), validateDateStyle(p.DateStyle), validateStatus(p.Status),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// normalizeSection defaults an empty kind to numbered and validates it.
func normalizeSection(s *Section) error {
	if s.Kind == "" {
		s.Kind = KindNumbered
	}
	return validateKind(s.Kind)
}
