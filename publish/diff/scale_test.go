package diff

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

// insertRemovedQuadratic is the placement rule of placeRemoved written the
// obvious way (a scan of out per removed section), as the reference.
func insertRemovedQuadratic(out []SectionChange, olds []storage.Section, used []bool) []SectionChange {
	for i := range olds {
		if used[i] {
			continue
		}
		at := 0
		for k, e := range out {
			if e.OldIndex >= 0 && e.OldIndex < i {
				at = k + 1
			}
		}
		out = append(out, SectionChange{})
		copy(out[at+1:], out[at:])
		out[at] = SectionChange{Kind: Removed, OldIndex: i, NewIndex: -1}
	}
	return out
}

func TestPlaceRemovedAgreesWithScan(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n := r.IntN(9)
		olds := make([]storage.Section, n)
		used := make([]bool, n)
		var out []SectionChange
		for _, i := range r.Perm(n) {
			if r.IntN(2) == 0 {
				used[i] = true
				out = append(out, SectionChange{OldIndex: i, NewIndex: len(out)})
			}
			if r.IntN(3) == 0 {
				out = append(out, SectionChange{Kind: Added, OldIndex: -1, NewIndex: len(out)})
			}
		}
		key := func(cs []SectionChange) string {
			var b strings.Builder
			for _, c := range cs {
				fmt.Fprintf(&b, "%d/%d ", c.OldIndex, c.NewIndex)
			}
			return b.String()
		}
		want := key(insertRemovedQuadratic(append([]SectionChange(nil), out...), olds, used))
		if got := key(placeRemoved(out, olds, used)); got != want {
			t.Fatalf("placeRemoved(%s, used %v) = %s, want %s", key(out), used, got, want)
		}
	}
}

// scales are the input sizes of the scaling benchmarks: cost should grow
// by about 4× from one to the next.
var scales = []int{1, 4, 16}

// BenchmarkSectionsAllRemoved diffs a page of n×500 sections against an
// empty one (every section placed as removed).
func BenchmarkSectionsAllRemoved(b *testing.B) {
	for _, k := range scales {
		old := storage.Page{}
		for i := range 500 * k {
			old.Sections = append(old.Sections, storage.Section{Heading: fmt.Sprint("h", i), Body: "نص"})
		}
		b.Run(fmt.Sprintf("%dx", k), func(b *testing.B) {
			for b.Loop() {
				Sections(old, storage.Page{})
			}
		})
	}
}

// BenchmarkWordsUnrelated diffs two unrelated texts of k×16 KB each (the
// cost cap keeps it near linear).
func BenchmarkWordsUnrelated(b *testing.B) {
	for _, k := range scales {
		x := strings.Repeat("alpha beta gamma delta ", 700*k)
		y := strings.Repeat("قلم منصة سياسة، ثم ", 600*k)
		b.Run(fmt.Sprintf("%dx", k), func(b *testing.B) {
			b.SetBytes(int64(len(x) + len(y)))
			for b.Loop() {
				Words(x, y)
			}
		})
	}
}

// BenchmarkWordsEdited diffs a k×16 KB text against itself with one word
// in ten changed.
func BenchmarkWordsEdited(b *testing.B) {
	for _, k := range scales {
		x := strings.Repeat("نقوم بجمع البيانات التي تقدمها لنا عند التسجيل في المنصة وإنشاء حساب ", 180*k)
		y := strings.ReplaceAll(x, "المنصة", "الموقع")
		b.Run(fmt.Sprintf("%dx", k), func(b *testing.B) {
			b.SetBytes(int64(len(x) + len(y)))
			for b.Loop() {
				Words(x, y)
			}
		})
	}
}
