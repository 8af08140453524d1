package target

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qalam/policyeditor/storage"
)

// ErrUnsafePath is wrapped by every error about a relative path that could
// escape the target root or is not portable across web servers.
var ErrUnsafePath = errors.New("unsafe path")

// Limits on relative paths inside a target.
const (
	maxComponentBytes = 255  // NAME_MAX on Linux, macOS and most servers
	maxPathBytes      = 1024 // well under PATH_MAX once joined to a root
)

// PagePath returns the relative path a page is written to on a target in
// the layout (storage.LayoutIndex, also for "", gives slug/index.html;
// storage.LayoutFlat gives slug.html). The slug must be a single safe path
// component; otherwise the error wraps ErrUnsafePath. An unknown layout is
// an error too (wrapping storage.ErrInvalid).
func PagePath(slug string, layout storage.Layout) (string, error) {
	if err := checkComponent(slug); err != nil {
		return "", fmt.Errorf("page path for slug %q: %w", slug, err)
	}
	if err := layout.Validate(); err != nil {
		return "", fmt.Errorf("page path: %w", err)
	}
	if layout.OrDefault() == storage.LayoutFlat {
		return slug + ".html", nil
	}
	return slug + "/index.html", nil
}

// ValidateRel checks a slash-separated path relative to a target root. It
// refuses absolute paths, "..", backslashes, control and bidi control
// characters, empty components, components starting with a dot, Windows
// reserved names and characters, and overlong names. The error wraps
// ErrUnsafePath and quotes the path.
func ValidateRel(rel string) error {
	if err := validateRel(rel); err != nil {
		return fmt.Errorf("path %q: %w", rel, err)
	}
	return nil
}

func validateRel(rel string) error {
	switch {
	case rel == "":
		return fmt.Errorf("%w: empty", ErrUnsafePath)
	case len(rel) > maxPathBytes:
		return fmt.Errorf("%w: longer than %d bytes", ErrUnsafePath, maxPathBytes)
	case strings.HasPrefix(rel, "/") || filepath.IsAbs(rel) || filepath.VolumeName(rel) != "":
		return fmt.Errorf("%w: absolute", ErrUnsafePath)
	}
	for _, c := range strings.Split(rel, "/") {
		if err := checkComponent(c); err != nil {
			return err
		}
	}
	return nil
}

// checkComponent validates one path component (a file or folder name).
func checkComponent(c string) error {
	switch {
	case c == "":
		return fmt.Errorf("%w: empty path component", ErrUnsafePath)
	case c == "." || c == "..":
		return fmt.Errorf("%w: %q component", ErrUnsafePath, c)
	case strings.HasPrefix(c, "."):
		return fmt.Errorf("%w: component %q starts with a dot", ErrUnsafePath, c)
	case len(c) > maxComponentBytes:
		return fmt.Errorf("%w: component longer than %d bytes", ErrUnsafePath, maxComponentBytes)
	case !utf8.ValidString(c):
		return fmt.Errorf("%w: invalid UTF-8", ErrUnsafePath)
	case strings.HasSuffix(c, " ") || strings.HasSuffix(c, "."):
		return fmt.Errorf("%w: component %q ends with a space or dot", ErrUnsafePath, c)
	}
	for _, r := range c {
		if err := checkRune(r); err != nil {
			return err
		}
	}
	if isReservedName(c) {
		return fmt.Errorf("%w: %q is a reserved device name on Windows", ErrUnsafePath, c)
	}
	return nil
}

func checkRune(r rune) error {
	switch {
	case r == '\\':
		return fmt.Errorf("%w: backslash", ErrUnsafePath)
	case r == '/':
		return fmt.Errorf("%w: slash inside a name", ErrUnsafePath)
	case r == 0 || unicode.IsControl(r):
		return fmt.Errorf("%w: control character %U", ErrUnsafePath, r)
	case isBidiControl(r):
		return fmt.Errorf("%w: bidi control character %U", ErrUnsafePath, r)
	case strings.ContainsRune(`<>:"|?*`, r):
		return fmt.Errorf("%w: character %q is not allowed in file names on Windows", ErrUnsafePath, r)
	case r == utf8.RuneError:
		return fmt.Errorf("%w: replacement character", ErrUnsafePath)
	}
	return nil
}

// isBidiControl reports the invisible characters that change how a name is
// displayed (ALM, LRM, RLM, embeddings, overrides, isolates) and a few
// other invisible format characters that make look-alike names.
func isBidiControl(r rune) bool {
	switch {
	case r == 0x061C, r == 0x200E, r == 0x200F:
		return true
	case r >= 0x202A && r <= 0x202E:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200B, r == 0x2060, r == 0xFEFF: // zero-width space, word joiner, BOM
		return true
	}
	return false
}

// isReservedName reports Windows device names (storage.IsReservedFileName,
// the rule slugs follow too).
func isReservedName(c string) bool { return storage.IsReservedFileName(c) }

// within reports whether path p is root or lies below it (both cleaned,
// absolute, symlink-free).
func within(root, p string) bool {
	if p == root {
		return true
	}
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, "../") && !filepath.IsAbs(rel)
}
