package oracle

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
	source := reader.Source()
	page := pageDir(pc)
	var containers []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			containers = append(containers, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, n := range containers {
		isolateInlines(n, effectiveDir(n, page), source)
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
func isolateInlines(parent ast.Node, dir storage.Direction, source []byte) {
	var run []*ast.Text
	flush := func() {
		isolateRun(run, dir, source)
		run = run[:0]
	}
	var children []ast.Node
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		children = append(children, c)
	}
	for _, c := range children {
		if t, ok := c.(*ast.Text); ok && !t.IsRaw() {
			run = append(run, t)
			if t.SoftLineBreak() || t.HardLineBreak() {
				flush()
			}
			continue
		}
		flush()
		switch c.Kind() {
		case ast.KindAutoLink:
			if dir == storage.RTL {
				wrap(c, storage.LTR)
			}
		case ast.KindLink, ast.KindCodeSpan:
			if wholly(c, opposite(dir), source) {
				wrap(c, opposite(dir))
			} else if c.Kind() == ast.KindLink {
				isolateInlines(c, dir, source)
			}
		case ast.KindImage, kindIsolate, kindSectionLabel:
		default:
			if c.HasChildren() {
				isolateInlines(c, dir, source)
			}
		}
	}
	flush()
}

// wholly reports whether the text of n has strong characters of direction
// d and none of the other direction.
func wholly(n ast.Node, d storage.Direction, source []byte) bool {
	var txt []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			txt = append(txt, inlineValue(c, source)...)
		}
		return ast.WalkContinue, nil
	})
	return hasStrong(txt, d) && !hasStrong(txt, opposite(d))
}

// wrap puts n inside a new Isolate of direction d.
func wrap(n ast.Node, d storage.Direction) {
	parent := n.Parent()
	iso := &isolateNode{Dir: d}
	parent.ReplaceChild(parent, n, iso)
	iso.AppendChild(iso, n)
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
func isolateRun(run []*ast.Text, dir storage.Direction, source []byte) {
	if len(run) == 0 {
		return
	}
	var joined []byte
	for _, t := range run {
		joined = append(joined, t.Segment.Value(source)...)
	}
	spans := islands(string(joined), dir)
	if len(spans) == 0 {
		return
	}
	pieces := cutPieces(run, spans)
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
	var iso *isolateNode
	current := -1
	for _, p := range pieces {
		t := ast.NewTextSegment(p.seg)
		if p.island < 0 {
			iso = nil
			insert(t)
			continue
		}
		if iso == nil || p.island != current {
			iso, current = &isolateNode{Dir: opposite(dir)}, p.island
			insert(iso)
		}
		iso.AppendChild(iso, t)
	}
	// The line break of the run's last node goes after the last piece, outside any island.
	if last.SoftLineBreak() || last.HardLineBreak() {
		tail := ast.NewTextSegment(text.NewSegment(last.Segment.Stop, last.Segment.Stop))
		tail.SetSoftLineBreak(last.SoftLineBreak())
		tail.SetHardLineBreak(last.HardLineBreak())
		insert(tail)
	}
}

// cutPieces cuts the segments of run at the boundaries of spans, which are
// offsets into the concatenation of the run's values.
func cutPieces(run []*ast.Text, spans []span) []piece {
	var out []piece
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
			_, _ = w.WriteString(`<bdi dir="` + string(n.(*isolateNode).Dir) + `">`)
		} else {
			_, _ = w.WriteString("</bdi>")
		}
		return ast.WalkContinue, nil
	})
}
