package app

import (
	"fmt"
	"strings"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/publish/diff"
	"github.com/qalam/policyeditor/storage"
)

// diffWords are the words of the history diff view in one language.
type diffWords struct {
	Title, Added, Removed, Changed, Moved, None, LastUpdated string
}

var diffWordsAR = diffWords{Title: "العنوان", Added: "قسم أُضيف", Removed: "قسم حُذف", Changed: "قسم عُدّل",
	Moved: "نُقل من القسم %d", None: "لا تغيير بين النسختين", LastUpdated: "تاريخ آخر تحديث: %s ← %s"}

var diffWordsEN = diffWords{Title: "Title", Added: "section added", Removed: "section removed", Changed: "section changed",
	Moved: "moved from section %d", None: "No changes between the two versions", LastUpdated: "Last updated: %s → %s"}

func diffWordsFor(lang string) diffWords {
	if strings.HasPrefix(lang, "ar") {
		return diffWordsAR
	}
	return diffWordsEN
}

// diffDoc lays out the word diff of two versions of a page for the
// right-to-left view: per changed section a heading, what happened to it
// (added, removed, changed, moved from) and its body line by line, deleted
// words struck through and inserted words in bold. Sections follow the new
// order; unchanged sections are left out. lang chooses the labels.
func diffDoc(a, b storage.Page, lang string) document.Doc {
	dir := storage.PageDir(b)
	w := diffWordsFor(lang)
	d := document.Doc{Dir: dir, Lang: storage.PageLang(b)}
	meta := func(s string) {
		d.Blocks = append(d.Blocks, opsBlock(document.KindMeta, 0, []diff.Op{{Kind: diff.Equal, Text: s}}, dir))
	}
	if a.Title != b.Title {
		meta(w.Title)
		d.Blocks = append(d.Blocks, opsBlock(document.KindTitle, 1, diff.Words(a.Title, b.Title), dir))
	}
	if !a.LastUpdated.Equal(b.LastUpdated) {
		meta(fmt.Sprintf(w.LastUpdated, dateOrDash(a.LastUpdated), dateOrDash(b.LastUpdated)))
	}
	for _, c := range diff.Sections(a, b) {
		if c.Kind == diff.Unchanged {
			continue
		}
		label := w.Changed
		switch {
		case c.Kind.Has(diff.Added):
			label = w.Added
		case c.Kind.Has(diff.Removed):
			label = w.Removed
		}
		if c.Kind.Has(diff.Moved) {
			label += " · " + fmt.Sprintf(w.Moved, c.OldIndex+1)
		}
		at := c.NewIndex + 1
		if c.NewIndex < 0 {
			at = c.OldIndex + 1
		}
		heading := c.Heading
		if !diff.HasChanges(heading) && c.New != nil {
			heading = []diff.Op{{Kind: diff.Equal, Text: c.New.Heading}}
		}
		d.Blocks = append(d.Blocks, opsBlock(document.KindHeading, 2, prefixOps(fmt.Sprintf("%d. ", at), heading), dir))
		meta(label)
		for _, line := range splitLines(c.Body) {
			d.Blocks = append(d.Blocks, opsBlock(document.KindParagraph, 0, line, dir))
		}
	}
	if len(d.Blocks) == 0 {
		meta(w.None)
	}
	return d
}

func prefixOps(p string, ops []diff.Op) []diff.Op {
	return append([]diff.Op{{Kind: diff.Equal, Text: p}}, ops...)
}

// splitLines cuts an edit script at line breaks into one script per
// non-blank line; a line made of unchanged text only is kept (context).
func splitLines(ops []diff.Op) [][]diff.Op {
	var out [][]diff.Op
	var cur []diff.Op
	flush := func() {
		blank := true
		for _, op := range cur {
			if strings.TrimSpace(op.Text) != "" {
				blank = false
			}
		}
		if !blank {
			out = append(out, cur)
		}
		cur = nil
	}
	for _, op := range ops {
		parts := strings.Split(op.Text, "\n")
		for i, part := range parts {
			if i > 0 {
				flush()
			}
			if part != "" {
				cur = append(cur, diff.Op{Kind: op.Kind, Text: part})
			}
		}
	}
	flush()
	return out
}

// opsBlock is one block of an edit script: deletions struck through,
// insertions bold, a space between a deletion and the insertion that
// replaces it so the two words do not run together.
func opsBlock(k document.Kind, level int, ops []diff.Op, pageDir storage.Direction) document.Block {
	b := document.Block{Kind: k, Level: level}
	for i, op := range ops {
		start := len(b.Text)
		b.Text = append(b.Text, []rune(op.Text)...)
		switch op.Kind {
		case diff.Delete:
			b.Spans = append(b.Spans, document.Span{Start: start, End: len(b.Text), Strike: true})
			if i+1 < len(ops) && ops[i+1].Kind == diff.Insert {
				b.Text = append(b.Text, ' ')
			}
		case diff.Insert:
			b.Spans = append(b.Spans, document.Span{Start: start, End: len(b.Text), Bold: true})
		}
	}
	b.Dir = document.TextDir(b.Text, pageDir)
	return b
}

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
