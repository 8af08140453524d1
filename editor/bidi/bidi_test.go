package bidi

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestClassOf(t *testing.T) {
	tests := []struct {
		r    rune
		want Class
	}{
		{'a', L}, {'1', EN}, {' ', WS}, {'\t', S}, {'\n', B}, {'(', ON}, {'+', ES},
		{'%', ET}, {',', CS}, {'.', CS}, {'/', CS}, {0x00, BN}, {0x200D, BN},
		{0x05D0, R}, {0x0627, AL}, {0x061F, AL}, {0x060C, CS}, {0x0660, AN},
		{0x066B, AN}, {0x06F1, EN}, {0x064B, NSM}, {0x200F, R}, {0x200E, L},
		{0x061C, AL}, // ARABIC LETTER MARK
		{0x202A, LRE}, {0x202B, RLE}, {0x202C, PDF}, {0x202D, LRO}, {0x202E, RLO},
		{0x2066, LRI}, {0x2067, RLI}, {0x2068, FSI}, {0x2069, PDI}, {0x2029, B},
		{0x20C1, ET},   // unassigned, default ET (Currency Symbols block)
		{0x07BF, AL},   // unassigned, default AL (Thaana block)
		{0x05FF, R},    // unassigned, default R (Hebrew block)
		{0xFDD0, BN},   // noncharacter, default ignorable → BN
		{0x1EEF0, ON},  // ARABIC MATHEMATICAL OPERATOR MEEM WITH HAH WITH TATWEEL
		{0x10FFFF, BN}, // noncharacter
		{0x4E00, L}, {-1, L}, {0x110000, L},
	}
	for _, tt := range tests {
		if got := ClassOf(tt.r); got != tt.want {
			t.Errorf("ClassOf(%U) = %v, want %v", tt.r, got, tt.want)
		}
	}
}

