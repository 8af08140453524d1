package textedit

import (
	"unicode"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/storage"
)

// This file knows the little Markdown the editor needs: the markers at the
// start of a source line (headings, quotes, list items) that say nothing
// about its direction, and how a list item continues. It does not import
// Fyne.

// listItem is the list marker at the start of a source line.
type listItem struct {
	indent  int    // leading spaces
	marker  []rune // "-", "*", "+", or the number with its delimiter ("12.", "١٢)")
	content int    // offset of the item text (after the marker and its spaces)
	number  int    // ordered items: the value of the number, else -1
	digits  rune   // ordered items: the zero of the digits used ('0', '٠', '۰')
	delim   rune   // ordered items: '.' or ')'
}

// zeros are the digit sets ordered-list numbers may be written in: Western,
// Arabic-Indic and Extended Arabic-Indic (Persian, Urdu).
var zeros = []rune{'0', '٠', '۰'}

func digitValue(r rune) (v int, zero rune, ok bool) {
	for _, z := range zeros {
		if r >= z && r <= z+9 {
			return int(r - z), z, true
		}
	}
	return 0, 0, false
}

// parseListItem reports the list marker at the start of line: spaces, then
// "-", "*" or "+", or up to nine digits followed by "." or ")", then at
// least one space (or the end of the line).
func parseListItem(line []rune) (listItem, bool) {
	it := listItem{number: -1}
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	it.indent = i
	start := i
	switch {
	case i < len(line) && (line[i] == '-' || line[i] == '*' || line[i] == '+'):
		i++
	default:
		n := 0
		for i < len(line) && i-start < 9 {
			v, z, ok := digitValue(line[i])
			if !ok || (it.digits != 0 && z != it.digits) {
				break
			}
			it.digits, n = z, n*10+v
			i++
		}
		if i == start || i >= len(line) || (line[i] != '.' && line[i] != ')') {
			return listItem{}, false
		}
		it.number, it.delim = n, line[i]
		i++
	}
	it.marker = line[start:i]
	if i < len(line) && line[i] != ' ' {
		return listItem{}, false
	}
	for i < len(line) && line[i] == ' ' {
		i++
	}
	it.content = i
	return it, true
}

// quotePrefix returns the length of the block quote markers at the start
// of line: up to three spaces, then one or more ">" each with the one
// space that may follow it ("> ", "> > ", ">>"); 0 when the line is not
// quoted.
func quotePrefix(line []rune) int {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	if i >= len(line) || line[i] != '>' {
		return 0
	}
	for i < len(line) && line[i] == '>' {
		i++
		if i < len(line) && line[i] == ' ' {
			i++
		}
	}
	return i
}

// contentStart returns where the text of a source line starts after its
// Markdown markers: block quote ">", heading "#"s and a list marker.
func contentStart(line []rune) int {
	i := 0
	skipSpaces := func() {
		for i < len(line) && unicode.IsSpace(line[i]) {
			i++
		}
	}
	skipSpaces()
	for i < len(line) && line[i] == '>' {
		i++
		skipSpaces()
	}
	if j := i; j < len(line) && line[j] == '#' {
		for j < len(line) && line[j] == '#' {
			j++
		}
		if j == len(line) || line[j] == ' ' {
			i = j
			skipSpaces()
		}
	}
	if it, ok := parseListItem(line[i:]); ok {
		i += it.content
	}
	return i
}

// strongDir returns the direction of a source line's own text: the rule of
// the in-app view and the published page (document.TextDir: first strong
// character, URLs and e-mail addresses skipped) applied after the Markdown
// markers, so "1. نص" is right to left. ok is false when the line has no
// strong character.
func strongDir(line []rune) (rtl, ok bool) {
	switch document.TextDir(line[contentStart(line):], "") {
	case storage.RTL:
		return true, true
	case storage.LTR:
		return false, true
	}
	return false, false
}

// formatNumber writes n in the digits that start at zero.
func formatNumber(n int, zero rune) []rune {
	if n < 0 {
		n = 0
	}
	var out []rune
	for {
		out = append([]rune{zero + rune(n%10)}, out...)
		n /= 10
		if n == 0 {
			return out
		}
	}
}

// nextMarker returns the marker that continues a list after item: the same
// indentation and bullet, or the next number in the same digits.
func (it listItem) nextMarker() []rune {
	out := make([]rune, 0, it.indent+len(it.marker)+2)
	for range it.indent {
		out = append(out, ' ')
	}
	if it.number >= 0 {
		out = append(out, formatNumber(it.number+1, it.digits)...)
		out = append(out, it.delim)
	} else {
		out = append(out, it.marker...)
	}
	return append(out, ' ')
}

// markerWidth is how far a nested item is indented under it: the width of
// its marker and the space after it (CommonMark's content column).
func (it listItem) markerWidth() int { return len(it.marker) + 1 }
