package oracle

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/qalam/policyeditor/editor/textdir"
	"github.com/qalam/policyeditor/storage"
)

// blockDirection is the goldmark extension that puts a dir attribute on
// blocks whose direction differs from the one they inherit: a paragraph,
// heading, list item, table cell or block quote whose first strong
// character belongs to the other direction gets dir="ltr" (in a
// right-to-left page) or dir="rtl" (in a left-to-right page). A list whose
// items all go the other way gets the attribute itself, so that its
// markers move to the other side; its items then inherit it.
//
// The page direction comes from the parser context (see withPageDir).
type blockDirection struct{}

func (blockDirection) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(blockDirection{}, priorityDirection)))
}

// Transform implements parser.ASTTransformer.
func (blockDirection) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	sc := &dirScanner{source: reader.Source(), memo: map[ast.Node][]byte{}}
	sc.setBlockDirs(doc, pageDir(pc))
}

// dirScanner computes block directions. The text a block starts with is
// memoised per node so that deeply nested lists cost linear time.
type dirScanner struct {
	source []byte
	memo   map[ast.Node][]byte
}

// leadText is how much of a block's text is looked at for its direction.
const leadText = 256

func (sc *dirScanner) setBlockDirs(parent ast.Node, inherited storage.Direction) {
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			continue
		}
		eff := inherited
		if d, ok := sc.ownDirection(c); ok && d != inherited {
			c.SetAttributeString("dir", []byte(d))
			eff = d
		}
		sc.setBlockDirs(c, eff)
	}
}

// ownDirection returns the direction a block would get from its content,
// for the kinds of blocks that are rendered with a tag of their own.
func (sc *dirScanner) ownDirection(n ast.Node) (storage.Direction, bool) {
	switch n.Kind() {
	case ast.KindParagraph, ast.KindHeading, ast.KindListItem, ast.KindBlockquote, extast.KindTableCell:
		return textDirection(sc.lead(n))
	case ast.KindList:
		var dir storage.Direction
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			d, ok := textDirection(sc.lead(item))
			if !ok || (dir != "" && d != dir) {
				return "", false
			}
			dir = d
		}
		return dir, dir != ""
	}
	return "", false
}

// lead returns up to about leadText bytes of the text n starts with;
// autolinks, code spans and numbering labels count as a space.
func (sc *dirScanner) lead(n ast.Node) []byte {
	if v, ok := sc.memo[n]; ok {
		return v
	}
	var out []byte
	switch n.Kind() {
	case kindSectionLabel, ast.KindAutoLink, ast.KindCodeSpan:
		out = []byte{' '}
	default:
		out = inlineValue(n, sc.source)
		if t, ok := n.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			out = append(out[:len(out):len(out)], ' ')
		}
		for c := n.FirstChild(); c != nil && len(out) < leadText; c = c.NextSibling() {
			out = append(out[:len(out):len(out)], sc.lead(c)...)
			if c.Type() == ast.TypeBlock {
				out = append(out, ' ')
			}
		}
	}
	sc.memo[n] = out
	return out
}

// textDirection is the block direction rule shared with the in-app view
// (editor/textdir): first strong character, URLs and e-mail addresses skipped.
func textDirection(txt []byte) (storage.Direction, bool) { return textdir.Block(txt) }

// inlineValue returns the text an inline leaf shows, or nil.
func inlineValue(n ast.Node, source []byte) []byte {
	switch n := n.(type) {
	case *ast.Text:
		return n.Segment.Value(source)
	case *ast.String:
		return n.Value
	case *ast.AutoLink:
		return n.Label(source)
	}
	return nil
}
