package storage

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TargetKind says how a target is reached.
type TargetKind string

// Target kinds: the only place they are defined.
const (
	// TargetDir: a local folder (the web root); Location is its path.
	TargetDir TargetKind = "dir"
	// TargetSFTP: a server over SFTP; Location is user@host:port/path.
	TargetSFTP TargetKind = "sftp"
)

// TargetKinds returns every target kind, in the order help text lists them.
func TargetKinds() []TargetKind { return []TargetKind{TargetDir, TargetSFTP} }

// Validate reports ErrInvalid for an unknown kind.
func (k TargetKind) Validate() error {
	switch k {
	case TargetDir, TargetSFTP:
		return nil
	}
	return invalid("target kind", string(k), string(TargetDir), string(TargetSFTP))
}

// Layout says which file a page is written to on a target.
type Layout string

// Layouts: the only place they are defined.
const (
	// LayoutIndex writes <slug>/index.html, so the page's address is
	// /<slug>/. It is the default: an empty Layout means LayoutIndex.
	LayoutIndex Layout = "index"
	// LayoutFlat writes <slug>.html.
	LayoutFlat Layout = "flat"
)

// Layouts returns every layout, the default first.
func Layouts() []Layout { return []Layout{LayoutIndex, LayoutFlat} }

// Validate reports ErrInvalid for an unknown layout; "" is LayoutIndex.
func (l Layout) Validate() error {
	switch l {
	case "", LayoutIndex, LayoutFlat:
		return nil
	}
	return invalid("target layout", string(l), string(LayoutIndex), string(LayoutFlat))
}

// OrDefault returns l, or LayoutIndex when l is empty.
func (l Layout) OrDefault() Layout {
	if l == "" {
		return LayoutIndex
	}
	return l
}

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
	case t.Kind.Validate() != nil:
		return t.Kind.Validate()
	case t.Location == "":
		return fmt.Errorf("target %q: empty location: %w", t.Name, ErrInvalid)
	}
	if err := t.Options.Layout.Validate(); err != nil {
		return err
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
