package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/importer"
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

// benchPage is the page bench/publishgen makes for the publish --all
// benchmark (testdata/bench/policy.md is "publishgen gen DIR 1"), imported
// as publishgen imports it, with its sections repeated k times.
func benchPage(b *testing.B, k int) storage.Page {
	b.Helper()
	md, err := os.ReadFile(filepath.Join("testdata", "bench", "policy.md"))
	if err != nil {
		b.Fatal(err)
	}
	res, err := importer.Import("policy.md", md)
	if err != nil {
		b.Fatal(err)
	}
	page := res.Page
	page.Slug = "policy"
	sections := page.Sections
	page.Sections = nil
	for range k {
		page.Sections = append(page.Sections, sections...)
	}
	return page
}

// BenchmarkRenderPublishGen renders the publish benchmark's page as
// publish --all does (whole page, default template).
//
// The render speed-up (from 179de79) was measured on it in instructions
// per op, which the shared machine does not disturb: callgrind on the test
// binary, GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1, the instructions of a
// run of 500x less those of 100x, divided by 400: 2.41 M -> 1.19 M
// (2.02x) with GOGC=off, 2.51 M -> 1.23 M (2.03x) with GOGC=400 (the
// setting of publish --all) and about 1.9x with GOGC=100, where the
// collector's share varies by ±3% from run to run; allocations 764 -> 319,
// bytes 126 KB -> 50 KB.
func BenchmarkRenderPublishGen(b *testing.B) {
	page := benchPage(b, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(page, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScalePublishGen: the publish benchmark's page with its sections
// repeated k times.
func BenchmarkScalePublishGen(b *testing.B) {
	benchScaled(b, func(k int) storage.Page { return benchPage(b, k) })
}

// BenchmarkRenderPublishGenUserTemplate is BenchmarkRenderPublishGen for a
// target with its own template.
func BenchmarkRenderPublishGenUserTemplate(b *testing.B) {
	page := benchPage(b, 1)
	path := filepath.Join(b.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(`<!DOCTYPE html><html lang="{{.Lang}}" dir="{{.Dir}}"><head><title>{{.Title}}</title><style>{{.CSS}}</style></head><body>{{.Body}}</body></html>`), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(page, Options{Template: path}); err != nil {
			b.Fatal(err)
		}
	}
}
