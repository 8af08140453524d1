package importer

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// describe writes a Result as reviewable text.
func describe(res Result) string {
	var b strings.Builder
	p := res.Page
	fmt.Fprintf(&b, "format: %s\ntitle: %s\nslug: %s\nlang: %s\ndir: %s\nnumbering: %s\ndate style: %s\nlast updated: %s\n",
		res.Format, p.Title, p.Slug, p.Lang, p.Dir, p.Numbering, p.DateStyle, p.LastUpdated.Format("2006-01-02"))
	for _, l := range res.LeftOut {
		fmt.Fprintf(&b, "left out: line %d: %q (%s)\n", l.Number, l.Text, l.Reason)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	for i, s := range p.Sections {
		fmt.Fprintf(&b, "\n=== section %d: %s: %q\n%s", i+1, s.Kind, s.Heading, s.Body)
	}
	return b.String()
}

// TestGolden compares the full import of every input in testdata with
// testdata/<name>.golden; run with -update to rewrite them after a change,
// then review the diff.
func TestGolden(t *testing.T) {
	inputs := []string{"privacy-qalam-saved.html", "terms-qalam.md", "terms-en.txt", seedPath}
	for _, in := range inputs {
		path := in
		if !strings.Contains(in, "/") {
			path = filepath.Join("testdata", in)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Import(filepath.Base(path), data)
		if err != nil {
			t.Fatalf("Import(%s): %v", path, err)
		}
		got := describe(res)
		golden := filepath.Join("testdata", filepath.Base(path)+".golden")
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("Import(%s) differs from %s (go test -update, then review the diff):\n%s", path, golden, got)
		}
	}
}
