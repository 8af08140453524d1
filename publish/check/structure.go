package check

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/qalam/policyeditor/storage"
)

// isBidiControl reports the explicit directional formatting characters and
// the implicit marks.
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

// needsMark reports whether r next to an implicit mark (LRM, RLM, ALM)
// is one a number or a Latin name may need it for.
func needsMark(r rune) bool { return unicode.IsDigit(r) || isLatinLetter(r) }

// bidiControl is the check of bidi controls on the control r at i:
// embeddings, overrides and isolates anywhere (the renderer isolates LTR
// islands itself) and implicit marks that are not next to a number or a
// Latin name are flagged. The fix deletes the character.
func (f *field) bidiControl(i int, r rune) {
	end := i + utf8.RuneLen(r)
	if r == 0x200E || r == 0x200F || r == 0x061C {
		prev, _ := utf8.DecodeLastRuneInString(f.text[:i])
		next, _ := utf8.DecodeRuneInString(f.text[end:])
		if needsMark(prev) || needsMark(next) {
			return
		}
	}
	f.add(BidiControl, Error, i, end, map[string]string{"char": fmt.Sprintf("U+%04X", r), "name": bidiName(r)}, fixOf(""))
}

func bidiName(r rune) string {
	names := map[rune]string{0x202A: "LRE", 0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO", 0x202E: "RLO",
		0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI", 0x200E: "LRM", 0x200F: "RLM", 0x061C: "ALM"}
	return names[r]
}

// checkLinks validates the e-mail and URL tokens found by protectLinks.
func (f *field) checkLinks() {
	for _, l := range f.links {
		tok := f.text[l.start:l.end]
		ok := validURL(tok)
		if l.kind == MalformedEmail {
			ok = validEmail(strings.TrimPrefix(strings.TrimPrefix(tok, "mailto:"), "MAILTO:"))
		}
		if !ok {
			f.add(l.kind, Error, l.start, l.end, map[string]string{"text": tok}, nil)
		}
	}
}

func validEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || strings.Count(s, "@") != 1 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
		return false
	}
	for _, c := range local {
		if !(isASCIIAlnum(c) || strings.ContainsRune("._%+-!#$&*=~", c)) {
			return false
		}
	}
	if q := strings.IndexAny(domain, "?#"); q >= 0 { // mailto:a@b.com?subject=…
		domain = domain[:q]
	}
	return validHost(domain, 2)
}

