package richview

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/editor/textlayout"
	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/publish/chromiumtest"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/storagetest"
)

// compareWidth and compareSize are the column width and font size used on
// both sides of the Chromium comparison.
const (
	compareWidth = 480
	compareSize  = 14
)

// TestChromiumWordOrder renders every block of the seed page (and of the
// mixed-direction sample) in headless Chromium (one <p> per block with the
// block's dir, same fonts, width and size), asks it where each word landed,
// and checks that for every line Chromium made, the left-to-right order of
// its words equals the visual order textlayout gives the same words laid
// out as one line. Line breaks themselves may differ at the margins, so
// Chromium's line assignment is used on both sides.
//
// Needs the chromium package; fails when CI=true and it is missing.
func TestChromiumWordOrder(t *testing.T) {
	chromiumtest.Path(t)
	doc, err := document.FromPage(storagetest.SeedPage())
	if err != nil {
		t.Fatal(err)
	}
	mixed := mustDoc(t, mixedMD, storage.RTL) // numbers, e-mail, URL, parentheses, an LTR block
	blocks := append(doc.Blocks, mixed.Blocks...)
	var paras [][]rune
	var dirs []storage.Direction
	for _, b := range blocks {
		paras = append(paras, b.Text) // inline code isolates become <bdi dir="ltr">
		dirs = append(dirs, b.Dir)
	}
	dir := t.TempDir()
	page, err := comparePage(dir, paras, dirs)
	if err != nil {
		t.Fatal(err)
	}
	measured, err := chromiumWords(t, page, "p", 800)
	if err != nil {
		t.Fatal(err)
	}
	compareOrders(t, blocks, measured)
}

// TestPublishedWordOrder does the same against the page the publisher
// writes (publish.Render of the seed page, its own template, stylesheet and
// <bdi> isolation of URLs, e-mail addresses, Latin names and dates), so it
// checks that reviewers see in the view the word order of the published page.
func TestPublishedWordOrder(t *testing.T) {
	chromiumtest.Path(t)
	mixed := storage.Page{Title: "نص مختلط Mixed", Lang: "ar", Dir: storage.RTL, Numbering: storage.NumberingArabicIndic,
		Sections: []storage.Section{
			{Kind: storage.KindNumbered, Heading: "اتجاهات مختلطة", Body: mixedMD},
			{Kind: storage.KindNumbered, Heading: "قوائم Lists", Body: listMD},
		}}
	for name, p := range map[string]storage.Page{"seed": storagetest.SeedPage(), "mixed": mixed} {
		t.Run(name, func(t *testing.T) {
			doc, err := document.FromPage(p)
			if err != nil {
				t.Fatal(err)
			}
			out, err := publish.Render(p, publish.Options{})
			if err != nil {
				t.Fatal(err)
			}
			page := filepath.Join(t.TempDir(), "published.html")
			if err := os.WriteFile(page, out, 0o644); err != nil {
				t.Fatal(err)
			}
			// A phone-sized window: more wrapped lines, more line edges to check.
			measured, err := chromiumWords(t, page, "article :is(h1,h2,h3,h4,h5,h6,p,li:not(:has(p)),tr)", 420)
			if err != nil {
				t.Fatal(err)
			}
			compareOrders(t, doc.Blocks, measured)
		})
	}
}

// compareOrders checks, line by line of Chromium's layout, that the words
// of each block come in the same left-to-right order in our layout.
func compareOrders(t *testing.T, blocks []document.Block, measured []measuredBlock) {
	t.Helper()
	if len(measured) != len(blocks) {
		t.Fatalf("Chromium measured %d blocks, the document has %d", len(measured), len(blocks))
	}
	lines, match := 0, 0
	for bi, m := range measured {
		// Chromium's text has no isolate controls (the publisher uses <bdi>,
		// our own page none); words are located in the text without them and
		// mapped back to offsets in the block's real text, which is what is
		// laid out.
		text, index := withoutControls(blocks[bi].Text)
		if blocks[bi].Kind == document.KindTableRow && m.Table {
			// The published table has cells, our row " | " between them.
			text = []rune(strings.ReplaceAll(string(text), "|", " "))
		}
		if got, want := strings.Join(strings.Fields(m.Text), " "), strings.Join(strings.Fields(string(text)), " "); got != want {
			t.Fatalf("block %d: Chromium shows %q, the document %q", bi, got, want)
		}
		spans, err := locateWords(text, m.Words)
		if err != nil {
			t.Fatalf("block %d: %v", bi, err)
		}
		for i := range spans {
			spans[i] = [2]int{index[spans[i][0]], index[spans[i][1]-1] + 1}
		}
		text = blocks[bi].Text
		for _, line := range chromiumLines(m.Words) {
			lines++
			ours := ourOrder(text, blocks[bi].Dir, spans, line)
			theirs := make([]int, len(line))
			for i, w := range line {
				theirs[i] = w.Index
			}
			if slices.Equal(ours, theirs) {
				match++
				continue
			}
			t.Errorf("block %d line %q:\n chromium %v\n ours     %v", bi, lineText(text, spans, line), wordsAt(text, spans, theirs), wordsAt(text, spans, ours))
		}
	}
	t.Logf("%d of %d lines have Chromium's word order", match, lines)
	if lines == 0 {
		t.Fatal("no lines compared")
	}
}

