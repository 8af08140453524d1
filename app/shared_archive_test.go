package app

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestArchiveSharedByTwoDatabases: two databases publish the same slug to
// one archived folder. Each version file holds exactly the bytes its name's
// hash says, neither database's versions overwrite the other's, and a
// rollback from the first does not replace the second's live page unless
// forced.
func TestArchiveSharedByTwoDatabases(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "shared-site")
	dbA, dbB := filepath.Join(dir, "a", "drafts.db"), filepath.Join(dir, "b", "drafts.db")
	for _, db := range []string{dbA, dbB} {
		if err := os.MkdirAll(filepath.Dir(db), 0o700); err != nil {
			t.Fatal(err)
		}
		mustRun(t, db, "import", seedPath, "--slug", "privacy")
		mustRun(t, db, "targets", "add", "shared", "dir", site, "--archive")
	}
	mustRun(t, dbA, "publish", "privacy", "--target", "shared")
	editFirstSection(t, dbA, "privacy", "نسخة القاعدة أ الثانية")
	mustRun(t, dbA, "publish", "privacy", "--target", "shared")
	editFirstSection(t, dbB, "privacy", "نسخة القاعدة ب")
	mustRun(t, dbB, "publish", "privacy", "--target", "shared")
	live, err := os.ReadFile(filepath.Join(site, "privacy", "index.html"))
	if err != nil || !bytes.Contains(live, []byte("نسخة القاعدة ب")) {
		t.Fatalf("live page is not B's publication (%v)", err)
	}

	versions, err := filepath.Glob(filepath.Join(site, "privacy", "versions", "*-*.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) != 3 {
		t.Errorf("version files %v, want 3 (A's two and B's one, none overwritten)", versions)
	}
	name := regexp.MustCompile(`^[0-9]+-([0-9a-f]{12})\.html$`)
	for _, v := range versions {
		data, err := os.ReadFile(v)
		if err != nil {
			t.Fatal(err)
		}
		m := name.FindStringSubmatch(filepath.Base(v))
		sum := sha256.Sum256(data)
		if m == nil || m[1] != hex.EncodeToString(sum[:])[:12] {
			t.Errorf("%s holds bytes with hash %x…, not the one in its name", filepath.Base(v), sum[:6])
		}
	}

	code, _, errOut := run(t, dbA, "rollback", "privacy", "--target", "shared")
	if code != 1 || !strings.Contains(errOut, "not published by this database") || !strings.Contains(errOut, "--force") {
		t.Errorf("rollback over B's live page: exit %d, stderr %q; want 1, the reason and --force", code, errOut)
	}
	if after, _ := os.ReadFile(filepath.Join(site, "privacy", "index.html")); !bytes.Equal(after, live) {
		t.Error("a refused rollback changed the live page")
	}
	mustRun(t, dbA, "rollback", "privacy", "--target", "shared", "--force")
	if after, _ := os.ReadFile(filepath.Join(site, "privacy", "index.html")); bytes.Contains(after, []byte("نسخة القاعدة ب")) {
		t.Error("rollback --force left B's page live")
	}
}
