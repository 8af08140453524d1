package textedit

import (
	"image"
	"image/color"
	"strings"
	"testing"
)

// benchSentence is a line of the sample policy's kind: Arabic with a Latin
// name, a URL and digits.
const benchSentence = "تلتزم منصة قلم (www.qlmlearn.com) بحماية بياناتك الشخصية وفق القانون رقم 151 لسنة 2020، ولا نشارك Qalam أي معلومات مع طرف ثالث. "

// paragraphOf returns about n runes of benchSentence repeated.
func paragraphOf(n int) string {
	s := strings.Repeat(benchSentence, n/len([]rune(benchSentence))+1)
	return string([]rune(s)[:n])
}

// keystroke types one rune in the middle of paragraph p and deletes it
// again on the next call, then does what a frame needs: the layout of
// every paragraph up to date (only p is laid out again), the caret and
// selection geometry and, with draw, the rasters of the lines of the
// changed paragraph that look different (what the renderer redraws).
func keystroke(b *testing.B, m *model, p int, draw bool) {
	mid := pos{p, len(m.buf.paras[p].text) / 2}
	m.moveTo(m.snap(mid), affPrev, false, false)
	_, h := lineBox(m.layout(p), 0, m.size)
	img := image.NewRGBA(image.Rect(0, 0, int(m.width), int(h)+1))
	prev := m.layout(p)
	drawn := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if i%2 == 0 {
			m.typeRune('ب')
		} else {
			m.backspace(false)
		}
		m.ensure()
		m.caretGeom()
		m.selectionRects()
		if draw {
			// What the renderer does: redraw the lines whose ink changed.
			l := m.layout(p)
			for li, ch := range inkChanged(prev, l) {
				if ch {
					clear(img.Pix)
					drawLine(img, l, li, m.size, 1, color.Black)
					drawn++
				}
			}
			prev = l
		}
	}
	if draw {
		b.ReportMetric(float64(drawn)/float64(b.N), "lines-drawn/op")
	}
}

// BenchmarkKeystrokeParagraph2000 is one keystroke in a 2,000-character
// paragraph at 800 px (about 25 lines): goal under 2 ms with drawing.
func BenchmarkKeystrokeParagraph2000(b *testing.B) {
	for _, draw := range []bool{false, true} {
		name := "layout"
		if draw {
			name = "layout+draw"
		}
		b.Run(name, func(b *testing.B) {
			m := newTestModel(paragraphOf(2000), 800)
			m.ensure()
			keystroke(b, m, 0, draw)
		})
	}
}

// BenchmarkKeystrokeSection20KB is one keystroke in a 20 KB section of
// 300-character paragraphs: goal under 8 ms.
func BenchmarkKeystrokeSection20KB(b *testing.B) {
	paras := strings.Split(section20KB(), "\n")
	for _, draw := range []bool{false, true} {
		name := "layout"
		if draw {
			name = "layout+draw"
		}
		b.Run(name, func(b *testing.B) {
			m := newTestModel(strings.Join(paras, "\n"), 800)
			m.ensure()
			keystroke(b, m, len(paras)/2, draw)
		})
	}
}

// section20KB is 20 KB of UTF-8 in paragraphs of 300 characters.
func section20KB() string {
	var paras []string
	for n := 0; n < 20<<10; {
		p := paragraphOf(300)
		paras = append(paras, p)
		n += len(p) + 1
	}
	return strings.Join(paras, "\n")
}

// BenchmarkSetText20KB is opening a 20 KB section: every paragraph laid
// out (shaped words cached after the first run).
func BenchmarkSetText20KB(b *testing.B) {
	text := section20KB()
	m := newTestModel("", 800)
	b.ReportAllocs()
	for b.Loop() {
		m.setText(text)
		m.ensure()
	}
}
