package storage

import (
	"fmt"
	"strings"
)

func invalid(what, value string, allowed ...string) error {
	return fmt.Errorf("%s %q: must be one of %s: %w", what, value, strings.Join(allowed, ", "), ErrInvalid)
}

// Validate reports ErrInvalid unless d is RTL or LTR.
func (d Direction) Validate() error {
	switch d {
	case RTL, LTR:
		return nil
	}
	return invalid("direction", string(d), string(RTL), string(LTR))
}

// Validate reports ErrInvalid for an unknown numbering style.
func (n NumberingStyle) Validate() error {
	switch n {
	case NumberingOrdinal, NumberingArabicIndic, NumberingWestern, NumberingNone:
		return nil
	}
	return invalid("numbering", string(n), string(NumberingOrdinal), string(NumberingArabicIndic),
		string(NumberingWestern), string(NumberingNone))
}

// Validate reports ErrInvalid for an unknown date style.
func (s DateStyle) Validate() error {
	switch s {
	case DateNumeric, DateArabicIndic, DateLong, DateHijri:
		return nil
	}
	return invalid("date style", string(s), string(DateNumeric), string(DateArabicIndic),
		string(DateLong), string(DateHijri))
}

// Validate reports ErrInvalid for an unknown status.
func (s PageStatus) Validate() error {
	switch s {
	case StatusDraft, StatusInReview, StatusApproved, StatusPublished:
		return nil
	}
	return invalid("status", string(s), string(StatusDraft), string(StatusInReview),
		string(StatusApproved), string(StatusPublished))
}

// Validate reports ErrInvalid for an unknown section kind.
func (k SectionKind) Validate() error {
	switch k {
	case KindIntro, KindNumbered, KindClosing:
		return nil
	}
	return invalid("section kind", string(k), string(KindIntro), string(KindNumbered), string(KindClosing))
}

// ValidateLang accepts the shape of a BCP 47 tag: subtags of 1–8 ASCII
// letters or digits separated by hyphens, the first made of 2–3 letters.
func ValidateLang(lang string) error {
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

// NormalizePage NFC-normalises the slug, fills the defaults of a new page
// (language "ar", the direction of its language, ordinal numbering, numeric
// dates, draft) and validates every field.
func NormalizePage(p *Page) error {
	if p.Lang == "" {
		p.Lang = "ar"
	}
	if p.Dir == "" {
		p.Dir = DefaultDir(p.Lang)
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
	p.LastUpdated = CivilDate(p.LastUpdated)
	return ValidatePage(*p)
}

// ValidatePage validates every field of p without filling defaults.
func ValidatePage(p Page) error {
	for _, err := range []error{
		ValidateSlug(p.Slug), ValidateLang(p.Lang), p.Dir.Validate(),
		p.Numbering.Validate(), p.DateStyle.Validate(), p.Status.Validate(),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// NormalizeSection defaults an empty kind to numbered and validates the
// kind and the body (ValidateSectionBody).
func NormalizeSection(s *Section) error {
	if s.Kind == "" {
		s.Kind = KindNumbered
	}
	if err := s.Kind.Validate(); err != nil {
		return err
	}
	return ValidateSectionBody(s.Body)
}
