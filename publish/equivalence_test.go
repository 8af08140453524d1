package publish

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/qalam/policyeditor/editor/textdir"
	"github.com/qalam/policyeditor/publish/internal/oracle"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/storagetest"
)

// The render speed-up restructured the renderer; publish/internal/oracle is
// the renderer from before it, and these tests check that both give the
// same bytes (or the same error) on generated and fuzzed pages.

// checkSameAsOracle fails t if Render and the oracle differ on page.
func checkSameAsOracle(t *testing.T, page storage.Page, opt Options) {
	t.Helper()
	got, err := Render(page, opt)
	want, wantErr := oracle.Render(page, oracle.Options(opt))
	if fmt.Sprint(err) != fmt.Sprint(wantErr) {
		t.Fatalf("Render(%#v, %+v) error = %v, oracle's %v", page, opt, err, wantErr)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("Render(%#v, %+v) =\n%s\noracle's\n%s", page, opt, article(got), article(want))
	}
}

// Vocabulary of the generated Markdown: words of both directions, islands,
// markup that splits text nodes, and characters the renderer must remove
// or keep whole.
var (
	genArabic = []string{"سياسة", "الخصوصية", "منصة", "قلم", "البيانات", "أولاً", "ختاماً", "مُحَمَّد", "كـلمة", "١٢٣", "۴۵", "،", "؛", "؟", "عبر", "تحليلات", "שלום"}
	genLatin  = []string{"Google", "Analytics", "Windows", "10", "Qalam", "AT&amp;T", "a\\_b.txt", "first_last", "iPhone", "e.g.", "v1.2-beta", "Ünïcode", "ΑΒΓ"}
	genIsland = []string{"support@gmail.com", "www.qlmlearn.com", "https://qlmlearn.com/ar/privacy/", "17/07/2023", "2023-07-17", "17.07.2023م", "(www.qlmlearn.com)", "http://a.b/c?d=e#f", "mailto:x@y.z", "3", "2023", "+966 11 123", "&#x202E;", "&copy;", "&#1605;"}
	genPunct  = []string{".", ",", ":", "!", "?", "-", "—", "\"", "'", "(", ")", "[", "]", "«", "»", "/", "\\*", "\\[", "&", "<", ">", "_", "~"}
	genOdd    = []string{"\u202E", "\u2066", "\u2069", "\u200C", "\u200F", "\u00A0", "\t", "\u061C", "\u0651", "ـ", "\U0001F600", "\x00", "\uFFFD"}
)

type mdGen struct{ r *rand.Rand }

func (g mdGen) pick(words []string) string { return words[g.r.IntN(len(words))] }

// word is one word of any kind, rarely with markup around it.
func (g mdGen) word() string {
	var w string
	switch n := g.r.IntN(100); {
	case n < 45:
		w = g.pick(genArabic)
	case n < 70:
		w = g.pick(genLatin)
	case n < 82:
		w = g.pick(genIsland)
	case n < 94:
		w = g.pick(genPunct)
	default:
		w = g.pick(genOdd)
	}
	switch g.r.IntN(40) {
	case 0:
		return "*" + w + "*"
	case 1:
		return "**" + w + " " + g.word() + "**"
	case 2:
		return "`" + w + "`"
	case 3:
		return "[" + w + " " + g.word() + "](" + g.pick([]string{"https://qlmlearn.com/", "/rel", "#frag", "javascript:alert(1)", "mailto:a@b.c", "data:text/html,x", "JaVaScRiPt&#58;x", "ftp://x"}) + g.pick([]string{"", " \"title\"", " \"عنوان \u202E\""}) + ")"
	case 4:
		return "<" + g.pick([]string{"https://qlmlearn.com", "support@gmail.com", "javascript:x", "b>raw</b", "span dir=\"rtl\""}) + ">"
	case 5:
		return "![" + w + "](" + g.pick([]string{"/img.png", "https://x.y/i.png", "data:image/png;base64,AA", "javascript:x"}) + ")"
	case 6:
		return "~~" + w + "~~"
	case 7:
		return "_" + w + "_"
	}
	return w
}

// line is a line of words, separated mostly by spaces.
func (g mdGen) line() string {
	var b strings.Builder
	for i := range 1 + g.r.IntN(14) {
		if i > 0 {
			b.WriteString(g.pick([]string{" ", " ", " ", " ", "", "  "}))
		}
		b.WriteString(g.word())
	}
	if g.r.IntN(15) == 0 {
		b.WriteString("  ") // a hard line break if a line follows
	}
	return b.String()
}

