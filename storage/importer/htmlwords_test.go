package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// visibleWords are the words of every text node of an HTML page that a
// browser could show (hidden elements included, since they are listed).
func visibleWords(src string) []string {
	doc, err := html.ParseWithOptions(strings.NewReader(src), html.ParseOptionEnableScripting(false))
	if err != nil {
		return nil
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && invisible[n.DataAtom] {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data) // inline neighbours join: تحليلات<em>Google</em>
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Br || isBlockElement(n.DataAtom)) {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && isBlockElement(n.DataAtom) {
			b.WriteByte(' ')
		}
	}
	walk(doc)
	return words(b.String())
}

// resultWords are the words of the page and of everything left out.
func resultWords(res Result) []string {
	out := pageWords(res.Page)
	for _, l := range res.LeftOut {
		out = append(out, words(l.Text)...)
	}
	return out
}

// checkHTMLWords fails when a visible word of the input is neither in the
// page nor in LeftOut (or is there twice).
func checkHTMLWords(t *testing.T, src string, res Result, exact bool) {
	t.Helper()
	missing, extra := diffWords(visibleWords(src), resultWords(res))
	var lost []string
	for _, w := range missing {
		if !isNumberingWord(w) {
			lost = append(lost, w)
		}
	}
	if len(lost) > 0 || exact && len(extra) > 0 {
		t.Errorf("visible words lost %q, extra %q", lost, extra)
	}
}

func TestHTMLNothingSilentlyDropped(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "privacy-qalam-saved.html"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import("saved.html", data)
	if err != nil {
		t.Fatal(err)
	}
	checkHTMLWords(t, string(data), res, true)

	odd := `<html><body><noscript><p>فعّل جافاسكربت</p></noscript><div>قبل المحتوى</div>
<main><h1>سياسة الخصوصية</h1><dl><dt>مصطلح</dt><dd>تعريفه</dd></dl><details><summary>المزيد</summary>تفاصيل</details>
<figure><img alt="صورة"><figcaption>وصف الصورة</figcaption></figure><label>اسم <select><option>خيار</option></select></label>
<p hidden>مخفي</p><ul><li>بند<p>فقرة في البند</p></li></ul><blockquote><h3>عنوان مقتبس</h3>اقتباس</blockquote></main>
<p>بعد المحتوى</p></body></html>`
	res, err = Import("odd.html", []byte(odd))
	if err != nil {
		t.Fatal(err)
	}
	checkHTMLWords(t, odd, res, true)
}
