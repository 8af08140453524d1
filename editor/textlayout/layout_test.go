package textlayout

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/editor/bidi"
)

// seg is one expected visual segment: the runes of a maximal same-level
// piece of a line, left to right, and its direction.
type seg struct {
	text string
	rtl  bool
}

func r(s string) seg { return seg{s, true} }

func (s seg) String() string {
	if s.rtl {
		return fmt.Sprintf("rtl%q", s.text)
	}
	return fmt.Sprintf("ltr%q", s.text)
}
func l(s string) seg { return seg{s, false} }

var mixedCases = []struct {
	name string
	text string
	dir  bidi.Direction
	want []seg // visual order, left to right
}{
	{"number", "العدد 123 هنا", bidi.RTL, []seg{r(" هنا"), l("123"), r("العدد ")}},
	{"url-in-brackets", "منصة قلم (www.qlmlearn.com)", bidi.RTL, []seg{r(")"), l("www.qlmlearn.com"), r("منصة قلم (")}},
	{"date", "آخر تحديث في 17/07/2023م", bidi.RTL, []seg{r("م"), l("17/07/2023"), r("آخر تحديث في ")}},
	{"email-at-end", "للتواصل معنا راسلونا على support@gmail.com .", bidi.RTL,
		[]seg{r(" ."), l("support@gmail.com"), r("للتواصل معنا راسلونا على ")}},
	{"latin-both-ends", "Google تستخدم أدوات Analytics", bidi.RTL,
		[]seg{l("Analytics"), r(" تستخدم أدوات "), l("Google")}},
	{"arabic-indic-digits", "الفقرة ١٢٣ من السياسة", bidi.RTL, []seg{r(" من السياسة"), l("١٢٣"), r("الفقرة ")}},
	{"arabic-punctuation", "هل لديك سؤال؟ نعم، بالتأكيد.", bidi.RTL, []seg{r("هل لديك سؤال؟ نعم، بالتأكيد.")}},
	{"auto-rtl", "سياسة الخصوصية Privacy", bidi.Auto, []seg{l("Privacy"), r("سياسة الخصوصية ")}},
	{"ltr-paragraph", "Policy سياسة الخصوصية v2", bidi.LTR, []seg{l("Policy "), r("سياسة الخصوصية"), l(" v2")}},
	{"auto-ltr-digits", "123 Main", bidi.Auto, []seg{l("123 Main")}},
}

// goldenLine and goldenRun are what the golden file records, rounded to
// 0.01 px so that it reads well in a diff.
type goldenLine struct {
	Start, End int
	X, Width   float64
	Runs       []goldenRun
}

type goldenRun struct {
	Text     string
	Start    int
	End      int
	Dir      string
	Face     string
	X, Width float64
}

type goldenCase struct {
	Name  string
	Text  string
	Level int
	Width float64
	Lines []goldenLine
}

func round(v float32) float64 { return math.Round(float64(v)*100) / 100 }

func describe(name string, p *Paragraph) goldenCase {
	g := goldenCase{Name: name, Text: string(p.Text()), Level: int(p.Level), Width: round(p.Width)}
	for _, ln := range p.Lines {
		gl := goldenLine{Start: ln.Start, End: ln.End, X: round(ln.X), Width: round(ln.Width)}
		for _, rn := range ln.Runs {
			dir := "ltr"
			if rn.RTL {
				dir = "rtl"
			}
			gl.Runs = append(gl.Runs, goldenRun{Text: p.String(rn), Start: rn.Start, End: rn.End, Dir: dir,
				Face: rn.Face.String(), X: round(rn.X), Width: round(rn.Width)})
		}
		g.Lines = append(g.Lines, gl)
	}
	return g
}

// segments merges the runs of a line into maximal same-level pieces.
func segments(p *Paragraph, ln Line) []seg {
	var out []seg
	var lv []bidi.Level
	for _, rn := range ln.Runs {
		if k := len(out) - 1; k >= 0 && lv[k] == rn.Level {
			if rn.RTL {
				out[k].text = p.String(rn) + out[k].text
			} else {
				out[k].text += p.String(rn)
			}
			continue
		}
		out = append(out, seg{p.String(rn), rn.RTL})
		lv = append(lv, rn.Level)
	}
	return out
}