// block is one Markdown block, at most depth levels of nesting.
func (g mdGen) block(depth int) string {
	k := g.r.IntN(16)
	if depth > 3 && k >= 9 {
		k = 0
	}
	switch k {
	case 0, 1, 2, 3:
		lines := []string{g.line()}
		for g.r.IntN(3) == 0 {
			lines = append(lines, g.line())
		}
		return strings.Join(lines, "\n")
	case 4:
		return strings.Repeat("#", 1+g.r.IntN(6)) + " " + g.line()
	case 5:
		return g.line() + "\n" + g.pick([]string{"===", "---"})
	case 6:
		return "```" + g.pick([]string{"", "go", "عربي"}) + "\n" + g.line() + "\n" + g.line() + g.pick([]string{"\n```", ""})
	case 7:
		return "    " + g.line()
	case 8:
		return g.pick([]string{"---", "***", "<div>\n" + g.line() + "\n</div>", "<!-- c -->", "[ref]: https://x.y \"t\"", "[ref]\n\n[ref]: /r", "| a | ب |\n|---|:-:|\n| " + g.word() + " | " + g.word() + " |"})
	case 9, 10, 11:
		return g.list(depth)
	case 12:
		return "> " + strings.ReplaceAll(g.block(depth+1), "\n", "\n> ")
	default:
		return g.line()
	}
}

// list is a list of 1–4 items, possibly loose, with nested blocks.
func (g mdGen) list(depth int) string {
	marker := g.pick([]string{"- ", "* ", "1. ", "3) ", "+ "})
	indent := strings.Repeat(" ", len(marker))
	var items []string
	for range 1 + g.r.IntN(4) {
		item := g.line()
		for g.r.IntN(3) == 0 {
			item += "\n\n" + g.block(depth+1)
		}
		items = append(items, marker+strings.ReplaceAll(item, "\n", "\n"+indent))
	}
	return strings.Join(items, g.pick([]string{"\n", "\n", "\n\n"}))
}

func (g mdGen) body() string {
	var blocks []string
	for range g.r.IntN(7) {
		blocks = append(blocks, g.block(0))
	}
	return strings.Join(blocks, g.pick([]string{"\n\n", "\n\n", "\n", "\n\n\n"})) + g.pick([]string{"", "\n", "\r\n"})
}

func (g mdGen) page() storage.Page {
	p := storage.Page{
		Slug:      "gen",
		Title:     g.line(),
		Lang:      g.pick([]string{"ar", "en", ""}),
		Dir:       storage.Direction(g.pick([]string{"rtl", "ltr", ""})),
		Numbering: storage.NumberingStyle(g.pick([]string{"ordinal", "arabic-indic", "western", "none"})),
		DateStyle: storage.DateStyle(g.pick([]string{"numeric", "arabic-indic", "long", "hijri"})),
	}
	if g.r.IntN(2) == 0 {
		p.LastUpdated = time.Date(2020+g.r.IntN(6), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), 0, 0, 0, 0, time.UTC)
	}
	for range g.r.IntN(6) {
		s := storage.Section{Kind: storage.SectionKind(g.pick([]string{"intro", "numbered", "numbered", "closing"})), Body: g.body()}
		if g.r.IntN(4) > 0 {
			s.Heading = g.line()
		}
		p.Sections = append(p.Sections, s)
	}
	return p
}

func (g mdGen) options() Options {
	opt := Options{Fragment: g.r.IntN(2) == 0}
	if g.r.IntN(4) == 0 {
		opt.Banner = g.line()
	}
	if g.r.IntN(4) == 0 {
		opt.Stylesheet = ".x{color:red}"
	}
	if g.r.IntN(8) == 0 {
		opt.LiveReload = "/events?x=\"1\""
	}
	return opt
}

// TestRenderMatchesOracle renders generated pages with both renderers;
// -oracle.n sets how many (the fuzz target below goes further).
func TestRenderMatchesOracle(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	g := mdGen{rand.New(rand.NewPCG(1, 2))}
	for i := range n {
		page, opt := g.page(), g.options()
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkSameAsOracle(t, page, opt) })
	}
}

