package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The publish verbs end to end on a real database and a real folder:
// publish, render equals the published bytes, history, rollback restores
// the exact earlier bytes.
func TestPublishHistoryRollback(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	site := filepath.Join(dir, "www")
	mustRun(t, db, "import", seedPath, "--slug", "privacy")
	mustRun(t, db, "targets", "add", "web", "dir", site, "--layout", "flat", "--url", "https://example.com/{slug}.html")
	if out := mustRun(t, db, "targets"); !strings.Contains(out, "site") || !strings.Contains(out, "web") || !strings.Contains(out, "https://example.com/{slug}.html") {
		t.Errorf("targets = %q, want the default site target and web with its URL", out)
	}
	if code, _, errOut := run(t, db, "targets", "add", "bad", "dir", site, "--url", "example.com/{slug}"); code != 1 || !strings.Contains(errOut, "https://") {
		t.Errorf("targets add with a URL without scheme: exit %d, %q; want 1 and advice to start with https://", code, errOut)
	}

	// render before the first publication already shows the date publish
	// will stamp (today), so it is the exact bytes publish writes.
	rendered := mustRun(t, db, "render", "privacy", "--target", "web")
	if out := mustRun(t, db, "publish", "privacy", "--target", "web"); !strings.Contains(out, "version 1") {
		t.Errorf("publish output = %q, want version 1", out)
	}
	first, err := os.ReadFile(filepath.Join(site, "privacy.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(first, []byte(`dir="rtl"`)) || !bytes.Contains(first, []byte("أولاً")) {
		t.Errorf("published page lacks dir=rtl or the ordinal heading")
	}
	if rendered != string(first) {
		t.Errorf("render before publishing differs from the published bytes (%d vs %d bytes)", len(rendered), len(first))
	}
	if out := mustRun(t, db, "publish", "privacy", "--target", "web"); !strings.Contains(out, "unchanged") {
		t.Errorf("publishing an unchanged page = %q, want it reported unchanged", out)
	}

	// A second version: change the draft through an import-free path, the
	// Markdown round trip, then publish again.
	md := strings.Replace(mustRun(t, db, "export", "privacy"), "support@gmail.com", "privacy@qlmlearn.com", 1)
	mdPath := filepath.Join(dir, "v2.md")
	if err := os.WriteFile(mdPath, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, db, "import", mdPath, "--slug", "privacy-v2")
	mustRun(t, db, "publish", "privacy-v2", "--target", "web")
	mustRun(t, db, "publish", "--all", "--target", "site")
	if _, err := os.Stat(filepath.Join(dir, "site", "privacy", "index.html")); err != nil {
		t.Errorf("publish --all to the default target: %v", err)
	}

	hist := mustRun(t, db, "history", "privacy")
	if n := strings.Count(hist, "\n"); n != 2 {
		t.Errorf("history lists %d publications, want 2 (web and site):\n%s", n, hist)
	}
	// Overwrite the live file by hand, then roll back to version 1.
	if err := os.WriteFile(filepath.Join(site, "privacy.html"), []byte("defaced"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, db, "publish", "privacy", "--target", "web"); !strings.Contains(out, "republished") {
		t.Errorf("publishing over a defaced live file = %q, want it republished", out)
	}
	code, _, errOut := run(t, db, "rollback", "privacy", "--target", "web", "--to", "7")
	if code == 0 || !strings.Contains(errOut, "7") {
		t.Errorf("rollback to a missing version: exit %d, stderr %q", code, errOut)
	}
	mustRun(t, db, "rollback", "privacy", "--target", "web", "--to", "1")
	restored, err := os.ReadFile(filepath.Join(site, "privacy.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(restored, first) {
		t.Errorf("rollback did not restore the exact bytes of version 1")
	}
}

func TestSnapshotVerb(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	mustRun(t, db, "import", seedPath, "--slug", "privacy")
	out := filepath.Join(dir, "review.html")
	if got := mustRun(t, db, "snapshot", "privacy", "-o", out); !strings.Contains(got, "first publication") {
		t.Errorf("snapshot output = %q", got)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(bytes.ToLower(data), []byte("<script")) || !bytes.Contains(data, []byte("@font-face")) {
		t.Errorf("snapshot has a script or no inlined font")
	}
	if code, _, errOut := run(t, db, "snapshot", "privacy"); code != 2 || !strings.Contains(errOut, "-o FILE") {
		t.Errorf("snapshot without -o: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := run(t, db, "snapshot", "privacy", "-o", dir); code != 1 || !strings.Contains(errOut, "directory") {
		t.Errorf("snapshot onto a folder: exit %d, stderr %q", code, errOut)
	}
}

func TestTargetErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "drafts.db")
	mustRun(t, db, "import", seedPath, "--slug", "privacy")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"targets", "add", "x", "ftp", "/tmp/x"}, 2, "unknown target kind"},
		{[]string{"targets", "add", "site", "dir", "/tmp/x"}, 1, "already exists"},
		{[]string{"targets", "add", "x", "dir", "/tmp/x", "--layout", "tree"}, 2, "unknown layout"},
		{[]string{"publish", "privacy", "--target", "nowhere"}, 1, "nowhere"},
		{[]string{"publish"}, 2, "missing SLUG"},
		{[]string{"rollback", "privacy"}, 1, "privacy"},
	}
	for _, c := range cases {
		code, _, errOut := run(t, db, c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("policyeditor %v: exit %d stderr %q, want exit %d mentioning %q", c.args, code, errOut, c.code, c.want)
		}
	}
}
