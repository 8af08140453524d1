package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/storagetest"
	"github.com/qalam/policyeditor/storage/storetest"
)

// arabicBody returns at most n bytes (whole paragraphs) of Arabic Markdown.
func arabicBody(n int) string {
	const para = "## أهمية سياسة الخصوصية\n\nتلتزم منصة قلم بحماية خصوصية المستخدمين (www.qlmlearn.com) " +
		"وفق الأنظمة المعمول بها في ١٧/٠٧/٢٠٢٣م، **ولا** نشارك بياناتك مع أي طرف ثالث.\n\n"
	return strings.Repeat(para, n/len(para))
}

// BenchmarkSaveSectionBody: one autosave of a 13 KB Arabic body on a real
// file in WAL mode (synchronous=NORMAL).
func BenchmarkSaveSectionBody(b *testing.B) {
	ctx := context.Background()
	db := MustOpenDB(b)
	p := mustCreatePage(b, db, "p", 12)
	body := arabicBody(13 << 10)
	id := p.Sections[5].ID
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		// Alternate two bodies so every save really changes the row.
		if err := db.SaveSectionBody(ctx, id, body[:len(body)-i%2]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFindPageBySlug: load a 12-section page (13 KB bodies) by slug.
func BenchmarkFindPageBySlug(b *testing.B) {
	ctx := context.Background()
	db := MustOpenDB(b)
	for _, s := range []string{"a", "b", "سياسة-الخصوصية", "z"} {
		p := mustCreatePage(b, db, s, 12)
		for _, sec := range p.Sections {
			if err := db.SaveSectionBody(ctx, sec.ID, arabicBody(13<<10)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		p, err := db.FindPageBySlug(ctx, "سياسة-الخصوصية")
		if err != nil || len(p.Sections) != 12 {
			b.Fatal(err)
		}
	}
}

// BenchmarkStoreAutosave and BenchmarkStorePageLoad: the shared store
// benchmarks (storage/storetest), beside storage/postgres's.
func BenchmarkStoreAutosave(b *testing.B) { storetest.BenchAutosave(b, MustOpenDB(b)) }
func BenchmarkStorePageLoad(b *testing.B) { storetest.BenchPageLoad(b, MustOpenDB(b)) }

func BenchmarkStoreDataChanged(b *testing.B) { storetest.BenchDataChanged(b, MustOpenDB(b)) }

// BenchmarkStoreChangeSeen: another process's save seen by a waiter (the
// window's watcher), through a second handle on the file.
func BenchmarkStoreChangeSeen(b *testing.B) {
	db := MustOpenDB(b)
	storetest.BenchChangeSeen(b, db, MustOpenDBAt(b, db.Path()))
}

// BenchmarkPublishRecording is the store's share of publishing 100
// changed pages in two batches of 50, as publish --all does: per batch
// the intents (BeginPublications), then the records (RecordPublications:
// page update, revision of the page as published, publication of an
// 11 KB body, intent deleted), then closing the store (its checkpoint).
// Each iteration starts from a copy of the same file.
func BenchmarkPublishRecording(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	tmpl := filepath.Join(dir, "template.db")
	db, err := Open(tmpl)
	if err != nil {
		b.Fatal(err)
	}
	var pages []storage.Page
	for i := range 100 {
		p := storagetest.SeedPage()
		p.Slug = fmt.Sprintf("policy-%03d", i)
		p.Sections[0].Body += fmt.Sprintf("\n\nالصفحة رقم %d.", i)
		if err := db.CreatePage(ctx, &p); err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
	}
	mustCreateTarget(b, db, "site")
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	tmplBytes, err := os.ReadFile(tmpl)
	if err != nil {
		b.Fatal(err)
	}
	body := []byte(arabicBody(11 << 10))
	b.ReportAllocs()
	var cpu int64
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		path := filepath.Join(dir, fmt.Sprintf("run-%d.db", i))
		if err := os.WriteFile(path, tmplBytes, 0o600); err != nil {
			b.Fatal(err)
		}
		db, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		cpu0 := cpuTime()
		for start := 0; start < len(pages); start += 50 {
			recordBatch(b, db, pages[start:start+50], body)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - cpu0
		b.StopTimer()
		for _, suf := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suf)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the user and system CPU time of the process so far, in ns
// (SQLite's own work runs in cgo calls and the kernel, beside the Go
// code the CPU profile shows).
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// recordBatch records the publication of pages as deploy does: intents,
// then records that complete them.
func recordBatch(b *testing.B, db *DB, pages []storage.Page, body []byte) {
	ctx := context.Background()
	record := func(p storage.Page, intent int64) storage.PublishRecord {
		status := storage.StatusPublished
		date := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
		snap := p
		snap.Status, snap.LastUpdated = status, date
		b := append([]byte(nil), body...)
		b = append(b, p.Slug...)
		sum := sha256.Sum256(b)
		return storage.PublishRecord{PageID: p.ID, Update: storage.PageUpdate{LastUpdated: &date, Status: &status},
			Revision: true, RevisionNote: "publish", Snapshot: &snap, Intent: intent,
			Publication: &storage.Publication{PageID: p.ID, Slug: p.Slug, TargetName: "site",
				Hash: hex.EncodeToString(sum[:]), Author: "bench", Note: "publish", At: time.Now(), Body: b}}
	}
	intents := make([]storage.PendingPublication, len(pages))
	for i, p := range pages {
		r := record(p, 0)
		intents[i] = storage.PendingPublication{Target: "site", Rel: p.Slug + "/index.html", Hash: r.Publication.Hash, Record: r}
	}
	if err := db.BeginPublications(ctx, intents); err != nil {
		b.Fatal(err)
	}
	recs := make([]storage.PublishRecord, len(pages))
	for i, p := range pages {
		recs[i] = record(p, intents[i].ID)
	}
	for i, err := range db.RecordPublications(ctx, recs) {
		if err != nil {
			b.Fatalf("record %d: %v", i, err)
		}
	}
}
