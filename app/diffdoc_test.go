package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/storagetest"
)

func spanText(b document.Block, keep func(document.Span) bool) []string {
	var out []string
	for _, s := range b.Spans {
		if keep(s) {
			out = append(out, string(b.Text[s.Start:s.End]))
		}
	}
	return out
}

func TestDiffDoc(t *testing.T) {
	old := storagetest.SeedPage()
	cur := old
	cur.Sections = slices.Clone(old.Sections)
	cur.Sections[0].Body = strings.Replace(cur.Sections[0].Body, "الشفافية الثقة", "الشفافية والثقة", 1)
	cur.Sections[1], cur.Sections[2] = cur.Sections[2], cur.Sections[1] // a move
	cur.Sections = append(cur.Sections, storage.Section{Heading: "قسم جديد", Body: "نص جديد."})
	d := diffDoc(old, cur, "ar")
	if d.Dir != storage.RTL {
		t.Errorf("dir = %s", d.Dir)
	}
	var heads, metas []string
	var inserted, deleted []string
	for _, b := range d.Blocks {
		switch b.Kind {
		case document.KindHeading:
			heads = append(heads, string(b.Text))
		case document.KindMeta:
			metas = append(metas, string(b.Text))
		}
		if b.Dir != storage.RTL {
			t.Errorf("block %q is %s", string(b.Text), b.Dir)
		}
		inserted = append(inserted, spanText(b, func(s document.Span) bool { return s.Bold })...)
		deleted = append(deleted, spanText(b, func(s document.Span) bool { return s.Strike })...)
	}
	if len(heads) != 3 || !strings.HasPrefix(heads[0], "1. ") || !strings.HasPrefix(heads[2], "9. قسم جديد") {
		t.Errorf("headings = %q", heads)
	}
	if !slices.Contains(metas, "قسم عُدّل") || !slices.Contains(metas, "قسم أُضيف") || !slices.ContainsFunc(metas, func(m string) bool { return strings.Contains(m, "نُقل من القسم") }) {
		t.Errorf("labels = %q", metas)
	}
	if !slices.Contains(inserted, "والثقة") || !slices.Contains(deleted, "الثقة") {
		t.Errorf("inserted %q deleted %q", inserted, deleted)
	}
	if d := diffDoc(old, old, "en"); len(d.Blocks) != 1 || string(d.Blocks[0].Text) != diffWordsEN.None {
		t.Errorf("no changes: %v", d.Blocks)
	}
}