// TestRenderMatchesOracleOnFixtures compares the renderers on the golden
// pages, the publish benchmark's page and every case body.
func TestRenderMatchesOracleOnFixtures(t *testing.T) {
	for name, g := range goldenPages() {
		for _, p := range g.pages {
			t.Run(name, func(t *testing.T) { checkSameAsOracle(t, p, g.opt) })
		}
	}
	for _, body := range caseBodies(t) {
		page := storagetest.SeedPage()
		page.Sections[0].Body = body
		checkSameAsOracle(t, page, Options{Fragment: true})
	}
}

func caseBodies(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range strings.Split(string(data), caseStart)[1:] {
			_, rest, _ := strings.Cut(part, "\n")
			body, _, _ := strings.Cut(rest, caseHTML)
			out = append(out, body)
		}
	}
	return out
}

// FuzzRenderMatchesOracle: the fuzzed text is split into sections at
// "\n@@\n", each section's first line its heading; mode picks the page's
// language, direction, numbering and whether it has a date.
func FuzzRenderMatchesOracle(f *testing.F) {
	for _, body := range caseBodies(f) {
		f.Add(body, uint8(0))
		f.Add("عنوان\n"+body, uint8(7))
	}
	g := mdGen{rand.New(rand.NewPCG(3, 4))}
	for i := range 30 {
		p := g.page()
		var parts []string
		for _, s := range p.Sections {
			parts = append(parts, s.Heading+"\n"+s.Body)
		}
		f.Add(strings.Join(parts, "\n@@\n"), uint8(i))
	}
	f.Fuzz(func(t *testing.T, src string, mode uint8) {
		page := storage.Page{Slug: "fuzz", Title: "سياسة Policy", Lang: "ar", Dir: storage.RTL, Numbering: storage.NumberingOrdinal}
		if mode&1 != 0 {
			page.Lang, page.Dir = "en", storage.LTR
		}
		page.Numbering = []storage.NumberingStyle{"ordinal", "arabic-indic", "western", "none"}[mode>>1&3]
		if mode&8 != 0 {
			page.LastUpdated = july17
		}
		for i, part := range strings.Split(src, "\n@@\n") {
			heading, body, _ := strings.Cut(part, "\n")
			kind := storage.KindNumbered
			if i == 0 && mode&16 != 0 {
				kind = storage.KindIntro
			}
			page.Sections = append(page.Sections, storage.Section{Kind: kind, Heading: heading, Body: body})
		}
		checkSameAsOracle(t, page, Options{Fragment: mode&32 == 0})
	})
}

// TestLeadScannerMatchesBlock feeds random text, cut at random places
// (also inside runes and words), to the leadScanner and compares its
// answer with textdir.Block on the whole text.
func TestLeadScannerMatchesBlock(t *testing.T) {
	alphabet := []string{"a", "Z", "ب", "م", "١", "1", " ", "\n", "(", "«", "،", "@", ".", "://", "www.", "x@y.z", "\xd9", "\x85", "\xe2\x80", "\xf0\x9f", "\x98\x80", "\u200f", "😀"}
	r := rand.New(rand.NewPCG(5, 6))
	var ls leadScanner
	for range 200000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		ls.reset()
		for rest := b; len(rest) > 0; {
			n := 1 + r.IntN(len(rest))
			ls.feed(rest[:n])
			rest = rest[n:]
		}
		d, ok := ls.finish()
		wd, wok := textdir.Block(b)
		if d != wd || ok != wok {
			t.Fatalf("leadScanner(%q) = %q, %v; textdir.Block: %q, %v", b, d, ok, wd, wok)
		}
	}
}

// TestHeadingIDMatchesOracle: every code point, between words and alone.
func TestHeadingIDMatchesOracle(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		for _, s := range []string{string(r), "a" + string(r) + "b", "ب " + string(r) + "-x"} {
			if got, want := HeadingID(s), oracle.HeadingID(s); got != want {
				t.Fatalf("HeadingID(%q) = %q, oracle's %q", s, got, want)
			}
		}
	}
	for _, s := range []string{"\xff", "a\xd9b", "İstanbul", "ΣΑΣ", "أولاً: سياسة_الخصوصية -- 2023"} {
		if got, want := HeadingID(s), oracle.HeadingID(s); got != want {
			t.Errorf("HeadingID(%q) = %q, oracle's %q", s, got, want)
		}
	}
}

