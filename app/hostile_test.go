package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// hostileCase is one file of testdata/hostile (see its README.md).
type hostileCase struct {
	name, file, slug, importWant string
	output, pageHas, pageLacks   []string
	twins                        []string
	input                        []byte
}

func parseHostileCase(t *testing.T, path string) hostileCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, body, ok := bytes.Cut(data, []byte("\n---\n"))
	if !ok {
		t.Fatalf("%s: no --- line", path)
	}
	c := hostileCase{name: filepath.Base(path), input: body}
	var gen []byte
	for _, line := range strings.Split(string(head), "\n") {
		key, val, _ := strings.Cut(line, ": ")
		switch key {
		case "file":
			c.file = val
		case "slug":
			c.slug = val
		case "import":
			c.importWant = val
		case "output":
			c.output = append(c.output, val)
		case "page-has":
			c.pageHas = append(c.pageHas, unquote(t, val))
		case "page-lacks":
			c.pageLacks = append(c.pageLacks, unquote(t, val))
		case "twin":
			c.twins = append(c.twins, val)
		case "generate":
			text, count, ok := strings.Cut(val, " * ")
			n, err := strconv.Atoi(count)
			if !ok || err != nil {
				t.Fatalf("%s: generate %q: want \"TEXT\" * N", path, val)
			}
			gen = bytes.Repeat([]byte(unquote(t, text)), n)
		default:
			t.Fatalf("%s: unknown key %q", path, key)
		}
	}
	if c.file == "" || c.importWant == "" {
		t.Fatalf("%s: file and import are required", path)
	}
	c.input = bytes.Replace(c.input, []byte("{{GEN}}"), gen, 1)
	return c
}

func unquote(t *testing.T, s string) string {
	if strings.HasPrefix(s, `"`) {
		u, err := strconv.Unquote(s)
		if err != nil {
			t.Fatalf("unquote %s: %v", s, err)
		}
		return u
	}
	return s
}

// TestHostileCatalogue runs every case of testdata/hostile: the import's
// outcome, what the published page holds and lacks, and slug twins.
func TestHostileCatalogue(t *testing.T) {
	files, err := filepath.Glob("testdata/hostile/*.case")
	if err != nil || len(files) < 15 {
		t.Fatalf("hostile cases: %d files, %v", len(files), err)
	}
	for _, f := range files {
		c := parseHostileCase(t, f)
		t.Run(strings.TrimSuffix(c.name, ".case"), func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "drafts.db")
			in := filepath.Join(dir, c.file)
			if err := os.WriteFile(in, c.input, 0o600); err != nil {
				t.Fatal(err)
			}
			args := []string{"import", in}
			if c.slug != "" {
				args = append(args, "--slug", c.slug)
			}
			code, out, errOut := run(t, db, args...)
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "internal error") {
				t.Fatalf("import panicked: %s", errOut)
			}
			if want, ok := strings.CutPrefix(c.importWant, "error "); ok {
				if code != 1 || !strings.Contains(errOut, want) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
					t.Errorf("import: exit %d, stderr %q; want exit 1 and one line with %q", code, errOut, want)
				}
				if _, pages, _ := run(t, db, "pages"); strings.TrimSpace(pages) != "" {
					t.Errorf("a refused import left pages:\n%s", pages)
				}
				return
			}
			if code != 0 {
				t.Fatalf("import: exit %d, stderr %q", code, errOut)
			}
			for _, w := range c.output {
				if !strings.Contains(out, w) {
					t.Errorf("import output lacks %q:\n%s", w, out)
				}
			}
			slug := c.slug
			if slug == "" {
				slug = strings.Fields(strings.TrimPrefix(out, "imported "))[0]
				slug = strings.TrimSuffix(slug, ":")
			}
			code, page, errOut := run(t, db, "render", slug)
			if code != 0 {
				t.Fatalf("render %s: exit %d, %s", slug, code, errOut)
			}
			if code, _, errOut := run(t, db, "publish", slug); code != 0 {
				t.Errorf("publish %s: exit %d, %s", slug, code, errOut)
			}
			for _, w := range c.pageHas {
				if !strings.Contains(page, w) {
					t.Errorf("the page lacks %q", w)
				}
			}
			lower := strings.ToLower(page)
			for _, w := range c.pageLacks {
				if strings.Contains(lower, strings.ToLower(w)) {
					i := strings.Index(lower, strings.ToLower(w))
					t.Errorf("the page has %q: …%q…", w, page[max(0, i-40):min(len(page), i+40)])
				}
			}
			for _, twin := range c.twins {
				code, _, errOut := run(t, db, "import", in, "--slug", twin)
				if code != 1 || !strings.Contains(errOut, "already exists") {
					t.Errorf("import --slug %q after %q: exit %d, %q; want refused as the same slug", twin, slug, code, errOut)
				}
			}
		})
	}
}
