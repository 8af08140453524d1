package storage

import (
	"fmt"
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
// spaces), the kind, that a location is given and the layout option.
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
		return nil
	}
	return invalid("target layout", t.Options.Layout, "index", "flat")
}
