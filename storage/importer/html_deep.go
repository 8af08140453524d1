package importer

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxHTMLDepth is the deepest element nesting importHTML keeps; x/net/html
// refuses documents with more than 512 open elements, and no policy page
// nests 256 deep.
const maxHTMLDepth = 256

// flattenDeep returns src with the start and end tags of elements nested
// deeper than limit removed (their text and the tags above stay), and how
// many tags it removed. Depth is counted from the tokens as written: void
// and self-closing elements do not nest, an end tag closes one level.
func flattenDeep(src string, limit int) (string, int) {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	b.Grow(len(src))
	depth, dropped := 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String(), dropped
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			if isVoid(atom.Lookup(name)) {
				break
			}
			depth++
			if depth > limit {
				dropped++
				continue
			}
		case html.EndTagToken:
			depth = max(depth-1, 0)
			if depth >= limit {
				dropped++
				continue
			}
		}
		b.Write(raw)
	}
}

func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}
