package publish

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/qalam/policyeditor/editor/textdir"
	"github.com/qalam/policyeditor/storage"
)

// This file holds the small pieces of bidi knowledge the renderer needs: the
// strong direction of a character (editor/textdir, from the UAX #9 classes,
// the same rule the in-app view uses) and the removal of bidi controls; the
// scanner that finds islands of the other direction is in island.go.

// strongDir reports the direction of r if r is a strong character
// (Bidi_Class L, or R/AL).
func strongDir(r rune) (storage.Direction, bool) { return textdir.Strong(r) }

// hasStrong reports whether s has a strong character of direction d.
func hasStrong(s []byte, d storage.Direction) bool {
	k := ownClass(d == storage.RTL)
	for len(s) > 0 {
		r, n := decodeRuneBytes(s)
		if classOf(r) == k {
			return true
		}
		s = s[n:]
	}
	return false
}

// opposite returns the other direction.
func opposite(d storage.Direction) storage.Direction {
	if d == storage.RTL {
		return storage.LTR
	}
	return storage.RTL
}

// isBidiControl reports the explicit embedding, override and isolate
// controls (U+202A–U+202E, U+2066–U+2069). Content may not carry them: an
// override could make published text read differently from the draft, and
// the renderer adds its own isolation with <bdi>.
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// stripBidiControls removes the characters isBidiControl reports.
func stripBidiControls(s string) string {
	if strings.IndexFunc(s, isBidiControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isBidiControl(r) {
			return -1
		}
		return r
	}, s)
}

// stripBidiControlBytes is stripBidiControls for rendered HTML: it
// removes the controls in place (invalid UTF-8 is kept as it is). Text
// without a control, the usual case, is not copied.
func stripBidiControlBytes(b []byte) []byte {
	i := nextBidiControl(b)
	if i < 0 {
		return b
	}
	out := b[:i]
	for i < len(b) {
		i += 3 // the control
		j := nextBidiControl(b[i:])
		if j < 0 {
			return append(out, b[i:]...)
		}
		out = append(out, b[i:i+j]...)
		i += j
	}
	return out
}

// nextBidiControl returns the offset of the first bidi control in b, or
// -1. The controls are encoded E2 80 AA–AE and E2 81 A6–A9; E2 cannot
// continue another sequence, so this finds what rune decoding finds.
func nextBidiControl(b []byte) int {
	for off := 0; ; {
		i := bytes.IndexByte(b[off:], 0xE2)
		if i < 0 {
			return -1
		}
		i += off
		if i+2 < len(b) && isBidiControlSeq(b[i+1], b[i+2]) {
			return i
		}
		off = i + 1
	}
}

// isBidiControlSeq reports whether E2 c1 c2 encodes a bidi control.
func isBidiControlSeq(c1, c2 byte) bool {
	return (c1 == 0x80 && c2 >= 0xAA && c2 <= 0xAE) || (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9)
}

// appendStripBidiControls appends stripBidiControls(string(s)) to dst
// without making the string: s unchanged when it has no control,
// otherwise with the controls removed and, as strings.Map does, every
// invalid byte replaced by U+FFFD.
func appendStripBidiControls(dst, s []byte) []byte {
	i := nextBidiControl(s)
	if i < 0 {
		return append(dst, s...)
	}
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		switch {
		case r == utf8.RuneError && n == 1:
			dst = utf8.AppendRune(dst, utf8.RuneError)
		case !isBidiControl(r):
			dst = append(dst, s[:n]...)
		}
		s = s[n:]
	}
	return dst
}
