package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedPath is the live page of the first customer, as shipped in assets.
const seedPath = "../assets/sample/privacy-policy-qalam.txt"

// run calls Main with a database in dir and returns the exit status and outputs.
func run(t *testing.T, db string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(append([]string{"--db", db}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

// mustRun fails the test unless the command exits 0.
func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	code, out, errOut := run(t, db, args...)
	if code != 0 {
		t.Fatalf("policyeditor %s: exit %d, stderr %q", strings.Join(args, " "), code, errOut)
	}
	return out
}

func TestImportPagesExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "drafts.db")
	out := mustRun(t, db, "import", seedPath, "--slug", "privacy")
	if !strings.Contains(out, "imported privacy: 8 sections") {
		t.Errorf("import output = %q, want the slug and 8 sections", out)
	}
	for _, chrome := range []string{"هل لديك سؤال؟", "Are you sure you want to delete this file?"} {
		if !strings.Contains(out, chrome) {
			t.Errorf("import output does not list the left-out line %q:\n%s", chrome, out)
		}
	}

	pages := mustRun(t, db, "pages")
	lines := strings.Split(strings.TrimSpace(pages), "\n")
	if len(lines) != 1 {
		t.Fatalf("pages printed %d lines, want 1 (no header):\n%s", len(lines), pages)
	}
	fields := strings.Fields(lines[0])
	if fields[0] != "privacy" || fields[len(fields)-1] != "2023-07-17" || fields[len(fields)-2] != "8" {
		t.Errorf("pages line = %q, want slug first, 8 sections and 2023-07-17 last", lines[0])
	}

	md := mustRun(t, db, "export", "privacy")
	for _, want := range []string{"# سياسة الخصوصية لموقع منصة قلم\n", "## أولاً: أهمية سياسة الخصوصية لمنصة قلم", "## ختاماً", "support@gmail.com", "www.qlmlearn.com"} {
		if !strings.Contains(md, want) {
			t.Errorf("export md lacks %q", want)
		}
	}

	var page pageJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "export", "privacy", "--format", "json")), &page); err != nil {
		t.Fatalf("export json: %v", err)
	}
	if page.Slug != "privacy" || page.Dir != "rtl" || len(page.Sections) != 8 || page.LastUpdated != "2023-07-17" {
		t.Errorf("export json = slug %q dir %q %d sections date %q, want privacy rtl 8 2023-07-17", page.Slug, page.Dir, len(page.Sections), page.LastUpdated)
	}
}

// An exported page imports back to the same sections.
func TestExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	mustRun(t, db, "import", seedPath, "--slug", "a")
	md := mustRun(t, db, "export", "a")
	mdPath := filepath.Join(dir, "a.md")
	if err := os.WriteFile(mdPath, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, db, "import", mdPath, "--slug", "b")
	var a, b pageJSON
	for slug, p := range map[string]*pageJSON{"a": &a, "b": &b} {
		if err := json.Unmarshal([]byte(mustRun(t, db, "export", slug, "--format", "json")), p); err != nil {
			t.Fatal(err)
		}
	}
	if a.Title != b.Title || a.LastUpdated != b.LastUpdated || len(a.Sections) != len(b.Sections) {
		t.Fatalf("round trip: %q %s %d sections, then %q %s %d", a.Title, a.LastUpdated, len(a.Sections), b.Title, b.LastUpdated, len(b.Sections))
	}
	for i := range a.Sections {
		sa, sb := a.Sections[i], b.Sections[i]
		if sa.Kind != sb.Kind || sa.Label != sb.Label || sa.Heading != sb.Heading || strings.TrimSpace(sa.Body) != strings.TrimSpace(sb.Body) {
			t.Errorf("section %d changed in the round trip:\n%+v\n%+v", i, sa, sb)
		}
	}
}

// User errors exit non-zero with one line on stderr and no trace.
func TestUserErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	binary := filepath.Join(dir, "blob.txt")
	if err := os.WriteFile(binary, []byte("abc\x00\x01\x02def"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, db, "import", seedPath, "--slug", "taken")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"import"}, 2, "missing FILE"},
		{[]string{"import", filepath.Join(dir, "missing.txt")}, 1, "missing.txt"},
		{[]string{"import", binary}, 1, "binary"},
		{[]string{"import", empty}, 1, "empty"},
		{[]string{"import", dir}, 1, "folder"},
		{[]string{"import", seedPath, "--slug", "taken"}, 1, "already exists"},
		{[]string{"import", seedPath, "--slug", "../escape"}, 1, "slug"},
		{[]string{"export", "nope"}, 1, `no page with the slug "nope"`},
		{[]string{"export", "taken", "--format", "pdf"}, 2, "unknown format"},
		{[]string{"pages", "extra"}, 2, "unexpected argument"},
	}
	for _, c := range cases {
		code, _, errOut := run(t, db, c.args...)
		if code != c.code {
			t.Errorf("policyeditor %v: exit %d, want %d (stderr %q)", c.args, code, c.code, errOut)
		}
		if !strings.Contains(errOut, c.want) {
			t.Errorf("policyeditor %v: stderr %q does not mention %q", c.args, errOut, c.want)
		}
		first := strings.SplitN(errOut, "\n", 2)[0]
		if !strings.HasPrefix(first, "policyeditor: ") || strings.Contains(errOut, "goroutine") {
			t.Errorf("policyeditor %v: stderr %q is not one clear line", c.args, errOut)
		}
	}
	if out := mustRun(t, db, "pages"); strings.Count(out, "\n") != 1 {
		t.Errorf("failed imports created pages:\n%s", out)
	}
}

// The environment variable chooses the database when --db is absent.
func TestDatabaseFromEnvironment(t *testing.T) {
	db := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("POLICYEDITOR_DB", db)
	var out, errOut bytes.Buffer
	if code := Main([]string{"import", seedPath}, &out, &errOut); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errOut.String())
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("POLICYEDITOR_DB was not used: %v", err)
	}
}
