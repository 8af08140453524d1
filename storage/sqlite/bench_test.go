package sqlite

import (
	"context"
	"strings"
	"testing"

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
