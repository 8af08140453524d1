package publish

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// checkInvariants parses out (a whole document, or a fragment) with
// golang.org/x/net/html, the way a browser would, and fails t if the page
// could run script or mislead: a <script> (except the preview's live
// reload script when liveReload is set), an on* attribute, a URL attribute
// whose scheme is not http, https or mailto, an element that embeds active
// or foreign content, a style attribute other than table alignment, or a
// bidi embedding/override/isolate control character anywhere.
func checkInvariants(t testing.TB, out []byte, liveReload bool) {
	t.Helper()
	for _, msg := range invariantViolations(out, liveReload) {
		t.Errorf("invariant: %s\nin output:\n%s", msg, article(out))
	}
}

var (
	forbiddenElements = map[atom.Atom]bool{
		atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true,
		atom.Form: true, atom.Base: true, atom.Link: true, atom.Frame: true, atom.Frameset: true,
		atom.Applet: true, atom.Input: true, atom.Button: true, atom.Textarea: true, atom.Audio: true,
		atom.Video: true, atom.Source: true, atom.Template: true, atom.Noscript: true,
	}
	urlAttributes = map[string]bool{
		"href": true, "src": true, "action": true, "formaction": true, "poster": true,
		"background": true, "cite": true, "longdesc": true, "srcset": true, "xlink:href": true, "data": true,
	}
	alignStyle = regexp.MustCompile(`^text-align:(left|right|center)$`)
)

func invariantViolations(out []byte, liveReload bool) []string {
	var bad []string
	add := func(s string) { bad = append(bad, s) }
	var nodes []*html.Node
	whole := bytes.HasPrefix(bytes.TrimSpace(out), []byte("<!DOCTYPE"))
	if whole {
		doc, err := html.Parse(bytes.NewReader(out))
		if err != nil {
			return []string{"parse: " + err.Error()}
		}
		nodes = []*html.Node{doc}
	} else {
		body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
		var err error
		if nodes, err = html.ParseFragment(bytes.NewReader(out), body); err != nil {
			return []string{"parse: " + err.Error()}
		}
	}
	scripts, styles := 0, 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if strings.ContainsFunc(n.Data, isBidiControl) {
			add("bidi control character in " + nodeName(n))
		}
		if n.Type == html.ElementNode {
			switch {
			case n.DataAtom == atom.Script:
				scripts++
				if !liveReload || scripts > 1 || !strings.HasPrefix(textOf(n), "new EventSource(") {
					add("script element: " + textOf(n))
				}
			case n.DataAtom == atom.Style:
				styles++
				if !whole || styles > 1 || n.Parent == nil || n.Parent.DataAtom != atom.Head {
					add("style element outside the head")
				}
			case n.DataAtom == atom.Meta && attr(n, "http-equiv") != "":
				add("meta http-equiv")
			case forbiddenElements[n.DataAtom] || n.Namespace != "":
				add("forbidden element <" + n.Data + ">")
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = a.Namespace + ":" + key
				}
				switch {
				case strings.HasPrefix(key, "on"):
					add("event attribute " + key + "=" + a.Val)
				case urlAttributes[key]:
					if !invariantURL(a.Val, n.DataAtom == atom.Img) {
						add(key + " with a forbidden URL: " + a.Val)
					}
				case key == "style" && !alignStyle.MatchString(a.Val):
					add("style attribute " + a.Val)
				}
				if strings.ContainsFunc(a.Val, isBidiControl) {
					add("bidi control character in attribute " + key)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return bad
}

// invariantURL is written independently of allowedURL: it asks net/url for
// the scheme after removing what browsers ignore (leading and trailing
// spaces and C0 controls, tabs and newlines anywhere).
func invariantURL(v string, image bool) bool {
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	v = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v)
	if strings.ContainsFunc(v, func(r rune) bool { return r < ' ' || r == 0x7F }) {
		return false
	}
	u, err := url.Parse(v)
	if err != nil {
		// Not a URL net/url accepts (a bad host, say); a browser still
		// needs a scheme before the first '/', '?' or '#' to run it.
		u = &url.URL{}
		if i := strings.IndexAny(v, ":/?#"); i >= 0 && v[i] == ':' {
			u.Scheme = v[:i]
		}
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
		return true
	case "mailto":
		return !image
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func nodeName(n *html.Node) string {
	if n.Type == html.ElementNode {
		return "<" + n.Data + ">"
	}
	return "text " + strings.TrimSpace(n.Data)
}

// TestInvariantChecker makes sure the checker itself catches what it must,
// so that a passing XSS test means something.
func TestInvariantChecker(t *testing.T) {
	bad := []string{
		`<script>alert(1)</script>`,
		`<img src=x onerror=alert(1)>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href=" JaVaScRiPt:alert(1)">x</a>`,
		`<a href="jav&#x09;ascript:alert(1)">x</a>`,
		`<img src="data:image/svg+xml,x">`,
		`<iframe src="https://x"></iframe>`,
		`<svg onload=alert(1)></svg>`,
		`<p>a` + "\u202E" + `b</p>`,
		`<p title="` + "\u2066" + `">x</p>`,
		`<a href="mailto:x@y" style="color:red">x</a>`,
		`<style>body{}</style>`,
	}
	for _, in := range bad {
		if len(invariantViolations([]byte(in), false)) == 0 {
			t.Errorf("invariantViolations(%q) found nothing", in)
		}
	}
	good := []string{
		`<p><a href="https://qlmlearn.com/a?b=1#c">x</a> <a href="mailto:support@gmail.com">m</a> <a href="#top">t</a> <a href="../x">r</a></p>`,
		`<p><img src="pic.png" alt="x"> <bdi dir="ltr">www.qlmlearn.com</bdi></p>`,
		`<table><tr><td style="text-align:left">x</td></tr></table>`,
	}
	for _, in := range good {
		if v := invariantViolations([]byte(in), false); len(v) != 0 {
			t.Errorf("invariantViolations(%q) = %q, want none", in, v)
		}
	}
	live := `<!DOCTYPE html><html><head><style>p{}</style></head><body><script>new EventSource("/events").onmessage = function () {}</script></body></html>`
	if v := invariantViolations([]byte(live), true); len(v) != 0 {
		t.Errorf("live reload page: %q, want none", v)
	}
	if v := invariantViolations([]byte(live), false); len(v) == 0 {
		t.Errorf("live reload script allowed without liveReload")
	}
}

// article is the <article> of out (or all of out), for failure messages.
func article(out []byte) []byte {
	if i := bytes.Index(out, []byte("<article")); i >= 0 {
		return out[i:]
	}
	return out
}
