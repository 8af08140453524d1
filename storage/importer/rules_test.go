package importer

import (
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

// headingsOf imports plain text and returns "kind:heading" per section.
func headingsOf(t *testing.T, src string) []string {
	t.Helper()
	res, err := Import("t.txt", []byte(src))
	if err != nil {
		t.Fatalf("Import(%q): %v", src, err)
	}
	var out []string
	for _, s := range res.Page.Sections {
		out = append(out, string(s.Kind)+":"+s.Heading)
	}
	return out
}

func TestNumberedHeadingOrListItem(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"headings with bodies", "Privacy Policy\n\n1) Introduction\nWe care.\n\n2. Definitions\nWords.\n",
			[]string{"numbered:Introduction", "numbered:Definitions"}},
		{"consecutive lines are a list", "Privacy Policy\n\nWe collect:\n1. Name\n2. Email\n3. Phone\n",
			[]string{"intro:"}},
		{"indented lines are a list", "Privacy Policy\n\n  1. Name\n\n  2. Email\n\nText.\n",
			[]string{"intro:"}},
		{"items separated by blank lines", "Privacy Policy\n\n1. Name\n\n2. Email\n\n3. Phone\n",
			[]string{"intro:"}},
		{"a sentence is an item", "Privacy Policy\n\n1. We never sell your data to anyone.\n\nMore text.\n",
			[]string{"intro:"}},
		{"a list under a heading restarts at 1", "Privacy Policy\n\n1. Introduction\nText.\n\n2. Data we collect\n\n1. Name\n\n2. Email\n\n3. Use\nWe use it.\n",
			[]string{"numbered:Introduction", "numbered:Data we collect", "numbered:Use"}},
		{"an indented list right below a heading", "Privacy Policy\n\n1. Introduction\nText.\n\n2. Definitions\n  1. Platform: the site.\n  2. User: you.\n\n3. Contact\nMail us.\n",
			[]string{"numbered:Introduction", "numbered:Definitions", "numbered:Contact"}},
		{"a question is a heading", "Privacy Policy\n\n1. What do we collect?\nLittle.\n",
			[]string{"numbered:What do we collect?"}},
		{"no body, no heading", "Privacy Policy\n\nText.\n\n1. Lonely line\n",
			[]string{"intro:"}},
		{"Arabic-Indic digits", "سياسة الخصوصية\n\n١- المقدمة\nنص.\n\n٢- التعريفات\nنص.\n",
			[]string{"numbered:المقدمة", "numbered:التعريفات"}},
		{"ordinal words win over digits", "سياسة الخصوصية\n\nأولاً: المقدمة\n1. بند\n\n2) ليس عنواناً\nنص.\n\nثانياً: التعريفات\nنص.\n",
			[]string{"numbered:المقدمة", "numbered:التعريفات"}},
		{"closing with its own body", "سياسة الخصوصية\n\nأولاً: المقدمة\nنص.\n\nختاماً:\nشكراً لكم.\n",
			[]string{"numbered:المقدمة", "closing:"}},
		{"short closing heading", "سياسة الخصوصية\n\nأولاً: المقدمة\nنص.\n\nختاماً: كلمة أخيرة\nشكراً لكم.\n",
			[]string{"numbered:المقدمة", "closing:كلمة أخيرة"}},
	}
	for _, tt := range tests {
		got := headingsOf(t, tt.src)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: sections = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestTextListsBecomeMarkdown(t *testing.T) {
	src := "سياسة الخصوصية\n\nأولاً: البيانات\n\n• الاسم\n• البريد\n  - العمل\n  - الشخصي\n* الهاتف\n\n١. أول\n٢. ثاني\n   تكملة السطر\n"
	res, err := Import("t.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := "- الاسم\n- البريد\n  - العمل\n  - الشخصي\n- الهاتف\n\n1. أول\n2. ثاني\n   تكملة السطر\n"
	if got := res.Page.Sections[0].Body; got != want {
		t.Errorf("body = %q, want %q", got, want)
	}
}

func TestEscapeLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"# ليس عنواناً", `\# ليس عنواناً`},
		{"#وسم", "#وسم"},
		{"> ليس اقتباساً", `\> ليس اقتباساً`},
		{"- ليس بنداً", `\- ليس بنداً`},
		{"+ x", `\+ x`},
		{"---", `\---`},
		{"===", `\===`},
		{"1. ليس بنداً", `1\. ليس بنداً`},
		{"2023. عام", `2023\. عام`},
		{"1.5 مليون", "1.5 مليون"},
		{"a *b* _c_ `d` [e](f) <g> ~h~ x|y", `a \*b\* \_c\_ \` + "`" + `d\` + "`" + ` \[e\](f) \<g> \~h\~ x\|y`},
		{`C:\path`, `C:\\path`},
		{"&amp; &copy; AT&T", `\&amp; \&copy; AT&T`},
		{"نص عربي، مع فاصلة؛ وسؤال؟ (أقواس) ونقطة.", "نص عربي، مع فاصلة؛ وسؤال؟ (أقواس) ونقطة."},
		{"موقع (www.qlmlearn.com) و support@gmail.com", "موقع (www.qlmlearn.com) و support@gmail.com"},
		{"https://example.com/a_b*c", "https://example.com/a_b*c"},
		{"* نجمة", `\* نجمة`},
	}
	for _, tt := range tests {
		if got := escapeLine(tt.in); got != tt.want {
			t.Errorf("escapeLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := resolveEscapes(escapeLine(tt.in)); got != tt.in {
			t.Errorf("resolveEscapes(escapeLine(%q)) = %q, want the input back", tt.in, got)
		}
	}
}

// Text that looks like Markdown stays text through the plain-text import.
func TestTextMarkupStaysText(t *testing.T) {
	src := "سياسة الخصوصية\n\nأولاً: المقدمة\n\n# هذا ليس عنواناً\n> ولا اقتباس\nكلمة *بين نجمتين* و_شرطة_ و[رابط](http://x)\n---\n"
	res, err := Import("t.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	body := res.Page.Sections[0].Body
	want := "\\# هذا ليس عنواناً\\\n\\> ولا اقتباس\\\nكلمة \\*بين نجمتين\\* و\\_شرطة\\_ و\\[رابط\\](http://x)\\\n\\---\n"
	if body != want {
		t.Errorf("body = %q, want %q", body, want)
	}
}

func TestSuggestSlug(t *testing.T) {
	tests := []struct{ file, title, want string }{
		{"privacy-policy-qalam", "x", "privacy-policy-qalam"},
		{"Privacy Policy – Qalam", "x", "privacy-policy-qalam"},
		{"index", "سياسة الخصوصية لموقع منصة قلم", "سياسة-الخصوصية-لموقع-منصة-قلم"},
		{"", "شروطُ الاستخدام", "شروط-الاستخدام"},
		{"2023", "Terms of Service", "terms-of-service"},
		{"", "سياسة ٢٠٢٣", "سياسة-2023"},
		{"", "!!!", "page"},
		{"--a--b--", "", "a-b"},
		{"", strings.Repeat("كلمة ", 60), ""},
	}
	for _, tt := range tests {
		got := SuggestSlug(tt.file, tt.title)
		if tt.want != "" && got != tt.want {
			t.Errorf("SuggestSlug(%q, %q) = %q, want %q", tt.file, tt.title, got, tt.want)
		}
		if err := storage.ValidateSlug(got); err != nil {
			t.Errorf("SuggestSlug(%q, %q) = %q: %v", tt.file, tt.title, got, err)
		}
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"a.html", "plain", FormatHTML},
		{"a.HTM", "plain", FormatHTML},
		{"a.md", "plain", FormatMarkdown},
		{"a.markdown", "plain", FormatMarkdown},
		{"a.txt", "# not markdown in a .txt", FormatText},
		{"a.txt", "<!DOCTYPE html><html><body><h1>x y</h1></body></html>", FormatHTML},
		{"saved", "  <html lang=ar><body>x</body></html>", FormatHTML},
		{"notes", "# عنوان\n\nنص", FormatMarkdown},
		{"notes", "سياسة\n\nنص", FormatText},
	}
	for _, tt := range tests {
		if got := detectFormat(tt.name, tt.src); got != tt.want {
			t.Errorf("detectFormat(%q, %q) = %q, want %q", tt.name, tt.src, got, tt.want)
		}
	}
}

func TestHTMLInline(t *testing.T) {
	src := `<html><body><main><h1>Privacy Policy</h1>
<p>Read <a href="https://x.com/a b(c)">our <b>terms</b></a>, <a href="javascript:alert(1)">click</a>, <a href="/rel">rel</a>,
<a href="mailto:a@b.co">a@b.co</a>. <strong> bold </strong>and<em>em</em> 5 * 3 = 15 &amp; <code>x*y</code><br>next line</p>
<h2>1. Intro</h2><ol start="3"><li>three<ul><li>sub</li></ul></li><li value="7">seven</li></ol>
<table><tr><th>Name</th><th>Use</th></tr><tr><td>IP</td><td>security</td></tr></table>
<blockquote><p>quoted</p></blockquote><pre>code *here*
  indented</pre></main></body></html>`
	res, err := Import("p.html", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p := res.Page
	if p.Title != "Privacy Policy" || p.Lang != "en" || p.Dir != storage.LTR || len(p.Sections) != 2 {
		t.Fatalf("page = %+v", p)
	}
	intro := "Read [our **terms**](https://x.com/a%20b%28c%29), click, rel,\na@b.co. **bold** and*em* 5 \\* 3 = 15 & `x*y`\\\nnext line\n"
	if got := p.Sections[0].Body; got != strings.ReplaceAll(intro, ",\na@b", ", a@b") {
		t.Errorf("intro body = %q", got)
	}
	want := "3. three\n   - sub\n7. seven\n\n- Name \\| Use\n- IP \\| security\n\n> quoted\n\n```\ncode *here*\n  indented\n```\n"
	if s := p.Sections[1]; s.Heading != "Intro" || s.Body != want || p.Numbering != storage.NumberingWestern {
		t.Errorf("section = %q %q (numbering %q), want %q", s.Heading, s.Body, p.Numbering, want)
	}
}

func TestTextFooter(t *testing.T) {
	src := "سياسة الخصوصية\n\nأولاً: المقدمة\nنص.\n\nختاماً: شكراً\nنص الختام.\n\n© 2023 منصة قلم. جميع الحقوق محفوظة\n"
	res, err := Import("t.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if last := res.Page.Sections[len(res.Page.Sections)-1]; last.Body != "نص الختام.\n" {
		t.Errorf("closing body = %q, want the footer left out", last.Body)
	}
	if n := len(res.LeftOut); n != 1 || res.LeftOut[0].Number != 9 || res.LeftOut[0].Reason != ReasonFooter {
		t.Errorf("LeftOut = %+v, want line 9 as footer", res.LeftOut)
	}
}

// Pages without heading markup: bold ordinal paragraphs are the sections.
func TestLabelParagraphsAsHeadings(t *testing.T) {
	for name, src := range map[string]string{
		"p.md":   "# سياسة الخصوصية\n\n**أولاً: المقدمة**\n\nنص المقدمة.\n\n**ثانياً: البيانات**\n\n- الاسم\n\n**ختاماً:** شكراً لكم على ثقتكم بنا وبمنصتنا دائماً.\n",
		"p.html": "<html><body><h1>سياسة الخصوصية</h1><p><strong>أولاً: المقدمة</strong></p><p>نص المقدمة.</p><p><b>ثانياً: البيانات</b></p><ul><li>الاسم</li></ul><p><strong>ختاماً:</strong> شكراً لكم على ثقتكم بنا وبمنصتنا دائماً.</p></body></html>",
	} {
		res, err := Import(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range res.Page.Sections {
			got = append(got, string(s.Kind)+":"+s.Heading+":"+s.Body)
		}
		want := []string{"numbered:المقدمة:نص المقدمة.\n", "numbered:البيانات:- الاسم\n", "closing::شكراً لكم على ثقتكم بنا وبمنصتنا دائماً.\n"}
		if strings.Join(got, "|") != strings.Join(want, "|") || res.Page.Numbering != storage.NumberingOrdinal {
			t.Errorf("%s: sections = %q (numbering %q), want %q", name, got, res.Page.Numbering, want)
		}
	}
}

func TestPlainHeadings(t *testing.T) {
	src := "Privacy Notice\n\nLast updated: July 17, 2023\n\nWe respect your privacy and explain here how we use data.\n\nInformation We Collect\n\nWe collect your name and e-mail address when you register.\n\nHow We Use It\n\n- to send receipts;\n- to answer questions.\n\nContact Us\n\nWrite to support@gmail.com at any time.\n"
	got := headingsOf(t, src)
	want := []string{"intro:", "numbered:Information We Collect", "numbered:How We Use It", "numbered:Contact Us"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sections = %q, want %q", got, want)
	}
	// a page of short paragraphs has no such headings
	got = headingsOf(t, "Privacy Notice\n\nWe keep data safe.\n\nWe do not sell it.\n\nAsk us.\n")
	if strings.Join(got, "|") != "intro:" {
		t.Errorf("sections = %q, want only the intro", got)
	}
}

func TestPlainHeadingsAfterChrome(t *testing.T) {
	src := "Menu\n\nPrivacy Notice\n\nWe respect your privacy and explain here how we use data.\n\nWhat We Collect\n\nYour name and e-mail address when you register with us.\n\nContact Us\n\nWrite to support@gmail.com at any time of the day.\n"
	res, err := Import("t.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range res.Page.Sections {
		got = append(got, string(s.Kind)+":"+s.Heading)
	}
	if res.Page.Title != "Privacy Notice" || strings.Join(got, "|") != "intro:|numbered:What We Collect|numbered:Contact Us" || res.Page.Numbering != storage.NumberingNone {
		t.Errorf("title %q, sections %q, numbering %q", res.Page.Title, got, res.Page.Numbering)
	}
	if len(res.LeftOut) != 1 || res.LeftOut[0].Text != "Menu" {
		t.Errorf("LeftOut = %+v, want the menu line", res.LeftOut)
	}
}

func TestSuggestSlugCutsAtWordEnd(t *testing.T) {
	title := strings.Repeat("كلمة ", 30) // 30 × 4 letters
	got := SuggestSlug("", title)
	if n := len([]rune(got)); n > 100 || strings.HasSuffix(got, "-") || !strings.HasSuffix(got, "كلمة") {
		t.Errorf("SuggestSlug(long title) = %q (%d characters)", got, n)
	}
	if got := SuggestSlug("", strings.Repeat("a", 150)); len(got) != 100 {
		t.Errorf("SuggestSlug(150 letters) has %d characters, want 100", len(got))
	}
}

func TestMarkdownDigitHeadings(t *testing.T) {
	src := "Privacy Policy\n==============\n\nLast updated 2023-07-17\n\n## 1. Introduction\n\nText.\n\n## 2) Definitions\n\n1. a\n2. b\n\n## Contact\n\nMail us.\n"
	res, err := Import("p.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range res.Page.Sections {
		got = append(got, string(s.Kind)+":"+s.Heading)
	}
	want := "numbered:Introduction|numbered:Definitions|numbered:Contact"
	if res.Page.Title != "Privacy Policy" || strings.Join(got, "|") != want || res.Page.Numbering != storage.NumberingWestern || res.Page.LastUpdated.IsZero() {
		t.Errorf("title %q, sections %q, numbering %q, date %v; want %q", res.Page.Title, got, res.Page.Numbering, res.Page.LastUpdated, want)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], `"Contact"`) {
		t.Errorf("Warnings = %q, want one about the unnumbered heading", res.Warnings)
	}
}

func TestParagraphLineBreaks(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("نص طويل ", 9)) // 71 characters
	tests := []struct{ name, lines, want string }{
		{"short lines keep their breaks", "أ- البند الأول\nب- البند الثاني", "أ- البند الأول\\\nب- البند الثاني\n"},
		{"wrapped text is one paragraph", long + "\n" + long + "\nآخر", long + "\n" + long + "\nآخر\n"},
		{"one line", "سطر واحد", "سطر واحد\n"},
	}
	for _, tt := range tests {
		res, err := Import("t.txt", []byte("سياسة الخصوصية\n\nأولاً: المقدمة\n"+tt.lines+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Page.Sections[0].Body; got != tt.want {
			t.Errorf("%s: body = %q, want %q", tt.name, got, tt.want)
		}
	}
}
