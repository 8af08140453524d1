package oracle

import (
	"html"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// HeadingID returns the anchor id of a heading with the given text.
// Goldmark's automatic ids drop non-ASCII letters, which leaves Arabic
// headings with ids like "heading-3"; this keeps them:
//   - letters and digits of every script are kept, Latin letters lowercased
//     (Arabic-Indic digits stay as they are);
//   - combining marks (tashkeel: fatha, damma, kasra, tanween, shadda,
//     sukun …), tatweel and format characters are dropped, so that "أولاً"
//     and "أولا" give the same id;
//   - runs of spaces, hyphens and underscores become one hyphen; other
//     punctuation and symbols are dropped;
//   - an empty result is "section".
//
// Ids are unique within a page: Render adds -2, -3 … to repeated ones.
// Browsers percent-encode such ids in the address bar; that is expected.
func HeadingID(text string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range text {
		switch {
		case r == 'ـ' || unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
			// tashkeel, tatweel, ZWNJ, bidi marks: not part of the word
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_':
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// idSet makes heading ids unique within one rendered page in time linear
// in the number of headings: next remembers, for each base id, the suffix
// to try first, so n identical headings cost n look-ups, not n²/2.
type idSet struct {
	taken map[string]bool
	next  map[string]int
}

func newIDSet() *idSet {
	return &idSet{taken: map[string]bool{}, next: map[string]int{}}
}

// unique returns id, or id-2, id-3 … if id is taken, and takes it.
func (s *idSet) unique(id string) string {
	if !s.taken[id] {
		s.taken[id] = true
		return id
	}
	n := max(s.next[id], 2)
	out := id + "-" + strconv.Itoa(n)
	for s.taken[out] {
		n++
		out = id + "-" + strconv.Itoa(n)
	}
	s.next[id] = n + 1
	s.taken[out] = true
	return out
}

// headingIDs is the goldmark extension that gives every heading an id from
// HeadingID, unique within the page (the id set is shared by the sections
// of one page through the parser context, see withIDs). A section heading
// with no text takes its id from its numbering label (ختاماً → ختاما).
type headingIDs struct{}

func (headingIDs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(headingIDs{}, priorityHeadingID)))
}

// Transform implements parser.ASTTransformer.
func (headingIDs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	ids := idsOf(pc)
	source := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		h.SetAttributeString("id", []byte(ids.unique(HeadingID(headingText(h, source)))))
		return ast.WalkSkipChildren, nil
	})
}

// headingText is the text a reader sees in heading h (references and
// escapes resolved), or its numbering label when it has no text.
func headingText(h ast.Node, source []byte) string {
	var b strings.Builder
	label := ""
	_ = ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if l, ok := n.(*sectionLabel); ok {
			label = l.Label
			return ast.WalkSkipChildren, nil
		}
		b.Write(inlineValue(n, source))
		return ast.WalkContinue, nil
	})
	s := html.UnescapeString(string(util.UnescapePunctuations([]byte(b.String()))))
	if strings.TrimSpace(s) == "" {
		return label
	}
	return s
}
