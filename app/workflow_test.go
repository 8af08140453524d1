package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWorkflowEndToEnd goes through the review flow as people would, on a
// real SQLite file and a real folder target: import → check → fix → submit
// → approve → edit (back to draft) → refused publish → approve → publish →
// diff → restore, then a correction that keeps the date.
func TestWorkflowEndToEnd(t *testing.T) {
	t.Setenv("POLICYEDITOR_LANG", "en")
	dir := t.TempDir()
	db, site := filepath.Join(dir, "drafts.db"), filepath.Join(dir, "web")
	as := func(who string, args ...string) string {
		return mustRun(t, db, append([]string{"--as", who}, args...)...)
	}
	status := func() string {
		t.Helper()
		return strings.Fields(mustRun(t, db, "pages"))[len(strings.Fields(mustRun(t, db, "pages")))-3]
	}
	mustRun(t, db, "targets", "add", "web", "dir", site, "--require-approval", "--archive")
	mustRun(t, db, "settings", "distinct-approver", "true")

	// import → check → fix
	as("mona", "import", seedPath, "--slug", "privacy")
	if out := mustRun(t, db, "check", "privacy"); !strings.Contains(out, "hamzat-wasl") {
		t.Fatalf("check found no hamza mistakes:\n%s", out)
	}
	if out := as("mona", "fix", "privacy"); !strings.Contains(out, "27 fixes") {
		t.Fatalf("fix: %s", out)
	}
	if out := mustRun(t, db, "check", "privacy"); out != "privacy: no findings\n" {
		t.Fatalf("check after fix:\n%s", out)
	}

	// submit → approve (not by the last editor)
	as("mona", "submit", "privacy")
	if code, _, errOut := run(t, db, "--as", "mona", "approve", "privacy"); code != 1 || !strings.Contains(errOut, "another person") {
		t.Fatalf("self-approval: exit %d %q", code, errOut)
	}
	as("mona", "comment", "privacy", "2", "هل نذكر Google Analytics بالاسم؟")
	if out := as("rana", "approve", "privacy"); !strings.Contains(out, "approved by rana") || !strings.Contains(out, "1 open comments") {
		t.Fatalf("approve: %s", out)
	}
	if s := status(); s != "approved" {
		t.Fatalf("status after approve = %s", s)
	}

	// edit → back to draft → refused publish, nothing written
	md := mustRun(t, db, "export", "privacy")
	file := filepath.Join(dir, "edited.md")
	if err := os.WriteFile(file, []byte(strings.Replace(md, "مبادئ الشفافية الثقة", "مبادئ الشفافية والثقة", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	as("mona", "import", file, "--into", "privacy")
	if s := status(); s != "draft" {
		t.Fatalf("status after an edit = %s, want draft", s)
	}
	code, _, errOut := run(t, db, "publish", "privacy", "--target", "web")
	if code != 1 || !strings.Contains(errOut, `target "web" requires approval`) || !strings.Contains(errOut, "nothing was written") {
		t.Fatalf("publish of an unapproved page: exit %d %q", code, errOut)
	}
	if entries, _ := os.ReadDir(site); len(entries) != 0 {
		t.Fatalf("the refused publish wrote %d entries", len(entries))
	}

	// approve → publish
	as("mona", "submit", "privacy")
	as("rana", "approve", "privacy")
	out := as("rana", "publish", "privacy", "--target", "web")
	if !strings.Contains(out, "published privacy to web: version 1") || !strings.Contains(out, "section 2\tmona\tهل نذكر Google Analytics بالاسم؟") {
		t.Fatalf("publish: %s", out)
	}
	live, err := os.ReadFile(filepath.Join(site, "privacy", "index.html"))
	if err != nil || !strings.Contains(string(live), "الشفافية والثقة") || !strings.Contains(string(live), "الاقتراحات") {
		t.Fatalf("live page: %v", err)
	}

	// diff: the last publication → the draft, after a material edit
	if err := os.WriteFile(file, []byte(strings.Replace(mustRun(t, db, "export", "privacy"), "بشكل دوري", "كل شهر", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	as("mona", "import", file, "--into", "privacy")
	d := mustRun(t, db, "diff", "privacy")
	if !strings.Contains(d, "[-بشكل دوري.-]{+كل شهر.+}") && !strings.Contains(d, "[-بشكل دوري-]{+كل شهر+}") {
		t.Fatalf("diff published → draft:\n%s", d)
	}
	if !strings.Contains(d, "--- revision ") || !strings.Contains(d, "published to web, version 1") || strings.Count(d, "@@ section") != 1 {
		t.Fatalf("diff header or sections:\n%s", d)
	}

	// restore the published revision: the draft is the live text again
	revs := mustRun(t, db, "revisions", "privacy")
	pubRev := ""
	for _, line := range strings.Split(revs, "\n") {
		if strings.Contains(line, " publish ") || strings.HasSuffix(strings.TrimSpace(line), "publish") {
			pubRev = strings.Fields(line)[0]
			break
		}
	}
	if pubRev == "" {
		t.Fatalf("no publish revision in:\n%s", revs)
	}
	if out := as("mona", "restore", "privacy", pubRev); !strings.Contains(out, "restored privacy to revision "+pubRev) {
		t.Fatalf("restore: %s", out)
	}
	if d := mustRun(t, db, "diff", "privacy"); !strings.Contains(d, "no changes") {
		t.Fatalf("diff after restoring the published revision:\n%s", d)
	}

	// A correction keeps the date and is marked in the archive.
	fixFile := filepath.Join(dir, "typo.md")
	if err := os.WriteFile(fixFile, []byte(strings.Replace(mustRun(t, db, "export", "privacy"), "المتصفح، ومكان", "المتصفح ، ومكان", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	as("mona", "import", fixFile, "--into", "privacy")
	as("mona", "fix", "privacy")
	as("mona", "keep", "privacy", "--note", "before review")
	before := strings.Fields(mustRun(t, db, "pages"))
	if err := os.WriteFile(fixFile, []byte(strings.Replace(mustRun(t, db, "export", "privacy"), "الاستخدام", "الإستخدام", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	as("mona", "import", fixFile, "--into", "privacy") // a hamza mistake, published as is
	as("mona", "submit", "privacy")
	as("rana", "approve", "privacy")
	if out := as("rana", "publish", "privacy", "--target", "web"); !strings.Contains(out, "as a correction") {
		t.Fatalf("publish of a typography-only change: %s", out)
	}
	after := strings.Fields(mustRun(t, db, "pages"))
	if before[len(before)-1] != after[len(after)-1] {
		t.Errorf("a correction changed the date: %s → %s", before[len(before)-1], after[len(after)-1])
	}
	index, err := os.ReadFile(filepath.Join(site, "privacy", "versions", "index.html"))
	if err != nil || !strings.Contains(string(index), "تصحيح لغوي") {
		t.Errorf("archive index does not mark the correction: %v", err)
	}
}