// TestClassOfUnicodeData cross-checks the generated table (made from
// DerivedBidiClass.txt) with field 4 of UnicodeData.txt for every assigned
// code point, ranges included.
func TestClassOfUnicodeData(t *testing.T) {
	sc := bufio.NewScanner(openUCD(t, "UnicodeData.txt"))
	checked, first := 0, rune(-1)
	for sc.Scan() {
		f := strings.Split(sc.Text(), ";")
		if len(f) < 5 {
			continue
		}
		v, err := strconv.ParseUint(f[0], 16, 32)
		if err != nil {
			t.Fatal(err)
		}
		want, ok := ParseClass(f[4])
		if !ok {
			t.Fatalf("UnicodeData.txt: unknown class %q", f[4])
		}
		r, lo := rune(v), rune(v)
		if strings.HasSuffix(f[1], "First>") {
			first = r
			continue
		}
		if strings.HasSuffix(f[1], "Last>") {
			lo = first
		}
		for c := lo; c <= r; c++ {
			if got := ClassOf(c); got != want {
				t.Fatalf("ClassOf(%U) = %v, want %v (UnicodeData.txt)", c, got, want)
			}
			checked++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d assigned code points agree with UnicodeData.txt", checked)
}

// TestTablesUpToDate regenerates tables.go and compares it with the
// committed file.
func TestTablesUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	openUCD(t, "extracted/DerivedBidiClass.txt")
	out := filepath.Join(t.TempDir(), "tables.go")
	cmd := exec.Command("go", "run", "./internal/gen", "-ucd", ucdDir(), "-o", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./internal/gen: %v\n%s", err, msg)
	}
	got, err1 := os.ReadFile(out)
	want, err2 := os.ReadFile("tables.go")
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if !bytes.Equal(got, want) {
		t.Error("tables.go is stale: run go generate ./editor/bidi")
	}
}

func TestMirror(t *testing.T) {
	tests := []struct {
		r, want rune
		ok      bool
	}{
		{'(', ')', true}, {')', '(', true}, {'[', ']', true}, {'<', '>', true},
		{'«', '»', true}, {0x2329, 0x232A, true}, {0x3008, 0x3009, true},
		{'a', 'a', false}, {0x0627, 0x0627, false}, {0x2231, 0x2231, false},
	}
	for _, tt := range tests {
		if got, ok := Mirror(tt.r); got != tt.want || ok != tt.ok {
			t.Errorf("Mirror(%U) = %U, %v, want %U, %v", tt.r, got, ok, tt.want, tt.ok)
		}
	}
}

func TestClassString(t *testing.T) {
	for c := L; c < numClasses; c++ {
		if got, ok := ParseClass(c.String()); !ok || got != c {
			t.Errorf("ParseClass(%q) = %v, %v, want %v", c.String(), got, ok, c)
		}
	}
	if got := Class(99).String(); got != "Class(99)" {
		t.Errorf("Class(99).String() = %q", got)
	}
	if _, ok := ParseClass("XX"); ok {
		t.Error(`ParseClass("XX") ok, want not ok`)
	}
}

func TestEmptyAndRanges(t *testing.T) {
	p := New(nil, Auto)
	if p.Len() != 0 || p.Level() != 0 || len(p.Levels()) != 0 {
		t.Errorf("New(nil) = len %d level %d", p.Len(), p.Level())
	}
	if p.VisualOrder(0, 0) != nil || p.Runs(0, 5) != nil || p.LineLevels(-1, 3) != nil {
		t.Error("empty paragraph: want nil lines")
	}
	q := New([]rune("abc אבג"), LTR)
	if got, want := q.VisualOrder(-5, 100), []int{0, 1, 2, 3, 6, 5, 4}; !slices.Equal(got, want) {
		t.Errorf("VisualOrder(-5, 100) = %v, want %v", got, want)
	}
	if got := q.VisualOrder(5, 2); got != nil {
		t.Errorf("VisualOrder(5, 2) = %v, want nil", got)
	}
}

func TestRuns(t *testing.T) {
	text := []rune("العدد 123 هنا")
	got := New(text, RTL).Runs(0, len(text))
	want := []Run{{9, 13, 1}, {6, 9, 2}, {0, 6, 1}}
	if !slices.Equal(got, want) {
		t.Errorf("Runs = %v, want %v", got, want)
	}
}

// TestLineBreak checks that L1 applies per line: the space ending the first
// line of an RTL paragraph with LTR text goes to the paragraph level.
func TestLineBreak(t *testing.T) {
	text := []rune("abc def")
	p := New(text, RTL)
	if got, want := p.Levels(), parseDigits(t, "2222222"); !slices.Equal(got, want) {
		t.Errorf("Levels = %v, want %v", got, want)
	}
	if got, want := p.LineLevels(0, 4), parseDigits(t, "2221"); !slices.Equal(got, want) {
		t.Errorf("LineLevels(0, 4) = %v, want %v", got, want)
	}
	if got, want := p.VisualOrder(0, 4), []int{3, 0, 1, 2}; !slices.Equal(got, want) {
		t.Errorf("VisualOrder(0, 4) = %v, want %v", got, want)
	}
}

// TestDeepNesting checks the depth limit: embeddings and isolates stop at
// level 125 (an R there stays at 125).
func TestDeepNesting(t *testing.T) {
	var cls []Class
	for range 70 {
		cls = append(cls, RLE, LRE)
	}
	cls = append(cls, R)
	p := NewFromClasses(cls, LTR)
	if got := p.Levels()[len(cls)-1]; got != 125 {
		t.Errorf("level after 140 embeddings = %d, want 125", got)
	}
	cls = append(cls[:0], RLI)
	for range 130 {
		cls = append(cls, LRI, RLI)
	}
	cls = append(cls, R)
	p = NewFromClasses(cls, LTR)
	if got := p.Levels()[len(cls)-1]; got != 125 {
		t.Errorf("level after 261 isolates = %d, want 125", got)
	}
}

// TestParagraphSeparatorInside checks that a B inside the text takes the
// paragraph level and closes open embeddings and isolates.
func TestParagraphSeparatorInside(t *testing.T) {
	p := New([]rune("\u202Babc\u2029def"), LTR)
	got, want := p.Levels(), parseDigits(t, "22220000")
	if !slices.Equal(got, want) {
		t.Errorf("Levels = %v, want %v", got, want)
	}
}

// TestBracketStackLimit checks BD16's 63-entry stack: with 64 nested
// openers no pair is found after the overflow, so the closing bracket
// resolves by N1 only.
func TestBracketStackLimit(t *testing.T) {
	build := func(depth int) []rune {
		s := []rune("א")
		s = append(s, []rune(strings.Repeat("(", depth))...)
		s = append(s, []rune("a)b")...)
		return s
	}
	// 63 openers: the last one pairs with ')' around "a" (L, opposite of
	// e=R, context R) → both brackets R.
	text := build(63)
	lv := New(text, RTL).Levels()
	if got := lv[len(text)-2]; got != 1 {
		t.Errorf("63 openers: level of ')' = %d, want 1", got)
	}
	// 64 openers: pairing stops, ')' between a and b (L, L) → L (2).
	text = build(64)
	lv = New(text, RTL).Levels()
	if got := lv[len(text)-2]; got != 2 {
		t.Errorf("64 openers: level of ')' = %d, want 2", got)
	}
}

// TestCanonicalBrackets checks that U+2329 pairs with U+3009 and U+3008
// with U+232A (canonical equivalents, BD16).
func TestCanonicalBrackets(t *testing.T) {
	for _, text := range []string{"א\u2329a\u3009b", "א\u3008a\u232Ab"} {
		r := []rune(text)
		lv := New(r, RTL).Levels()
		if lv[1] != 1 || lv[3] != 1 {
			t.Errorf("New(%+q).Levels() = %v, want brackets at 1", text, lv)
		}
	}
}

// TestSeparatorEndsSequence checks that a paragraph separator inside the
// text ends the isolating run sequence: an EN after it does not see the AL
// before it (W2), and takes sos = L instead (W7).
func TestSeparatorEndsSequence(t *testing.T) {
	p := NewFromClasses([]Class{AL, B, EN}, LTR)
	if got, want := p.Levels(), []Level{1, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("Levels(AL B EN) = %v, want %v", got, want)
	}
}

// TestUCDVersion checks that the Unicode files the tests read are of the
// version the tables were generated from (UnicodeVersion), so that the
// conformance results cannot drift with another copy.
func TestUCDVersion(t *testing.T) {
	for _, name := range []string{"extracted/DerivedBidiClass", "BidiBrackets", "BidiMirroring", "BidiTest", "BidiCharacterTest"} {
		line, err := bufio.NewReader(openUCD(t, name+".txt")).ReadString('\n')
		if err != nil {
			t.Fatalf("%s.txt: %v", name, err)
		}
		want := "# " + filepath.Base(name) + "-" + UnicodeVersion + ".txt"
		if got := strings.TrimSpace(line); got != want {
			t.Errorf("%s.txt starts %q, want %q (tables.go is Unicode %s)", name, got, want, UnicodeVersion)
		}
	}
}
