package importer

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/qalam/policyeditor/storage"
)

// chromeReasons are the elements whose text is not policy text, with the
// reason given in LeftOut.
var chromeReasons = map[atom.Atom]string{
	atom.Nav:      "site navigation (<nav>)",
	atom.Header:   "page header (<header>)",
	atom.Footer:   "page footer (<footer>)",
	atom.Aside:    "sidebar (<aside>)",
	atom.Form:     "form (<form>)",
	atom.Button:   "button (<button>)",
	atom.Dialog:   "dialog (<dialog>)",
	atom.Select:   "drop-down list (<select>)",
	atom.Noscript: "message for browsers without JavaScript (<noscript>)",
	atom.Iframe:   "embedded frame (<iframe>)",
}

// invisible elements whose content is never text of the page.
var invisible = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Head: true,
	atom.Svg: true, atom.Math: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
}

const (
	reasonOutside = "outside the main content (<main>/<article>)"
	reasonHidden  = "hidden element (hidden, aria-hidden or display:none)"
)

// htmlImporter converts the DOM of a saved page.
type htmlImporter struct {
	src          string
	cursor       int // where LeftOut line search continues in src
	d            *draft
	title        *html.Node
	root         *html.Node
	sectionLevel int // heading level of sections; 0 when the page has none
	para         inline
	removed      int // script/style elements
	images       int
	quote        bool // converting a <blockquote>: no dates, no sections
}

// inline collects the Markdown and the plain text of a paragraph.
type inline struct {
	md, plain strings.Builder
}

func (in *inline) reset() { in.md.Reset(); in.plain.Reset() }

func importHTML(src string) Result {
	doc, err := html.Parse(strings.NewReader(src))
	h := &htmlImporter{src: src, d: &draft{}}
	if err != nil { // html.Parse only fails on reader errors
		h.d.warnings = append(h.d.warnings, "HTML could not be parsed: "+err.Error())
		return h.d.result(FormatHTML)
	}
	if el := findFirst(doc, atom.Html); el != nil {
		if lang := attr(el, "lang"); lang != "" {
			h.d.lang = strings.TrimSpace(lang)
		}
		switch strings.ToLower(attr(el, "dir")) {
		case "rtl":
			h.d.dir = storage.RTL
		case "ltr":
			h.d.dir = storage.LTR
		}
	}
	body := findFirst(doc, atom.Body)
	if body == nil {
		body = doc
	}
	h.root = findFirst(body, atom.Main)
	if h.root == nil {
		h.root = findFirst(body, atom.Article)
	}
	if h.root == nil {
		h.root = body
	}
	h.findTitle(doc, body)
	h.sectionLevel = h.findSectionLevel()
	h.walkOutside(body)
	h.flush()
	h.removed = countElements(doc, atom.Script) + countElements(doc, atom.Style)
	if h.removed > 0 {
		h.d.warnings = append(h.d.warnings, fmt.Sprintf("removed %d script and style elements", h.removed))
	}
	if h.images > 0 {
		h.d.warnings = append(h.d.warnings, fmt.Sprintf("%d images were not imported", h.images))
	}
	return h.d.result(FormatHTML)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func findFirst(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findFirst(c, a); f != nil {
			return f
		}
	}
	return nil
}

// findTitle: the first <h1> in the main content, else in the body outside
// navigation, else <title>.
func (h *htmlImporter) findTitle(doc, body *html.Node) {
	for _, scope := range []*html.Node{h.root, body} {
		if t := firstHeading(scope, atom.H1); t != nil && textOf(t) != "" {
			h.title = t
			h.d.title = textOf(t)
			return
		}
	}
	if t := findFirst(doc, atom.Title); t != nil {
		h.d.title = textOf(t)
	}
}

