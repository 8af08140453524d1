package snapshot

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/publish/chromiumtest"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/importer"
	"github.com/qalam/policyeditor/storage/sqlite"
	"github.com/qalam/policyeditor/storage/storagetest"
)

// seedPage puts the customer's live privacy policy (storagetest.SeedPage,
// which is what importing it gives) into a real store, publishes it, and
// edits one sentence.
func seedPage(t *testing.T) (*sqlite.DB, storage.Page) {
	t.Helper()
	db := openDB(t)
	p := storagetest.SeedPage()
	p.Slug = slug
	p = createPage(t, db, p)
	if len(p.Sections) < 4 {
		t.Fatalf("seed imported as %d sections", len(p.Sections))
	}
	publishTo(t, db, p, "site")
	s := p.Sections[2]
	edited := strings.Replace(s.Body, "إستخدامك", "استخدامك", 1)
	if edited == s.Body {
		edited = s.Body + "\n\nفقرة مضافة للمراجعة."
	}
	if err := db.SaveSectionBody(t.Context(), s.ID, edited); err != nil {
		t.Fatal(err)
	}
	return db, p
}

func TestSeedSnapshot(t *testing.T) {
	db, p := seedPage(t)
	out, res := build(t, db, Options{})
	block := changesBlock(t, out)
	if res.Changes != 1 || !strings.Contains(block, "<ins>") || !strings.Contains(block, "<del>") && !strings.Contains(block, "فقرة مضافة") {
		t.Errorf("seed edit: %d changes, block:\n%s", res.Changes, block)
	}
	// Only the changed paragraph is shown; the section's other lines are elided.
	if !strings.Contains(block, `<span class="elided">…</span>`) {
		t.Errorf("unchanged lines are not elided:\n%s", block)
	}
	for _, line := range []string{"بيانات وتقارير التصفح والإستخدام التي قمت بها.", "تقوم منصة قلم بجمع البيانات التالية"} {
		if !strings.Contains(p.Sections[2].Body, line) {
			t.Fatalf("seed section changed: no %q", line)
		}
		if strings.Contains(block, line) {
			t.Errorf("unchanged line %q shown in the block", line)
		}
	}
	if !strings.Contains(block, p.Sections[2].Heading) {
		t.Errorf("block does not name the edited section %q", p.Sections[2].Heading)
	}
	t.Logf("seed snapshot: %d bytes (%d KB), fonts %v, %d sections", res.Size, res.Size>>10, res.Fonts, len(p.Sections))
}

// TestChromiumUsesInlinedFonts prints the seed snapshot to PDF with
// headless Chromium, offline and without system Noto fonts mattering:
// the PDF must embed Noto Naskh Arabic, which only the @font-face data
// can have provided when the page is opened from a bare folder.
func TestChromiumUsesInlinedFonts(t *testing.T) {
	bin := chromiumtest.Path(t)
	db, _ := seedPage(t)
	dir := t.TempDir()
	html := filepath.Join(dir, "review.html")
	if _, err := WriteFile(t.Context(), db, slug, html, Options{}); err != nil {
		t.Fatal(err)
	}
	// Rename the family in a copy: a system-installed Noto Naskh Arabic
	// cannot then stand in for the inlined one.
	raw, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	raw = bytes.ReplaceAll(raw, []byte(`"Noto Naskh Arabic"`), []byte(`"Inlined Review Naskh"`))
	if err := os.WriteFile(html, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "out.pdf")
	cmd := exec.CommandContext(t.Context(), bin, chromiumtest.Args(t, "--no-pdf-header-footer",
		"--print-to-pdf="+pdf, chromiumtest.FileURL(html))...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("NotoNaskhArabic")) {
		t.Errorf("PDF (%d bytes) does not embed Noto Naskh Arabic: the inlined @font-face was not used", len(data))
	}
}

func BenchmarkBuildSeed(b *testing.B) {
	res, err := importer.Import("privacy-policy-qalam.txt", assets.SamplePolicy)
	if err != nil {
		b.Fatal(err)
	}
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "drafts.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := b.Context()
	if err := db.CreateTarget(ctx, &storage.Target{Name: "site", Kind: "dir", Location: b.TempDir()}); err != nil {
		b.Fatal(err)
	}
	p := res.Page
	p.Slug = slug
	if err := db.CreatePage(ctx, &p); err != nil {
		b.Fatal(err)
	}
	rev, err := db.CreateRevision(ctx, p.ID, "bench", "publish")
	if err != nil {
		b.Fatal(err)
	}
	pub := storage.Publication{PageID: p.ID, Slug: slug, TargetName: "site", RevisionID: rev.ID, Body: []byte("x")}
	if err := db.CreatePublication(ctx, &pub); err != nil {
		b.Fatal(err)
	}
	if err := db.SaveSectionBody(ctx, p.Sections[2].ID, p.Sections[2].Body+"\n\nفقرة جديدة."); err != nil {
		b.Fatal(err)
	}
	var size int
	for b.Loop() {
		out, _, err := Build(ctx, db, slug, Options{})
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "bytes/snapshot")
}
