package check

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qalam/policyeditor/storage"
)

// field is one text of a page being checked: the title, a heading or a body.
type field struct {
	text    string
	section int
	name    Field
	dir     storage.Direction
	french  bool   // the page is in French (see spaceBefore)
	lines   []int  // byte offset of each line start
	prot    []bool // bytes inside code, URLs, e-mail addresses and link destinations
	links   []span // URL and e-mail candidates, in order
	// out are the findings so far, without their line and column: place
	// fills them in once they are in order.
	out []Finding
}

type span struct {
	start, end int
	kind       string // MalformedEmail or MalformedURL
}

func newField(text string, section int, name Field, dir storage.Direction) *field {
	f := newPosField(text, section, name, dir)
	f.protectCode()
	f.protectLinks()
	return f
}

// oneLine is the lines of a text without a newline (never appended to).
var oneLine = []int{0}

// newPosField is a field that only places findings: nothing in it is
// protected.
func newPosField(text string, section int, name Field, dir storage.Direction) *field {
	f := &field{text: text, section: section, name: name, dir: dir, lines: oneLine}
	n := strings.Count(text, "\n")
	if n == 0 {
		return f
	}
	f.lines = make([]int, 1, n+1)
	for i := 0; ; {
		k := strings.IndexByte(text[i:], '\n')
		if k < 0 {
			break
		}
		i += k + 1
		f.lines = append(f.lines, i)
	}
	return f
}

// add records a finding on [off, end).
func (f *field) add(check string, sev Severity, off, end int, params map[string]string, fix *string) {
	f.out = append(f.out, Finding{Check: check, Severity: sev, Section: f.section, Field: f.name,
		Offset: off, End: end, Text: f.text[off:end], Key: check, Params: params, Fix: fix})
}

// place fills in the 1-based line and character column of the findings,
// which are in increasing order of offset, in one pass over the text.
func (f *field) place() {
	line, from, col := 0, 0, 1
	for k := range f.out {
		off := f.out[k].Offset
		if off < from { // not in order: start again
			line, from, col = 0, 0, 1
		}
		for line+1 < len(f.lines) && f.lines[line+1] <= off {
			line++
			from, col = f.lines[line], 1
		}
		col += runeCount(f.text[from:off])
		from = off
		f.out[k].Line, f.out[k].Col = line+1, col
	}
}

// runeCount is utf8.RuneCountInString, inline for two-byte runes.
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			i++
		case c-0xC2 <= 0xDF-0xC2 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			i += 2
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
	return n
}

func (f *field) protected(off int) bool { return off >= 0 && off < len(f.prot) && f.prot[off] }

func (f *field) protect(start, end int) {
	if f.prot == nil && start < end && start < len(f.text) {
		f.prot = make([]bool, len(f.text))
	}
	for i := start; i < end && i < len(f.prot); i++ {
		f.prot[i] = true
	}
}

// protectCode marks fenced code blocks and inline code spans: typography
// checks do not look inside code.
func (f *field) protectCode() {
	if strings.IndexByte(f.text, '`') < 0 && !strings.Contains(f.text, "~~~") {
		return
	}
	inFence := false
	for li, start := range f.lines {
		end := len(f.text)
		if li+1 < len(f.lines) {
			end = f.lines[li+1]
		}
		line := strings.TrimLeft(f.text[start:end], " ")
		isFence := strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~")
		if inFence || isFence {
			f.protect(start, end)
			if isFence {
				inFence = !inFence
			}
			continue
		}
		f.protectSpans(start, end)
	}
}

// protectSpans marks `code` spans within one line.
func (f *field) protectSpans(start, end int) {
	for i := start; i < end; i++ {
		if f.text[i] != '`' {
			k := strings.IndexByte(f.text[i:end], '`')
			if k < 0 {
				return
			}
			i += k
		}
		j := i
		for j < end && f.text[j] == '`' {
			j++
		}
		ticks := f.text[i:j]
		k := strings.Index(f.text[j:end], ticks)
		if k < 0 {
			i = j - 1
			continue
		}
		f.protect(i, j+k+len(ticks))
		i = j + k + len(ticks) - 1
	}
}

