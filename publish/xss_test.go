package publish

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/storagetest"
)

// xssCorpus is Markdown that tries to get script, active content, unsafe
// URLs or bidi overrides into a published page. It is the table of
// TestXSSCorpus and the seed corpus of FuzzRender.
var xssCorpus = []string{
	"<script>document.title='pwned'</script>",
	"نص <script>alert(1)</script> نص",
	"<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
	"<img src=x onerror=\"document.title='pwned'\">",
	"<img src=x onerror=alert(1)//",
	"<p onclick=alert(1) onmouseover=alert(2)>نص</p>",
	"<a href=\"javascript:alert(1)\">x</a>",
	"[x](javascript:alert(1))",
	"[x](JaVaScRiPt:alert(1))",
	"[x](jav&#x09;ascript:alert(1))",
	"[x](jav&#9;ascript:alert(1))",
	"[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
	"[x](&#x6A;avascript&colon;alert(1))",
	"[x](%6a%61%76%61%73%63%72%69%70%74:alert(1))",
	"[x](   javascript:alert(1))",
	"[x](\x01javascript:alert(1))",
	"[x](<\tjavascript:alert(1)>)",
	"[x](java\\script:alert(1))",
	"[x](vbscript:msgbox(1))",
	// goldmark resolves references twice (numeric, then named): "&#38;colon;" is written as ":".
	"[c](intent&#38;colon;//x#Intent;end)",
	"[d](ftp&#38;colon;//evil.example/)",
	"![e](data&#38;colon;image/png;base64,iVBORw0KGgo=)",
	"![f](ftp&#38;colon;//evil.example/x.png)",
	"[h][r]\n\n[r]: smb&#38;colon;//evil.example/x",
	"[x](VBScript:msgbox(1))",
	"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
	"[x](data:text/html,<script>alert(1)</script>)",
	"![x](javascript:alert(1))",
	"![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
	"![x](data:image/png;base64,iVBORw0KGgo=)",
	"![x](mailto:a@b.c)",
	"![x](file:///etc/passwd)",
	"[x][r]\n\n[r]: javascript:alert(1)",
	"[x][r]\n\n[r]: <javascript:alert(1)> \"t\"",
	"<javascript:alert(1)>",
	"<JAVASCRIPT:alert(1)>",
	"<vbscript:msgbox(1)>",
	"<data:text/html,x>",
	"<svg onload=alert(1)>",
	"<svg><script>alert(1)</script></svg>",
	"<math><mtext><script>alert(1)</script></mtext></math>",
	"<iframe src=\"https://evil.example\"></iframe>",
	"<iframe srcdoc=\"<script>alert(1)</script>\">",
	"<object data=\"javascript:alert(1)\"></object>",
	"<embed src=\"javascript:alert(1)\">",
	"<style>body{background:url(javascript:alert(1))}</style>",
	"<link rel=stylesheet href=https://evil.example/x.css>",
	"<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
	"<base href=\"javascript:alert(1)//\">",
	"<form action=javascript:alert(1)><button>x</button></form>",
	"<!-- <script>alert(1)</script> -->",
	"<![CDATA[<script>alert(1)</script>]]>",
	"<?php echo 1 ?>",
	"```html\n<script>alert(1)</script>\n```",
	"`<script>alert(1)</script>`",
	"    <script>alert(1)</script>",
	"> <script>alert(1)</script>",
	"- <img src=x onerror=alert(1)>",
	"| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
	"## heading {onclick=alert(1)}",
	"text{: onclick=alert(1)}",
	"[x](https://ok.example \"t\" onclick=\"alert(1)\")",
	"[x](https://ok.example\"onmouseover=\"alert(1))",
	"![x\" onerror=\"alert(1)](https://ok.example/a.png)",
	"نص \u202Eمقلوب\u202C و\u202Dقسري\u202C و\u202A\u202B",
	"عزل \u2066x\u2069 \u2067y\u2069 \u2068z\u2069",
	"كيان &#x202E;مقلوب&#8238; &#x2066;",
	"[رابط](https://x.example \"a\u202Eb\")",
	"![صورة\u202E](https://x.example/a.png)",
	"<https://x.example/\u202E>",
	"[x](https://x.example/\u202Egnp.exe)",
	"&lt;script&gt;alert(1)&lt;/script&gt;",
	"\\<script>alert(1)\\</script>",
	"[a](b",
	"**[x](javascript:alert(1))**",
	"[![x](javascript:alert(1))](javascript:alert(2))",
	"<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
}

