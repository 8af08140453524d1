//go:build !nogui

package app

import (
	"context"
	"image"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// mustOpenSeeded opens a new database file holding the sample policy.
func mustOpenSeeded(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "drafts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := seedSample(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}

// waitUI polls cond on the UI goroutine until it holds or ten seconds pass.
func waitUI(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var ok bool
		fyne.DoAndWait(func() { ok = cond() })
		if ok {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestShellShowsSamplePolicy(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(richview.NewTheme())
	w := test.NewTempWindow(t, nil)
	s := newShell(context.Background(), mustOpenSeeded(t), w)
	s.background = func(f func()) { f() }
	w.SetContent(s.content())
	w.Resize(fyne.NewSize(1000, 700))
	s.loadPages()
	waitUI(t, "the sample page to open", func() bool { return len(s.current.Sections) > 0 })

	var titles []string
	fyne.DoAndWait(func() {
		if s.pageList.Length() != 1 || s.sectionList.Length() != 8 {
			t.Errorf("lists show %d pages and %d sections, want 1 and 8", s.pageList.Length(), s.sectionList.Length())
		}
		for i := range s.current.Sections {
			titles = append(titles, sectionTitle(s.current, i))
		}
	})
	if len(titles) != 8 || !strings.HasPrefix(titles[0], "أولاً: أهمية سياسة الخصوصية") ||
		!strings.HasPrefix(titles[6], "سابعاً: ") || !strings.HasPrefix(titles[7], "ختاماً") {
		t.Errorf("section titles = %q, want أولاً … سابعاً then ختاماً", titles)
	}
	// The list rows draw their labels once laid out, which a loaded
	// machine may finish after the page loaded: wait for the ink.
	n := 0
	for deadline := time.Now().Add(10 * time.Second); n < 5000 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		n = inkPixels(w.Canvas().Capture())
	}
	if n < 5000 {
		t.Errorf("the window draws only %d non-background pixels", n)
	}
}

// inkPixels counts pixels that differ from the top-left background pixel.
func inkPixels(img image.Image) int {
	b := img.Bounds()
	bg := img.At(b.Min.X, b.Min.Y)
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.At(x, y) != bg {
				n++
			}
		}
	}
	return n
}

// A page load that finishes after a newer selection must not replace it.
func TestShellIgnoresStaleLoad(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	db := mustOpenSeeded(t)
	second := storage.Page{Slug: "terms", Title: "Terms of use", Lang: "en", Sections: []storage.Section{{Kind: storage.KindNumbered, Heading: "Use", Body: "Be kind."}}}
	if err := db.CreatePage(context.Background(), &second); err != nil {
		t.Fatal(err)
	}
	s := newShell(context.Background(), db, w)
	s.background = func(f func()) { f() }
	w.SetContent(s.content())
	s.loadPages() // selects the first page, loading it inline
	var jobs []func()
	s.background = func(f func()) { jobs = append(jobs, f) }
	fyne.DoAndWait(func() {
		s.pageList.Select(1) // the first page is selected already
		s.pageList.Select(0)
	})
	if len(jobs) != 2 {
		t.Fatalf("%d loads queued, want 2", len(jobs))
	}
	jobs[1]() // the newer selection finishes first …
	jobs[0]() // … then the older one
	fyne.DoAndWait(func() {
		if s.current.Slug != s.pages[0].Slug {
			t.Errorf("shell shows %q after selecting %q last", s.current.Slug, s.pages[0].Slug)
		}
	})
}
