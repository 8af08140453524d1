package publish

import (
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/qalam/policyeditor/editor/textdir"
	"github.com/qalam/policyeditor/storage"
)

// sectionHeading is the goldmark extension that turns the heading line
// Render writes at the top of each section into the section heading:
// level 2 (level 1 for the page title), with the numbering label from the
// page's style (أولاً، ١، 1 … or ختاماً) in front of the text, wrapped in
// <span class="section-label"> and followed by <span class="section-sep">
// so that CSS can style them. Headings inside a section body are demoted
// to level 3 at least so that the outline stays title › section › body.
//
// The label comes from data (the section's kind and position), never from
// the typed heading; the section is described by the parser context (see
// withSection).
type sectionHeading struct{}

// sectionInfo describes the block being parsed.
type sectionInfo struct {
	Level   int    // level of the leading heading: 1 for the title, 2 for sections; 0 = no heading line
	Label   string // numbering label, "" for none
	Sep     string // separator between label and heading text
	PageDir storage.Direction
}

// sectionLabel is the inline node of a section's numbering label.
type sectionLabel struct {
	ast.BaseInline
	Label, Sep string
	PageDir    storage.Direction
}

var kindSectionLabel = ast.NewNodeKind("SectionLabel")

// Kind implements ast.Node.
func (n *sectionLabel) Kind() ast.NodeKind { return kindSectionLabel }

// Dump implements ast.Node.
func (n *sectionLabel) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.Label, "Sep": n.Sep}, nil)
}

func (sectionHeading) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(sectionHeading{}, prioritySectionHeading)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(sectionLabelRenderer{}, 100)))
}

// Transform implements parser.ASTTransformer.
func (sectionHeading) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	info := sectionOf(pc)
	var own *ast.Heading
	if h, ok := doc.FirstChild().(*ast.Heading); ok && info.Level > 0 {
		own = h
		own.Level = info.Level
		if info.Label != "" {
			sep := info.Sep
			if !own.HasChildren() {
				sep = ""
			}
			l := scratchOf(pc).labels.alloc()
			l.Label, l.Sep, l.PageDir = info.Label, sep, info.PageDir
			own.InsertBefore(own, own.FirstChild(), l)
		}
	}
	demoteHeadings(doc, own)
}

// demoteHeadings makes the headings under parent other than own level 3
// at least. Headings are blocks, so only blocks are walked.
func demoteHeadings(parent ast.Node, own *ast.Heading) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Type() != ast.TypeBlock {
			continue
		}
		if h, ok := n.(*ast.Heading); ok && h != own && h.Level < 3 {
			h.Level = 3
		}
		demoteHeadings(n, own)
	}
}

// firstStrong is textdir.FirstStrong for a string, without copying it.
func firstStrong(s string) (storage.Direction, bool) {
	return textdir.FirstStrong(util.StringToReadOnlyBytes(s))
}

// sectionLabelRenderer renders sectionLabel nodes. A label whose direction
// differs from its heading's (Arabic ordinals in an English heading) is a
// <bdi> so that it does not reorder with the heading text.
type sectionLabelRenderer struct{}

// RegisterFuncs implements renderer.NodeRendererFuncRegisterer.
func (sectionLabelRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindSectionLabel, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*sectionLabel)
		tag, d := "span", storage.Direction("")
		if fd, ok := firstStrong(n.Label); ok && fd != effectiveDir(n.Parent(), n.PageDir) {
			tag, d = "bdi", fd
		}
		_ = w.WriteByte('<')
		_, _ = w.WriteString(tag)
		_, _ = w.WriteString(` class="section-label"`)
		if d != "" {
			_, _ = w.WriteString(` dir="`)
			_, _ = w.WriteString(string(d))
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
		_, _ = w.WriteString(html.EscapeString(n.Label))
		_, _ = w.WriteString("</")
		_, _ = w.WriteString(tag)
		_ = w.WriteByte('>')
		if n.Sep != "" {
			_, _ = w.WriteString(`<span class="section-sep">`)
			_, _ = w.WriteString(html.EscapeString(n.Sep))
			_, _ = w.WriteString("</span>")
		}
		return ast.WalkContinue, nil
	})
}
