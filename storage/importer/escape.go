package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// escapeLine makes one line of plain text literal in Markdown: characters
// that would start markup inline (* _ ` [ ] < \ ~ | and & before an entity)
// are backslash-escaped everywhere, and block markers (#, >, -, +, *, =,
// "1." "1)") only at the start of the line. URLs and e-mail addresses are
// left as they are so that they stay recognisable, and Arabic punctuation
// (، ؛ ؟) and ordinary . : ( ) are never escaped.
func escapeLine(s string) string {
	if !strings.ContainsAny(s, inlineSpecials) {
		// the common case: only the start of the line can need a backslash
		first := s
		if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
			first = s[:i]
		}
		if first == "" {
			return s
		}
		return escapeBlockStart(first, first, s) + s[len(first):]
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	start := true
	for _, tok := range splitKeepSpaces(s) {
		if isSpaceToken(tok) {
			b.WriteString(tok)
			continue
		}
		orig := tok
		if isURLToken(tok) {
			tok = escapeChars(tok, "`<[]\\")
		} else {
			tok = escapeInline(tok)
		}
		if start {
			tok = escapeBlockStart(tok, orig, s)
		}
		start = false
		b.WriteString(tok)
	}
	return b.String()
}

// inlineSpecials are the characters escapeInline may escape.
const inlineSpecials = "\\`*_[]<~|&"

// escapeInline escapes the inline markup characters of a piece of text.
func escapeInline(s string) string {
	out := escapeChars(s, "\\`*_[]<~|")
	if strings.Contains(out, "&") {
		out = escapeEntities(out)
	}
	return out
}

func escapeChars(s, chars string) string {
	if !strings.ContainsAny(s, chars) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r < utf8.RuneSelf && strings.ContainsRune(chars, r) {
			// a backslash already escaping nothing special stays as typed
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escapeEntities escapes "&" where it would start a character reference
// (&amp; &#123; &#x1F;), so the reference is shown as typed.
func escapeEntities(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '&' && isEntityAt(s[i+1:]) {
			b.WriteString(`\&`)
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isEntityAt(s string) bool {
	j := 0
	for j < len(s) && j < 33 {
		c := s[j]
		if c == ';' {
			return j > 0
		}
		if !(c == '#' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
		j++
	}
	return false
}

// escapeBlockStart escapes the first token of a line when it would begin a
// block: ATX heading, block quote, list item, thematic break, setext
// underline, fenced code.
// tok is already inline-escaped; orig is the token as typed.
func escapeBlockStart(tok, orig, line string) string {
	first, size := utf8.DecodeRuneInString(orig)
	rest := orig[size:]
	allSame := func() bool { // "---", "- - -", "==="
		return strings.Trim(strings.Join(strings.Fields(line), ""), string(first)) == ""
	}
	switch first {
	case '>':
		return `\` + tok
	case '#':
		if strings.Trim(orig, "#") == "" && len(orig) <= 6 {
			return `\` + tok
		}
	case '-', '+', '=':
		if rest == "" || allSame() {
			return `\` + tok
		}
	}
	// "1." "12)" followed by space or end: an ordered list marker
	i := 0
	for i < len(tok) && i < 10 && tok[i] >= '0' && tok[i] <= '9' {
		i++
	}
	if i > 0 && i < len(tok) && (tok[i] == '.' || tok[i] == ')') && i+1 == len(tok) {
		return tok[:i] + `\` + tok[i:]
	}
	return tok
}

// splitKeepSpaces splits s into alternating runs of spaces and non-spaces.
func splitKeepSpaces(s string) []string {
	var out []string
	start := 0
	inSpace := false
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if i > start && sp != inSpace {
			out = append(out, s[start:i])
			start = i
		}
		inSpace = sp
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func isSpaceToken(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return unicode.IsSpace(r)
}

// isURLToken: http(s)://…, www.…, mailto:… or an e-mail address, possibly in
// parentheses.
func isURLToken(tok string) bool {
	t := strings.TrimLeft(tok, "(\"'«")
	for _, p := range []string{"http://", "https://", "www.", "mailto:"} {
		if len(t) >= len(p) && strings.EqualFold(t[:len(p)], p) {
			return true
		}
	}
	at := strings.IndexByte(t, '@')
	return at > 0 && strings.Contains(t[at:], ".")
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