func TestMixedLines(t *testing.T) {
	var golden []goldenCase
	for _, tc := range mixedCases {
		t.Run(tc.name, func(t *testing.T) {
			text := []rune(tc.text)
			p := Layout(Params{Text: text, Dir: tc.dir, Size: 16})
			checkStructure(t, p, len(text), AlignStart)
			if len(p.Lines) != 1 {
				t.Fatalf("%d lines, want 1 (no wrapping)", len(p.Lines))
			}
			got := segments(p, p.Lines[0])
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("visual order of %q:\n got %v\nwant %v", tc.text, got, tc.want)
			}
			if !near(p.Width, p.Lines[0].Width) {
				t.Errorf("paragraph width %.2f, want the line width %.2f", p.Width, p.Lines[0].Width)
			}
			checkGeometry(t, p, text)
			golden = append(golden, describe(tc.name, p))
		})
	}
	compareGolden(t, "mixed_lines.golden.json", golden)
}

// TestWrappedMixedGolden records a narrow wrap of the mixed lines so that
// line breaks inside mixed text are reviewed too.
func TestWrappedMixedGolden(t *testing.T) {
	var golden []goldenCase
	for _, tc := range mixedCases[:5] {
		text := []rune(tc.text)
		p := Layout(Params{Text: text, Dir: tc.dir, Width: 90})
		checkStructure(t, p, len(text), AlignStart)
		checkGeometry(t, p, text)
		golden = append(golden, describe(tc.name, p))
	}
	compareGolden(t, "mixed_wrapped_90.golden.json", golden)
}

func compareGolden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got %s\nwant %s\n(go test -update rewrites it; review the diff)", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: got %d lines, want %d", path, len(gl), len(wl))
	}
}

// TestMirroredBrackets checks that HarfBuzz mirrors the brackets of an RTL
// run: the logical "(" of "منصة قلم (www…)" is drawn with the glyph of ")"
// and the closing one with the glyph of "(".
func TestMirroredBrackets(t *testing.T) {
	text := []rune("منصة قلم (www.qlmlearn.com)")
	p := Layout(Params{Text: text, Dir: bidi.RTL})
	w := DefaultFonts().get()
	defer DefaultFonts().put(w)
	glyphOf := func(offset int) (uint32, FaceID) {
		for _, rn := range p.Lines[0].Runs {
			for _, g := range rn.Glyphs {
				if g.Cluster == offset {
					return g.ID, rn.Face
				}
			}
		}
		t.Fatalf("no glyph for offset %d", offset)
		return 0, 0
	}
	for _, c := range []struct {
		offset int
		drawn  rune
	}{{9, ')'}, {len(text) - 1, '('}} {
		id, face := glyphOf(c.offset)
		want, ok := w.faces[face].NominalGlyph(c.drawn)
		if !ok || uint32(want) != id {
			t.Errorf("offset %d (%q) drawn with glyph %d in %v, want %d (%q)", c.offset, text[c.offset], id, face, want, c.drawn)
		}
	}
	// In an LTR paragraph the same brackets are not mirrored.
	ltr := []rune("(www.qlmlearn.com)")
	q := Layout(Params{Text: ltr, Dir: bidi.LTR})
	open, _ := w.faces[LatinRegular].NominalGlyph('(')
	if g := q.Lines[0].Runs[0].Glyphs[0]; g.ID != uint32(open) {
		t.Errorf("LTR '(' drawn with glyph %d, want %d", g.ID, open)
	}
}

// TestFontFallback checks the per-character face choice.
func TestFontFallback(t *testing.T) {
	text := []rune("نص Text، ١٢٣ (x) سؤال؟")
	st := Style{Bold: true}
	p := Layout(Params{Text: text, Spans: []Span{{Start: 0, End: 2, Style: st}, {Start: 3, End: 7, Style: Style{Italic: true}}}, Dir: bidi.RTL})
	faceAt := map[int]FaceID{}
	for _, rn := range p.Lines[0].Runs {
		for i := rn.Start; i < rn.End; i++ {
			faceAt[i] = rn.Face
		}
	}
	for _, c := range []struct {
		offset int
		want   FaceID
	}{
		{0, ArabicBold},     // ن bold
		{3, LatinItalic},    // T italic
		{7, ArabicRegular},  // ، not in Noto Sans
		{9, ArabicRegular},  // ١ Arabic-Indic digit
		{13, LatinRegular},  // ( bracket: Noto Sans
		{14, LatinRegular},  // x
		{21, ArabicRegular}, // ؟
	} {
		if faceAt[c.offset] != c.want {
			t.Errorf("face of %q at %d = %v, want %v", text[c.offset], c.offset, faceAt[c.offset], c.want)
		}
	}
	// Italic Arabic uses the upright Naskh face.
	q := Layout(Params{Text: []rune("نص"), Spans: []Span{{0, 2, Style{Italic: true}}}})
	if f := q.Lines[0].Runs[0].Face; f != ArabicRegular {
		t.Errorf("italic Arabic face = %v, want %v", f, ArabicRegular)
	}
}

