package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckAndFix(t *testing.T) {
	t.Setenv("POLICYEDITOR_LANG", "en")
	db := filepath.Join(t.TempDir(), "drafts.db")
	mustRun(t, db, "import", seedPath, "--slug", "p")
	out := mustRun(t, db, "check", "p") // warnings only: exit 0
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 27 {
		t.Errorf("check printed %d lines, want 27:\n%s", len(lines), out)
	}
	want := "warning\t2 body\t5:71\tglued-latin\twrite تحليلات Google: Arabic and Latin letters are glued together in تحليلاتGoogle\tfix: «تحليلات Google»"
	if !strings.Contains(out, want+"\n") {
		t.Errorf("check output lacks %q:\n%s", want, out)
	}
	ar := mustRun(t, db, "check", "p", "--lang", "ar")
	if !strings.Contains(ar, "همزة «الإقتراحات» همزة وصل فتُكتب بلا همز: الاقتراحات") {
		t.Errorf("Arabic check output:\n%s", ar)
	}
	var js struct {
		Errors, Warnings int
		Findings         []struct {
			Check, Severity, Message, Field string
			Section, Line, Column           int
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, "check", "p", "--json")), &js); err != nil {
		t.Fatal(err)
	}
	if js.Errors != 0 || js.Warnings != 27 || js.Findings[0].Section != 1 || js.Findings[0].Check != "heading-period" {
		t.Errorf("check --json = %+v", js)
	}

	// Only the named checks, then the rest.
	out = mustRun(t, db, "fix", "p", "hamzat-wasl")
	if !strings.Contains(out, "9 fixes (hamzat-wasl 9)") || !strings.Contains(out, "restore p 1") {
		t.Errorf("fix hamzat-wasl: %q", out)
	}
	if strings.Contains(mustRun(t, db, "check", "p"), "hamzat-wasl") {
		t.Error("hamzat-wasl findings left after fixing them")
	}
	out = mustRun(t, db, "fix", "p")
	if !strings.Contains(out, "18 fixes") || !strings.Contains(out, "revision 2") {
		t.Errorf("fix: %q", out)
	}
	if out := mustRun(t, db, "check", "p"); out != "p: no findings\n" {
		t.Errorf("check after fix: %q", out)
	}
	if out := mustRun(t, db, "fix", "p"); out != "p: nothing to fix\n" {
		t.Errorf("second fix: %q", out)
	}
	// Undo: the draft before each fix is a revision.
	mustRun(t, db, "restore", "p", "1")
	if out := mustRun(t, db, "check", "p"); strings.Count(out, "\n") != 27 {
		t.Errorf("after restoring revision 1, check gives:\n%s", out)
	}
	if code, _, errOut := run(t, db, "fix", "p", "no-such-check"); code != exitUsage || !strings.Contains(errOut, "hamzat-wasl") {
		t.Errorf("fix with an unknown check: %d %q", code, errOut)
	}
}

func TestCheckExitsOneOnError(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	file := filepath.Join(dir, "p.md")
	if err := os.WriteFile(file, []byte("# سياسة\n\n## أولاً: قسم\n\nراسلنا على support@gmail (مثلاً.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, db, "import", file, "--slug", "p")
	code, out, errOut := run(t, db, "check", "p")
	if code != 1 || !strings.Contains(out, "error\t1 body\t1:12\tmalformed-email") || !strings.Contains(out, "unbalanced") ||
		!strings.Contains(errOut, "2 errors and 1 warnings") {
		t.Errorf("check = %d\n%s\n%s", code, out, errOut)
	}
}

func TestRevisionsKeepDiffRestoreImportInto(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	mustRun(t, db, "--as", "mona", "import", seedPath, "--slug", "p")
	revs := mustRun(t, db, "revisions", "p")
	if !strings.HasPrefix(revs, "1 ") || !strings.Contains(revs, "mona") || !strings.Contains(revs, "import") || !strings.Contains(revs, "= draft") {
		t.Errorf("revisions after import: %q", revs)
	}
	if out := mustRun(t, db, "keep", "p", "--note", "x"); !strings.Contains(out, "revision 1 (import) already holds") {
		t.Errorf("keep of an unchanged draft: %q", out)
	}
	// Edit elsewhere and import the file back into the page.
	md := mustRun(t, db, "export", "p")
	edited := strings.Replace(md, "مبادئ الشفافية الثقة", "مبادئ الشفافية والثقة", 1)
	file := filepath.Join(dir, "edited.md")
	if err := os.WriteFile(file, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("POLICYEDITOR_USER", "sami")
	out := mustRun(t, db, "import", file, "--into", "p")
	if !strings.Contains(out, "the draft before is revision 1") || !strings.Contains(out, "[-الثقة-]{+والثقة+}") {
		t.Errorf("import --into: %q", out)
	}
	if strings.Count(out, "@@ section") != 1 {
		t.Errorf("import --into changed more than one section:\n%s", out)
	}
	d := mustRun(t, db, "diff", "p", "1", "draft")
	if !strings.Contains(d, "--- revision 1 (import)\n+++ draft\n") || !strings.Contains(d, "@@ section 1 (changed)") {
		t.Errorf("diff 1 draft:\n%s", d)
	}
	if out := mustRun(t, db, "keep", "p", "--note", "reviewed wording"); !strings.Contains(out, "revision 2") {
		t.Errorf("keep: %q", out)
	}
	if revs := mustRun(t, db, "revisions", "p"); !strings.Contains(revs, "sami") || !strings.Contains(revs, "reviewed wording") {
		t.Errorf("revisions: %q", revs)
	}
	mustRun(t, db, "restore", "p", "1")
	if d := mustRun(t, db, "diff", "p", "1", "draft"); !strings.Contains(d, "no changes") {
		t.Errorf("after restore of 1:\n%s", d)
	}
	if out := mustRun(t, db, "restore", "p", "1"); !strings.Contains(out, "is the draft already") {
		t.Errorf("restore of the draft's own revision: %q", out)
	}
	for _, args := range [][]string{{"restore", "p", "9"}, {"diff", "p", "9"}, {"restore", "nope", "1"}} {
		if code, _, errOut := run(t, db, args...); code != 1 || strings.Contains(errOut, "\n\t") {
			t.Errorf("%v: exit %d %q", args, code, errOut)
		}
	}
	if code, _, _ := run(t, db, "diff", "p", "x"); code != exitUsage {
		t.Errorf("diff with a bad revision: exit %d", code)
	}
}
