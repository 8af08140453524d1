package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

// scaled makes a page of n× the seed's text: n copies of its sections
// (headings numbered so they stay distinct), from 4× on half as many
// copies with each body twice, so long bodies are measured too.
func scaled(p storage.Page, n int) storage.Page {
	out := p
	out.Sections = nil
	copies, rep := n, 1
	if n >= 4 {
		copies, rep = n/2, 2
	}
	for c := range copies {
		for _, s := range p.Sections {
			s.Heading = fmt.Sprintf("%s %d", s.Heading, c)
			s.Body = strings.Repeat(s.Body+"\n", rep)
			out.Sections = append(out.Sections, s)
		}
	}
	return out
}

func BenchmarkChecks(b *testing.B) {
	seed := seedPage(b)
	for _, n := range []int{1, 4, 16} {
		p := scaled(seed, n)
		size := 0
		for _, s := range p.Sections {
			size += len(s.Heading) + len(s.Body)
		}
		b.Run(fmt.Sprintf("seed%dx", n), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				Page(p, fixedNow)
			}
		})
		// What publishing runs on every page it writes.
		b.Run(fmt.Sprintf("errors-seed%dx", n), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				Errors(p, fixedNow)
			}
		})
	}
}

// BenchmarkLongParagraph is one section of one long line at 1×/4×/16×:
// the worst case for per-line scans.
func BenchmarkLongParagraph(b *testing.B) {
	seed := seedPage(b)
	var all strings.Builder
	for _, s := range seed.Sections {
		all.WriteString(strings.ReplaceAll(s.Body, "\n", " "))
	}
	for _, n := range []int{1, 4, 16} {
		p := bodyPage(strings.Repeat(all.String(), n))
		b.Run(fmt.Sprintf("%dx", n), func(b *testing.B) {
			b.SetBytes(int64(len(p.Sections[0].Body)))
			for b.Loop() {
				Page(p, fixedNow)
			}
		})
	}
}

func BenchmarkFixSeed(b *testing.B) {
	p := seedPage(b)
	for b.Loop() {
		Fix(p, fixedNow)
	}
}

// hostileUnit is text made to defeat the checks: one long line of glued
// scripts, commas, brackets, spaces, digits.
var hostileUnit = strings.Repeat("aب", 200) + " " + strings.Repeat(", ", 200) + strings.Repeat("((«[", 100) +
	strings.Repeat("x  ", 200) + strings.Repeat("1٢", 200) + strings.Repeat("إستخدام ، ", 100) +
	strings.Repeat("ـ", 300) + strings.Repeat("a@", 100) + strings.Repeat("\"", 101)

// BenchmarkHostile runs the checks on hostileUnit at 1×/4×/16×.
func BenchmarkHostile(b *testing.B) {
	for _, n := range []int{1, 4, 16} {
		p := bodyPage(strings.Repeat(hostileUnit, n))
		b.Run(fmt.Sprintf("%dx", n), func(b *testing.B) {
			b.SetBytes(int64(len(p.Sections[0].Body)))
			for b.Loop() {
				Page(p, fixedNow)
			}
		})
	}
}

// BenchmarkImpl compares Page with the old implementation (oldPage, the
// test oracle) on the seed and on a page as bench/publishgen generates it,
// at 1×/4×/16×: `benchstat -col /impl`. On a shared machine instruction
// counts are steadier than times: the difference between
//
//	GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind \
//		./check.test -test.run x -test.bench 'Impl/page=seed1x/impl=new$' -test.benchtime 101x
//
// and the same with 1x, divided by 100, is the instructions of one Page.
func BenchmarkImpl(b *testing.B) {
	pages := map[string]storage.Page{"seed": seedPage(b), "generated": generatedPage(b)}
	for _, name := range []string{"seed", "generated"} {
		for _, n := range []int{1, 4, 16} {
			p := scaled(pages[name], n)
			for _, impl := range []struct {
				name string
				page func(storage.Page, Options) []Finding
			}{{"old", oldPage}, {"new", Page}} {
				b.Run(fmt.Sprintf("page=%s%dx/impl=%s", name, n, impl.name), func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						impl.page(p, fixedNow)
					}
				})
			}
		}
	}
}
