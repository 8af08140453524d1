package snapshot

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/qalam/policyeditor/storage"
)

// textPage is page as a reader sees it: each section's heading and body
// as the visible text of the rendered HTML (no Markdown marks, links as
// their text), so the "what changed" block compares what readers read.
// It keeps the section IDs and kinds. When the rendered article does not
// have one <section> per page section, it returns the page unchanged.
func textPage(page storage.Page, article []byte) storage.Page {
	doc, err := html.Parse(bytes.NewReader(article))
	if err != nil {
		return page
	}
	title, secs := splitArticle(doc)
	if len(secs) != len(page.Sections) {
		return page
	}
	out := page
	out.Title = title
	out.Sections = make([]storage.Section, len(secs))
	for i, s := range secs {
		s.ID, s.PageID, s.Kind, s.Position = page.Sections[i].ID, page.ID, page.Sections[i].Kind, i
		out.Sections[i] = s
	}
	return out
}

// pageFromHTML rebuilds a page (title and sections, no IDs) from published
// bytes, for a publication that has no revision (a rollback of raw bytes).
func pageFromHTML(body []byte) storage.Page {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return storage.Page{}
	}
	title, secs := splitArticle(doc)
	return storage.Page{Title: title, Sections: secs}
}

// splitArticle returns the h1 text and one section per <section> element
// (heading = its h2 without the numbering label, body = the rest).
func splitArticle(doc *html.Node) (string, []storage.Section) {
	var title string
	var secs []storage.Section
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.ElementNode && n.DataAtom == atom.H1 && title == "":
			title = strings.TrimSpace(textOf(n))
			return
		case n.Type == html.ElementNode && n.DataAtom == atom.Section:
			secs = append(secs, sectionText(n))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return title, secs
}

func sectionText(n *html.Node) storage.Section {
	s := storage.Section{Kind: storage.SectionKind(attr(n, "data-kind"))}
	var body strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.H2 && s.Heading == "" {
			s.Heading = strings.TrimSpace(headingText(c))
			continue
		}
		writeText(&body, c)
	}
	s.Body = tidy(body.String())
	return s
}

// headingText is a heading's text without the numbering label spans.
func headingText(h *html.Node) string {
	var b strings.Builder
	for c := h.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Span {
			if cls := attr(c, "class"); cls == "section-label" || cls == "section-sep" {
				continue
			}
		}
		writeText(&b, c)
	}
	return tidy(b.String())
}

func textOf(n *html.Node) string {
	var b strings.Builder
	writeText(&b, n)
	return tidy(b.String())
}

// block elements end a line of text.
var block = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Tr: true, atom.Pre: true,
	atom.Ul: true, atom.Ol: true, atom.Table: true, atom.Hr: true, atom.Br: true, atom.Div: true,
}

func writeText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(b, c)
	}
	if n.Type == html.ElementNode && block[n.DataAtom] {
		b.WriteString("\n")
	}
}

// tidy collapses white space inside lines and drops empty lines, so the
// text compares the way it reads.
func tidy(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
