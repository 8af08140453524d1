package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

// The store benchmarks, run by each implementation's bench_test.go on
// the same workload so their figures can be set side by side: a policy of
// 12 sections with 13 KB Arabic Markdown bodies.

// ArabicBody returns at most n bytes (whole paragraphs) of Arabic Markdown.
func ArabicBody(n int) string {
	const para = "## أهمية سياسة الخصوصية\n\nتلتزم منصة قلم بحماية خصوصية المستخدمين (www.qlmlearn.com) " +
		"وفق الأنظمة المعمول بها في ١٧/٠٧/٢٠٢٣م، **ولا** نشارك بياناتك مع أي طرف ثالث.\n\n"
	return strings.Repeat(para, n/len(para))
}

// benchPage creates the benchmark page (slug) with 12 sections of 13 KB.
func benchPage(b *testing.B, db Store, slug string) storage.Page {
	b.Helper()
	p := storage.Page{Slug: slug, Title: "سياسة الخصوصية"}
	for range 12 {
		p.Sections = append(p.Sections, storage.Section{Heading: "عنوان", Body: ArabicBody(13 << 10)})
	}
	if err := db.CreatePage(context.Background(), &p); err != nil {
		b.Fatal(err)
	}
	return p
}

// reportLatency adds p50 and p99 of the per-operation times (µs).
func reportLatency(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	at := func(q float64) float64 { return float64(d[int(q*float64(len(d)-1))].Nanoseconds()) / 1e3 }
	b.ReportMetric(at(0.50), "p50-µs")
	b.ReportMetric(at(0.99), "p99-µs")
}

// BenchAutosave: one autosave of a 13 KB section body as the window makes
// it, from the version it last saved (UpdateSection with IfVersion: the
// check and the write in one transaction), with p50/p99.
func BenchAutosave(b *testing.B, db Store) {
	ctx := context.Background()
	p := benchPage(b, db, "p")
	body := ArabicBody(13 << 10)
	id, version := p.Sections[5].ID, p.Sections[5].Version
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	times := make([]time.Duration, 0, 4096)
	for i := 0; b.Loop(); i++ {
		next := body[:len(body)-i%2] // every save really changes the row
		t0 := time.Now()
		s, err := db.UpdateSection(ctx, id, storage.SectionUpdate{Body: &next, IfVersion: version})
		times = append(times, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		version = s.Version
	}
	reportLatency(b, times)
}

// BenchPageLoad: load the 12-section page by slug among four, with
// p50/p99.
func BenchPageLoad(b *testing.B, db Store) {
	ctx := context.Background()
	for _, s := range []string{"a", "b", "سياسة-الخصوصية", "z"} {
		benchPage(b, db, s)
	}
	b.ReportAllocs()
	times := make([]time.Duration, 0, 4096)
	for b.Loop() {
		t0 := time.Now()
		p, err := db.FindPageBySlug(ctx, "سياسة-الخصوصية")
		times = append(times, time.Since(t0))
		if err != nil || len(p.Sections) != 12 {
			b.Fatal(err)
		}
	}
	reportLatency(b, times)
}
