package diff

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/qalam/policyeditor/assets"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"hello, world", []string{"hello", ",", " ", "world"}},
		{"ما هي البيانات؟", []string{"ما", " ", "هي", " ", "البيانات", "؟"}},
		{"المتصفح ، ومكان؛ ثم", []string{"المتصفح", " ", "،", " ", "ومكان", "؛", " ", "ثم"}},
		// tashkeel stays with its word: أولاً has fathatan U+064B
		{"أولاً: أهمية", []string{"أولاً", ":", " ", "أهمية"}},
		{"مُحَمَّد\nقلم", []string{"مُحَمَّد", "\n", "قلم"}},
		// tatweel and ZWNJ are part of the word
		{"قـلم\u200cنا x", []string{"قـلم\u200cنا", " ", "x"}},
		{"(www.qlmlearn.com)", []string{"(", "www", ".", "qlmlearn", ".", "com", ")"}},
		{"17/07/2023م", []string{"17", "/", "07", "/", "2023م"}},
		{"don't stop", []string{"don't", " ", "stop"}},
		{"a  \n\n b", []string{"a", "  \n\n ", "b"}},
		{"١٢٣ رقم", []string{"١٢٣", " ", "رقم"}},
		{"\xff\xfeab", []string{"\xff", "\xfe", "ab"}},
	}
	for _, tt := range tests {
		got := Tokens(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		a, b string
		want string // ops written as "=text" "-text" "+text" joined by |
	}{
		{"", "", ""},
		{"same", "same", "=same"},
		{"", "new text", "+new text"},
		{"old text", "", "-old text"},
		{"the quick brown fox", "the slow brown fox", "=the |-quick|+slow|= brown fox"},
		{"the quick brown fox", "a slow brown fox", "-the quick|+a slow|= brown fox"},
		{"one two three", "one three", "=one |-two |=three"},
		{"one three", "one two three", "=one |+two |=three"},
		// Arabic: a word replaced; the Arabic comma is its own token
		{"نقوم بجمع البيانات، والصفحات", "نقوم بحفظ البيانات، والصفحات",
			"=نقوم |-بجمع|+بحفظ|= البيانات، والصفحات"},
		{"هل تجمع المنصة بياناتي؟", "هل تجمع المنصة بياناتي المالية؟",
			"=هل تجمع المنصة بياناتي|+ المالية|=؟"},
		// a changed mark changes the whole word, not a letter
		{"أولا: أهمية", "أولاً: أهمية", "-أولا|+أولاً|=: أهمية"},
		// punctuation change does not take the neighbouring word
		{"مدربين أو متدربين.", "مدربين أو متدربين؟", "=مدربين أو متدربين|-.|+؟"},
		{"Last updated: July 17, 2023", "Last updated: August 26, 2024",
			"=Last updated: |-July 17, 2023|+August 26, 2024"},
	}
	for _, tt := range tests {
		ops := Words(tt.a, tt.b)
		if got := opsString(ops); got != tt.want {
			t.Errorf("Words(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
		checkOps(t, tt.a, tt.b, ops)
	}
}

func opsString(ops []Op) string {
	parts := make([]string, len(ops))
	for i, op := range ops {
		parts[i] = op.Kind.String() + op.Text
	}
	return strings.Join(parts, "|")
}

// checkOps verifies the invariants documented on Words.
func checkOps(t *testing.T, a, b string, ops []Op) {
	t.Helper()
	if got := Apply(ops, false); got != a {
		t.Fatalf("Apply(Words(%q, %q), old) = %q", a, b, got)
	}
	if got := Apply(ops, true); got != b {
		t.Fatalf("Apply(Words(%q, %q), new) = %q", a, b, got)
	}
	for i, op := range ops {
		if op.Text == "" {
			t.Fatalf("Words(%q, %q): empty op %d", a, b, i)
		}
		if i > 0 && ops[i-1].Kind == op.Kind {
			t.Fatalf("Words(%q, %q): ops %d and %d share kind %v", a, b, i-1, i, op.Kind)
		}
		if i > 0 && ops[i-1].Kind == Insert && op.Kind == Delete {
			t.Fatalf("Words(%q, %q): insert before delete at %d", a, b, i)
		}
	}
	if a != b && !HasChanges(ops) {
		t.Fatalf("Words(%q, %q) reports no change", a, b)
	}
	if a == b && HasChanges(ops) {
		t.Fatalf("Words(%q, %q) reports a change", a, b)
	}
}

func TestWordsMinimalOnSmallEdits(t *testing.T) {
	a := "من وجهة نظرنا إن إفصاحنا في موقع منصة قلم عن سياسة الخصوصية لدينا"
	b := "من وجهة نظرنا إن إفصاحنا في موقع منصة قلم الإلكتروني عن سياسة الخصوصية لدينا"
	ins, del := Stats(Words(a, b))
	if ins != 1 || del != 0 {
		t.Errorf("Stats = %d inserted, %d deleted; want 1, 0", ins, del)
	}
}

func TestHTML(t *testing.T) {
	ops := Words(`a <b> & "c"`, `a <i> & "c"`)
	got := string(HTML(ops))
	want := `a &lt;<del>b</del><ins>i</ins>&gt; &amp; &#34;c&#34;`
	if got != want {
		t.Errorf("HTML = %q, want %q", got, want)
	}
	got = string(HTML(Words("سياسة الخصوصية", "سياسة الاستخدام")))
	want = "سياسة <del>الخصوصية</del><ins>الاستخدام</ins>"
	if got != want {
		t.Errorf("HTML = %q, want %q", got, want)
	}
}

func TestLargeUnrelatedTexts(t *testing.T) {
	a := strings.Repeat("alpha beta gamma delta ", 2500)         // ~57 KB
	b := strings.Repeat("قلم منصة سياسة الخصوصية، ثم ", 2000)    // ~50 KB
	c := strings.Repeat("alpha beta gamma delta epsilon ", 2000) // shares many tokens with a
	for _, p := range [][2]string{{a, b}, {a, c}, {c, a}, {b, a + b}} {
		checkOps(t, p[0], p[1], Words(p[0], p[1]))
	}
	// The cost cap changes how minimal the script is, never its truth.
	x, y := seedPair(t)
	for _, limit := range []int{1, 4, 64} {
		checkOps(t, x, y, words(x, y, limit))
		checkOps(t, a, c, words(a, c, limit))
	}
}

// seedPair is the sample policy as shipped (assets.SamplePolicy) and an
// edited copy.
func seedPair(tb testing.TB) (string, string) {
	a := string(assets.SamplePolicy)
	b := strings.Replace(a, "بجمع البيانات التالية", "بجمع وحفظ البيانات التالية", 1)
	b = strings.Replace(b, "أبداً", "", 1)
	b = strings.ReplaceAll(b, "إستخدام", "استخدام")
	b = strings.Replace(b, "ثالثا:", "ثالثاً:", 1)
	b += "\nفقرة جديدة في آخر الصفحة.\n"
	if a == b {
		tb.Fatal("seed edit did not change the text")
	}
	return a, b
}

func TestSeedEdit(t *testing.T) {
	a, b := seedPair(t)
	ops := Words(a, b)
	checkOps(t, a, b, ops)
	ins, del := Stats(ops)
	// 1 inserted word (وحفظ) + 5 (new paragraph) + 1 (ثالثاً) + each إستخدام
	// replaced; deletions: أبداً, ثالثا and the replaced إستخدام.
	n := strings.Count(a, "إستخدام")
	if ins != 1+5+1+n || del != 1+1+n {
		t.Errorf("Stats = %d inserted, %d deleted; want %d, %d", ins, del, 7+n, 2+n)
	}
}

func BenchmarkWordsSeed(b *testing.B) {
	x, y := seedPair(b)
	b.SetBytes(int64(len(x) + len(y)))
	for b.Loop() {
		Words(x, y)
	}
}

func BenchmarkWords50KBEdited(b *testing.B) {
	x, _ := seedPair(b)
	for len(x) < 50<<10 {
		x += x
	}
	x = x[:50<<10]
	y := strings.ReplaceAll(x, "المنصة", "الموقع")
	b.SetBytes(int64(len(x) + len(y)))
	for b.Loop() {
		Words(x, y)
	}
}

func BenchmarkWords50KBUnrelated(b *testing.B) {
	x := strings.Repeat("alpha beta gamma delta ", 2250)
	y := strings.Repeat("قلم منصة سياسة الخصوصية، ثم ", 1900)
	b.SetBytes(int64(len(x) + len(y)))
	for b.Loop() {
		Words(x, y)
	}
}

func FuzzWords(f *testing.F) {
	f.Add("the quick brown fox", "a slow brown fox")
	f.Add("نقوم بجمع البيانات، والصفحات", "نقوم بحفظ البيانات، والصفحات؟")
	f.Add("أولا: أهمية", "أولاً: أهمية")
	f.Add("", "x")
	f.Add("a\n\nb", "a\nb\n\n")
	f.Add("\xff\xfe", "\xfe\xff")
	f.Fuzz(func(t *testing.T, a, b string) {
		checkOps(t, a, b, Words(a, b))
		// A tiny cost cap forces the heuristic split on every search.
		checkOps(t, a, b, words(a, b, 1))
		checkOps(t, a, b, words(a, b, 3))
	})
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{"أولاً: أهمية", "مُحَمَّد، قلم؛ ؟", "don't  stop\n\n", "\u064b\u064bx", "\xffa"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokens(s)
		if got := strings.Join(toks, ""); got != s {
			t.Fatalf("Tokens(%q) joins to %q", s, got)
		}
		for i, tok := range toks {
			if tok == "" {
				t.Fatalf("Tokens(%q): empty token %d", s, i)
			}
			// A combining mark never starts a token that follows a word:
			// tashkeel stays with its word.
			r, _ := utf8.DecodeRuneInString(tok)
			if i > 0 && unicode.Is(unicode.Mn, r) && wordLen(toks[i-1]) == len(toks[i-1]) {
				t.Fatalf("Tokens(%q): mark %q split from word %q", s, tok, toks[i-1])
			}
		}
	})
}
