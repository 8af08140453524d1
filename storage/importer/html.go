package importer

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/qalam/policyeditor/storage"
)

// Reasons given in Result.LeftOut for HTML elements that are not policy
// text, so that the app can word them in the user's language.
const (
	ReasonNav      = "site navigation (<nav>)"
	ReasonHeader   = "page header (<header>)"
	ReasonPageFoot = "page footer (<footer>)"
	ReasonAside    = "sidebar (<aside>)"
	ReasonForm     = "form (<form>)"
	ReasonButton   = "button (<button>)"
	ReasonDialog   = "dialog (<dialog>)"
	ReasonSelect   = "drop-down list (<select>)"
	ReasonNoscript = "message for browsers without JavaScript (<noscript>)"
	ReasonIframe   = "embedded frame (<iframe>)"
	ReasonOutside  = "outside the main content (<main>/<article>)"
	ReasonHidden   = "hidden element (hidden, aria-hidden or display:none)"
)

// chromeReasons are the elements whose text is not policy text.
var chromeReasons = map[atom.Atom]string{
	atom.Nav:      ReasonNav,
	atom.Header:   ReasonHeader,
	atom.Footer:   ReasonPageFoot,
	atom.Aside:    ReasonAside,
	atom.Form:     ReasonForm,
	atom.Button:   ReasonButton,
	atom.Dialog:   ReasonDialog,
	atom.Select:   ReasonSelect,
	atom.Noscript: ReasonNoscript,
	atom.Iframe:   ReasonIframe,
}

// invisible elements whose content is never text of the page.
var invisible = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Head: true,
	atom.Svg: true, atom.Math: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
}

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
	md, plain  strings.Builder
	strong, em bool // inside ** or * already: nested <b><strong> adds no markers
}

// child is a buffer for an inline element's content, in the same emphasis.
func (in *inline) child() *inline { return &inline{strong: in.strong, em: in.em} }

func (in *inline) reset() { in.md.Reset(); in.plain.Reset() }

// importHTML reads an HTML page; it fails only when the parser refuses the
// document even with its deep nesting flattened.
func importHTML(src string) (Result, error) {
	// scripting off: <noscript> content is parsed as elements, as a browser
	// without JavaScript shows it, and listed as left out
	doc, err := html.ParseWithOptions(strings.NewReader(src), html.ParseOptionEnableScripting(false))
	var flattened int
	if err != nil {
		// The parser refuses more than 512 open elements; keep the text
		// of a page nested that deep by dropping the tags below depth
		// maxHTMLDepth.
		var flat string
		flat, flattened = flattenDeep(src, maxHTMLDepth)
		doc, err = html.ParseWithOptions(strings.NewReader(flat), html.ParseOptionEnableScripting(false))
	}
	h := &htmlImporter{src: src, d: &draft{}}
	if flattened > 0 {
		h.d.warnings = append(h.d.warnings, fmt.Sprintf("elements were nested more than %d deep: kept their text, dropped %d tags below that depth", maxHTMLDepth, flattened))
	}
	// LeftOut line numbers are searched from the body on, not in <head>
	for i := strings.IndexByte(src, '<'); i >= 0 && i+5 <= len(src); {
		if strings.EqualFold(src[i:i+5], "<body") {
			h.cursor = i
			break
		}
		j := strings.IndexByte(src[i+1:], '<')
		if j < 0 {
			break
		}
		i += j + 1
	}
	if err != nil {
		return Result{}, err
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
	return h.d.result(FormatHTML), nil
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
		return
	}
	if !contains(n, h.root) && !(h.title != nil && contains(n, h.title)) {
		if n.Type == html.ElementNode && isHidden(n) {
			h.leaveNode(n, ReasonHidden)
			return
		}
		if reason := chromeReasons[n.DataAtom]; n.Type == html.ElementNode && reason != "" {
			h.leaveNode(n, reason)
			return
		}
		if n.Type == html.TextNode || n.Type == html.ElementNode && !hasBlockChild(n) {
			h.leaveNode(n, ReasonOutside)
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
