package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBidiControlsInNoOutput: a page whose title, headings and body carry
// bidi override and isolate controls has none of them in any output: the
// command line's, the published page, the archive's versions index and
// the snapshot. They are content errors, so publishing waits for fix.
func TestBidiControlsInNoOutput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	src := filepath.Join(dir, "trojan.md")
	md := "# سياسة \u202Eالخصوصية\u202C\n\n## أولاً: \u2067مقدمة\u2069\n\nنص \u202Dabc\u202C عادي.\n"
	if err := os.WriteFile(src, []byte(md), 0o600); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(dir, "arch")
	var outs []string
	outs = append(outs, mustRun(t, db, "import", src, "--slug", "trojan"))
	mustRun(t, db, "targets", "add", "arch", "dir", site, "--archive")
	for _, args := range [][]string{{"pages"}, {"export", "trojan"}, {"export", "trojan", "--format", "json"}, {"render", "trojan"}} {
		outs = append(outs, mustRun(t, db, args...))
	}
	// The controls are content errors: publishing is refused until they are fixed.
	code, checkOut, _ := run(t, db, "check", "trojan")
	if code != 1 || strings.Count(checkOut, "bidi-control") != 6 {
		t.Errorf("check trojan: exit %d\n%s", code, checkOut)
	}
	code, _, errOut := run(t, db, "publish", "trojan", "--target", "arch")
	if code != 1 || !strings.Contains(errOut, "6 content errors block publishing") {
		t.Errorf("publish with bidi controls: exit %d %q", code, errOut)
	}
	outs = append(outs, checkOut, errOut, mustRun(t, db, "fix", "trojan", "bidi-control"))
	for _, args := range [][]string{{"publish", "trojan", "--target", "arch"}, {"history", "trojan"}, {"snapshot", "trojan", "-o", "-"}} {
		outs = append(outs, mustRun(t, db, args...))
	}
	for _, f := range []string{"trojan/index.html", "trojan/versions/index.html"} {
		data, err := os.ReadFile(filepath.Join(site, f))
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, string(data))
	}
	for i, out := range outs {
		if j := strings.IndexFunc(out, func(r rune) bool { return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) }); j >= 0 {
			t.Errorf("output %d has a bidi control at byte %d: …%q…", i, j, out[max(0, j-20):min(len(out), j+20)])
		}
	}
	if !strings.Contains(outs[1], "سياسة الخصوصية") {
		t.Errorf("pages lost the title's text: %q", outs[1])
	}
}
