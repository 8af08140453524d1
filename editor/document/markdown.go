package document

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/numbering"
)

// ErrInvalidUTF8 is returned for a Markdown body that is not valid UTF-8.
var ErrInvalidUTF8 = errors.New("markdown is not valid UTF-8")

// parser is built once, parse only, with the dialect of the publisher
// (publish/markdown.go): CommonMark plus GFM tables and strikethrough, no
// linkify.
var parser = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough)).Parser()

// digitStyle says which digits ordered-list markers use.
type digitStyle int

const (
	western digitStyle = iota
	arabicIndic
)

func orderedDigits(s storage.NumberingStyle) digitStyle {
	if s == storage.NumberingArabicIndic {
		return arabicIndic
	}
	return western
}

// parseMarkdown parses src and flattens it into blocks.
func parseMarkdown(src string, dir storage.Direction, digits digitStyle) ([]Block, error) {
	if !utf8.ValidString(src) {
		return nil, ErrInvalidUTF8
	}
	source := []byte(src)
	root := parser.Parse(text.NewReader(source))
	b := &builder{src: source, dir: dir, digits: digits}
	b.children(root)
	return b.blocks, nil
}

// builder walks block nodes and appends Blocks.
type builder struct {
	src    []byte
	dir    storage.Direction
	digits digitStyle
	blocks []Block

	quotes    int    // enclosing block quotes
	lists     int    // enclosing lists
	marker    string // marker of the list item whose first text block is pending
	itemLevel int
}

func (b *builder) children(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.node(c)
	}
}

func (b *builder) node(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		b.text(KindHeading, max(n.Level, 3), n)
	case *ast.Paragraph, *ast.TextBlock:
		b.text(KindParagraph, 0, n)
	case *ast.List:
		b.list(n)
	case *ast.Blockquote:
		b.quotes++
		b.children(n)
		b.quotes--
	case *ast.FencedCodeBlock:
		b.code(n)
	case *ast.CodeBlock:
		b.code(n)
	case *extast.Table:
		b.table(n)
	case *ast.ThematicBreak, *ast.HTMLBlock:
		// Nothing to show: rules are decoration, raw HTML is never shown.
	default:
		b.children(n)
	}
}

func (b *builder) list(n *ast.List) {
	b.flushItem()
	b.lists++
	num := n.Start
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.marker = "•"
		if n.IsOrdered() {
			b.marker = b.number(num) + "."
			num++
		}
		b.itemLevel = b.lists
		b.children(c)
		b.flushItem()
	}
	b.lists--
}

// flushItem emits a list item without text of its own (empty, or starting
// with a nested list) so that its marker is shown.
func (b *builder) flushItem() {
	if b.marker != "" {
		b.emit(Block{Kind: KindParagraph}, nil, nil)
	}
}

// table flattens a table into one block per row (KindTableRow), cells in
// logical order separated by " | ", so that in a right-to-left page the
// first column is on the right as in the published table. Header cells are
// bold.
func (b *builder) table(n *extast.Table) {
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		_, header := row.(*extast.TableHeader)
		in := &inlines{src: b.src}
		if header {
			in.bold++
		}
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			if cell != row.FirstChild() {
				in.add(" | ", false)
			}
			in.walk(cell)
		}
		runes, spans := in.trimmed()
		b.emit(Block{Kind: KindTableRow}, runes, spans)
	}
}

func (b *builder) number(n int) string {
	s := strconv.Itoa(n)
	if b.digits == arabicIndic {
		return numbering.ArabicIndicDigits(s)
	}
	return s
}

func (b *builder) code(n ast.Node) {
	// A list item that starts with code shows its marker first, on an
	// empty line, with the code indented under it.
	b.flushItem()
	var sb strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		sb.Write(seg.Value(b.src))
	}
	r := []rune(strings.TrimRight(sb.String(), "\n"))
	blk := Block{Kind: KindCode, Dir: storage.LTR, Indent: b.quotes + b.lists, Quote: b.quotes, Text: r}
	if len(r) > 0 {
		blk.Spans = []Span{{Start: 0, End: len(r), Code: true}}
	}
	b.blocks = append(b.blocks, blk)
}

