package publish

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

var update = flag.Bool("update", false, "rewrite golden files and the expected HTML of case files")

// A case file (testdata/cases/<extension>.txt) holds spec-style cases:
//
//	#### case: <name> [dir=ltr] [label=أولاً] [sep=:] [heading]
//	<markdown body; with "heading" its first line is the section heading>
//	#### html
//	<expected HTML>
//	#### end
//
// Lines outside cases are comments. With -update the expected HTML is
// rewritten from the current output.
type renderCase struct {
	name, body, want string
	opts             map[string]string
	line             int
}

const (
	caseStart = "#### case: "
	caseHTML  = "#### html"
	caseEnd   = "#### end"
)

func readCases(t *testing.T, path string) (cases []renderCase, prose []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cur *renderCase
	var part *strings.Builder
	var body, want strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, caseStart):
			fields := strings.Fields(strings.TrimPrefix(line, caseStart))
			cur = &renderCase{name: fields[0], opts: map[string]string{}, line: n}
			for _, f := range fields[1:] {
				k, v, _ := strings.Cut(f, "=")
				cur.opts[k] = v
			}
			body.Reset()
			want.Reset()
			part = &body
		case line == caseHTML && cur != nil:
			part = &want
		case line == caseEnd && cur != nil:
			cur.body, cur.want = body.String(), want.String()
			cases = append(cases, *cur)
			prose = append(prose, "")
			cur, part = nil, nil
		case part != nil:
			part.WriteString(line + "\n")
		default:
			if len(prose) == len(cases) {
				prose = append(prose, "")
			}
			prose[len(prose)-1] += line + "\n"
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cur != nil {
		t.Fatalf("%s:%d: case %q has no %q line", path, cur.line, cur.name, caseEnd)
	}
	return cases, prose
}

func writeCases(t *testing.T, path string, cases []renderCase, prose []string, got []string) {
	t.Helper()
	var b bytes.Buffer
	for i, c := range cases {
		if i < len(prose) {
			b.WriteString(prose[i])
		}
		b.WriteString(caseStart + c.name)
		for _, k := range []string{"dir", "label", "sep", "heading"} {
			if v, ok := c.opts[k]; ok {
				if v == "" {
					b.WriteString(" " + k)
				} else {
					b.WriteString(" " + k + "=" + v)
				}
			}
		}
		b.WriteString("\n" + c.body + caseHTML + "\n" + got[i] + caseEnd + "\n")
	}
	if len(prose) > len(cases) {
		b.WriteString(prose[len(cases)])
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// renderCaseHTML renders a case body as one section of a page.
func renderCaseHTML(c renderCase) (string, error) {
	info := sectionInfo{PageDir: storage.RTL, Label: c.opts["label"], Sep: ": "}
	if c.opts["dir"] == "ltr" {
		info.PageDir = storage.LTR
	}
	if v, ok := c.opts["sep"]; ok {
		info.Sep = v + " "
	}
	heading, body := "", c.body
	if _, ok := c.opts["heading"]; ok {
		heading, body, _ = strings.Cut(c.body, "\n")
		info.Level = 2
	}
	var buf bytes.Buffer
	if err := renderBlock(&buf, heading, body, info, newIDSet()); err != nil {
		return "", err
	}
	return string(stripBidiControlBytes(buf.Bytes())), nil
}

func TestCaseFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	for _, path := range files {
		cases, prose := readCases(t, path)
		got := make([]string, len(cases))
		for i, c := range cases {
			t.Run(fmt.Sprintf("%s/%s", filepath.Base(path), c.name), func(t *testing.T) {
				out, err := renderCaseHTML(c)
				if err != nil {
					t.Fatal(err)
				}
				got[i] = out
				checkInvariants(t, []byte(out), false)
				if !*update && out != c.want {
					t.Errorf("%s:%d: render(%q) =\n%s\nwant\n%s", path, c.line, c.body, out, c.want)
				}
			})
		}
		if *update {
			writeCases(t, path, cases, prose, got)
		}
	}
}