func TestAlignment(t *testing.T) {
	text := []rune("العدد 123 هنا")
	for _, tc := range []struct {
		align Align
		dir   bidi.Direction
		x     func(w, lw float32) float32
	}{
		{AlignStart, bidi.RTL, func(w, lw float32) float32 { return w - lw }},
		{AlignEnd, bidi.RTL, func(w, lw float32) float32 { return 0 }},
		{AlignStart, bidi.LTR, func(w, lw float32) float32 { return 0 }},
		{AlignEnd, bidi.LTR, func(w, lw float32) float32 { return w - lw }},
		{AlignCenter, bidi.RTL, func(w, lw float32) float32 { return (w - lw) / 2 }},
	} {
		p := Layout(Params{Text: text, Dir: tc.dir, Width: 300, Align: tc.align})
		checkStructure(t, p, len(text), tc.align)
		ln := p.Lines[0]
		if want := tc.x(300, ln.Width); !near(ln.X, want) {
			t.Errorf("align %d dir %d: line X = %.2f, want %.2f", tc.align, tc.dir, ln.X, want)
		}
	}
}

func TestEmptyParagraph(t *testing.T) {
	for _, dir := range []bidi.Direction{bidi.LTR, bidi.RTL} {
		p := Layout(Params{Dir: dir, Width: 200})
		checkStructure(t, p, 0, AlignStart)
		if p.Height <= 0 {
			t.Errorf("empty paragraph height %.2f, want one line", p.Height)
		}
		c, s := p.Caret(0)
		wantX := float32(0)
		if dir == bidi.RTL {
			wantX = 200
		}
		if c != s || !near(c.X, wantX) || c.Height <= 0 {
			t.Errorf("dir %d: Caret(0) = %+v %+v, want x %.0f", dir, c, s, wantX)
		}
		if o := p.HitTest(50, 5); o != 0 {
			t.Errorf("HitTest on empty = %d", o)
		}
		if o := p.NextVisual(0, true); o != 0 {
			t.Errorf("NextVisual on empty = %d", o)
		}
	}
}

// TestEqualSpansDoNotSplitRuns: adjacent spans with the same style (as a
// caller covering the whole text with spans produces) give one run, and a
// bold part inside an Arabic word keeps the letters joined.
func TestEqualSpansDoNotSplitRuns(t *testing.T) {
	text := []rune("سياسة الخصوصية")
	base := Style{Size: 16}
	p := Layout(Params{Text: text, Dir: bidi.RTL, Spans: []Span{{0, 3, base}, {3, 8, base}, {8, 14, base}}})
	if n := len(p.Lines[0].Runs); n != 1 {
		t.Errorf("%d runs for equal spans, want 1", n)
	}
	plain := Layout(Params{Text: text, Dir: bidi.RTL})
	bold := Layout(Params{Text: text, Dir: bidi.RTL, Spans: []Span{{2, 4, Style{Bold: true}}}})
	if n := len(bold.Lines[0].Runs); n != 3 {
		t.Fatalf("%d runs with a bold middle, want 3", n)
	}
	// The glyph of the ي before the bold part is the same medial form as
	// without the span: shaping saw the context.
	glyphAt := func(p *Paragraph, offset int) uint32 {
		for _, r := range p.Lines[0].Runs {
			for _, g := range r.Glyphs {
				if g.Cluster == offset {
					return g.ID
				}
			}
		}
		return 0
	}
	if a, b := glyphAt(plain, 1), glyphAt(bold, 1); a != b {
		t.Errorf("glyph of %q changes from %d to %d next to a bold span", text[1], a, b)
	}
}
