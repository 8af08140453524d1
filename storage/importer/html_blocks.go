package importer

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/qalam/policyeditor/storage"
)

// blocks converts the children of a block container.
func (h *htmlImporter) blocks(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		h.block(c)
	}
}

func (h *htmlImporter) block(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		h.text(&h.para, n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if n == h.title {
		return
	}
	if invisible[n.DataAtom] {
		return
	}
	if isHidden(n) {
		h.flush()
		h.leaveNode(n, ReasonHidden)
		return
	}
	if reason := chromeReasons[n.DataAtom]; reason != "" {
		h.flush()
		h.leaveNode(n, reason)
		return
	}
	if l := headingLevel(n); l > 0 {
		h.flush()
		h.heading(n, l)
		return
	}
	switch n.DataAtom {
	case atom.Ul, atom.Ol:
		h.flush()
		var out []string
		h.list(n, "", &out)
		h.d.addBlock(strings.Join(out, "\n"))
	case atom.Pre:
		h.flush()
		code := strings.TrimRight(rawText(n), "\n")
		fence := "```"
		for strings.Contains(code, fence) {
			fence += "`"
		}
		h.d.addBlock(fence + "\n" + code + "\n" + fence)
	case atom.Blockquote:
		h.flush()
		sub := &htmlImporter{src: h.src, d: &draft{}, title: h.title, quote: true}
		sub.blocks(n)
		sub.flush()
		var quoted []string
		for _, s := range sub.d.sections {
			for _, b := range s.blocks {
				quoted = append(quoted, "> "+strings.ReplaceAll(b, "\n", "\n> "))
			}
		}
		h.d.leftOut = append(h.d.leftOut, sub.d.leftOut...)
		h.d.addBlock(strings.Join(quoted, "\n>\n"))
	case atom.Table:
		h.flush()
		h.table(n)
	case atom.Hr:
		h.flush()
	case atom.Img:
		h.images++
	case atom.Br:
		h.para.md.WriteString("\\\n")
		h.para.plain.WriteByte(' ')
	default:
		// an inline element wrapping blocks (<a><div>…</div></a>, <span><ul>…)
		// is a transparent container: its inline children continue the
		// paragraph, its blocks break it; its own markup is dropped
		if !isBlockElement(n.DataAtom) && hasBlockChild(n) {
			h.blocks(n)
			return
		}
		if isBlockElement(n.DataAtom) {
			h.flush()
			h.blocks(n)
			h.flush()
			return
		}
		h.inline(&h.para, n)
	}
}

// heading opens a section (at the section level) or adds a sub-heading.
func (h *htmlImporter) heading(n *html.Node, level int) {
	text := textOf(n)
	if text == "" {
		return
	}
	if level > h.sectionLevel {
		hashes := strings.Repeat("#", max(3, min(6, level-h.sectionLevel+2)))
		h.addBlock(hashes + " " + escapeInline(text))
		return
	}
	h.openLabelled(text, true, false)
}

// openLabelled opens a section from heading text, taking its label off.
// fromHeading is false for a paragraph that reads as a heading.
func (h *htmlImporter) openLabelled(text string, fromHeading, bold bool) bool {
	var n int
	var closing, labelled bool
	rest := text
	if w, c, r, ok := wordLabel(text); ok {
		n, closing, rest, labelled = w, c, r, true
		if h.d.numbering == "" {
			h.d.numbering = storage.NumberingOrdinal
		}
	} else if item := parseListItem(text); item != nil && item.ordered && (fromHeading || bold) && h.d.numbering != storage.NumberingOrdinal {
		n, rest, labelled = item.number, item.content, true
		if h.d.numbering == "" {
			h.d.numbering = storage.NumberingWestern
		}
	}
	if !fromHeading && !labelled {
		return false
	}
	kind := storage.KindNumbered
	switch {
	case closing:
		kind = storage.KindClosing
	case !labelled && h.d.numbering != "" && h.d.numbering != storage.NumberingNone && !hasNumbered(h.d):
		kind = storage.KindIntro
	}
	if labelled && h.d.numbering == storage.NumberingOrdinal && restIsBody(rest, fromHeading) {
		h.d.openSection(kind, "", n)
		h.d.addBlock(escapeLine(rest))
		return true
	}
	h.d.openSection(kind, rest, n)
	return true
}

// flush ends the paragraph being collected. Before the first section a
// short paragraph holding a date is the last-updated line; when the page
// has no heading elements, a paragraph starting with an ordinal label
// (أولاً: …) or a bold numbered paragraph is a section heading.
func (h *htmlImporter) flush() {
	md := strings.TrimSpace(h.para.md.String())
	plain := strings.Join(strings.Fields(h.para.plain.String()), " ")
	h.para.reset()
	if plain == "" {
		return
	}
	if !h.quote && !hasNumbered(h.d) && h.d.date.IsZero() && h.d.setDate(plain) {
		h.d.leave(h.lineOf(plain), plain, ReasonDate)
		return
	}
	bold := strings.HasPrefix(md, "**") && strings.HasSuffix(md, "**")
	if !h.quote && (h.sectionLevel == 0 || bold) && h.openLabelled(plain, false, bold) {
		return
	}
	h.addBlock(md)
}

// addBlock adds a Markdown block, escaping a block marker at its start.
func (h *htmlImporter) addBlock(md string) {
	md = strings.TrimSpace(md)
	if md == "" {
		return
	}
	if first := strings.Fields(md)[0]; !strings.HasPrefix(md, "```") && !strings.HasPrefix(md, ">") && !strings.HasPrefix(md, "#") {
		md = escapeBlockStart(first, first, md) + md[len(first):]
	}
	h.d.addBlock(md)
}

// list converts <ul>/<ol> into Markdown list lines with the given indent.
// Text a page puts directly in the list, outside <li>, is an item of its own.
func (h *htmlImporter) list(n *html.Node, indent string, out *[]string) {
	number := 1
	if s, err := strconv.Atoi(attr(n, "start")); err == nil && s >= 0 {
		number = s
	}
	// item adds one item line and returns the indent of lists nested in it
	item := func(md string, li *html.Node) string {
		marker := "- "
		if n.DataAtom == atom.Ol {
			if li != nil {
				if v, err := strconv.Atoi(attr(li, "value")); err == nil && v >= 0 {
					number = v
				}
			}
			marker = strconv.Itoa(number) + ". "
			number++
		}
		text := strings.TrimSpace(md)
		if text == "" {
			return indent
		}
		first := strings.Fields(text)[0]
		*out = append(*out, indent+marker+escapeBlockStart(first, first, text)+text[len(first):])
		return indent + strings.Repeat(" ", len(marker))
	}
	var stray inline
	flushStray := func() {
		if strings.TrimSpace(stray.md.String()) != "" {
			item(stray.md.String(), nil)
		}
		stray.reset()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol):
			flushStray()
			h.list(c, indent+"  ", out) // a list directly inside a list
		case c.Type == html.ElementNode && c.DataAtom == atom.Li:
			flushStray()
			if isHidden(c) {
				h.leaveNode(c, ReasonHidden)
				continue
			}
			var in inline
			h.children(&in, c)
			nested := item(in.md.String(), c)
			for cc := c.FirstChild; cc != nil; cc = cc.NextSibling {
				if cc.Type == html.ElementNode && (cc.DataAtom == atom.Ul || cc.DataAtom == atom.Ol) {
					h.list(cc, nested, out)
				}
			}
		default:
			h.inline(&stray, c)
		}
	}
	flushStray()
}

// table turns each row into a list item with the cells separated by " | ".
func (h *htmlImporter) table(n *html.Node) {
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Tr {
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
					var in inline
					h.children(&in, c)
					cells = append(cells, strings.TrimSpace(in.md.String()))
				}
			}
			if row := strings.Join(cells, ` \| `); strings.TrimSpace(row) != "" {
				out = append(out, "- "+row)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	h.d.addBlock(strings.Join(out, "\n"))
}

// rawText is the text of n as written (for <pre> and <code>).
func rawText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Br {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
