//go:build !nogui

package app

import (
	"strings"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/publish/diff"
	"github.com/qalam/policyeditor/storage"
)

// changedSections keeps the entries of changes that differ.
func changedSections(changes []diff.SectionChange) []diff.SectionChange {
	var out []diff.SectionChange
	for _, c := range changes {
		if c.Kind != diff.Unchanged {
			out = append(out, c)
		}
	}
	return out
}

// diffDoc lays a word diff out as a document the RTL view draws: for each
// changed section its heading and its body, inserted words in bold and
// deleted words struck through, in the page's direction. Unchanged
// sections are left out; a moved section is marked by moved (a label in
// the UI language, "" for none).
func diffDoc(p storage.Page, changes []diff.SectionChange, moved string) document.Doc {
	dir := p.Dir
	if dir != storage.LTR {
		dir = storage.RTL
	}
	d := document.Doc{Dir: dir, Lang: p.Lang}
	for _, c := range changedSections(changes) {
		h := opsBlock(document.KindHeading, 3, c.Heading, dir)
		if c.Kind.Has(diff.Moved) && moved != "" {
			h.Text = append(h.Text, []rune(" ("+moved+")")...)
		}
		if len(h.Text) > 0 {
			d.Blocks = append(d.Blocks, h)
		}
		for _, para := range splitParagraphs(c.Body) {
			d.Blocks = append(d.Blocks, opsBlock(document.KindParagraph, 0, para, dir))
		}
	}
	return d
}

// opsBlock is one block showing ops: inserted text bold, deleted struck.
func opsBlock(kind document.Kind, level int, ops []diff.Op, def storage.Direction) document.Block {
	b := document.Block{Kind: kind, Level: level}
	for _, op := range ops {
		start := len(b.Text)
		b.Text = append(b.Text, []rune(op.Text)...)
		switch op.Kind {
		case diff.Insert:
			b.Spans = append(b.Spans, document.Span{Start: start, End: len(b.Text), Bold: true})
		case diff.Delete:
			b.Spans = append(b.Spans, document.Span{Start: start, End: len(b.Text), Strike: true})
		}
	}
	b.Dir = document.TextDir(b.Text, def)
	return b
}

// splitParagraphs cuts ops at blank lines ("\n\n"), so each Markdown
// paragraph of a body is its own block; single newlines become spaces.
func splitParagraphs(ops []diff.Op) [][]diff.Op {
	var out [][]diff.Op
	var cur []diff.Op
	for _, op := range ops {
		parts := strings.Split(op.Text, "\n\n")
		for i, part := range parts {
			if i > 0 {
				out, cur = appendNonEmpty(out, cur), nil
			}
			if part = strings.ReplaceAll(part, "\n", " "); part != "" {
				cur = append(cur, diff.Op{Kind: op.Kind, Text: part})
			}
		}
	}
	return appendNonEmpty(out, cur)
}

func appendNonEmpty(out [][]diff.Op, ops []diff.Op) [][]diff.Op {
	for _, op := range ops {
		if strings.TrimSpace(op.Text) != "" {
			return append(out, ops)
		}
	}
	return out
}

// diffCounts sums the words inserted and deleted over changes.
func diffCounts(changes []diff.SectionChange) (inserted, deleted int) {
	for _, c := range changes {
		for _, ops := range [][]diff.Op{c.Heading, c.Body} {
			i, d := diff.Stats(ops)
			inserted += i
			deleted += d
		}
	}
	return inserted, deleted
}
