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
	Title, Added, Removed, Changed, Moved, MovedOnly, None, LastUpdated string
	// Unchanged and UnchangedOne sum up a run of unchanged sections
	// (their number and their positions) that the view collapses;
	// UnchangedTwo and UnchangedMany are the forms for 2 and for 11 or
	// more (Arabic counts in four forms).
	Unchanged, UnchangedOne, UnchangedTwo, UnchangedMany string
	Comma                                                string // between two positions
}

var diffWordsAR = diffWords{Title: "العنوان", Added: "قسم أُضيف", Removed: "قسم حُذف", Changed: "قسم عُدّل",
	Moved: "نُقل من القسم %d", MovedOnly: "قسم نُقل من القسم %d دون تغيير في نصه", None: "لا تغيير بين النسختين",
	LastUpdated: "تاريخ آخر تحديث: كان %s وأصبح %s",
	Unchanged:   "… %d أقسام لم تتغير (%s)", UnchangedOne: "… قسم لم يتغير (%s)",
	UnchangedTwo: "… قسمان لم يتغيرا (%s)", UnchangedMany: "… %d قسماً لم تتغير (%s)", Comma: "، "}

var diffWordsEN = diffWords{Title: "Title", Added: "section added", Removed: "section removed", Changed: "section changed",
	Moved: "moved from section %d", MovedOnly: "section moved from section %d, its text unchanged", None: "No changes between the two versions",
	LastUpdated: "Last updated: was %s, now %s",
	Unchanged:   "… %d unchanged sections (%s)", UnchangedOne: "… 1 unchanged section (%s)",
	UnchangedTwo: "… 2 unchanged sections (%s)", UnchangedMany: "… %d unchanged sections (%s)", Comma: ", "}

func diffWordsFor(lang string) diffWords {
	if strings.HasPrefix(lang, "ar") {
		return diffWordsAR
	}
	return diffWordsEN
}

// diffDoc lays out the word diff of two versions of a page for the
// right-to-left view: per changed section a heading, what happened to it
// (added, removed, changed, moved from) and its body line by line, deleted
// words struck through on a deletion highlight and inserted words in bold
// on an insertion highlight (so the change is not told by colour alone).
// Sections follow the new order; a run of unchanged sections is collapsed
// into one line that names them. lang chooses the labels. The blocks go in
// the new version's direction: right to left for an RTL page, left to
// right for an LTR one.
func diffDoc(a, b storage.Page, lang string) document.Doc {
	return diffDocWith(a, b, lang, false)
}

// diffDocWith is diffDoc; with unchanged set, unchanged sections are shown
// in full (heading and text, nothing highlighted) instead of collapsed.
func diffDocWith(a, b storage.Page, lang string, unchanged bool) document.Doc {
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
	changes := diff.Sections(a, b)
	changed := false
	var same []string // the collapsed run of unchanged sections: their positions
	flush := func() {
		if len(same) > 0 {
			meta(w.unchanged(same))
		}
		same = nil
	}
	for _, c := range changes {
		if c.Kind == diff.Unchanged {
			if unchanged && c.New != nil {
				d.Blocks = append(d.Blocks, opsBlock(document.KindHeading, 2, []diff.Op{{Kind: diff.Equal, Text: fmt.Sprintf("%d. %s", c.NewIndex+1, c.New.Heading)}}, dir))
				for _, line := range splitLines(c.Body) {
					d.Blocks = append(d.Blocks, opsBlock(document.KindParagraph, 0, line, dir))
				}
				continue
			}
			same = append(same, fmt.Sprint(c.NewIndex+1))
			continue
		}
		flush()
		changed = true
		label := sectionLabel(c, w)
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
		elided := false
		for _, line := range contextLines(splitLines(c.Body), unchanged) {
			if line == nil {
				if !elided {
					meta(elision)
				}
				elided = true
				continue
			}
			elided = false
			d.Blocks = append(d.Blocks, opsBlock(document.KindParagraph, 0, line, dir))
		}
	}
	if !changed && a.Title == b.Title && a.LastUpdated.Equal(b.LastUpdated) {
		d.Blocks = nil // nothing but unchanged sections: say so
		meta(w.None)
		return d
	}
	flush()
	return d
}

// elision stands for unchanged lines left out of a changed section.
const elision = "…"

// contextLines keeps the lines of a section's body that changed and the
// line before and after each (context); the others become nil, which the
// caller shows as one elision per run. With all set every line is kept.
func contextLines(lines [][]diff.Op, all bool) [][]diff.Op {
	if all {
		return lines
	}
	out := make([][]diff.Op, len(lines))
	for i, l := range lines {
		if diff.HasChanges(l) ||
			i > 0 && diff.HasChanges(lines[i-1]) || i+1 < len(lines) && diff.HasChanges(lines[i+1]) {
			out[i] = l
		}
	}
	return out
}

// unchanged sums up a run of unchanged sections at positions pos.
func (w diffWords) unchanged(pos []string) string {
	switch n := len(pos); {
	case n == 1:
		return fmt.Sprintf(w.UnchangedOne, pos[0])
	case n == 2:
		return fmt.Sprintf(w.UnchangedTwo, rangeText(pos, w.Comma))
	case n > 10:
		return fmt.Sprintf(w.UnchangedMany, n, rangeText(pos, w.Comma))
	}
	return fmt.Sprintf(w.Unchanged, len(pos), rangeText(pos, w.Comma))
}

// sectionLabel says what happened to a section: added, removed, changed,
// and whether it moved (a section that only moved says so alone).
func sectionLabel(c diff.SectionChange, w diffWords) string {
	switch {
	case c.Kind.Has(diff.Added):
		return w.Added
	case c.Kind.Has(diff.Removed):
		return w.Removed
	case c.Kind == diff.Moved:
		return fmt.Sprintf(w.MovedOnly, c.OldIndex+1)
	case c.Kind.Has(diff.Moved):
		return w.Changed + " · " + fmt.Sprintf(w.Moved, c.OldIndex+1)
	}
	return w.Changed
}

// rangeText names a run of consecutive section positions: "4–6", or
// "4, 5" for two.
func rangeText(pos []string, comma string) string {
	if len(pos) > 2 {
		return pos[0] + "–" + pos[len(pos)-1]
	}
	return strings.Join(pos, comma)
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

// opsBlock is one block of an edit script: deletions struck through on
// the deletion highlight, insertions bold on the insertion highlight, a space between a deletion and the insertion that
// replaces it so the two words do not run together.
func opsBlock(k document.Kind, level int, ops []diff.Op, pageDir storage.Direction) document.Block {
	b := document.Block{Kind: k, Level: level}
	for i, op := range ops {
		start := len(b.Text)
		b.Text = append(b.Text, []rune(op.Text)...)
		switch op.Kind {
		case diff.Delete:
			b.Spans = append(b.Spans, document.Span{Start: start, End: len(b.Text), Strike: true, Highlight: document.HighlightDeleted})
			if i+1 < len(ops) && ops[i+1].Kind == diff.Insert {
				b.Text = append(b.Text, ' ')
			}
		case diff.Insert:
			b.Spans = append(b.Spans, document.Span{Start: start, End: len(b.Text), Bold: true, Highlight: document.HighlightInserted})
		}
	}
	b.Dir = document.TextDir(b.Text, pageDir)
	return b
}
