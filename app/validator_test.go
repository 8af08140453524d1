package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/publish/target"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// TestOneValidator: what import refuses, saving refuses with the same
// reason, and what import accepts publish can write.
func TestOneValidator(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	mustRun(t, db, "import", seedPath, "--slug", "privacy")

	long := strings.Repeat("𝐀", 70) // 70 characters, 280 bytes
	for _, c := range []struct{ slug, reason string }{
		{"COM0", "reserved file name"}, {"lpt¹", "reserved file name"}, {"conin$", ""}, {long, "bytes"},
	} {
		code, _, errOut := run(t, db, "import", seedPath, "--slug", c.slug)
		if code != 1 || !strings.Contains(errOut, c.reason) {
			t.Errorf("import --slug %q: exit %d, %q; want 1 naming %q", c.slug, code, errOut, c.reason)
		}
		err := updateSlug(t, db, "privacy", c.slug)
		if err == nil || !strings.Contains(errOut, reasonOf(err)) {
			t.Errorf("saving the slug %q: %v; want the import's reason (%q)", c.slug, err, errOut)
		}
		if _, perr := target.PagePath(c.slug, storage.LayoutFlat); perr == nil {
			t.Errorf("PagePath accepts %q, which the store refuses", c.slug)
		}
	}

	deep := filepath.Join(dir, "deep.md")
	body := strings.Repeat("[", storage.MaxBracketDepth+1) + "x" + strings.Repeat("]", storage.MaxBracketDepth+1)
	if err := os.WriteFile(deep, []byte("# سياسة\n\n## أولاً: مقدمة\n\n"+body+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, db, "import", deep)
	if code != 1 || !strings.Contains(errOut, "square brackets nested 33 deep (limit 32)") {
		t.Errorf("import of a section over the render caps: exit %d, %q", code, errOut)
	}
	s, _ := sqlite.Open(db)
	defer s.Close()
	p, err := s.FindPageBySlug(context.Background(), "privacy")
	if err != nil {
		t.Fatal(err)
	}
	err = s.SaveSectionBody(context.Background(), p.Sections[0].ID, body)
	if err == nil || !strings.Contains(err.Error(), "square brackets nested 33 deep (limit 32)") || !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("saving a section over the render caps: %v; want the import's reason", err)
	}

	con := filepath.Join(dir, "con.md")
	if err := os.WriteFile(con, []byte("# Terms\n\n## 1. Use\n\nBe kind.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, db, "import", con); !strings.Contains(out, "imported con-page:") {
		t.Errorf("import con.md = %q, want the slug con-page", out)
	}
	mustRun(t, db, "publish", "con-page")
}

// TestSlugTwins: slugs equal under NFKC case folding are one page.
func TestSlugTwins(t *testing.T) {
	db := filepath.Join(t.TempDir(), "drafts.db")
	for _, pair := range [][2]string{{"café", "CAFÉ"}, {"ｘｙ", "xy"}, {"ﬁle", "FILE"}, {"سياسة", "سياسة"}} {
		mustRun(t, db, "import", seedPath, "--slug", pair[0])
		code, _, errOut := run(t, db, "import", seedPath, "--slug", pair[1])
		if code != 1 || !strings.Contains(errOut, "already exists") {
			t.Errorf("import --slug %q after %q: exit %d, %q; want a conflict", pair[1], pair[0], code, errOut)
		}
	}
}

func updateSlug(t *testing.T, db, slug, to string) error {
	s, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.FindPageBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.UpdatePage(context.Background(), p.ID, storage.PageUpdate{Slug: &to})
	return err
}

// reasonOf is the part of a slug error after the quoted slug.
func reasonOf(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "\": "); i >= 0 {
		msg = msg[i+3:]
	}
	msg, _, _ = strings.Cut(msg, ": invalid")
	return msg
}
