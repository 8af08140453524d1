// Command gen generates the character tables of package bidi (tables.go)
// from the Unicode Character Database files pinned in
// editor/bidi/testdata/ucd (Unicode 15.0.0, see its README), all of one
// Unicode version:
//
//   - extracted/DerivedBidiClass.txt: Bidi_Class for every code point,
//     including the @missing defaults (R, AL, ET, BN) of unassigned ones;
//   - BidiBrackets.txt: Bidi_Paired_Bracket and Bidi_Paired_Bracket_Type;
//   - BidiMirroring.txt: Bidi_Mirroring_Glyph.
//
// Usage (from package bidi, see its go:generate line):
//
//	go run ./internal/gen -ucd testdata/ucd -o tables.go
//
// -ucd /usr/share/unicode reads Debian's unicode-data package instead, to
// compare with a newer Unicode version.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// classNames lists the Bidi_Class values in the order of the bidi.Class
// constants; both the short and the long alias are accepted.
var classNames = [][2]string{
	{"L", "Left_To_Right"}, {"R", "Right_To_Left"}, {"AL", "Arabic_Letter"},
	{"EN", "European_Number"}, {"ES", "European_Separator"},
	{"ET", "European_Terminator"}, {"AN", "Arabic_Number"},
	{"CS", "Common_Separator"}, {"NSM", "Nonspacing_Mark"},
	{"BN", "Boundary_Neutral"}, {"B", "Paragraph_Separator"},
	{"S", "Segment_Separator"}, {"WS", "White_Space"}, {"ON", "Other_Neutral"},
	{"LRE", "Left_To_Right_Embedding"}, {"LRO", "Left_To_Right_Override"},
	{"RLE", "Right_To_Left_Embedding"}, {"RLO", "Right_To_Left_Override"},
	{"PDF", "Pop_Directional_Format"}, {"LRI", "Left_To_Right_Isolate"},
	{"RLI", "Right_To_Left_Isolate"}, {"FSI", "First_Strong_Isolate"},
	{"PDI", "Pop_Directional_Isolate"},
}

const maxRune = 0x10FFFF

func main() {
	ucd := flag.String("ucd", "testdata/ucd", "directory of the Unicode Character Database")
	out := flag.String("o", "tables.go", "output file")
	flag.Parse()

	classes, version, err := loadClasses(filepath.Join(*ucd, "extracted", "DerivedBidiClass.txt"))
	if err != nil {
		log.Fatal(err)
	}
	brackets, err := loadPairs(filepath.Join(*ucd, "BidiBrackets.txt"), true)
	if err != nil {
		log.Fatal(err)
	}
	mirrors, err := loadPairs(filepath.Join(*ucd, "BidiMirroring.txt"), false)
	if err != nil {
		log.Fatal(err)
	}
	uver, err := sameVersion(*ucd, version)
	if err != nil {
		log.Fatal(err)
	}
	src, err := format.Source(render(classes, version, uver, brackets, mirrors))
	if err != nil {
		log.Fatalf("format generated code: %v", err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// sameVersion checks that the three input files are of one Unicode
// version and returns it ("15.0.0"); header is DerivedBidiClass.txt's
// first line ("DerivedBidiClass-15.0.0.txt").
func sameVersion(ucd, header string) (string, error) {
	want, err := headerVersion("DerivedBidiClass", header)
	if err != nil {
		return "", err
	}
	for _, name := range []string{"BidiBrackets", "BidiMirroring"} {
		f, err := os.Open(filepath.Join(ucd, name+".txt"))
		if err != nil {
			return "", err
		}
		line, err := bufio.NewReader(f).ReadString('\n')
		f.Close()
		if err != nil {
			return "", fmt.Errorf("read %s.txt: %w", name, err)
		}
		got, err := headerVersion(name, strings.TrimPrefix(strings.TrimSpace(line), "# "))
		if err != nil {
			return "", err
		}
		if got != want {
			return "", fmt.Errorf("%s.txt is Unicode %s but DerivedBidiClass.txt is %s", name, got, want)
		}
	}
	return want, nil
}

// headerVersion reads "15.0.0" out of a UCD file's first line
// ("BidiBrackets-15.0.0.txt").
func headerVersion(name, header string) (string, error) {
	v, ok := strings.CutPrefix(header, name+"-")
	v, ok2 := strings.CutSuffix(v, ".txt")
	if !ok || !ok2 || v == "" {
		return "", fmt.Errorf("%s.txt: first line %q does not name its Unicode version", name, header)
	}
	return v, nil
}

func classIndex(name string) (int, error) {
	for i, n := range classNames {
		if n[0] == name || n[1] == name {
			return i, nil
		}
	}
	return 0, fmt.Errorf("unknown bidi class %q", name)
}

func parseRange(s string) (lo, hi int, err error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "..")
	l, err := strconv.ParseUint(a, 16, 32)
	if err != nil {
		return 0, 0, err
	}
	h := l
	if ok {
		if h, err = strconv.ParseUint(b, 16, 32); err != nil {
			return 0, 0, err
		}
	}
	return int(l), int(h), nil
}

// loadClasses returns the class of every code point: @missing defaults
// first (in file order, later lines override earlier ones), then the data
// lines. It also returns the file's first line (its version header).
func loadClasses(path string) ([]uint8, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("read classes: %w", err)
	}
	classes := make([]uint8, maxRune+1)
	var version string
	var body []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if version == "" && strings.HasPrefix(line, "# ") {
			version = strings.TrimPrefix(line, "# ")
		}
		if m, ok := strings.CutPrefix(line, "# @missing:"); ok {
			if err := setClass(classes, m); err != nil {
				return nil, "", fmt.Errorf("%s: %w", path, err)
			}
			continue
		}
		line, _, _ = strings.Cut(line, "#")
		if strings.TrimSpace(line) != "" {
			body = append(body, line)
		}
	}
	for _, l := range body {
		if err := setClass(classes, l); err != nil {
			return nil, "", fmt.Errorf("%s: %w", path, err)
		}
	}
	return classes, version, sc.Err()
}

