package deploy

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
	"github.com/qalam/policyeditor/storage/storagetest"
)

// benchStore opens a real SQLite store with n copies of the sample policy
// (storagetest.SeedPage, what importing it gives), each with its own slug
// and a line that makes it unique.
func benchStore(b *testing.B, n int) *sqlite.DB {
	b.Helper()
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "drafts.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	ctx := context.Background()
	for i := range n {
		p := storagetest.SeedPage()
		p.Slug = fmt.Sprintf("policy-%03d", i)
		p.Sections[0].Body += fmt.Sprintf("\n\nالصفحة رقم %d.", i)
		if err := db.CreatePage(ctx, &p); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

// BenchmarkPublish100Pages publishes 100 changed pages to a fresh folder
// target per iteration: render, date stamp, atomic write with fsync of file
// and folder, revision and publication in SQLite.
func BenchmarkPublish100Pages(b *testing.B) {
	db := benchStore(b, 100)
	ctx := context.Background()
	p := &Publisher{Store: db, Author: "bench"}
	i := 0
	for b.Loop() {
		b.StopTimer()
		name := fmt.Sprintf("site-%d", i)
		i++
		t := storage.Target{Name: name, Kind: storage.TargetDir, Location: filepath.Join(b.TempDir(), name)}
		if err := db.CreateTarget(ctx, &t); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		pubs, err := p.PublishAll(ctx, name)
		if err != nil || len(pubs) != 100 {
			b.Fatalf("PublishAll = %d, %v", len(pubs), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*100), "ns/page")
}

// BenchmarkPublish100PagesUnchanged is the second run: every page renders
// to the bytes already published, so nothing is written.
func BenchmarkPublish100PagesUnchanged(b *testing.B) {
	db := benchStore(b, 100)
	ctx := context.Background()
	t := storage.Target{Name: "site", Kind: storage.TargetDir, Location: filepath.Join(b.TempDir(), "site")}
	if err := db.CreateTarget(ctx, &t); err != nil {
		b.Fatal(err)
	}
	p := &Publisher{Store: db, Author: "bench"}
	if _, err := p.PublishAll(ctx, "site"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := p.PublishAll(ctx, "site"); err != nil {
			b.Fatal(err)
		}
	}
}

// storeOnly hides the batch methods of a store, so the Publisher takes
// its page-by-page paths.
type storeOnly struct{ Store }

// BenchmarkLoad100Pages reads 100 pages with their sections and last
// publication as PublishAll does (loadAll), with the store's batch reads
// (BatchLoader), against BenchmarkLoad100PagesOneByOne: two read
// transactions per page.
func BenchmarkLoad100Pages(b *testing.B) { benchLoad(b, false) }

func BenchmarkLoad100PagesOneByOne(b *testing.B) { benchLoad(b, true) }

func benchLoad(b *testing.B, oneByOne bool) {
	db := benchStore(b, 100)
	ctx := context.Background()
	t := storage.Target{Name: "site", Kind: storage.TargetDir, Location: filepath.Join(b.TempDir(), "site")}
	if err := db.CreateTarget(ctx, &t); err != nil {
		b.Fatal(err)
	}
	p := &Publisher{Store: db, Author: "bench"}
	if _, err := p.PublishAll(ctx, "site"); err != nil {
		b.Fatal(err)
	}
	if oneByOne {
		p.Store = storeOnly{db}
	}
	pages, err := db.FindPages(ctx, storage.PageFilter{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		jobs, _ := p.loadAll(ctx, t, pages)
		for _, j := range jobs {
			if j.err != nil || !j.pr.hasLast || len(j.pr.page.Sections) == 0 {
				b.Fatalf("%s: %v, last %v, %d sections", j.pr.page.Slug, j.err, j.pr.hasLast, len(j.pr.page.Sections))
			}
		}
	}
}
