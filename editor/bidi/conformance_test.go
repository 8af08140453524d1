package bidi

import (
	"bufio"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// ucdDir is the pinned copy of the Unicode Character Database files the
// tables were generated from and the tests read (testdata/ucd, Unicode
// UnicodeVersion); the environment variable UCD_DIR points the tests at
// another copy, such as Debian's /usr/share/unicode.
func ucdDir() string {
	if d := os.Getenv("UCD_DIR"); d != "" {
		return d
	}
	return filepath.Join("testdata", "ucd")
}

// openUCD opens a UCD file, or its gzipped copy name.gz (the large test
// files are kept compressed), and fails the test when neither is there.
func openUCD(t testing.TB, name string) io.Reader {
	t.Helper()
	path := filepath.Join(ucdDir(), name)
	f, err := os.Open(path + ".gz")
	if errors.Is(err, fs.ErrNotExist) {
		f, err = os.Open(path)
		if err != nil {
			t.Fatalf("open Unicode data: %v", err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	if err != nil {
		t.Fatalf("open Unicode data: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s.gz: %v", path, err)
	}
	return zr
}

// tally counts passing and failing cases for levels and for order, and
// keeps the first failures for the log.
type tally struct {
	levelsPass, levelsFail, orderPass, orderFail int
	examples                                     []string
}

func (c *tally) record(levelsOK, orderOK bool, what string) {
	c.levelsPass, c.levelsFail = add(c.levelsPass, c.levelsFail, levelsOK)
	c.orderPass, c.orderFail = add(c.orderPass, c.orderFail, orderOK)
	if (!levelsOK || !orderOK) && len(c.examples) < 20 {
		c.examples = append(c.examples, what)
	}
}

func add(pass, fail int, ok bool) (int, int) {
	if ok {
		return pass + 1, fail
	}
	return pass, fail + 1
}

func (c *tally) report(t *testing.T, file string) {
	t.Helper()
	t.Logf("%s: levels %d passed, %d failed; visual order %d passed, %d failed",
		file, c.levelsPass, c.levelsFail, c.orderPass, c.orderFail)
	for _, e := range c.examples {
		t.Errorf("%s: %s", file, e)
	}
	if c.levelsPass == 0 || c.orderPass == 0 {
		t.Errorf("%s: no case was checked", file)
	}
	if c.levelsFail+c.orderFail > 0 {
		t.Errorf("%s: %d level and %d order failures (want none)", file, c.levelsFail, c.orderFail)
	}
}

// parseLevels reads "1 x 2"; x (removed by X9) becomes -1.
func parseLevels(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Fields(s) {
		if f == "x" {
			out = append(out, -1)
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

func parseInts(s string) ([]int, error) { return parseLevels(s) }

// check compares a paragraph with the expected levels (-1 = removed, not
// compared) and visual order (removed characters omitted).
func check(p *Paragraph, wantLevels, wantOrder []int) (levelsOK, orderOK bool) {
	got := p.LineLevels(0, p.Len())
	levelsOK = len(got) == len(wantLevels)
	for i := 0; levelsOK && i < len(got); i++ {
		levelsOK = wantLevels[i] < 0 || int(got[i]) == wantLevels[i]
	}
	var order []int
	for _, i := range p.VisualOrder(0, p.Len()) {
		if !isRemovedByX9(p.Class(i)) {
			order = append(order, i)
		}
	}
	orderOK = len(order) == len(wantOrder)
	for i := 0; orderOK && i < len(order); i++ {
		orderOK = order[i] == wantOrder[i]
	}
	return levelsOK, orderOK
}

func TestBidiTestFile(t *testing.T) {
	sc := bufio.NewScanner(openUCD(t, "BidiTest.txt"))
	var c tally
	var levels, order []int
	var err error
	for line := 1; sc.Scan(); line++ {
		text, _, _ := strings.Cut(sc.Text(), "#")
		text = strings.TrimSpace(text)
		switch {
		case text == "":
			continue
		case strings.HasPrefix(text, "@Levels:"):
			levels, err = parseLevels(strings.TrimPrefix(text, "@Levels:"))
		case strings.HasPrefix(text, "@Reorder:"):
			order, err = parseInts(strings.TrimPrefix(text, "@Reorder:"))
		case strings.HasPrefix(text, "@"):
		default:
			err = checkBidiTestLine(&c, line, text, levels, order)
		}
		if err != nil {
			t.Fatalf("BidiTest.txt:%d: %v", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	c.report(t, "BidiTest.txt")
}

func checkBidiTestLine(c *tally, line int, text string, levels, order []int) error {
	input, bits, _ := strings.Cut(text, ";")
	var cls []Class
	for _, f := range strings.Fields(input) {
		k, ok := ParseClass(f)
		if !ok {
			return strconvErr("class", f)
		}
		cls = append(cls, k)
	}
	set, err := strconv.ParseUint(strings.TrimSpace(bits), 16, 8)
	if err != nil {
		return err
	}
	for bit, dir := range map[uint64]Direction{1: Auto, 2: LTR, 4: RTL} {
		if set&bit == 0 {
			continue
		}
		lok, ook := check(NewFromClasses(cls, dir), levels, order)
		c.record(lok, ook, "line "+strconv.Itoa(line)+" dir "+strconv.Itoa(int(dir))+": "+input)
	}
	return nil
}

func strconvErr(what, s string) error {
	return &strconv.NumError{Func: what, Num: s, Err: strconv.ErrSyntax}
}

func TestBidiCharacterTestFile(t *testing.T) {
	sc := bufio.NewScanner(openUCD(t, "BidiCharacterTest.txt"))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	var c tally
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == '#' {
			continue
		}
		f := strings.Split(text, ";")
		if len(f) != 5 {
			t.Fatalf("BidiCharacterTest.txt:%d: %d fields", line, len(f))
		}
		var runes []rune
		for _, h := range strings.Fields(f[0]) {
			r, err := strconv.ParseUint(h, 16, 32)
			if err != nil {
				t.Fatalf("BidiCharacterTest.txt:%d: %v", line, err)
			}
			runes = append(runes, rune(r))
		}
		dir := map[string]Direction{"0": LTR, "1": RTL, "2": Auto}[f[1]]
		levels, err1 := parseLevels(f[3])
		order, err2 := parseInts(f[4])
		if err1 != nil || err2 != nil {
			t.Fatalf("BidiCharacterTest.txt:%d: %v %v", line, err1, err2)
		}
		p := New(runes, dir)
		lok, ook := check(p, levels, order)
		lok = lok && strconv.Itoa(int(p.Level())) == f[2]
		c.record(lok, ook, "line "+strconv.Itoa(line)+": "+text)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	c.report(t, "BidiCharacterTest.txt")
}
