package app

import (
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
