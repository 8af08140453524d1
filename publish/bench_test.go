package publish

import (
	"strings"
	"testing"
)

func BenchmarkRenderSeed(b *testing.B) {
	page := seedPage()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(page, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderSeedFragment(b *testing.B) {
	page := seedPage()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(page, Options{Fragment: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderWorstSection renders the worst body Render accepts that
// we know of: as many link openers as maxLinkScan allows followed by a
// whitespace-free run up to MaxBodyBytes, which each opener re-scans.
func BenchmarkRenderWorstSection(b *testing.B) {
	page := seedPage()
	body := strings.Repeat("[a](b", maxLinkScan/MaxBodyBytes)
	body += strings.Repeat("x", MaxBodyBytes-len(body))
	if err := checkComplexity(body); err != nil {
		b.Fatal(err)
	}
	page.Sections[0].Body = body
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(page, Options{Fragment: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderLargestSection renders a plain-text section of
// MaxBodyBytes.
func BenchmarkRenderLargestSection(b *testing.B) {
	page := seedPage()
	para := page.Sections[0].Body + "\n"
	page.Sections[0].Body = strings.Repeat(para, MaxBodyBytes/len(para))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(page, Options{Fragment: true}); err != nil {
			b.Fatal(err)
		}
	}
}
