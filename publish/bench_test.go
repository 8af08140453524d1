package publish

import (
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage/storagetest"
)

func BenchmarkRenderSeed(b *testing.B) {
	page := storagetest.SeedPage()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(page, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderSeedFragment(b *testing.B) {
	page := storagetest.SeedPage()
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
	page := storagetest.SeedPage()
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
	page := storagetest.SeedPage()
	para := page.Sections[0].Body + "\n"
	page.Sections[0].Body = strings.Repeat(para, MaxBodyBytes/len(para))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(page, Options{Fragment: true}); err != nil {
			b.Fatal(err)
		}
	}
}
