package target

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

// escapeCorpus are relative paths every target must refuse before writing.
var escapeCorpus = []string{
	"",
	"/etc/passwd",
	"/abs/index.html",
	"..",
	"../x.html",
	"../../x.html",
	"a/../../x.html",
	"a/../b.html", // ".." even when it would stay inside
	"./a.html",
	"a/./b.html",
	"a//b.html",
	"a/",
	"/",
	`..\x.html`,
	`a\b.html`,
	"C:/x.html",
	"c:x.html",
	".htaccess",
	"a/.git/config",
	".policyeditor-tmp-1",
	"a\x00b.html",
	"a\nb.html",
	"a\rb.html",
	"a\tb.html",
	"a\x7fb.html",
	"a\u0085b.html",
	"\u202egnp.html",   // RLO
	"a\u2067b.html",    // RLI
	"a\u200fb.html",    // RLM
	"a\u061cb.html",    // ALM
	"\ufeffindex.html", // BOM
	"CON",
	"con.html",
	"Con.tar.gz",
	"prn/index.html",
	"AUX.html",
	"nul",
	"COM1.html",
	"com9",
	"LPT1",
	"lpt5.txt",
	"COM¹.html",
	"a/NUL.html",
	"name.",
	"name ",
	"a:b.html",
	"a*b.html",
	"a?b.html",
	"a|b",
	`a"b`,
	"a<b>",
	strings.Repeat("a", 256),
	strings.Repeat("ab/", 400) + "x",
	"\xff\xfe.html",
}

// safeCorpus are paths that must be accepted.
var safeCorpus = []string{
	"index.html",
	"privacy/index.html",
	"privacy.html",
	"سياسة-الخصوصية/index.html",
	"a/versions/3.html",
	"console.html",
	"com10.html",
	"lpt.html",
	"a.b.c",
	strings.Repeat("a", 255),
}

func TestValidateRel(t *testing.T) {
	for _, rel := range escapeCorpus {
		if err := ValidateRel(rel); !errors.Is(err, ErrUnsafePath) {
			t.Errorf("ValidateRel(%q) = %v, want ErrUnsafePath", rel, err)
		}
	}
	for _, rel := range safeCorpus {
		if err := ValidateRel(rel); err != nil {
			t.Errorf("ValidateRel(%q) = %v, want nil", rel, err)
		}
	}
}

func TestPagePath(t *testing.T) {
	tests := []struct {
		slug, layout, want string
		wantErr            bool
	}{
		{"privacy", "", "privacy/index.html", false},
		{"privacy", "index", "privacy/index.html", false},
		{"privacy", "flat", "privacy.html", false},
		{"سياسة-الخصوصية", "flat", "سياسة-الخصوصية.html", false},
		{"privacy", "tree", "", true},
		{"", "", "", true},
		{"..", "", "", true},
		{"a/b", "", "", true},
		{"../etc", "flat", "", true},
		{"con", "", "", true},
		{".hidden", "", "", true},
		{"x\u202e", "", "", true},
	}
	for _, tt := range tests {
		got, err := PagePath(tt.slug, storage.Layout(tt.layout))
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("PagePath(%q, %q) = %q, %v; want %q, error %v", tt.slug, tt.layout, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestDirRefusesEscapes writes every path of the corpus, plus paths that go
// through symlinks pointing outside, and then walks the parent folder to
// prove nothing was written outside the target (or inside it).
func TestDirRefusesEscapes(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "site")
	outside := filepath.Join(parent, "outside")
	mustMkdir(t, root)
	mustMkdir(t, outside)
	mustWrite(t, filepath.Join(outside, "keep.html"), "outside")
	mustSymlink(t, outside, filepath.Join(root, "evil"))                // absolute, to outside
	mustSymlink(t, "../outside", filepath.Join(root, "evil-rel"))       // relative, to outside
	mustSymlink(t, "evil", filepath.Join(root, "evil-chain"))           // chain
	mustSymlink(t, "/nonexistent-dir", filepath.Join(root, "dangling")) // dangling
	mustSymlink(t, filepath.Join(outside, "keep.html"), filepath.Join(root, "evil-file.html"))
	mustSymlink(t, "../outside/keep.html", filepath.Join(root, "evil-file-rel.html"))
	mustSymlink(t, "nowhere.html", filepath.Join(root, "dangling.html"))
	before := snapshotTree(t, parent)

	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	bad := append([]string{}, escapeCorpus...)
	bad = append(bad, "evil/index.html", "evil/new/index.html", "evil-rel/keep.html",
		"evil-chain/x.html", "dangling/x.html", "evil-file.html", "evil-file-rel.html", "dangling.html")
	for _, rel := range bad {
		if err := d.WriteFile(ctx, rel, []byte("pwned")); err == nil {
			t.Errorf("WriteFile(%q) = nil, want an error", rel)
		}
		if _, err := d.ReadFile(ctx, rel); err == nil && rel != "evil-rel/keep.html" {
			t.Errorf("ReadFile(%q) = nil error, want an error", rel)
		}
	}
	if _, err := d.ReadFile(ctx, "evil-rel/keep.html"); err == nil {
		t.Errorf("ReadFile through a symlink to outside succeeded")
	}
	for _, rel := range []string{"evil/index.html", "evil-rel/keep.html", "evil-file.html", "evil-file-rel.html"} {
		if err := d.WriteFile(ctx, rel, nil); !errors.Is(err, ErrUnsafePath) {
			t.Errorf("WriteFile(%q) = %v, want ErrUnsafePath", rel, err)
		}
	}
	if after := snapshotTree(t, parent); after != before {
		t.Errorf("tree changed by refused writes:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// TestDirSymlinkInside: symlinks that stay inside the target are followed.
func TestDirSymlinkInside(t *testing.T) {
	root := t.TempDir()
	mustMkdir(t, filepath.Join(root, "real"))
	mustSymlink(t, filepath.Join(root, "real"), filepath.Join(root, "abs-link"))
	mustSymlink(t, "real", filepath.Join(root, "rel-link"))
	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	for _, rel := range []string{"abs-link/a/index.html", "rel-link/b.html"} {
		if err := d.WriteFile(ctx, rel, []byte(rel)); err != nil {
			t.Fatalf("WriteFile(%q): %v", rel, err)
		}
	}
	for _, p := range []string{"real/a/index.html", "real/b.html"} {
		if _, err := os.Stat(filepath.Join(root, p)); err != nil {
			t.Errorf("want %s written through the inside symlink: %v", p, err)
		}
	}
}

// FuzzValidateRel: whatever ValidateRel accepts joins to a path inside the root.
func FuzzValidateRel(f *testing.F) {
	for _, s := range append(append([]string{}, escapeCorpus...), safeCorpus...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, rel string) {
		if ValidateRel(rel) != nil {
			return
		}
		root := "/srv/site"
		p := filepath.Join(root, rel)
		if !within(root, p) || p == root {
			t.Fatalf("ValidateRel accepted %q which joins to %q", rel, p)
		}
		for _, c := range strings.Split(rel, "/") {
			if c == "" || c[0] == '.' || strings.ContainsAny(c, "\\\x00") {
				t.Fatalf("ValidateRel accepted component %q of %q", c, rel)
			}
		}
	})
}

func mustMkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

func mustWrite(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustSymlink(t *testing.T, old, new string) {
	t.Helper()
	if err := os.Symlink(old, new); err != nil {
		t.Fatal(err)
	}
}

// snapshotTree lists every entry under dir with its kind, size and content
// hash-free bytes (small test files), sorted by path.
func snapshotTree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel + " " + e.Type().String())
		if e.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b.WriteString(" " + string(data))
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