func TestXSSCorpus(t *testing.T) {
	for _, body := range xssCorpus {
		for _, dir := range []storage.Direction{storage.RTL, storage.LTR} {
			out, err := Render(xssPage(body, dir), Options{})
			if err != nil {
				t.Fatalf("Render(%q): %v", body, err)
			}
			checkInvariants(t, out, false)
			lower := bytes.ToLower(out)
			for _, bad := range []string{"<script", "<iframe", "<svg", "<object", "<embed", "<form", "<link", "<base", "<meta http-equiv", "javascript:", "vbscript:", "data:text", " on"} {
				if i := bytes.Index(lower, []byte(bad)); i >= 0 && inTag(lower, i) {
					t.Errorf("Render(%q) has %q in a tag:\n%s", body, bad, out)
				}
			}
		}
	}
}

// xssPage puts body into every field of a page that reaches the output.
func xssPage(body string, dir storage.Direction) storage.Page {
	p := storagetest.SeedPage()
	p.Dir = dir
	p.Title = "عنوان " + body
	p.Sections = append(p.Sections[:1:1],
		storage.Section{Kind: storage.KindNumbered, Heading: body, Body: body},
		storage.Section{Kind: storage.KindClosing, Heading: "", Body: "نص\n\n" + body + "\n"})
	return p
}

// inTag reports whether offset i of out is inside a tag (between < and >).
func inTag(out []byte, i int) bool {
	lt := bytes.LastIndexByte(out[:i+1], '<')
	gt := bytes.LastIndexByte(out[:i+1], '>')
	return lt > gt
}

// TestXSSPageFields covers the fields that are not Markdown: language,
// numbering style, banner and the live reload URL.
func TestXSSPageFields(t *testing.T) {
	p := storagetest.SeedPage()
	p.Lang = `ar"><script>alert(1)</script>`
	p.Numbering = `x"><script>alert(1)</script>`
	p.Sections[0].Kind = `k"><script>alert(1)</script>`
	out, err := Render(p, Options{Banner: "<script>alert(1)</script>\u202E"})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, out, false)
	out, err = Render(storagetest.SeedPage(), Options{LiveReload: `/events"</script><script>alert(1)//`})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, out, true)
	if n := bytes.Count(out, []byte("<script")); n != 1 {
		t.Errorf("live reload page has %d scripts, want 1", n)
	}
	if _, err := Render(storagetest.SeedPage(), Options{Stylesheet: "p{}</STYLE><script>alert(1)</script>"}); err == nil {
		t.Errorf("Render with a stylesheet closing </style> succeeded, want an error")
	}
}

// FuzzRender renders random Markdown as a section body, heading and title
// and checks the HTML invariants and determinism.
func FuzzRender(f *testing.F) {
	for _, s := range xssCorpus {
		f.Add(s)
	}
	f.Add(storagetest.SeedPage().Sections[1].Body)
	f.Fuzz(func(t *testing.T, body string) {
		for _, dir := range []storage.Direction{storage.RTL, storage.LTR} {
			page := xssPage(body, dir)
			out, err := Render(page, Options{})
			if errors.Is(err, ErrTooLarge) {
				return
			}
			if err != nil {
				t.Fatalf("Render(%q): %v", body, err)
			}
			if v := invariantViolations(out, false); len(v) != 0 {
				t.Fatalf("Render(%q): %s\n%s", body, strings.Join(v, "\n"), out)
			}
			again, _ := Render(page, Options{})
			if !bytes.Equal(out, again) {
				t.Fatalf("Render(%q) is not deterministic", body)
			}
		}
	})
}
