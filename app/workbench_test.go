//go:build !nogui

package app

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"github.com/qalam/policyeditor/assets"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// mustOpenSeeded opens a new database file holding the sample policy.
func mustOpenSeeded(t testing.TB) *sqlite.DB {
	t.Helper()
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "drafts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := seedSample(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}

// loadTranslations loads the window's strings once for the tests.
var loadTranslations = sync.OnceValue(func() error {
	return lang.AddTranslationsFS(assets.Translations, "translations")
})

// mustOpenAt opens the database file at path.
func mustOpenAt(t testing.TB, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// harness drives a workbench on Fyne's test driver. Everything runs on the
// test goroutine: background work inline, the idle timer and the saver
// when the test says so.
type harness struct {
	t     testing.TB
	app   fyne.App
	db    store
	win   fyne.Window
	w     *workbench
	timer func()
}

func newTestApp(t testing.TB) fyne.App {
	if err := loadTranslations(); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(richview.NewTheme())
	return a
}

// open opens a window on db as the app does, restoring the place left off.
func open(t testing.TB, a fyne.App, db *sqlite.DB) *harness {
	t.Helper()
	return openOn(t, a, db, filepath.Dir(db.Path()))
}

// openOn opens a window on any store (a PostgreSQL one too); dataDir is
// where its default target publishes.
func openOn(t testing.TB, a fyne.App, db store, dataDir string) *harness {
	t.Helper()
	return openIn(t, a, db, dataDir, test.NewTempWindow(t, nil))
}

// openIn opens the workbench in win.
func openIn(t testing.TB, a fyne.App, db store, dataDir string, win fyne.Window) *harness {
	t.Helper()
	h := &harness{t: t, app: a, db: db, win: win}
	// the preview stamps the date publishing to the default target would
	if err := ensureDefaultTarget(context.Background(), db, dataDir); err != nil {
		t.Fatal(err)
	}
	h.w = newWorkbench(context.Background(), db, h.win, a.Preferences(), stamper(db))
	h.w.recovery = recoveryDir(filepath.Join(dataDir, "recovery")) // as the app keeps it beside an SQLite file
	h.w.background = func(f func()) { f() }
	h.w.after = func(_ time.Duration, f func()) func() {
		h.timer = f
		return func() { h.timer = nil }
	}
	h.win.SetContent(h.w.content())
	h.win.Resize(fyne.NewSize(1200, 800))
	h.w.loadPages(h.w.restoredPage())
	h.drain()
	return h
}

// idle lets the typing pause pass (the idle timer fires) and runs the saves.
func (h *harness) idle() {
	h.t.Helper()
	if f := h.timer; f != nil {
		h.timer = nil
		f()
	}
	h.drain()
}

// drain runs the queued writes.
func (h *harness) drain() {
	h.t.Helper()
	if err := h.w.saver.runQueued(context.Background()); err != nil {
		h.t.Fatalf("a save failed: %v", err)
	}
}

// typeAt types text into the body of the selected section at the caret.
func (h *harness) typeAt(off int, text string) {
	h.w.body.SetCaretOffset(off)
	h.w.body.Replace(off, off, text)
}

func (h *harness) stored(slug string) storage.Page {
	h.t.Helper()
	p, err := h.db.FindPageBySlug(context.Background(), slug)
	if err != nil {
		h.t.Fatal(err)
	}
	return p
}

func TestWorkbenchFirstStart(t *testing.T) {
	h := open(t, newTestApp(t), mustOpenSeeded(t))
	w := h.w
	if !w.opened || w.page.Slug != sampleSlug || w.sel != 0 {
		t.Fatalf("first start: page %q open %v, section %d; want the sample page's first section", w.page.Slug, w.opened, w.sel)
	}
	if w.body.Text() != w.secs[0].body || w.body.CaretOffset() != 0 || !strings.Contains(w.body.Text(), "قلم") {
		t.Errorf("first start: body %.40q caret %d, want the first section's text with the caret at 0", w.body.Text(), w.body.CaretOffset())
	}
	if got := w.sectionTitle(0); !strings.HasPrefix(got, "أولاً: ") {
		t.Errorf("first section title %q, want it numbered أولاً", got)
	}
	if !w.rtl || w.outerSplit.Trailing != w.listsSplit {
		t.Error("an Arabic page: the lists are not on the right")
	}
	if n := len(w.preview.Doc().Blocks); n < 30 {
		t.Errorf("preview shows %d blocks, want the whole sample page", n)
	}
	if n := inkPixels(h.win.Canvas().Capture()); n < 5000 {
		t.Errorf("the window draws only %d non-background pixels", n)
	}
}

// Import a file, edit a section, let autosave run, open the window again:
// the text is stored and the window comes back where it was.
func TestWorkbenchImportEditAutosaveReopen(t *testing.T) {
	a := newTestApp(t)
	db := mustOpenSeeded(t)
	h := open(t, a, db)
	md := "# Terms of use\n\n## Accounts\n\nKeep your password safe.\n\n## Payments\n\nWe bill monthly.\n\n<script>alert(1)</script>\n"
	path := filepath.Join(t.TempDir(), "terms.md")
	if err := os.WriteFile(path, []byte(md), 0o600); err != nil {
		t.Fatal(err)
	}
	h.w.importPath(path)
	h.drain()
	w := h.w
	if w.lastImport == nil || w.page.Title != "Terms of use" || len(w.secs) != 2 {
		t.Fatalf("after import: page %q with %d sections (report %v), want Terms of use with 2", w.page.Title, len(w.secs), w.lastImport != nil)
	}
	if w.rtl {
		t.Error("an English page: the layout did not mirror to left-to-right")
	}
	w.sectionList.Select(1)
	body := w.body.Text()
	off := strings.Index(body, "monthly")
	h.typeAt(off, "every month, not ")
	if h.timer == nil {
		t.Fatal("typing did not start the idle save timer")
	}
	if got := h.stored(w.page.Slug).Sections[1].Body; strings.Contains(got, "every month") {
		t.Fatal("saved before typing paused")
	}
	h.idle()
	if got := h.stored(w.page.Slug).Sections[1].Body; !strings.Contains(got, "We bill every month, not monthly.") {
		t.Fatalf("after the pause the stored body is %q", got)
	}
	if w.status.Text() != "Saved" {
		t.Errorf("status %q, want Saved", w.status.Text())
	}
	caret := off + len([]rune("every month, not "))
	if w.body.CaretOffset() != caret {
		t.Fatalf("caret %d, want %d", w.body.CaretOffset(), caret)
	}
	// the store's change counter moved (our own save): the editor is left alone
	n, _ := db.DataChanged(w.ctx)
	w.onStoreChanged(n)
	if w.body.CaretOffset() != caret {
		t.Fatalf("our own save coming back moved the caret to %d, want %d", w.body.CaretOffset(), caret)
	}

	h2 := open(t, a, db) // the app started again
	w2 := h2.w
	if w2.page.Slug != w.page.Slug || w2.sel != 1 || w2.body.CaretOffset() != caret {
		t.Errorf("reopened at page %q section %d caret %d, want %q, 1, %d", w2.page.Slug, w2.sel, w2.body.CaretOffset(), w.page.Slug, caret)
	}
	if !strings.Contains(w2.body.Text(), "every month, not monthly") {
		t.Errorf("reopened body %q lacks the edit", w2.body.Text())
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

// runQueued runs the queued writes on the calling goroutine until the
// queue is empty, or returns the first error (tests and benchmarks, in
// place of run).
func (s *saver) runQueued(ctx context.Context) error {
	for {
		ran, err := s.step(ctx)
		if !ran || err != nil {
			return err
		}
	}
}