// measuredBlock is one block as Chromium shows it: its text and where
// each of its words landed.
type measuredBlock struct {
	Table bool         `json:"table"` // a table row (<tr>)
	Text  string       `json:"text"`
	Words []chromeWord `json:"words"`
}

// chromeWord is where Chromium drew one word of a block.
type chromeWord struct {
	Index int     `json:"i"`
	Text  string  `json:"t"`
	Left  float64 `json:"x"`
	Mid   float64 `json:"y"` // vertical centre of the word's box
}

// withoutControls returns text without the isolate controls and, for each
// rune of the result, its offset in text.
func withoutControls(text []rune) ([]rune, []int) {
	var out []rune
	var index []int
	for i, r := range text {
		if !isControl(r) {
			out = append(out, r)
			index = append(index, i)
		}
	}
	return out, index
}

func isControl(r rune) bool { return r == document.LRI || r == document.PDI }

// locateWords finds Chromium's words, in order, in our text and returns
// their rune ranges (our text has the same characters; only white space
// may differ).
func locateWords(text []rune, words []chromeWord) ([][2]int, error) {
	var out [][2]int
	at := 0
	for _, w := range words {
		for at < len(text) && unicode.IsSpace(text[at]) {
			at++
		}
		wr := []rune(w.Text)
		if at+len(wr) > len(text) || string(text[at:at+len(wr)]) != w.Text {
			return nil, fmt.Errorf("word %d %q of Chromium not at offset %d of %q", w.Index, w.Text, at, string(text))
		}
		out = append(out, [2]int{at, at + len(wr)})
		at += len(wr)
	}
	return out, nil
}

// chromiumLines groups the words of a block into Chromium's lines (by
// vertical centre) and sorts each line left to right.
func chromiumLines(ws []chromeWord) [][]chromeWord {
	sorted := slices.Clone(ws)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Mid < sorted[j].Mid })
	var lines [][]chromeWord
	for _, w := range sorted {
		if n := len(lines); n > 0 && w.Mid-lines[n-1][0].Mid < compareSize*0.8 {
			lines[n-1] = append(lines[n-1], w)
			continue
		}
		lines = append(lines, []chromeWord{w})
	}
	for _, l := range lines {
		sort.SliceStable(l, func(i, j int) bool { return l[i].Left < l[j].Left })
	}
	return lines
}

// ourOrder lays out the words of one Chromium line as a single line with
// textlayout (the block's direction, no wrapping) and returns their indices sorted
// by the left edge of their selection rectangles.
func ourOrder(text []rune, dir storage.Direction, spans [][2]int, line []chromeWord) []int {
	lo, hi := len(spans), -1
	for _, w := range line {
		lo, hi = min(lo, w.Index), max(hi, w.Index)
	}
	from, to := spans[lo][0], spans[hi][1]
	for from > 0 && isControl(text[from-1]) { // keep the isolate around a word at the line edge
		from--
	}
	for to < len(text) && isControl(text[to]) {
		to++
	}
	p := textlayout.Layout(textlayout.Params{Text: text[from:to], Dir: dirOf(dir), Size: compareSize})
	type placed struct {
		index int
		x     float32
	}
	var ps []placed
	for i := lo; i <= hi; i++ {
		x := float32(1e9)
		for _, r := range p.SelectionRects(spans[i][0]-from, spans[i][1]-from) {
			x = min(x, r.X)
		}
		ps = append(ps, placed{i, x})
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].x < ps[j].x })
	out := make([]int, len(ps))
	for i, q := range ps {
		out[i] = q.index
	}
	return out
}

func wordsAt(text []rune, spans [][2]int, idx []int) []string {
	out := make([]string, len(idx))
	for i, k := range idx {
		out[i] = string(text[spans[k][0]:spans[k][1]])
	}
	return out
}

func lineText(text []rune, spans [][2]int, line []chromeWord) string {
	lo, hi := len(spans), -1
	for _, w := range line {
		lo, hi = min(lo, w.Index), max(hi, w.Index)
	}
	return string(text[spans[lo][0]:spans[hi][1]])
}

// comparePage is the HTML page Chromium lays out: one <p> per block with
// the block's direction, isolates as <bdi dir="ltr">, the bundled fonts
// (Arabic first, Latin after, like textlayout's fallback).
func comparePage(dir string, paras [][]rune, dirs []storage.Direction) (string, error) {
	fonts := map[string][]byte{"naskh.ttf": assets.ArabicRegular, "sans.ttf": assets.LatinRegular}
	for name, data := range fonts {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return "", err
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><style>
@font-face{font-family:Naskh;src:url(naskh.ttf)}
@font-face{font-family:Sans;src:url(sans.ttf)}
body{margin:0;width:%dpx;font:%dpx/1.6 Naskh,Sans}
p{margin:0 0 1em}
</style></head><body>`, compareWidth, compareSize)
	isolates := strings.NewReplacer(string(document.LRI), `<bdi dir="ltr">`, string(document.PDI), "</bdi>")
	for i, p := range paras {
		fmt.Fprintf(&b, "<p dir=%q>%s</p>\n", dirs[i], isolates.Replace(html.EscapeString(string(p))))
	}
	b.WriteString("</body></html>")
	path := filepath.Join(dir, "page.html")
	return path, os.WriteFile(path, []byte(b.String()), 0o644)
}
