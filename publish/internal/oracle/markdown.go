package oracle

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
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
	keyIDs     = parser.NewContextKey()
)

func sectionOf(pc parser.Context) sectionInfo {
	if v, ok := pc.Get(keySection).(sectionInfo); ok {
		return v
	}
	return sectionInfo{PageDir: storage.RTL}
}

func pageDir(pc parser.Context) storage.Direction { return sectionOf(pc).PageDir }

func idsOf(pc parser.Context) *idSet {
	if v, ok := pc.Get(keyIDs).(*idSet); ok {
		return v
	}
	return newIDSet()
}

// renderBlock renders one block of the page: an optional heading line
// (info.Level > 0) followed by a Markdown body.
func renderBlock(buf *bytes.Buffer, heading, body string, info sectionInfo, ids *idSet) error {
	var src strings.Builder
	src.Grow(len(heading) + len(body) + 8)
	if info.Level > 0 {
		src.WriteString("## ")
		src.WriteString(escapeInline(heading))
		src.WriteString("\n\n")
	}
	src.WriteString(body)
	pc := parser.NewContext()
	pc.Set(keySection, info)
	pc.Set(keyIDs, ids)
	source := []byte(stripBidiControls(src.String()))
	doc := markdown.Parser().Parse(text.NewReader(source), parser.WithContext(pc))
	return markdown.Renderer().Render(bufWriter{buf}, source, doc)
}

// bufWriter lets goldmark write straight into the page's buffer: given
// any writer that is not a util.BufWriter it allocates a 4 KB bufio.Writer
// per call, one per section.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Flush() error  { return nil }
func (bufWriter) Buffered() int { return 0 }

// escapeInline makes s literal text on one Markdown line: every ASCII
// punctuation character is backslash-escaped and line breaks become spaces.
func escapeInline(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case r < 0x80 && isASCIIPunct(byte(r)):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
