// Package importer turns a policy page that exists today — plain text copied
// from a browser, Markdown, or HTML saved from a browser — into a
// storage.Page with its sections, and reports everything it left out.
//
// The package is pure: the caller reads the file and passes its name (for
// the extension and a slug suggestion) and bytes. Nothing is written anywhere.
//
// Import never drops text silently: page chrome (menus, dialogs, buttons,
// footers), the last-updated line and anything else that is not part of the
// page body is listed in Result.LeftOut with a reason.
//
// How a page is read:
//   - Plain text: the title is the first short line naming a policy
//     (سياسة، الخصوصية، شروط، privacy, terms …), else the line above the
//     last-updated line; lines above it are chrome. Sections start at lines
//     labelled with Arabic ordinal words (أولاً: … ختاماً) or, in pages
//     without them, at numbered lines that look like headings (short, not a
//     sentence, not next to another numbered line, followed by a body, in
//     sequence), or, with no numbers at all, at short lines standing alone
//     before paragraphs; other numbered, "-", "•" and "*" lines are list
//     items. Text is escaped so that it stays text in Markdown.
//   - Markdown: "#" is the title, the highest heading level below it makes
//     sections; bodies are kept as written.
//   - HTML (golang.org/x/net/html): the title is the first <h1> (else
//     <title>), the content is <main> or <article> (else <body>), the
//     highest heading level in it makes sections; nav, header, footer,
//     aside, form, button, dialog and hidden elements are left out and listed.
//
// In every format the numbering label of a heading (أولاً، 1.، ١-) is taken
// off and becomes the page's numbering style; a label followed by a whole
// sentence (ختاماً: أنت وحدك المسؤول …) gives a section without heading text
// whose body is that sentence.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/qalam/policyeditor/storage"
)

// MaxInputBytes is the largest input Import accepts (2 MiB); policy pages
// are a few tens of kilobytes.
const MaxInputBytes = 2 << 20

// Sentinel errors, tested with errors.Is. Import wraps them in an *InputError.
var (
	// ErrEmpty: the input is empty or only whitespace.
	ErrEmpty = errors.New("empty input")
	// ErrBinary: the input contains NUL bytes, so it is not a text file.
	ErrBinary = errors.New("binary data, not text")
	// ErrInvalidUTF8: the input is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("not valid UTF-8")
	// ErrTooLarge: the input is larger than MaxInputBytes.
	ErrTooLarge = errors.New("input too large")
	// ErrUnreadableHTML: the HTML parser refused the input even after
	// deep nesting was flattened (Detail says why).
	ErrUnreadableHTML = errors.New("HTML that cannot be read")
)

// InputError says why an input was refused and where. Err is one of the
// sentinel errors; Offset (0-based byte), Line and Column (1-based, in
// characters) locate the problem for ErrBinary and ErrInvalidUTF8; Size is
// the input size for ErrTooLarge.
type InputError struct {
	Name                 string
	Err                  error
	Offset, Line, Column int
	Size                 int
	Byte                 byte   // the offending byte for ErrBinary and ErrInvalidUTF8
	Detail               string // the parser's reason for ErrUnreadableHTML
}

func (e *InputError) Error() string {
	var detail string
	switch e.Err {
	case ErrTooLarge:
		detail = fmt.Sprintf("%d bytes is over the limit of %d bytes (%d MiB)", e.Size, MaxInputBytes, MaxInputBytes>>20)
	case ErrBinary:
		detail = fmt.Sprintf("NUL byte at offset %d (line %d, column %d); is this a text, Markdown or HTML file?", e.Offset, e.Line, e.Column)
	case ErrInvalidUTF8:
		detail = fmt.Sprintf("invalid byte 0x%02X at offset %d (line %d, column %d); save the file as UTF-8", e.Byte, e.Offset, e.Line, e.Column)
	case ErrUnreadableHTML:
		detail = e.Detail + "; save the page again from the browser, or copy its text into a .txt file"
	case ErrEmpty:
		if e.Size == 0 {
			detail = "the file has no content"
		} else {
			detail = fmt.Sprintf("the file has only whitespace (%d bytes)", e.Size)
		}
	}
	return fmt.Sprintf("import %s: %v: %s", e.Name, e.Err, detail)
}

func (e *InputError) Unwrap() error { return e.Err }

// Line is a line of the input that is not in the page, and why.
type Line struct {
	Number int // 1-based line number in the input; 0 when unknown
	Text   string
	Reason string
}

// Formats reported in Result.Format.
const (
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
)

// Result is an imported page and the report of the import.
type Result struct {
	// Page has Title, Slug (a suggestion that passes storage.ValidateSlug),
	// Lang, Dir, Numbering, DateStyle, LastUpdated (zero if none was found),
	// Status draft, SectionCount and Sections (Kind, Heading without
	// numbering, Markdown Body ending in "\n"). IDs, positions and
	// timestamps are left for storage to assign.
	Page storage.Page
	// Format is FormatText, FormatMarkdown or FormatHTML.
	Format string
	// LeftOut lists, in input order, the text that is not in the page.
	LeftOut []Line
	// Warnings are things the user should check (no title found, numbers
	// that skip, converted encodings …).
	Warnings []string
}

