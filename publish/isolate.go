package publish

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/qalam/policyeditor/storage"
)

// bidiIsolation is the goldmark extension that isolates islands of the
// other direction inside a block, so that their punctuation and digits stay
// where the writer put them: in right-to-left blocks, e-mail addresses,
// URLs, Latin words and names and numeric dates become
// <bdi dir="ltr">…</bdi>; in left-to-right blocks, runs of Arabic (or
// Hebrew…) words become <bdi dir="rtl">…</bdi>.
//
// It works on the inline tree after parsing: adjacent Text nodes (goldmark
// splits text at delimiters such as _ and *) are scanned as one string, so
// an island may span several of them; it never crosses a line break or an
// emphasis boundary. Links whose whole text goes the other way, autolinks
// in right-to-left blocks and such code spans are isolated as a whole. The
// block direction is the nearest dir attribute (see blockDirection) or the
// page direction.
type bidiIsolation struct{}

// isolateNode is an inline node rendered as <bdi dir="…">children</bdi>.
type isolateNode struct {
	ast.BaseInline
	Dir storage.Direction
}

// kindIsolate is the node kind of isolateNode.
var kindIsolate = ast.NewNodeKind("Isolate")

// Kind implements ast.Node.
func (n *isolateNode) Kind() ast.NodeKind { return kindIsolate }

// Dump implements ast.Node.
func (n *isolateNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Dir": string(n.Dir)}, nil)
}

func (bidiIsolation) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(bidiIsolation{}, priorityIsolation)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(isolateRenderer{}, 100)))
}

// Transform implements parser.ASTTransformer.
func (bidiIsolation) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	iso := &scratchOf(pc).isolator
	iso.source = reader.Source()
	iso.blocks(doc, pageDir(pc))
}

// isolator isolates the islands of a document; its slices are scratch
// space reused from one run of text to the next (and one block of a page
// to the next).
type isolator struct {
	source []byte
	run    []*ast.Text
	joined []byte
	spans  []span
	pieces []piece

	isolates slab[isolateNode]
	texts    slab[ast.Text]
}

// blocks isolates the inline children of every block under parent whose
// children are inline.
func (iso *isolator) blocks(parent ast.Node, page storage.Direction) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Type() != ast.TypeBlock {
			continue
		}
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			iso.isolateInlines(n, effectiveDir(n, page))
			continue
		}
		iso.blocks(n, page)
	}
}

// effectiveDir is the direction of block n: its own or its nearest
// ancestor's dir attribute, else the page direction.
func effectiveDir(n ast.Node, page storage.Direction) storage.Direction {
	for ; n != nil; n = n.Parent() {
		if v, ok := n.AttributeString("dir"); ok {
			if b, ok := v.([]byte); ok {
				return storage.Direction(b)
			}
		}
	}
	return page
}

// isolateInlines isolates the islands among the inline children of parent.
func (iso *isolator) isolateInlines(parent ast.Node, dir storage.Direction) {
	run := iso.run[:0]
	var next ast.Node
	for c := parent.FirstChild(); c != nil; c = next {
		next = c.NextSibling()
		if t, ok := c.(*ast.Text); ok && !t.IsRaw() {
			run = append(run, t)
			if t.SoftLineBreak() || t.HardLineBreak() {
				iso.isolateRun(run, dir)
				run = run[:0]
			}
			continue
		}
		iso.isolateRun(run, dir)
		run = run[:0]
		iso.run = run // the nested calls below may use it
		switch c.Kind() {
		case ast.KindAutoLink:
			if dir == storage.RTL {
				iso.wrap(c, storage.LTR)
			}
		case ast.KindLink, ast.KindCodeSpan:
			if iso.wholly(c, opposite(dir)) {
				iso.wrap(c, opposite(dir))
			} else if c.Kind() == ast.KindLink {
				iso.isolateInlines(c, dir)
			}
		case ast.KindImage, kindIsolate, kindSectionLabel:
		default:
			if c.HasChildren() {
				iso.isolateInlines(c, dir)
			}
		}
		run = iso.run[:0]
	}
	iso.isolateRun(run, dir)
	iso.run = run[:0]
}

// wholly reports whether the text of n has strong characters of direction
// d and none of the other direction.
func (iso *isolator) wholly(n ast.Node, d storage.Direction) bool {
	txt := iso.appendText(iso.joined[:0], n)
	iso.joined = txt[:0]
	return hasStrong(txt, d) && !hasStrong(txt, opposite(d))
}

// appendText appends the values of n and its descendants, in document
// order, to b.
func (iso *isolator) appendText(b []byte, n ast.Node) []byte {
	b = append(b, inlineValue(n, iso.source)...)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b = iso.appendText(b, c)
	}
	return b
}