// TestDiffDocHighlightsCollapsesAndMoves: insertions are bold on the
// insertion highlight and deletions struck through on the deletion one;
// runs of unchanged sections collapse into one line naming them (or show
// in full when asked); a section that only moved is labelled as moved; an
// LTR page's diff goes left to right.
func TestDiffDocHighlightsCollapsesAndMoves(t *testing.T) {
	old := storagetest.SeedPage()
	cur := old
	cur.Sections = slices.Clone(old.Sections)
	cur.Sections[0].Body = strings.Replace(cur.Sections[0].Body, "الشفافية الثقة", "الشفافية والثقة", 1)
	cur.Sections[5], cur.Sections[6] = cur.Sections[6], cur.Sections[5]
	d := diffDoc(old, cur, "en")
	for _, b := range d.Blocks {
		for _, sp := range b.Spans {
			if sp.Bold != (sp.Highlight == document.HighlightInserted) || sp.Strike != (sp.Highlight == document.HighlightDeleted) {
				t.Errorf("span %q: bold %v strike %v highlight %d", string(b.Text[sp.Start:sp.End]), sp.Bold, sp.Strike, sp.Highlight)
			}
		}
	}
	if !diffHasSpan(d, func(s document.Span) bool { return s.Highlight == document.HighlightInserted }, "والثقة") ||
		!diffHasSpan(d, func(s document.Span) bool { return s.Highlight == document.HighlightDeleted }, "الثقة") {
		t.Error("the edit is not highlighted")
	}
	var metas []string
	for _, b := range d.Blocks {
		if b.Kind == document.KindMeta && string(b.Text) != elision {
			metas = append(metas, string(b.Text))
		}
	}
	// Swapping sections 6 and 7 moves one of them (the other keeps its
	// place relative to the rest); the one that moved comes first now.
	want := []string{"section changed", "… 4 unchanged sections (2–5)", fmt.Sprintf(diffWordsEN.MovedOnly, 7), "… 2 unchanged sections (7, 8)"}
	if len(old.Sections) != 8 {
		t.Fatalf("the seed has %d sections; the labels below are for 8", len(old.Sections))
	}
	if !slices.Equal(metas, want) {
		t.Errorf("labels = %q\nwant     %q", metas, want)
	}
	// The first section shows the changed line and its neighbours, the
	// rest of its text elided; a moved section's unchanged text is elided.
	isElision := func(b document.Block) bool { return b.Kind == document.KindMeta && string(b.Text) == elision }
	if !slices.ContainsFunc(d.Blocks, isElision) {
		t.Error("no unchanged lines elided")
	}
	full := diffDocWith(old, cur, "en", true)
	if diffHasBlock(full, document.KindMeta, "unchanged section") || slices.ContainsFunc(full.Blocks, isElision) || !diffHasBlock(full, document.KindHeading, "2. "+old.Sections[1].Heading) {
		t.Error("with unchanged sections shown, section 2 is not there in full")
	}
	ltr := storage.Page{Title: "Privacy", Lang: "en", Dir: storage.LTR, Sections: []storage.Section{{Heading: "Data", Body: "We keep your name."}}}
	ltr2 := ltr
	ltr2.Sections = []storage.Section{{Heading: "Data", Body: "We keep your name and e-mail."}}
	for _, b := range diffDoc(ltr, ltr2, "ar").Blocks {
		if b.Kind != document.KindMeta && b.Dir != storage.LTR {
			t.Errorf("LTR page: block %q laid out %s", string(b.Text), b.Dir)
		}
	}
}

// diffHasBlock reports a block of kind k whose text contains sub (the
// GUI tests' docHas, for the nogui build too).
func diffHasBlock(d document.Doc, k document.Kind, sub string) bool {
	return slices.ContainsFunc(d.Blocks, func(b document.Block) bool { return b.Kind == k && strings.Contains(string(b.Text), sub) })
}

// diffHasSpan reports a span that keep accepts with the text want.
func diffHasSpan(d document.Doc, keep func(document.Span) bool, want string) bool {
	for _, b := range d.Blocks {
		if slices.Contains(spanText(b, keep), want) {
			return true
		}
	}
	return false
}

// TestDiffWordsUnchanged: the summary of unchanged sections in both
// languages, with the Arabic dual and the forms for 3–10 and 11 or more.
func TestDiffWordsUnchanged(t *testing.T) {
	pos := func(from, to int) []string {
		var out []string
		for i := from; i <= to; i++ {
			out = append(out, fmt.Sprint(i))
		}
		return out
	}
	for _, c := range []struct {
		w    diffWords
		pos  []string
		want string
	}{
		{diffWordsAR, pos(4, 4), "… قسم لم يتغير (4)"},
		{diffWordsAR, pos(4, 5), "… قسمان لم يتغيرا (4، 5)"},
		{diffWordsAR, pos(2, 5), "… 4 أقسام لم تتغير (2–5)"},
		{diffWordsAR, pos(1, 12), "… 12 قسماً لم تتغير (1–12)"},
		{diffWordsEN, pos(4, 4), "… 1 unchanged section (4)"},
		{diffWordsEN, pos(4, 5), "… 2 unchanged sections (4, 5)"},
		{diffWordsEN, pos(1, 12), "… 12 unchanged sections (1–12)"},
	} {
		if got := c.w.unchanged(c.pos); got != c.want {
			t.Errorf("unchanged(%v) = %q, want %q", c.pos, got, c.want)
		}
	}
}
