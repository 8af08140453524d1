package publish

import (
	"unicode/utf8"

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
	sc := &scratchOf(pc).dir
	sc.source, sc.memo = reader.Source(), nil
	sc.setBlockDirs(doc, pageDir(pc))
}

// The dir attribute values; the renderer only reads them.
var (
	dirLTRValue = []byte(storage.LTR)
	dirRTLValue = []byte(storage.RTL)
)

// dirScanner computes block directions: textDirection of the block's lead
// text (see lead), fed word by word to a leadScanner as the tree is walked
// so that it stops at the first word that decides, which is nearly always
// the first. A block whose walk takes more than leadBudget nodes (deeply
// nested lists with no strong character) falls back to lead, whose text
// is memoised per node so that such lists cost linear time.
type dirScanner struct {
	source []byte
	memo   map[ast.Node][]byte
	ls     leadScanner
	visits int
}

// leadText is how much of a block's text is looked at for its direction.
const leadText = 256

// leadBudget is how many nodes one block's streamed walk may visit.
const leadBudget = 1024

func (sc *dirScanner) setBlockDirs(parent ast.Node, inherited storage.Direction) {
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			continue
		}
		eff := inherited
		if d, ok := sc.ownDirection(c); ok && d != inherited {
			v := dirLTRValue
			if d == storage.RTL {
				v = dirRTLValue
			}
			c.SetAttributeString("dir", v)
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
		return sc.direction(n)
	case ast.KindList:
		var dir storage.Direction
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			d, ok := sc.direction(item)
			if !ok || (dir != "" && d != dir) {
				return "", false
			}
			dir = d
		}
		return dir, dir != ""
	}
	return "", false
}

// direction is textDirection(sc.lead(n)).
func (sc *dirScanner) direction(n ast.Node) (storage.Direction, bool) {
	sc.ls.reset()
	sc.visits = 0
	sc.stream(n)
	if sc.visits > leadBudget {
		return textDirection(sc.lead(n))
	}
	return sc.ls.finish()
}

var space = []byte{' '}

// stream feeds the text of lead(n) to sc.ls, stopping as soon as it has
// decided or the budget is spent, and returns len(lead(n)) (meaningless
// once stopped).
func (sc *dirScanner) stream(n ast.Node) int {
	if sc.visits++; sc.visits > leadBudget {
		return 0
	}
	switch n.Kind() {
	case kindSectionLabel, ast.KindAutoLink, ast.KindCodeSpan:
		sc.ls.feed(space)
		return 1
	}
	v := inlineValue(n, sc.source)
	sc.ls.feed(v)
	length := len(v)
	if t, ok := n.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
		sc.ls.feed(space)
		length++
	}
	for c := n.FirstChild(); c != nil && length < leadText; c = c.NextSibling() {
		if sc.ls.done || sc.visits > leadBudget {
			return length
		}
		length += sc.stream(c)
		if c.Type() == ast.TypeBlock {
			sc.ls.feed(space)
			length++
		}
	}
	return length
}

// lead returns up to about leadText bytes of the text n starts with;
// autolinks, code spans and numbering labels count as a space.
func (sc *dirScanner) lead(n ast.Node) []byte {
	if sc.memo == nil {
		sc.memo = map[ast.Node][]byte{}
	}
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

// leadScanner is textDirection (textdir.Block) on text given to it in
// pieces: it splits the concatenation of the pieces into words as Block
// does, also when a word or a rune is split between pieces, and stops at
// the first word that decides.
type leadScanner struct {
	word    []byte // the start of a word split between pieces
	inWord  bool
	partial [utf8.UTFMax]byte // the start of a rune split between pieces
	np      int
	done    bool
	dir     storage.Direction
}

func (ls *leadScanner) reset() {
	ls.word, ls.inWord, ls.np, ls.done, ls.dir = ls.word[:0], false, 0, false, ""
}

// feed scans the next piece of text.
func (ls *leadScanner) feed(b []byte) {
	for ls.np > 0 && len(b) > 0 && !ls.done {
		ls.partial[ls.np] = b[0]
		ls.np++
		b = b[1:]
		ls.drainPartial(false)
	}
	if ls.done || len(b) == 0 {
		return
	}
	start := 0 // of the word in b, if ls.inWord
	for i := 0; i < len(b); {
		c := b[i]
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			if !utf8.FullRune(b[i:]) {
				if ls.inWord {
					ls.word = append(ls.word, b[start:i]...)
				}
				ls.np = copy(ls.partial[:], b[i:])
				return
			}
			r, n = decodeRuneBytes(b[i:])
		}
		switch {
		case textdir.IsWordBreak(r):
			if ls.inWord {
				ls.endWord(b[start:i])
				if ls.done {
					return
				}
			}
		case !ls.inWord:
			ls.inWord, start = true, i
		}
		i += n
	}
	if ls.inWord {
		ls.word = append(ls.word, b[start:]...)
	}
}

// drainPartial scans the runes held in partial: the complete ones, or
// all of them at the end of the text.
func (ls *leadScanner) drainPartial(all bool) {
	for ls.np > 0 && !ls.done && (all || utf8.FullRune(ls.partial[:ls.np])) {
		r, n := utf8.DecodeRune(ls.partial[:ls.np])
		if textdir.IsWordBreak(r) {
			if ls.inWord {
				ls.endWord(nil)
			}
		} else {
			ls.inWord = true
			ls.word = append(ls.word, ls.partial[:n]...)
		}
		ls.np = copy(ls.partial[:], ls.partial[n:ls.np])
	}
}

// endWord ends the current word, whose last bytes are tail.
func (ls *leadScanner) endWord(tail []byte) {
	w := tail
	if len(ls.word) > 0 {
		ls.word = append(ls.word, tail...)
		w = ls.word
	}
	ls.word, ls.inWord = ls.word[:0], false
	if textdir.IsAddress(util.BytesToReadOnlyString(w)) {
		return
	}
	if d, ok := textdir.FirstStrong(w); ok {
		ls.done, ls.dir = true, d
	}
}

// finish ends the text and returns its direction.
func (ls *leadScanner) finish() (storage.Direction, bool) {
	ls.drainPartial(true)
	if ls.inWord && !ls.done {
		ls.endWord(nil)
	}
	return ls.dir, ls.done
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