// TestDecodeRune: the inline decoders agree with utf8 on every one- and
// two-byte prefix.
func TestDecodeRune(t *testing.T) {
	for c0 := range 256 {
		for c1 := range 256 {
			b := []byte{byte(c0), byte(c1), 'x'}
			r, n := utf8.DecodeRune(b)
			if gr, gn := decodeRuneBytes(b); gr != r || gn != n {
				t.Fatalf("decodeRuneBytes(%q) = %q, %d; want %q, %d", b, gr, gn, r, n)
			}
			if gr, gn := decodeRune(string(b)); gr != r || gn != n {
				t.Fatalf("decodeRune(%q) = %q, %d; want %q, %d", b, gr, gn, r, n)
			}
			if gr, gn := decodeRuneBytes(b[:1]); gr != utf8.RuneError && c0 >= 0x80 || (c0 < 0x80 && gr != rune(c0)) || gn != 1 {
				t.Fatalf("decodeRuneBytes(%q) = %q, %d", b[:1], gr, gn)
			}
		}
	}
}

// TestMayHaveIslands: the byte-level filter says maybe for every rune that
// starts an island (and for invalid UTF-8), and only for those.
func TestMayHaveIslands(t *testing.T) {
	for _, rtl := range []bool{false, true} {
		for r := rune(0); r <= 0x10FFFF; r++ {
			if r >= 0xD800 && r <= 0xDFFF {
				continue
			}
			s := []byte("ب a" + string(r))
			want := startsIsland(r, rtl) || startsIsland('a', rtl) || startsIsland('ب', rtl)
			if got := mayHaveIslands(s, rtl); got != want {
				t.Fatalf("mayHaveIslands(%q, rtl=%v) = %v, want %v", s, rtl, got, want)
			}
			one := []byte(string(r))
			if got := mayHaveIslands(one, rtl); got != startsIsland(r, rtl) {
				t.Fatalf("mayHaveIslands(%q, rtl=%v) = %v, want %v", one, rtl, got, !got)
			}
		}
	}
	// Pieces of UTF-8 that may join into other runes: if no piece may
	// have islands, their concatenation has none.
	alphabet := []string{"ب", "١", " ", ".", "&amp;", "&#64;", "\\_", "\\", "&", "\xd9", "\x85", "\xc3", "\xa9", "\xe2", "\x80", "\xf0\x9f", "\x98", "\xff", "\xc0", "\u05d0", "\u200f", "a", "1", "@", "/", "-", "é", "www.x", "17/07/2023"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 200000 {
		var pieces [][]byte
		var joined []byte
		for range 1 + r.IntN(4) {
			var p []byte
			for range r.IntN(4) {
				p = append(p, alphabet[r.IntN(len(alphabet))]...)
			}
			pieces = append(pieces, p)
			joined = append(joined, p...)
		}
		for _, rtl := range []bool{false, true} {
			maybe := false
			for _, p := range pieces {
				maybe = maybe || mayHaveIslands(p, rtl)
			}
			got := appendIslands(nil, string(joined), rtl)
			if !maybe && len(got) > 0 {
				t.Fatalf("mayHaveIslands false for every piece of %q (rtl=%v), islands %v", pieces, rtl, got)
			}
			dir := storage.LTR
			if rtl {
				dir = storage.RTL
			}
			if want := oracle.Islands(string(joined), dir); fmt.Sprint(spanPairs(got)) != fmt.Sprint(want) {
				t.Fatalf("appendIslands(%q, rtl=%v) = %v, oracle's %v", joined, rtl, spanPairs(got), want)
			}
		}
	}
}

// TestBlockContextIsFreshPerBlock: the parser context shared by the blocks
// of a page carries nothing from one block to the next (link reference
// definitions, an unclosed fence, a list, a link label).
func TestBlockContextIsFreshPerBlock(t *testing.T) {
	page := storage.Page{Slug: "ctx", Title: "[a]: /title-ref", Sections: []storage.Section{
		{Kind: storage.KindNumbered, Heading: "h", Body: "[a]: /first\n\n```\nfence\n\n- item\n\n[open *label"},
		{Kind: storage.KindNumbered, Heading: "[a]", Body: "[a] and [b]\n\n  lazy\n\n[b]: /second\n"},
		{Kind: storage.KindNumbered, Heading: "h", Body: "[a] [b]\n"},
	}}
	out, err := Render(page, Options{Fragment: true})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte(`href="/first"`)) || bytes.Count(out, []byte(`href="/second"`)) != 1 {
		t.Errorf("a reference crossed blocks:\n%s", out)
	}
	checkSameAsOracle(t, page, Options{Fragment: true})
}

func spanPairs(spans []span) [][2]int {
	var out [][2]int
	for _, s := range spans {
		out = append(out, [2]int{s.start, s.end})
	}
	return out
}