func setClass(classes []uint8, line string) error {
	rng, name, ok := strings.Cut(line, ";")
	if !ok {
		return fmt.Errorf("bad line %q", line)
	}
	lo, hi, err := parseRange(rng)
	if err != nil {
		return err
	}
	c, err := classIndex(strings.TrimSpace(name))
	if err != nil {
		return err
	}
	for r := lo; r <= hi; r++ {
		classes[r] = uint8(c)
	}
	return nil
}

// pair is one line of BidiBrackets.txt or BidiMirroring.txt.
type pair struct {
	r, other int
	open     bool
}

func loadPairs(path string, brackets bool) ([]pair, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read pairs: %w", err)
	}
	var pairs []pair
	for _, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "#")
		f := strings.Split(line, ";")
		if len(f) < 2 {
			continue
		}
		a, err1 := strconv.ParseUint(strings.TrimSpace(f[0]), 16, 32)
		b, err2 := strconv.ParseUint(strings.TrimSpace(f[1]), 16, 32)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s: bad line %q", path, line)
		}
		p := pair{r: int(a), other: int(b)}
		if brackets {
			if len(f) < 3 {
				return nil, fmt.Errorf("%s: no bracket type in %q", path, line)
			}
			p.open = strings.TrimSpace(f[2]) == "o"
		}
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].r < pairs[j].r })
	return pairs, nil
}

func render(classes []uint8, version, uver string, brackets, mirrors []pair) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by internal/gen from the Unicode Character Database; DO NOT EDIT.\n")
	fmt.Fprintf(&b, "// Source: %s\n\npackage bidi\n\n", version)
	fmt.Fprintf(&b, "// UnicodeVersion is the version of the Unicode Character Database\n// the tables were generated from.\nconst UnicodeVersion = %q\n\n", uver)
	fmt.Fprintf(&b, "// classRanges lists, sorted, every maximal range of code points whose\n")
	fmt.Fprintf(&b, "// Bidi_Class is not L; code points outside them are L.\n")
	fmt.Fprintf(&b, "var classRanges = [...]classRange{\n")
	n := 0
	for lo := 0; lo <= maxRune; {
		hi := lo
		for hi < maxRune && classes[hi+1] == classes[lo] {
			hi++
		}
		if classes[lo] != 0 {
			fmt.Fprintf(&b, "{0x%04X, 0x%04X, %s},", lo, hi, classNames[classes[lo]][0])
			n++
			if n%4 == 0 {
				b.WriteString("\n")
			}
		}
		lo = hi + 1
	}
	b.WriteString("\n}\n\n")
	b.WriteString("// bracketPairs is BidiBrackets.txt sorted by code point.\nvar bracketPairs = [...]bracketPair{\n")
	for i, p := range brackets {
		fmt.Fprintf(&b, "{0x%04X, 0x%04X, %v},", p.r, p.other, p.open)
		if i%3 == 2 {
			b.WriteString("\n")
		}
	}
	b.WriteString("\n}\n\n")
	b.WriteString("// mirrorPairs is BidiMirroring.txt sorted by code point.\nvar mirrorPairs = [...][2]rune{\n")
	for i, p := range mirrors {
		fmt.Fprintf(&b, "{0x%04X, 0x%04X},", p.r, p.other)
		if i%4 == 3 {
			b.WriteString("\n")
		}
	}
	b.WriteString("\n}\n")
	return b.Bytes()
}
