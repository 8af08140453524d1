package bidi_test

import (
	"fmt"

	"github.com/qalam/policyeditor/editor/bidi"
)

// A renderer lays out the runs of a line from left to right, drawing the
// characters of odd-level runs from the end and mirroring brackets (L4).
func ExampleParagraph_Runs() {
	text := []rune("منصة (qlm)")
	p := bidi.New(text, bidi.RTL)
	for _, r := range p.Runs(0, len(text)) {
		var s []rune
		for k := r.Start; k < r.End; k++ {
			i := k
			if r.Level.IsRTL() {
				i = r.End - 1 - (k - r.Start)
			}
			c := text[i]
			if m, ok := bidi.Mirror(c); ok && r.Level.IsRTL() {
				c = m
			}
			s = append(s, c)
		}
		fmt.Printf("[%d,%d) level %d: %q\n", r.Start, r.End, r.Level, string(s))
	}
	// Output:
	// [9,10) level 1: "("
	// [6,9) level 2: "qlm"
	// [0,6) level 1: ") ةصنم"
}