// text appends the inline content of n as one block of kind k.
func (b *builder) text(k Kind, level int, n ast.Node) {
	in := &inlines{src: b.src}
	in.walk(n)
	runes, spans := in.trimmed()
	b.emit(Block{Kind: k, Level: level}, runes, spans)
}

// emit fills direction, marker and indent and appends the block. The first
// text block of a list item becomes the item itself.
func (b *builder) emit(blk Block, runes []rune, spans []Span) {
	blk.Text, blk.Spans = runes, spans
	blk.Dir = blockDir(runes, b.dir)
	blk.Indent = b.quotes + b.lists
	blk.Quote = b.quotes
	if b.marker != "" {
		blk.Kind = KindListItem
		blk.Level = b.itemLevel
		blk.ListMarker = b.marker
		blk.Indent-- // the marker box takes the item's own level
		b.marker = ""
	}
	b.blocks = append(b.blocks, blk)
}

// inlines collects the text and style spans of one block.
type inlines struct {
	src    []byte
	text   []rune
	spans  []Span
	bold   int
	italic int
	strike int
	link   string
}

func (in *inlines) walk(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		in.inline(c)
	}
}

func (in *inlines) inline(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		in.add(unescape(n.Segment.Value(in.src)), false)
		switch {
		case n.HardLineBreak():
			in.add("\n", false)
		case n.SoftLineBreak():
			in.add(" ", false)
		}
	case *ast.String:
		in.add(string(n.Value), false)
	case *ast.CodeSpan:
		in.add(string(LRI)+in.codeText(n)+string(PDI), true)
	case *ast.Emphasis:
		in.emphasis(n)
	case *extast.Strikethrough:
		in.strike++
		in.walk(n)
		in.strike--
	case *ast.Link:
		prev := in.link
		in.link = string(n.Destination)
		in.walk(n)
		in.link = prev
	case *ast.AutoLink:
		prev := in.link
		in.link = string(n.URL(in.src))
		in.add(string(n.Label(in.src)), false)
		in.link = prev
	case *ast.RawHTML:
		// Raw HTML is never shown (the publisher drops it too).
	default: // images show their alt text; unknown inlines their children
		in.walk(n)
	}
}

func (in *inlines) emphasis(n *ast.Emphasis) {
	if n.Level >= 2 {
		in.bold++
		defer func() { in.bold-- }()
	} else {
		in.italic++
		defer func() { in.italic-- }()
	}
	in.walk(n)
}

func (in *inlines) codeText(n ast.Node) string {
	var sb strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			sb.Write(t.Segment.Value(in.src))
		}
	}
	return strings.ReplaceAll(sb.String(), "\n", " ")
}

// add appends s with the current style, merging with the previous span when
// the style is the same.
func (in *inlines) add(s string, code bool) {
	if s == "" {
		return
	}
	start := len(in.text)
	in.text = append(in.text, []rune(s)...)
	sp := Span{Start: start, End: len(in.text), Bold: in.bold > 0, Italic: in.italic > 0, Strike: in.strike > 0, Code: code, Link: in.link}
	if !sp.Bold && !sp.Italic && !sp.Strike && !sp.Code && sp.Link == "" {
		return
	}
	if k := len(in.spans) - 1; k >= 0 && in.spans[k].End == start && sameStyle(in.spans[k], sp) {
		in.spans[k].End = sp.End
		return
	}
	in.spans = append(in.spans, sp)
}

func sameStyle(a, b Span) bool {
	return a.Bold == b.Bold && a.Italic == b.Italic && a.Strike == b.Strike && a.Code == b.Code && a.Link == b.Link
}

// trimmed returns the text without leading/trailing white space, spans shifted.
func (in *inlines) trimmed() ([]rune, []Span) {
	start, end := 0, len(in.text)
	for start < end && isSpace(in.text[start]) {
		start++
	}
	for end > start && isSpace(in.text[end-1]) {
		end--
	}
	var spans []Span
	for _, sp := range in.spans {
		sp.Start = min(max(sp.Start, start), end) - start
		sp.End = min(max(sp.End, start), end) - start
		if sp.End > sp.Start {
			spans = append(spans, sp)
		}
	}
	return in.text[start:end:end], spans
}

func isSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\t' }

func unescape(v []byte) string {
	return string(util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(v))))
}
