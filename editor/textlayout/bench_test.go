package textlayout

import (
	"fmt"
	"testing"

	"github.com/qalam/policyeditor/editor/bidi"
)

// mixedParagraph returns n runes of seed text with Latin words, numbers
// and an e-mail address mixed in, as one paragraph.
func mixedParagraph(n int) []rune {
	var out []rune
	extra := []string{" Google Analytics ", " 17/07/2023م ", " support@gmail.com ", " (www.qlmlearn.com) ", " ١٢٣ "}
	for k := 0; len(out) < n; k++ {
		for _, p := range seedParagraphs() {
			out = append(out, p...)
			out = append(out, []rune(extra[k%len(extra)])...)
			k++
			if len(out) >= n {
				break
			}
		}
	}
	return out[:n]
}

func BenchmarkLayoutParagraph2000(b *testing.B) {
	text := mixedParagraph(2000)
	b.ReportAllocs()
	for b.Loop() {
		Layout(Params{Text: text, Dir: bidi.RTL, Width: 600})
	}
}

func BenchmarkLayoutSeedPage(b *testing.B) {
	paras := seedParagraphs()
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paras {
			Layout(Params{Text: p, Dir: bidi.Auto, Width: 600})
		}
	}
}

// BenchmarkGeometry measures the first caret query (which builds the caret
// stops) plus a hit test on a laid-out 2,000-rune paragraph.
func BenchmarkGeometry(b *testing.B) {
	text := mixedParagraph(2000)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		p := Layout(Params{Text: text, Dir: bidi.RTL, Width: 600})
		b.StartTimer()
		p.HitTest(300, p.Height/2)
		p.NextVisual(1000, true)
	}
}

func BenchmarkDraw(b *testing.B) {
	text := mixedParagraph(500)
	p := Layout(Params{Text: text, Dir: bidi.RTL, Width: 600})
	img := newImage(600, int(p.Height)+1)
	b.ReportAllocs()
	for b.Loop() {
		p.Draw(img, zeroPoint, 1, black)
	}
}

// BenchmarkLayoutParagraph2000Cold is BenchmarkLayoutParagraph2000 without
// the word shaping cache: the cost of laying out text never seen before.
func BenchmarkLayoutParagraph2000Cold(b *testing.B) {
	text := mixedParagraph(2000)
	shapeCacheEnabled = false
	defer func() { shapeCacheEnabled = true }()
	b.ReportAllocs()
	for b.Loop() {
		Layout(Params{Text: text, Dir: bidi.RTL, Width: 600})
	}
}

// TestConcurrentLayout lays out and draws from several goroutines at once
// (run with -race): shapers, faces and caches must not be shared unsafely.
func TestConcurrentLayout(t *testing.T) {
	paras := seedParagraphs()
	want := make([]float32, len(paras))
	for i, p := range paras {
		want[i] = Layout(Params{Text: p, Dir: bidi.Auto, Width: 300}).Height
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			var err error
			for i, p := range paras {
				l := Layout(Params{Text: p, Dir: bidi.Auto, Width: 300})
				if l.Height != want[i] && err == nil {
					err = fmt.Errorf("paragraph %d: height %.2f, want %.2f", i, l.Height, want[i])
				}
				l.Draw(newImage(300, 40), zeroPoint, 1, black)
				l.HitTest(10, 10)
			}
			done <- err
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// BenchmarkLayoutSeedPageFirst lays the seed page out with an empty word
// cache each time: the first display of a page (words repeat inside it).
func BenchmarkLayoutSeedPageFirst(b *testing.B) {
	paras := seedParagraphs()
	fs := DefaultFonts()
	b.ReportAllocs()
	for b.Loop() {
		fs.words.reset()
		for _, p := range paras {
			fs.Layout(Params{Text: p, Dir: bidi.Auto, Width: 600})
		}
	}
}
