package publish

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/qalam/policyeditor/storage"
)

// Order of our AST transformers (goldmark runs lower values first): unsafe
// nodes go before anything looks at the text; labels and ids are set before
// directions are computed; isolation needs the block directions.
const (
	prioritySanitize       = 100
	prioritySectionHeading = 200
	priorityHeadingID      = 300
	priorityDirection      = 400
	priorityIsolation      = 500
)

// markdown is the one goldmark instance of the package; it is safe for
// concurrent use. It is CommonMark plus GFM tables and strikethrough, with
// raw HTML dropped (no html.WithUnsafe, and safeContent removes the nodes),
// no attribute syntax, no automatic heading ids (headingIDs makes them) and
// no linkify (bare URLs stay text and are isolated instead).
var markdown = goldmark.New(
	goldmark.WithExtensions(
		extension.Table,
		extension.Strikethrough,
		safeContent{},
		sectionHeading{},
		headingIDs{},
		blockDirection{},
		bidiIsolation{},
	),
)

// Parser context keys through which Render tells the extensions about the
// page and the section being rendered.
var (
	keySection = parser.NewContextKey()
	keyScratch = parser.NewContextKey()
)

func sectionOf(pc parser.Context) sectionInfo {
	if v, ok := pc.Get(keySection).(*sectionInfo); ok {
		return *v
	}
	return sectionInfo{PageDir: storage.RTL}
}

func pageDir(pc parser.Context) storage.Direction { return sectionOf(pc).PageDir }

// scratch is what the extensions keep from one block of a page to the
// next: the page's heading ids and the scratch space of their walks.
type scratch struct {
	ids      *idSet
	dir      dirScanner
	isolator isolator
	headings headingWalker
	labels   slab[sectionLabel]
}

func scratchOf(pc parser.Context) *scratch {
	if v, ok := pc.Get(keyScratch).(*scratch); ok {
		return v
	}
	return &scratch{ids: newIDSet()}
}

// renderBlock renders one block of the page: an optional heading line
// (info.Level > 0) followed by a Markdown body.
func renderBlock(buf *bytes.Buffer, heading, body string, info sectionInfo, ids *idSet) error {
	return newBlockRenderer(ids).render(buf, heading, body, info)
}

// blockRenderer renders the blocks of one page, reusing its buffers from
// one block to the next (goldmark's tree of a block refers to its source
// only until the block is rendered).
type blockRenderer struct {
	info     sectionInfo // of the block being rendered, for the extensions
	scratch  scratch
	pc       *blockContext
	raw, src []byte
}

func newBlockRenderer(ids *idSet) *blockRenderer {
	return &blockRenderer{scratch: scratch{ids: ids}}
}

// reset readies br for a new page: no heading ids given out yet.
func (br *blockRenderer) reset() {
	if br.scratch.ids == nil {
		br.scratch.ids = newIDSet()
	}
	clear(br.scratch.ids.taken)
	clear(br.scratch.ids.next)
}

// maxKeptIDs is the most heading ids whose map a kept blockRenderer keeps.
const maxKeptIDs = 4096

// release drops what br refers to of the last page (the scratch space
// stays), so that a kept blockRenderer does not keep its trees alive.
func (br *blockRenderer) release() {
	sc := &br.scratch
	clear(sc.isolator.run[:cap(sc.isolator.run)])
	sc.isolator.source, sc.dir.source, sc.dir.memo, sc.headings.source = nil, nil, nil, nil
	br.pc = nil // it refers to the last block's tree
	if len(sc.ids.taken) > maxKeptIDs {
		sc.ids = nil
	}
	if cap(br.raw) > maxKeptBuffer {
		br.raw = nil
	}
	if cap(br.src) > maxKeptBuffer {
		br.src = nil
	}
}

// render renders one block into buf.
func (br *blockRenderer) render(buf *bytes.Buffer, heading, body string, info sectionInfo) error {
	raw := br.raw[:0]
	if info.Level > 0 {
		raw = append(raw, "## "...)
		raw = appendEscapedInline(raw, heading)
		raw = append(raw, "\n\n"...)
	}
	raw = append(raw, body...)
	br.raw = raw
	source := raw
	if nextBidiControl(raw) >= 0 {
		br.src = appendStripBidiControls(br.src[:0], raw)
		source = br.src
	}
	br.info = info
	if br.pc == nil {
		br.pc = newBlockContext()
	} else {
		br.pc.reset()
	}
	pc := br.pc
	pc.Set(keySection, &br.info)
	pc.Set(keyScratch, &br.scratch)
	doc := markdown.Parser().Parse(text.NewReader(source), parser.WithContext(pc))
	return markdown.Renderer().Render(bufWriter{buf}, source, doc)
}

// noIDs is the parser's set of automatic ids, which it does not use (there
// are no automatic heading ids or attributes; headingIDs makes the ids):
// passing it saves making one per block.
type noIDs struct{}

func (noIDs) Generate(value []byte, _ ast.NodeKind) []byte { return value }
func (noIDs) Put([]byte)                                   {}

// bufWriter lets goldmark write straight into the page's buffer: given
// any writer that is not a util.BufWriter it allocates a 4 KB bufio.Writer
// per call, one per section.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Flush() error  { return nil }
func (bufWriter) Buffered() int { return 0 }

// appendEscapedInline appends s as literal text on one Markdown line: every
// ASCII punctuation character is backslash-escaped, line breaks become
// spaces and invalid UTF-8 becomes U+FFFD.
func appendEscapedInline(b []byte, s string) []byte {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n' || c == '\r' || c == '\t':
			b = append(b, ' ')
		case c < utf8.RuneSelf && isASCIIPunct(c):
			b = append(b, '\\', c)
		case c < utf8.RuneSelf:
			b = append(b, c)
		default:
			j := i + 1
			for j < len(s) && s[j] >= utf8.RuneSelf {
				j++
			}
			if utf8.ValidString(s[i:j]) { // a run of non-ASCII characters, copied as it is
				b = append(b, s[i:j]...)
				i = j
				continue
			}
			r, n := decodeRune(s[i:])
			if r == utf8.RuneError && n == 1 {
				b = utf8.AppendRune(b, r)
			} else {
				b = append(b, s[i:i+n]...)
			}
			i += n
			continue
		}
		i++
	}
	return b
}
