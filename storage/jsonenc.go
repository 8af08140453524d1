package storage

import (
	"strconv"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/google/uuid"
)

// The stored JSON of revisions, content hashes and intents is written by
// hand, byte for byte as encoding/json writes the same structs (the
// structs of hash.go, snapshot.go and intent.go stay the reference: the
// tests compare both on random pages, Arabic and invalid UTF-8 included).
// encoding/json spends most of a publish's JSON time decoding Arabic text
// rune by rune and walking the structs by reflection; publishing 100
// pages encodes every page three times.

// jsonWriter appends JSON to b. escapeHTML escapes <, > and & as
// encoding/json does by default (json.Marshal); CanonicalJSON does not.
type jsonWriter struct {
	b          []byte
	escapeHTML bool
	err        error // the first time that JSON cannot hold
}

const hexDigits = "0123456789abcdef"

// jsonSafe[c] says whether ASCII byte c is written as is in a JSON string
// without HTML escaping; jsonHTMLSafe also excludes <, > and &.
var jsonSafe, jsonHTMLSafe [utf8.RuneSelf]bool

func init() {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		jsonSafe[c] = c != '"' && c != '\\'
		jsonHTMLSafe[c] = jsonSafe[c] && c != '<' && c != '>' && c != '&'
	}
}

// text returns b as a string without copying it: b must not change
// afterwards (strings.Builder.String does the same). The stores only hand
// a page's revision content and an intent record to SQL, so the copy that
// string(b) makes would be a page's worth of memory for nothing (publish
// --all allocates about 1.5 MB less, and every MB a process allocates
// once is about a millisecond of page faults).
func text(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// raw appends s as it is.
func (w *jsonWriter) raw(s string) { w.b = append(w.b, s...) }

// str appends s as a JSON string, as encoding/json's appendString does:
// control characters, quote and backslash escaped (\n, \t … or \u00XX),
// invalid UTF-8 replaced by \ufffd, U+2028 and U+2029 escaped.
func (w *jsonWriter) str(s string) {
	safe := &jsonSafe
	if w.escapeHTML {
		safe = &jsonHTMLSafe
	}
	b := append(w.b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		// Two-byte sequences (Arabic, Latin accents) are always valid
		// when well formed, and are never U+2028 or U+2029.
		if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	w.b = append(b, '"')
}

// key appends "name": (name needs no escaping).
func (w *jsonWriter) key(name string) {
	w.b = append(w.b, '"')
	w.b = append(w.b, name...)
	w.b = append(w.b, '"', ':')
}

// field appends ,"name": unless it is the object's first field.
func (w *jsonWriter) field(first bool, name string) {
	if !first {
		w.b = append(w.b, ',')
	}
	w.key(name)
}

func (w *jsonWriter) num(n int64) { w.b = strconv.AppendInt(w.b, n, 10) }

func (w *jsonWriter) boolean(v bool) { w.b = strconv.AppendBool(w.b, v) }

// id appends id as encoding/json does (its text, quoted).
func (w *jsonWriter) id(id uuid.UUID) {
	w.b = append(w.b, '"')
	w.b = append(w.b, id.String()...)
	w.b = append(w.b, '"')
}

// stamp appends t as time.Time's MarshalJSON does (RFC 3339 with
// nanoseconds, quoted); a time it refuses (a year outside 0–9999) sets
// w.err.
func (w *jsonWriter) stamp(t time.Time) {
	b := append(w.b, '"')
	b, err := t.AppendText(b)
	if err != nil {
		if w.err == nil {
			w.err = err
		}
		return
	}
	w.b = append(b, '"')
}