// validHost checks a domain name of at least minLabels labels whose last
// label (the top-level domain) is two or more letters.
func validHost(h string, minLabels int) bool {
	labels := strings.Split(h, ".")
	if len(labels) < minLabels {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range l {
			if !isASCIIAlnum(c) && c != '-' {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	if len(tld) < 2 {
		return false
	}
	for _, c := range tld {
		if !unicode.IsLetter(c) {
			return false
		}
	}
	return true
}

func validURL(s string) bool {
	lower := strings.ToLower(s)
	rest, minLabels := "", 2
	switch {
	case strings.HasPrefix(lower, "https://"):
		rest = s[len("https://"):]
	case strings.HasPrefix(lower, "http://"):
		rest = s[len("http://"):]
	case strings.HasPrefix(lower, "www."):
		rest, minLabels = s, 3
	default:
		return false
	}
	host := rest
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		port := host[i+1:]
		if port == "" || strings.TrimFunc(port, unicode.IsDigit) != "" {
			return false
		}
		host = host[:i]
	}
	if strings.HasPrefix(strings.ToLower(host), "www.") {
		minLabels = 3
	}
	return validHost(host, minLabels)
}

func isASCIIAlnum(c rune) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// closerOf is the closing partner of an opening bracket or quote.
func closerOf(r rune) rune {
	switch r {
	case '(':
		return ')'
	case '[':
		return ']'
	case '«':
		return '»'
	case '“':
		return '”'
	case '{':
		return '}'
	}
	return 0
}

// openerOf is the opening partner of a closing bracket or quote.
func openerOf(r rune) rune {
	switch r {
	case ')':
		return '('
	case ']':
		return '['
	case '»':
		return '«'
	case '”':
		return '“'
	case '}':
		return '{'
	}
	return 0
}

// The bracket check flags a bracket or quote without its partner,
// paragraph by paragraph (a blank line closes everything). Straight double
// quotes pair in order. List markers such as "1)" at a line start are not
// brackets. scan runs it (scanner.bracket).

// brackets is the state of the bracket check in a paragraph.
type brackets struct {
	f     *field
	stack []open
	quote int // the offset of an unpaired ", -1 when there is none
}

type open struct {
	r   rune
	off int
}

// bracket checks the bracket or quote r at i.
func (b *brackets) bracket(i int, r rune) {
	switch r {
	case '(', '[', '«', '“', '{':
		b.stack = append(b.stack, open{r, i})
	case ')', ']', '»', '”', '}':
		if n := len(b.stack); n > 0 && closerOf(b.stack[n-1].r) == r {
			b.stack = b.stack[:n-1]
			return
		}
		b.f.add(Unbalanced, Error, i, i+utf8.RuneLen(r), map[string]string{"char": string(r), "want": string(openerOf(r))}, nil)
	case '"':
		if b.quote >= 0 {
			b.quote = -1
		} else {
			b.quote = i
		}
	}
}

// flush flags what is left open at a paragraph's end.
func (b *brackets) flush() {
	for _, o := range b.stack {
		b.f.add(Unbalanced, Error, o.off, o.off+utf8.RuneLen(o.r), map[string]string{"char": string(o.r), "want": string(closerOf(o.r))}, nil)
	}
	if b.quote >= 0 {
		b.f.add(Unbalanced, Error, b.quote, b.quote+1, map[string]string{"char": `"`, "want": `"`}, nil)
	}
	b.stack, b.quote = b.stack[:0], -1
}

// listMarker returns the length of a list marker like "1)" at i (after
// the line's indentation), 0 when there is none.
func (f *field) listMarker(i int) int {
	j := i
	for j < len(f.text) && f.text[j] >= '0' && f.text[j] <= '9' {
		j++
	}
	if j > i && j < len(f.text) && f.text[j] == ')' {
		return j + 1 - i
	}
	return 0
}

// pageFindings are the checks of the page as a whole: its date.
func pageFindings(p storage.Page, today time.Time) []Finding {
	if p.LastUpdated.IsZero() {
		return []Finding{{Check: MissingDate, Severity: Warning, Section: -1, Field: FieldDate, Key: MissingDate}}
	}
	if d := p.LastUpdated; time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).After(today) {
		return []Finding{{Check: FutureDate, Severity: Error, Section: -1, Field: FieldDate, Key: FutureDate,
			Text:   d.Format(time.DateOnly),
			Params: map[string]string{"date": d.Format(time.DateOnly), "today": today.Format(time.DateOnly)}}}
	}
	return nil
}

// headingFindings: a heading ending in a period (fix: drop it).
func headingFindings(h string, section int) []Finding {
	t := strings.TrimRight(h, " \t\n")
	if !strings.HasSuffix(t, ".") || strings.HasSuffix(t, "..") {
		return nil
	}
	f := newPosField(h, section, FieldHeading, "")
	f.add(HeadingPeriod, Warning, len(t)-1, len(t), nil, fixOf(""))
	f.place()
	return f.out
}

// headingKey is what two headings share when they say the same thing.
func headingKey(h string) string {
	h = strings.TrimSpace(h)
	b := make([]byte, 0, len(h))
	space := false
	for i := 0; i < len(h); {
		r, n := decodeAt(h, i)
		i += n
		switch kind, lower := keyRune(r); kind {
		case keySpace:
			space = true
		case keyLetter:
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = utf8.AppendRune(b, lower)
		}
	}
	return string(b)
}

// What headingKey does with a rune.
const (
	keyDrop   = iota // a haraka, tatweel, bidi control or punctuation
	keySpace         // a space
	keyLetter        // anything else, lowercased
)

// asciiKey is keyRune of ASCII.
var asciiKey = func() (t [utf8.RuneSelf]uint8) {
	for r := range rune(len(t)) {
		kind, _ := keyRuneSlow(r)
		t[r] = uint8(kind)
	}
	return t
}()

// keyRune says what headingKey does with r, and gives it lowercased.
func keyRune(r rune) (kind int, lower rune) {
	switch {
	case r < utf8.RuneSelf:
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		return int(asciiKey[r]), r
	case r >= 0x0621 && r <= 0x063A || r >= 0x0641 && r <= 0x064A: // Arabic letters but tatweel
		return keyLetter, r
	}
	return keyRuneSlow(r)
}

func keyRuneSlow(r rune) (kind int, lower rune) {
	switch {
	case isHaraka(r) || r == tatweel || isBidiControl(r):
		return keyDrop, r
	case unicode.IsSpace(r):
		return keySpace, r
	case unicode.IsPunct(r):
		return keyDrop, r
	}
	return keyLetter, unicode.ToLower(r)
}

// duplicateHeadings flags every heading after the first that says the same.
func duplicateHeadings(secs []storage.Section) []Finding {
	first := map[string]int{}
	var out []Finding
	for i, s := range secs {
		k := headingKey(s.Heading)
		if k == "" {
			continue
		}
		j, seen := first[k]
		if !seen {
			first[k] = i
			continue
		}
		f := newPosField(s.Heading, i, FieldHeading, "")
		f.add(DuplicateHeading, Warning, 0, len(s.Heading), map[string]string{"first": fmt.Sprint(j + 1)}, nil)
		f.place()
		out = append(out, f.out...)
	}
	return out
}