// Import reads a policy page from data. name is the file name (only its
// extension and base name are used). The format is chosen by extension
// (.txt, .md/.markdown, .html/.htm) and confirmed by content; unknown
// extensions are sniffed.
//
// Errors are *InputError values wrapping ErrTooLarge, ErrEmpty, ErrBinary or
// ErrInvalidUTF8; on error the Result is zero.
func Import(name string, data []byte) (Result, error) {
	text, warnings, err := decode(name, data)
	if err != nil {
		return Result{}, err
	}
	var res Result
	switch format := detectFormat(name, text); format {
	case FormatHTML:
		if res, err = importHTML(text); err != nil {
			return Result{}, &InputError{Name: name, Err: ErrUnreadableHTML, Detail: err.Error()}
		}
	case FormatMarkdown:
		res = importMarkdown(text)
	default:
		res = importText(text)
	}
	res.Warnings = append(warnings, res.Warnings...)
	finish(&res, name)
	return res, nil
}

// decode checks the input and returns it as a string without BOM, with
// line endings normalised to "\n".
func decode(name string, data []byte) (string, []string, error) {
	var warnings []string
	if len(data) > MaxInputBytes {
		return "", nil, &InputError{Name: name, Err: ErrTooLarge, Size: len(data)}
	}
	if len(data) == 0 {
		return "", nil, &InputError{Name: name, Err: ErrEmpty}
	}
	if s, ok := decodeUTF16(data); ok {
		data = []byte(s)
		warnings = append(warnings, "converted from UTF-16 to UTF-8")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := position(data, i)
		return "", nil, &InputError{Name: name, Err: ErrBinary, Offset: i, Line: line, Column: col}
	}
	if !utf8.Valid(data) {
		i := firstInvalid(data)
		line, col := position(data, i)
		return "", nil, &InputError{Name: name, Err: ErrInvalidUTF8, Offset: i, Line: line, Column: col, Byte: data[i]}
	}
	s := strings.TrimPrefix(string(data), "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if strings.TrimFunc(s, isBlank) == "" {
		return "", nil, &InputError{Name: name, Err: ErrEmpty, Size: len(data)}
	}
	s, removed := removeControls(s)
	if removed > 0 {
		warnings = append(warnings, fmt.Sprintf("removed %d invisible control characters", removed))
	}
	return s, warnings, nil
}

// isBlank is whitespace and the invisible characters that can be all a
// "blank" file holds (zero-width space, BOM, bidi marks).
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200B' || r == '\uFEFF' || r == '\u200E' || r == '\u200F'
}

// removeControls drops C0/C1 control characters other than tab and newline.
func removeControls(s string) (string, int) {
	n := 0
	out := strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			n++
			return -1
		}
		return r
	}, s)
	return out, n
}

// decodeUTF16 converts input that starts with a UTF-16 byte order mark.
func decodeUTF16(data []byte) (string, bool) {
	if len(data) < 2 || len(data)%2 != 0 {
		return "", false
	}
	var le bool
	switch {
	case data[0] == 0xFF && data[1] == 0xFE:
		le = true
	case data[0] == 0xFE && data[1] == 0xFF:
	default:
		return "", false
	}
	u := make([]uint16, 0, len(data)/2-1)
	for i := 2; i+1 < len(data); i += 2 {
		if le {
			u = append(u, uint16(data[i])|uint16(data[i+1])<<8)
		} else {
			u = append(u, uint16(data[i])<<8|uint16(data[i+1]))
		}
	}
	return string(utf16.Decode(u)), true
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// position returns the 1-based line and column (in characters) of byte offset i.
func position(data []byte, i int) (line, col int) {
	before := data[:i]
	line = bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	col = utf8.RuneCount(before[start:]) + 1
	return line, col
}

// baseName is the file name without folders and extension.
func baseName(name string) (base, ext string) {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[:i], strings.ToLower(name[i+1:])
	}
	return name, ""
}

// detectFormat chooses by extension, then by content.
func detectFormat(name, text string) string {
	_, ext := baseName(name)
	switch ext {
	case "html", "htm", "xhtml", "shtml":
		return FormatHTML
	case "md", "markdown", "mdown", "mkd", "mkdn":
		return FormatMarkdown
	}
	if looksLikeHTML(text) {
		return FormatHTML
	}
	if ext == "" && looksLikeMarkdown(text) {
		return FormatMarkdown
	}
	return FormatText
}

func looksLikeHTML(text string) bool {
	head := strings.TrimLeftFunc(text, isBlank)
	if len(head) > 1024 {
		head = head[:1024]
	}
	head = strings.ToLower(head)
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.HasPrefix(head, "<?xml") && strings.Contains(head, "<html") ||
		strings.HasPrefix(head, "<!--") && strings.Contains(head, "<html")
}

// looksLikeMarkdown: an ATX heading line "# …" or "## …" among the first lines.
func looksLikeMarkdown(text string) bool {
	for i, l := range strings.SplitN(text, "\n", 40) {
		if i >= 39 {
			break
		}
		if level, _ := atxHeading(l); level > 0 {
			return true
		}
	}
	return false
}