func firstHeading(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode {
		if n.DataAtom == a {
			return n
		}
		if n.DataAtom == atom.Nav || n.DataAtom == atom.Footer || n.DataAtom == atom.Aside || invisible[n.DataAtom] || isHidden(n) {
			return nil
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := firstHeading(c, a); f != nil {
			return f
		}
	}
	return nil
}

func headingLevel(n *html.Node) int {
	if n.Type != html.ElementNode {
		return 0
	}
	switch n.DataAtom {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// findSectionLevel is the highest heading level in the main content, other
// than the title, outside chrome; the page's numbering follows the labels
// of those headings.
func (h *htmlImporter) findSectionLevel() int {
	level := 7
	var heads []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (invisible[n.DataAtom] || chromeReasons[n.DataAtom] != "" || isHidden(n)) {
			return
		}
		if l := headingLevel(n); l > 0 && n != h.title && textOf(n) != "" {
			heads = append(heads, n)
			level = min(level, l)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(h.root)
	if level == 7 {
		return 0
	}
	for _, n := range heads {
		if headingLevel(n) != level {
			continue
		}
		if _, _, _, ok := wordLabel(textOf(n)); ok {
			h.d.numbering = storage.NumberingOrdinal
			break
		}
		if item := parseListItem(textOf(n)); item != nil && item.ordered && h.d.numbering == "" {
			h.d.numbering = storage.NumberingWestern
			if item.digits == "arabic-indic" {
				h.d.numbering = storage.NumberingArabicIndic
			}
		}
	}
	return level
}

// isHidden: hidden attribute, aria-hidden="true", or an inline style that hides.
func isHidden(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// textOf is the visible text of n with whitespace collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	top := n
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && (invisible[n.DataAtom] || n != top && isHidden(n)):
			return
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && isBlockElement(n.DataAtom) {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// leaveNode lists the visible text of a skipped element, without the title.
func (h *htmlImporter) leaveNode(n *html.Node, reason string) {
	var text string
	if h.title != nil && contains(n, h.title) {
		var parts []string
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c == h.title {
				continue
			}
			if contains(c, h.title) {
				h.leaveNode(c, reason)
				continue
			}
			if t := textOf(c); t != "" {
				parts = append(parts, t)
			}
		}
		text = strings.Join(parts, " ")
	} else {
		text = textOf(n)
	}
	if text == "" {
		return
	}
	if h.d.date.IsZero() && h.d.setDate(text) {
		reason = ReasonDate
	}
	h.d.leave(h.lineOf(text), text, reason)
}

func contains(n, x *html.Node) bool {
	for ; x != nil; x = x.Parent {
		if x == n {
			return true
		}
	}
	return false
}

// lineOf finds the line of the input where text starts (searching from the
// last match on, by its first word); 0 when it is not found as typed.
func (h *htmlImporter) lineOf(text string) int {
	f := strings.Fields(text)
	if len(f) == 0 {
		return 0
	}
	i := strings.Index(h.src[h.cursor:], f[0])
	if i < 0 {
		if i = strings.Index(h.src, f[0]); i < 0 {
			return 0
		}
	} else {
		i += h.cursor
		h.cursor = i + len(f[0])
	}
	return strings.Count(h.src[:i], "\n") + 1
}

// walkOutside walks the body: the main content is converted, visible text
// outside it is listed as left out.
func (h *htmlImporter) walkOutside(n *html.Node) {
	if n == h.root {
		h.blocks(n)
		return
	}
	if n.Type == html.ElementNode && invisible[n.DataAtom] {
		h.countRemoved(n)
		return
	}
	if !contains(n, h.root) && !(h.title != nil && contains(n, h.title)) {
		if n.Type == html.ElementNode && isHidden(n) {
			h.leaveNode(n, reasonHidden)
			return
		}
		if reason := chromeReasons[n.DataAtom]; n.Type == html.ElementNode && reason != "" {
			h.leaveNode(n, reason)
			return
		}
		if n.Type == html.TextNode || n.Type == html.ElementNode && !hasBlockChild(n) {
			h.leaveNode(n, reasonOutside)
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c == h.title {
			continue
		}
		h.walkOutside(c)
	}
}

func (h *htmlImporter) countRemoved(*html.Node) {}

func countElements(n *html.Node, a atom.Atom) int {
	c := 0
	if n.Type == html.ElementNode && n.DataAtom == a {
		c++
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c += countElements(ch, a)
	}
	return c
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (isBlockElement(c.DataAtom) || hasBlockChild(c)) {
			return true
		}
	}
	return false
}

func isBlockElement(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer, atom.Nav, atom.Aside,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd,
		atom.Table, atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Caption, atom.Blockquote, atom.Pre, atom.Hr,
		atom.Form, atom.Fieldset, atom.Figure, atom.Figcaption, atom.Address, atom.Details, atom.Summary, atom.Dialog,
		atom.Body, atom.Html, atom.Center:
		return true
	}
	return false
}

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
		h.countRemoved(n)
		return
	}
	if isHidden(n) {
		h.flush()
		h.leaveNode(n, reasonHidden)
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
		sub := &htmlImporter{src: h.src, d: &draft{}, title: h.title, sectionLevel: 99, quote: true}
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

func endsWithSpace(b *strings.Builder) bool {
	s := b.String()
	return s == "" || strings.HasSuffix(s, " ") || strings.HasSuffix(s, "\n")
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
		h.countRemoved(n)
		return
	}
	if isHidden(n) || chromeReasons[n.DataAtom] != "" {
		reason := chromeReasons[n.DataAtom]
		if reason == "" {
			reason = reasonHidden
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
		h.wrap(in, n, "**", "**")
		return
	case atom.Em, atom.I:
		h.wrap(in, n, "*", "*")
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
			var sub inline
			h.children(&sub, n)
			label := strings.TrimSpace(sub.md.String())
			plain := strings.TrimSpace(sub.plain.String())
			if label != "" {
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
	if isBlockElement(n.DataAtom) { // a block inside inline content (e.g. <p> in <li>)
		if !endsWithSpace(&in.md) {
			in.md.WriteByte(' ')
			in.plain.WriteByte(' ')
		}
	}
	h.children(in, n)
}

func (h *htmlImporter) children(in *inline, n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol) {
			continue // nested lists are handled by list
		}
		h.inline(in, c)
	}
}

// wrap writes emphasis around the converted children, keeping spaces outside
// the markers so that the emphasis is valid Markdown.
func (h *htmlImporter) wrap(in *inline, n *html.Node, open, close string) {
	var sub inline
	h.children(&sub, n)
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
	if strings.HasPrefix(inner, open) && strings.HasSuffix(inner, close) && len(inner) > len(open)+len(close) {
		in.md.WriteString(inner) // <b><strong>x</strong></b>
	} else {
		in.md.WriteString(open + inner + close)
	}
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

// list converts <ul>/<ol> into Markdown list lines with the given indent.
func (h *htmlImporter) list(n *html.Node, indent string, out *[]string) {
	number := 1
	if s, err := strconv.Atoi(attr(n, "start")); err == nil && s >= 0 {
		number = s
	}
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode || li.DataAtom != atom.Li {
			if li.Type == html.ElementNode && (li.DataAtom == atom.Ul || li.DataAtom == atom.Ol) {
				h.list(li, indent+"  ", out) // a list directly inside a list
			}
			continue
		}
		if isHidden(li) {
			h.leaveNode(li, reasonHidden)
			continue
		}
		marker := "- "
		if n.DataAtom == atom.Ol {
			if v, err := strconv.Atoi(attr(li, "value")); err == nil && v >= 0 {
				number = v
			}
			marker = strconv.Itoa(number) + ". "
			number++
		}
		var in inline
		h.children(&in, li)
		text := strings.TrimSpace(in.md.String())
		if text != "" {
			first := strings.Fields(text)[0]
			text = escapeBlockStart(first, first, text) + text[len(first):]
		}
		*out = append(*out, indent+marker+text)
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol) {
				h.list(c, indent+strings.Repeat(" ", len(marker)), out)
			}
		}
	}
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
