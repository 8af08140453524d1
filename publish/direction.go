package publish

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

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
	setBlockDirs(doc, pageDir(pc), reader.Source())
}

func setBlockDirs(parent ast.Node, inherited storage.Direction, source []byte) {
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			continue
		}
		eff := inherited
		if d, ok := ownDirection(c, source); ok && d != inherited {
			c.SetAttributeString("dir", []byte(d))
			eff = d
		}
		setBlockDirs(c, eff, source)
	}
}

// ownDirection returns the direction a block would get from its content,
// for the kinds of blocks that are rendered with a tag of their own.
func ownDirection(n ast.Node, source []byte) (storage.Direction, bool) {
	switch n.Kind() {
	case ast.KindParagraph, ast.KindHeading, ast.KindListItem, ast.KindBlockquote, extast.KindTableCell:
		return contentDirection(n, source)
	case ast.KindList:
		var dir storage.Direction
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			d, ok := contentDirection(item, source)
			if !ok || (dir != "" && d != dir) {
				return "", false
			}
			dir = d
		}
		return dir, dir != ""
	}
	return "", false
}

// contentDirection is the direction of the first strong character in the
// text of n (HTML's dir=auto, computed at publish time), with one change:
// URLs, e-mail addresses, autolinks and code spans are skipped, because
// they are isolated anyway and say nothing about the language of the
// block; "(www.qlmlearn.com) منصة قلم" is an Arabic line.
func contentDirection(n ast.Node, source []byte) (storage.Direction, bool) {
	var txt []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c.Kind() {
		case kindSectionLabel, ast.KindAutoLink, ast.KindCodeSpan:
			txt = append(txt, ' ')
			return ast.WalkSkipChildren, nil
		}
		if t, ok := c.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			txt = append(append(txt, inlineValue(c, source)...), ' ')
			return ast.WalkContinue, nil
		}
		txt = append(txt, inlineValue(c, source)...)
		return ast.WalkContinue, nil
	})
	for _, word := range bytes.FieldsFunc(txt, isWordBreak) {
		if isAddress(string(word)) {
			continue
		}
		if d, ok := firstStrong(word); ok {
			return d, true
		}
	}
	return "", false
}

// isWordBreak separates the words contentDirection looks at.
func isWordBreak(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("()[]<>\"'«»،,;؛", r)
}

// isAddress reports a URL or an e-mail address.
func isAddress(w string) bool {
	if isURLish(w) {
		return true
	}
	at := strings.IndexByte(w, '@')
	return at > 0 && strings.IndexByte(w[at:], '.') > 0
}

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