// linkBytes are the bytes that can be part of a URL or e-mail token.
var linkBytes = func() (t [256]bool) {
	for b := range 256 {
		t[b] = b > ' ' && b < 0x7f && !strings.ContainsRune(`()[]<>"'{}|\^`+"`", rune(b))
	}
	return t
}()

// protectLinks finds URL and e-mail tokens (ASCII runs with "@", "://",
// "www." or an "http" start) and marks them, without their trailing
// sentence punctuation.
func (f *field) protectLinks() {
	// linkKind needs an "@" or a ":" in the token, or a w or h first:
	// only the tokens with one of linkHints are looked at, found by
	// IndexByte (rare in Arabic text).
	t := f.text
	var next [len(linkHints)]int // the next offset of each hint
	for k := range next {
		next[k] = indexByteFrom(t, 0, linkHints[k])
	}
	end := 0 // of the last token looked at
	for {
		i := slices.Min(next[:])
		if i == len(t) {
			return
		}
		s, j := i, i+1
		for s > end && linkBytes[t[s-1]] {
			s--
		}
		for j < len(t) && linkBytes[t[j]] {
			j++
		}
		f.linkToken(s, j)
		end = j
		for k, at := range next {
			if at < j {
				next[k] = indexByteFrom(t, j, linkHints[k])
			}
		}
	}
}

// linkHints are the bytes a link token has (see protectLinks).
const linkHints = "@:wWhH"

// indexByteFrom is the offset of the first c in t at or after from,
// len(t) when there is none.
func indexByteFrom(t string, from int, c byte) int {
	if k := strings.IndexByte(t[from:], c); k >= 0 {
		return from + k
	}
	return len(t)
}

// linkToken protects t[s:j] and records it as a link if it is one.
func (f *field) linkToken(s, j int) {
	t := f.text
	e := j
	for e > s && strings.IndexByte(".,;:!?", t[e-1]) >= 0 {
		e--
	}
	if kind := linkKind(t[s:e]); kind != "" {
		f.protect(s, e)
		f.links = append(f.links, span{s, e, kind})
	}
}

func linkKind(tok string) string {
	lower := strings.ToLower(tok)
	switch {
	case strings.Contains(lower, "://") || strings.HasPrefix(lower, "www.") ||
		strings.HasPrefix(lower, "http:") || strings.HasPrefix(lower, "https:") ||
		strings.HasPrefix(lower, "http/") || strings.HasPrefix(lower, "https/"):
		if strings.HasPrefix(lower, "mailto:") {
			return MalformedEmail
		}
		return MalformedURL
	case strings.HasPrefix(lower, "mailto:"):
		return MalformedEmail
	case strings.Contains(tok, "@") && !strings.HasPrefix(tok, "@"):
		return MalformedEmail
	}
	return ""
}

func isBlank(s string) bool {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || isBidiControl(r)
	}) == ""
}

// isArabicLetter reports whether r is a letter of the Arabic script.
func isArabicLetter(r rune) bool {
	switch {
	case r < 0x0600:
		return false
	case r >= 0x0621 && r <= 0x064A: // the letters and tatweel
		return true
	}
	return unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r)
}

// isLatinLetter reports whether r is a letter of the Latin script.
func isLatinLetter(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	case r >= 0x0370 && r < 0x1E00: // Greek to Myanmar: no Latin letters
		return false
	}
	return unicode.Is(unicode.Latin, r) && unicode.IsLetter(r)
}

// isHaraka reports whether r is an Arabic vowel mark (tashkeel).
func isHaraka(r rune) bool { return (r >= 0x064B && r <= 0x065F) || r == 0x0670 }

const tatweel = '\u0640'

// textFindings runs the checks that look at one text.
func textFindings(text string, section int, name Field, dir storage.Direction, lang string, warn bool) []Finding {
	if text == "" {
		return nil
	}
	f := newField(text, section, name, dir)
	f.french = isFrench(lang)
	f.checkLinks()
	if warn {
		f.checkHamza()
	}
	f.scan(name == FieldBody, warn)
	sortByCheck(f.out)
	f.place()
	return f.out
}

// isFrench reports a French language tag: fr, fr-CA, fr_BE …
func isFrench(lang string) bool {
	l := strings.ToLower(lang)
	return l == "fr" || strings.HasPrefix(l, "fr-") || strings.HasPrefix(l, "fr_")
}
