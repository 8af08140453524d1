package textlayout

import (
	"strings"
	"testing"

	"github.com/qalam/policyeditor/editor/bidi"
)

// FuzzLayout lays out arbitrary text (with hard line breaks, but no
// paragraph separators other than the line feed) at an arbitrary width
// and direction: no panic, every offset in exactly one line and one run,
// an empty last line after a trailing hard break, caret → hit test round
// trips, and the visual walk terminates.
func FuzzLayout(f *testing.F) {
	for _, tc := range mixedCases {
		f.Add(tc.text, uint16(120), uint8(tc.dir))
	}
	f.Add(string(longestSeedParagraph()), uint16(300), uint8(bidi.Auto))
	f.Add("(a [ب] {c}) ١٢٣ 456 لا", uint16(40), uint8(bidi.RTL))
	f.Add("\u202bنص\u202c \u2067abc\u2069 \u200fx", uint16(0), uint8(bidi.LTR))
	f.Add("مُحَمَّد e\u0301 👍🏽 a\u200db", uint16(10), uint8(bidi.Auto))
	f.Add("", uint16(50), uint8(bidi.RTL))
	f.Add("abc\n", uint16(50), uint8(bidi.LTR))
	f.Add("سطر\nabc def\n\n", uint16(30), uint8(bidi.RTL))
	f.Add("\r\nنص\r\n", uint16(0), uint8(bidi.Auto))
	f.Add("a\vb\fc\u2028", uint16(20), uint8(bidi.Auto))
	f.Add("www.example.com/a-b-c\n", uint16(40), uint8(bidi.RTL))
	f.Fuzz(func(t *testing.T, s string, width uint16, dir uint8) {
		s = strings.Map(func(r rune) rune {
			switch r {
			case 0x1c, 0x1d, 0x1e, 0x85, 0x2029:
				return ' ' // one paragraph
			}
			return r
		}, s)
		text := []rune(s)
		if len(text) > 400 {
			text = text[:400]
		}
		p := Layout(Params{Text: text, Dir: bidi.Direction(dir % 3), Width: float32(width % 800)})
		checkStructure(t, p, len(text), AlignStart)
		checkGeometry(t, p, text)
		o := p.HitTest(1e6, 0)
		for i := 0; i <= 2*len(text)+2; i++ {
			next := p.NextVisual(o, false)
			if next == o {
				break
			}
			o = next
		}
		p.SelectionRects(0, len(text)/2)
	})
}
