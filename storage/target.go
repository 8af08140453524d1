package storage

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Target kinds.
const (
	TargetDir  = "dir"
	TargetSFTP = "sftp"
)

// ValidateTarget checks the name (1–100 visible characters, no surrounding
// spaces), the kind, that a location is given, the layout option and the
// public URL (empty, or an absolute http or https URL).
func ValidateTarget(t Target) error {
	switch {
	case t.Name == "" || strings.TrimSpace(t.Name) != t.Name:
		return fmt.Errorf("target name %q: empty or with surrounding spaces: %w", t.Name, ErrInvalid)
	case utf8.RuneCountInString(t.Name) > 100 || !utf8.ValidString(t.Name):
		return fmt.Errorf("target name %q: longer than 100 characters or not UTF-8: %w", t.Name, ErrInvalid)
	case strings.IndexFunc(t.Name, func(r rune) bool { return unicode.IsControl(r) || isBidiControl(r) }) >= 0:
		return fmt.Errorf("target name %q: contains a control character: %w", t.Name, ErrInvalid)
	case t.Kind != TargetDir && t.Kind != TargetSFTP:
		return invalid("target kind", t.Kind, TargetDir, TargetSFTP)
	case t.Location == "":
		return fmt.Errorf("target %q: empty location: %w", t.Name, ErrInvalid)
	}
	switch t.Options.Layout {
	case "", "index", "flat":
	default:
		return invalid("target layout", t.Options.Layout, "index", "flat")
	}
	return validateTargetURL(t)
}

// validateTargetURL accepts an empty URL or an absolute http(s) URL with a
// host and no white space or control characters; "{slug}" may appear.
func validateTargetURL(t Target) error {
	if t.URL == "" {
		return nil
	}
	bad := func(why string) error {
		return fmt.Errorf("target %q: public URL %q: %s: %w", t.Name, t.URL, why, ErrInvalid)
	}
	if strings.IndexFunc(t.URL, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || isBidiControl(r) }) >= 0 {
		return bad("contains a space or a control character")
	}
	u, err := url.Parse(strings.ReplaceAll(t.URL, "{slug}", "slug"))
	switch {
	case err != nil:
		return bad("not a URL")
	case u.Scheme != "http" && u.Scheme != "https":
		return bad("want an address starting with https:// or http://")
	case u.Host == "":
		return bad("no host name")
	}
	return nil
}
