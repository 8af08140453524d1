package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// editFirstSection changes the draft's first section (a save, as the
// window makes it) so that the next publish has new content.
func editFirstSection(t testing.TB, dbPath, slug, body string) {
	t.Helper()
	db, err := sqlite.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	p, err := db.FindPageBySlug(ctx, slug)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpdateSection(ctx, p.Sections[0].ID, storage.SectionUpdate{Body: &body}); err != nil {
		t.Fatal(err)
	}
}

// TestConcurrentPublishesRecordOnce: two processes publishing the same page
// at the same moment write and record it once; the second sees it
// unchanged (one lock per target across processes).
func TestConcurrentPublishesRecordOnce(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	mustRun(t, db, "import", seedPath, "--slug", "privacy")
	const rounds = 6
	for i := range rounds {
		editFirstSection(t, db, "privacy", fmt.Sprintf("نص الجولة %d", i))
		var wg sync.WaitGroup
		outs := make([]string, 2)
		for k := range outs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				code, out, errOut := runChild(t, db, "publish", "privacy")
				if code != 0 {
					t.Errorf("round %d: publish: exit %d, %s", i, code, errOut)
				}
				outs[k] = out
			}()
		}
		wg.Wait()
		joined := strings.Join(outs, "")
		if strings.Count(joined, "unchanged") != 1 || strings.Count(joined, "published privacy") != 1 {
			t.Errorf("round %d: outputs %q; want one publish and one \"unchanged\"", i, outs)
		}
	}
	hist := mustRun(t, db, "history", "privacy")
	if n := len(strings.Split(strings.TrimSpace(hist), "\n")); n != rounds {
		t.Errorf("history has %d publications after %d rounds of two publishes, want %d:\n%s", n, rounds, rounds, hist)
	}
}

// TestKilledPublishTempsArePrivateAndCleaned: a temporary file a killed
// publish left in the web root (any age) is gone after the next publish,
// and the temporary files a publish writes are 0600 until renamed.
func TestKilledPublishTempsArePrivateAndCleaned(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	mustRun(t, db, "import", seedPath, "--slug", "privacy")
	mustRun(t, db, "publish", "privacy")
	site := filepath.Join(dir, "site")
	left := []string{filepath.Join(site, ".policyeditor-tmp-0123456789abcdef"), filepath.Join(site, "privacy", ".policyeditor-tmp-fedcba9876543210")}
	for _, p := range left {
		if err := os.WriteFile(p, []byte("<p>صفحة كاملة</p>"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	editFirstSection(t, db, "privacy", "نص جديد")
	mustRun(t, db, "publish", "privacy")
	for _, p := range left {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s (a fresh leftover) is still there after the next publish", p)
		}
	}
}
