package importer

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// text appends a text node, whitespace collapsed as a browser shows it.
func (h *htmlImporter) text(in *inline, s string) {
	if s == "" {
		return
	}
	collapsed := strings.Join(strings.Fields(s), " ")
	lead := s[0] == ' ' || s[0] == '\n' || s[0] == '\t' || s[0] == '\r'
	trail := strings.ContainsAny(s[len(s)-1:], " \n\t\r")
	if collapsed == "" {
		if lead && !endsWithSpace(&in.md) {
			in.md.WriteByte(' ')
			in.plain.WriteByte(' ')
		}
		return
	}
	if lead && !endsWithSpace(&in.md) {
		in.md.WriteByte(' ')
		in.plain.WriteByte(' ')
	}
	in.md.WriteString(escapeInline(collapsed))
	in.plain.WriteString(collapsed)
	if trail {
		in.md.WriteByte(' ')
		in.plain.WriteByte(' ')
	}
}

// endsWithSpace: b ends with a space or line break. An empty b does not:
// a leading space of an inline element's content must survive until the
// element is placed (تحليلات<b> Google</b>); paragraphs are trimmed at the end.
func endsWithSpace(b *strings.Builder) bool {
	s := b.String()
	return strings.HasSuffix(s, " ") || strings.HasSuffix(s, "\n")
}

// inline converts inline elements: strong/b → **, em/i → *, a → [text](href)
// for http, https and mailto links, code → `code`.
func (h *htmlImporter) inline(in *inline, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		h.text(in, n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if invisible[n.DataAtom] {
		return
	}
	if isHidden(n) || chromeReasons[n.DataAtom] != "" {
		reason := chromeReasons[n.DataAtom]
		if reason == "" {
			reason = ReasonHidden
		}
		h.leaveNode(n, reason)
		return
	}
	switch n.DataAtom {
	case atom.Br:
		in.md.WriteString("\\\n")
		in.plain.WriteByte(' ')
		return
	case atom.Img:
		h.images++
		return
	case atom.Strong, atom.B:
		h.wrap(in, n, "**")
		return
	case atom.Em, atom.I:
		h.wrap(in, n, "*")
		return
	case atom.Code, atom.Kbd, atom.Samp:
		code := strings.Join(strings.Fields(rawText(n)), " ")
		if code != "" {
			tick := "`"
			for strings.Contains(code, tick) {
				tick += "`"
			}
			in.md.WriteString(tick + code + tick)
			in.plain.WriteString(code)
		}
		return
	case atom.A:
		if href, ok := safeHref(attr(n, "href")); ok {
			sub := in.child()
			h.children(sub, n)
			label := strings.TrimSpace(sub.md.String())
			plain := strings.TrimSpace(sub.plain.String())
			if label != "" {
				if strings.HasPrefix(sub.md.String(), " ") && !endsWithSpace(&in.md) {
					in.md.WriteByte(' ')
					in.plain.WriteByte(' ')
				}
				if plain == href || "mailto:"+plain == href || strings.TrimPrefix(strings.TrimPrefix(href, "https://"), "http://") == plain {
					in.md.WriteString(label)
				} else {
					in.md.WriteString("[" + label + "](" + href + ")")
				}
				in.plain.WriteString(plain)
				if strings.HasSuffix(sub.plain.String(), " ") {
					in.md.WriteByte(' ')
					in.plain.WriteByte(' ')
				}
			}
			return
		}
	}
	block := isBlockElement(n.DataAtom) // a block inside inline content (<p> in <li>): spaces around
	if block && !endsWithSpace(&in.md) {
		in.md.WriteByte(' ')
		in.plain.WriteByte(' ')
	}
	h.children(in, n)
	if block && !endsWithSpace(&in.md) {
		in.md.WriteByte(' ')
		in.plain.WriteByte(' ')
	}
}

func (h *htmlImporter) children(in *inline, n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if n.DataAtom == atom.Li && c.Type == html.ElementNode && (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol) {
			continue // a list in an item is nested by list
		}
		h.inline(in, c)
	}
}

// wrap writes emphasis around the converted children, keeping spaces outside
// the markers so that the emphasis is valid Markdown.
func (h *htmlImporter) wrap(in *inline, n *html.Node, marker string) {
	if marker == "**" && in.strong || marker == "*" && in.em {
		h.children(in, n)
		return
	}
	sub := in.child()
	if marker == "**" {
		sub.strong = true
	} else {
		sub.em = true
	}
	h.children(sub, n)
	md := sub.md.String()
	inner := strings.TrimSpace(md)
	if inner == "" {
		if md != "" && !endsWithSpace(&in.md) {
			in.md.WriteByte(' ')
		}
		in.plain.WriteString(sub.plain.String())
		return
	}
	if strings.HasPrefix(md, " ") && !endsWithSpace(&in.md) {
		in.md.WriteByte(' ')
	}
	in.md.WriteString(marker + inner + marker)
	if strings.HasSuffix(md, " ") {
		in.md.WriteByte(' ')
	}
	in.plain.WriteString(sub.plain.String())
}

// safeHref keeps http, https and mailto links (absolute), escaped for a
// Markdown link destination.
func safeHref(href string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "", false
		}
	case "mailto":
	default:
		return "", false
	}
	s := u.String()
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(s), true
}