// wrap puts n inside a new Isolate of direction d.
func (iso *isolator) wrap(n ast.Node, d storage.Direction) {
	parent := n.Parent()
	w := iso.newIsolate(d)
	parent.ReplaceChild(parent, n, w)
	w.AppendChild(w, n)
}

// newIsolate and newText make the nodes of isolation a slab at a time.
func (iso *isolator) newIsolate(d storage.Direction) *isolateNode {
	n := iso.isolates.alloc()
	n.Dir = d
	return n
}

func (iso *isolator) newText(seg text.Segment) *ast.Text {
	t := iso.texts.alloc()
	t.Segment = seg // as ast.NewTextSegment
	return t
}

// slab allocates values of T slabCap at a time. The values are never
// reused: a slab lives as long as any of its values is referenced.
type slab[T any] struct{ free []T }

const slabCap = 32

func (s *slab[T]) alloc() *T {
	if len(s.free) == 0 {
		s.free = make([]T, slabCap)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}

// piece is a part of a Text node's segment that lies wholly inside one
// island (island >= 0) or outside all islands (-1).
type piece struct {
	seg    text.Segment
	island int
}

// isolateRun scans the run of adjacent Text nodes as one string and
// replaces it by the same text cut at island boundaries, islands wrapped in
// isolateNode nodes.
func (iso *isolator) isolateRun(run []*ast.Text, dir storage.Direction) {
	rtl := dir == storage.RTL
	maybe := false
	for _, t := range run {
		if mayHaveIslands(t.Segment.Value(iso.source), rtl) {
			maybe = true
			break
		}
	}
	if !maybe {
		return
	}
	var joined []byte
	if len(run) == 1 {
		joined = run[0].Segment.Value(iso.source)
	} else {
		joined = iso.joined[:0]
		for _, t := range run {
			joined = append(joined, t.Segment.Value(iso.source)...)
		}
		iso.joined = joined[:0]
	}
	// The islands are found in a read-only view of the bytes, not a copy.
	spans := appendIslands(iso.spans[:0], util.BytesToReadOnlyString(joined), rtl)
	iso.spans = spans[:0]
	if len(spans) == 0 {
		return
	}
	pieces := cutPieces(iso.pieces[:0], run, spans)
	iso.pieces = pieces[:0]
	last := run[len(run)-1]
	parent := last.Parent()
	after := last.NextSibling()
	for _, t := range run {
		parent.RemoveChild(parent, t)
	}
	insert := func(n ast.Node) {
		if after == nil {
			parent.AppendChild(parent, n)
		} else {
			parent.InsertBefore(parent, after, n)
		}
	}
	var isoNode *isolateNode
	current := -1
	for _, p := range pieces {
		t := iso.newText(p.seg)
		if p.island < 0 {
			isoNode = nil
			insert(t)
			continue
		}
		if isoNode == nil || p.island != current {
			isoNode, current = iso.newIsolate(opposite(dir)), p.island
			insert(isoNode)
		}
		isoNode.AppendChild(isoNode, t)
	}
	// The line break of the run's last node goes after the last piece, outside any island.
	if last.SoftLineBreak() || last.HardLineBreak() {
		tail := iso.newText(text.NewSegment(last.Segment.Stop, last.Segment.Stop))
		tail.SetSoftLineBreak(last.SoftLineBreak())
		tail.SetHardLineBreak(last.HardLineBreak())
		insert(tail)
	}
}

// cutPieces appends to out the segments of run cut at the boundaries of
// spans, which are offsets into the concatenation of the run's values.
func cutPieces(out []piece, run []*ast.Text, spans []span) []piece {
	offset := 0 // offset of the current node in the joined string
	si := 0
	for _, t := range run {
		seg := t.Segment
		length := seg.Len()
		pos := 0
		for pos < length {
			abs := offset + pos
			for si < len(spans) && spans[si].end <= abs {
				si++
			}
			island, stop := -1, length
			if si < len(spans) {
				if spans[si].start <= abs {
					island, stop = si, min(length, spans[si].end-offset)
				} else {
					stop = min(length, spans[si].start-offset)
				}
			}
			out = append(out, piece{text.NewSegment(seg.Start+pos, seg.Start+stop), island})
			pos = stop
		}
		offset += length
	}
	return out
}

// isolateRenderer renders isolateNode nodes.
type isolateRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (isolateRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindIsolate, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<bdi dir="`)
			_, _ = w.WriteString(string(n.(*isolateNode).Dir))
			_, _ = w.WriteString(`">`)
		} else {
			_, _ = w.WriteString("</bdi>")
		}
		return ast.WalkContinue, nil
	})
}
