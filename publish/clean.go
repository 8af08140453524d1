package publish

import (
	"io"
	"unicode/utf8"
)

// CleanText is the one text sanitising every output of the program goes
// through (published pages, snapshots, the archive and preview indexes,
// the command line's output): it removes the explicit bidi embedding,
// override and isolate controls (U+202A–U+202E, U+2066–U+2069), which
// could make text read differently from what was reviewed ("Trojan
// Source"). Our outputs isolate with <bdi> instead.
func CleanText(s string) string { return stripBidiControls(s) }

// CleanHTML is CleanText for bytes (HTML or any UTF-8 text). It may
// modify b in place and returns the cleaned slice.
func CleanHTML(b []byte) []byte { return stripBidiControlBytes(b) }

// CleanWriter returns a writer that passes everything to w through
// CleanText, also when a control's three bytes are split between writes.
// Its Flush method writes any held-back bytes (at most two, the start of
// a sequence that was never completed); call it when done.
func CleanWriter(w io.Writer) *Cleaner { return &Cleaner{w: w} }

// Cleaner is the writer of CleanWriter.
type Cleaner struct {
	w    io.Writer
	held []byte // an incomplete UTF-8 sequence at the end of the last write
}

// Write implements io.Writer; it reports len(p) when w took everything.
func (c *Cleaner) Write(p []byte) (int, error) {
	buf := append(c.held, p...)
	cut := len(buf)
	// Hold back the start of a multi-byte sequence that may be completed
	// by the next write (only E2 … can be a control; hold any to be safe).
	for i := max(0, len(buf)-2); i < len(buf); i++ {
		if buf[i] >= 0xC0 && !utf8.FullRune(buf[i:]) {
			cut = i
			break
		}
	}
	out := stripBidiControlBytes(append([]byte(nil), buf[:cut]...))
	c.held = append(c.held[:0:0], buf[cut:]...)
	if _, err := c.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes the bytes held back at the end of the last write.
func (c *Cleaner) Flush() error {
	if len(c.held) == 0 {
		return nil
	}
	_, err := c.w.Write(c.held)
	c.held = nil
	return err
}
