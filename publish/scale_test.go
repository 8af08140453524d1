package publish

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/storagetest"
)

// TestManyIdenticalHeadings renders 40,000 identical headings (which never
// finished when unique ids were found by trying id-2, id-3 … per heading)
// and a heading whose text is an id already given out as a suffix.
func TestManyIdenticalHeadings(t *testing.T) {
	const n = 40000
	page := storage.Page{Slug: "x", Title: "t"}
	for range 4 { // the ids are unique across the sections of a page
		page.Sections = append(page.Sections, storage.Section{Kind: storage.KindNumbered, Heading: "h", Body: strings.Repeat("### a\n\n", n/4)})
	}
	page.Sections[3].Body += "### a-2\n"
	out, err := Render(page, Options{Fragment: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{`id="a"`, `id="a-2"`, fmt.Sprintf(`id="a-%d"`, n), `id="a-2-2"`} {
		if bytes.Count(out, []byte(id+" ")) != 1 {
			t.Errorf("Render of %d headings \"a\" and one \"a-2\": %s appears %d times, want once", n, id, bytes.Count(out, []byte(id+" ")))
		}
	}
}

func TestIDSetUnique(t *testing.T) {
	s := newIDSet()
	var got []string
	for _, id := range []string{"a", "a-3", "a", "a", "a", "a-2", "b", "a-2"} {
		got = append(got, s.unique(id))
	}
	want := "a a-3 a-2 a-4 a-5 a-2-2 b a-2-3"
	if strings.Join(got, " ") != want {
		t.Errorf("unique ids = %q, want %q", strings.Join(got, " "), want)
	}
}

func TestComplexityLimits(t *testing.T) {
	for _, c := range []struct {
		name, body string
		refused    bool
	}{
		{"brackets at the limit", strings.Repeat("[", maxBracketDepth) + "a" + strings.Repeat("]", maxBracketDepth), false},
		{"brackets over the limit", strings.Repeat("[", maxBracketDepth+1) + "a" + strings.Repeat("]", maxBracketDepth+1), true},
		{"escaped brackets", strings.Repeat(`\[`, 1000), false},
		{"brackets in separate paragraphs", strings.Repeat("[a\n\n", 1000), false},
		{"reference definitions at the limit", strings.Repeat("[a]: b\n", maxRefDefRun), false},
		{"reference definitions over the limit", strings.Repeat("[a]: b\n", maxRefDefRun+1), true},
		{"reference definitions in separate paragraphs", strings.Repeat("[a]: b\n\n", 1000), false},
	} {
		err := checkComplexity(c.body)
		if (err != nil) != c.refused {
			t.Errorf("%s: checkComplexity = %v, want refused %v", c.name, err, c.refused)
		}
	}
}

// scales are the input sizes of the scaling benchmarks: the time per op
// should grow about 4× from one to the next (linear cost).
var scales = []int{1, 4, 16}

func benchScaled(b *testing.B, page func(k int) storage.Page) {
	for _, k := range scales {
		p := page(k)
		b.Run(fmt.Sprintf("%dx", k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Render(p, Options{Fragment: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func oneSection(body string) storage.Page {
	return storage.Page{Slug: "x", Title: "t", Sections: []storage.Section{{Kind: storage.KindNumbered, Heading: "h", Body: body}}}
}

// BenchmarkScaleIdenticalHeadings: k×2,000 identical headings in one body.
func BenchmarkScaleIdenticalHeadings(b *testing.B) {
	benchScaled(b, func(k int) storage.Page { return oneSection(strings.Repeat("### a\n\n", 2000*k)) })
}

// BenchmarkScaleIdenticalSections: k×500 sections with the same heading.
func BenchmarkScaleIdenticalSections(b *testing.B) {
	benchScaled(b, func(k int) storage.Page {
		p := storage.Page{Slug: "x", Title: "t"}
		for range 500 * k {
			p.Sections = append(p.Sections, storage.Section{Kind: storage.KindNumbered, Heading: "سياسة", Body: "نص"})
		}
		return p
	})
}

// BenchmarkScaleNestedBrackets: k×200 paragraphs of brackets nested as deep
// as allowed.
func BenchmarkScaleNestedBrackets(b *testing.B) {
	para := strings.Repeat("[", maxBracketDepth) + "a" + strings.Repeat("]", maxBracketDepth) + "\n\n"
	benchScaled(b, func(k int) storage.Page { return oneSection(strings.Repeat(para, 200*k)) })
}

// BenchmarkScaleReferenceDefinitions: k×100 paragraphs of as many reference
// definitions as allowed.
func BenchmarkScaleReferenceDefinitions(b *testing.B) {
	para := strings.Repeat("[a]: /b\n", maxRefDefRun) + "\n"
	benchScaled(b, func(k int) storage.Page { return oneSection(strings.Repeat(para, 25*k)) })
}

// BenchmarkScaleParagraphs: k×16 KB of the seed's first section.
func BenchmarkScaleParagraphs(b *testing.B) {
	seed := storagetest.SeedPage().Sections[0].Body + "\n\n"
	benchScaled(b, func(k int) storage.Page { return oneSection(strings.Repeat(seed, (16<<10)*k/len(seed))) })
}
