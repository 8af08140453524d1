package oracle

import (
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// safeContent is the goldmark extension that keeps published pages static
// and honest:
//   - raw HTML (blocks and inline tags) is removed from the tree, not
//     rendered as an "omitted" comment;
//   - links whose destination is not http, https, mailto, relative or a
//     #fragment are replaced by their text; autolinks likewise;
//   - images whose source is not http, https or relative are replaced by
//     their alt text;
//   - bidi controls are removed from link and image titles (the rest of the
//     content is cleaned before parsing and after rendering).
//
// Goldmark's own IsDangerousURL only blanks javascript:, vbscript:, file:
// and some data: URLs; this is an allow-list.
type safeContent struct{}

func (safeContent) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(safeContent{}, prioritySanitize)))
}

// Transform implements parser.ASTTransformer.
func (safeContent) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	var unsafe []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			unsafe = append(unsafe, n)
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			n.Title = cleanTitle(n.Title)
			if !allowedURL(n.Destination, false) {
				unsafe = append(unsafe, n)
			}
		case *ast.Image:
			n.Title = cleanTitle(n.Title)
			if !allowedURL(n.Destination, true) {
				unsafe = append(unsafe, n)
			}
		case *ast.AutoLink:
			url := n.URL(source)
			if n.AutoLinkType == ast.AutoLinkEmail {
				url = append([]byte("mailto:"), url...)
			}
			if !allowedURL(url, false) {
				unsafe = append(unsafe, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		defuse(n, source)
	}
}

// defuse takes an unsafe node out of the tree, keeping the text a reader
// would have seen.
func defuse(n ast.Node, source []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	switch n := n.(type) {
	case *ast.Link, *ast.Image:
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
	case *ast.AutoLink:
		parent.InsertBefore(parent, n, ast.NewString(n.Label(source)))
	}
	parent.RemoveChild(parent, n)
}

// allowedURL reports whether dest may be published as a link (or, with
// image, as an image source). It reads the URL as it will reach the
// browser: goldmark's own URLEscape (which resolves character references,
// numeric then named, so "&#38;colon;" becomes ":") and then one more
// decoding for good measure, leading and trailing C0 controls and spaces
// trimmed, tabs and newlines anywhere removed; then the scheme, if any, must
// be http or https (or mailto for links). Relative URLs and fragments pass.
func allowedURL(dest []byte, image bool) bool {
	// Both readings must pass: the plain one still sees raw control
	// characters that URLEscape would percent-encode.
	return allowedReading(html.UnescapeString(string(dest)), image) &&
		allowedReading(html.UnescapeString(string(util.URLEscape(dest, true))), image)
}

func allowedReading(s string, image bool) bool {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	scheme, ok := urlScheme(s)
	if !ok {
		return !strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7F })
	}
	switch strings.ToLower(scheme) {
	case "http", "https":
		return true
	case "mailto":
		return !image
	}
	return false
}

// urlScheme returns the scheme of s ("" and false for a relative URL). Any
// ':' before the first '/', '?' or '#' is treated as ending a scheme, even
// when the characters before it are not a valid scheme, so that odd input
// is refused rather than guessed at.
func urlScheme(s string) (string, bool) {
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return "", false
	}
	return s[:i], true
}

// cleanTitle removes bidi controls from a link or image title (nil stays
// nil: goldmark writes no title attribute then).
func cleanTitle(title []byte) []byte {
	if title == nil {
		return nil
	}
	return []byte(stripBidiControls(string(title)))
}
