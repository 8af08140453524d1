package publish

import (
	"bytes"
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
	return string(appendHeadingID(make([]byte, 0, len(text)), text))
}

// appendHeadingID appends HeadingID(text) to b.
func appendHeadingID(b []byte, text string) []byte {
	start := len(b)
	hyphen := false
	for i, r := range text {
		k, lower := idClassOf(r)
		switch k {
		case idWord:
			if hyphen && len(b) > start {
				b = append(b, '-')
			}
			hyphen = false
			if lower == r && r != utf8.RuneError {
				b = append(b, text[i:i+utf8.RuneLen(r)]...) // as it is
			} else {
				b = utf8.AppendRune(b, lower)
			}
		case idSep:
			hyphen = true
		}
	}
	if len(b) == start {
		return append(b, "section"...)
	}
	return b
}

// What HeadingID does with a character.
const (
	idDrop uint8 = iota // punctuation, symbols; also marks and format characters
	idWord              // letters and digits, kept (lowercased)
	idSep               // spaces, hyphens, underscores: one hyphen between words
)

// idTable is idClassSlow for the runes below U+0800.
var idTable = func() (t [0x800]struct {
	class uint8
	lower rune
}) {
	for r := range t {
		t[r].class, t[r].lower = idClassSlow(rune(r))
	}
	return t
}()

func idClassOf(r rune) (uint8, rune) {
	if uint32(r) < uint32(len(idTable)) {
		e := idTable[r]
		return e.class, e.lower
	}
	return idClassSlow(r)
}

func idClassSlow(r rune) (uint8, rune) {
	switch {
	case r == 'ـ' || unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		// tashkeel, tatweel, ZWNJ, bidi marks: not part of the word
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return idWord, unicode.ToLower(r)
	case unicode.IsSpace(r) || r == '-' || r == '_':
		return idSep, r
	}
	return idDrop, r
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
	sc := scratchOf(pc)
	hw := &sc.headings
	hw.ids, hw.source = sc.ids, reader.Source()
	hw.blocks(doc)
}

// headingWalker gives the headings of one document their ids, in document
// order; headings are blocks, so only blocks are walked.
type headingWalker struct {
	ids    *idSet
	source []byte
	text   []byte // scratch for a heading's text
	id     []byte // and for its id
}

func (hw *headingWalker) blocks(parent ast.Node) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Type() != ast.TypeBlock {
			continue
		}
		if h, ok := n.(*ast.Heading); ok {
			hw.id = appendHeadingID(hw.id[:0], hw.headingText(h))
			id := hw.ids.unique(string(hw.id))
			// The renderer only reads the value: it may share the string's bytes.
			h.SetAttributeString("id", util.StringToReadOnlyBytes(id))
			continue
		}
		hw.blocks(n)
	}
}

// headingText is the text a reader sees in heading h (references and
// escapes resolved), or its numbering label when it has no text. The
// result may share hw's scratch space: use it before the next call.
func (hw *headingWalker) headingText(h ast.Node) string {
	label := ""
	b := hw.appendText(hw.text[:0], h, &label)
	hw.text = b[:0]
	if bytes.IndexByte(b, '\\') >= 0 {
		b = util.UnescapePunctuations(b)
	}
	s := util.BytesToReadOnlyString(b)
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	if strings.TrimSpace(s) == "" {
		return label
	}
	return s
}

// appendText appends the text of n and its descendants in document order,
// except numbering labels, the last of which it puts in label.
func (hw *headingWalker) appendText(b []byte, n ast.Node, label *string) []byte {
	if l, ok := n.(*sectionLabel); ok {
		*label = l.Label
		return b
	}
	b = append(b, inlineValue(n, hw.source)...)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b = hw.appendText(b, c, label)
	}
	return b
}
