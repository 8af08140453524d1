//go:build !nogui

package app

import (
	"context"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/qalam/policyeditor/storage"
)

// BenchmarkStartupFirstFrame: a new window on the seeded database, from
// creating the workbench to the first frame drawn with the sample page
// open (Fyne's software test driver draws it; the real window's time to
// mapped is logged by TestWindowTypeKillRestart).
func BenchmarkStartupFirstFrame(b *testing.B) {
	a := newTestApp(b)
	db := mustOpenSeeded(b)
	b.ResetTimer()
	for b.Loop() {
		h := open(b, a, db)
		h.win.Canvas().Capture()
	}
}

// BenchmarkSectionSwitch: selecting another section of the seed page
// (save check, editors filled, preview scrolled to it).
func BenchmarkSectionSwitch(b *testing.B) {
	h := open(b, newTestApp(b), mustOpenSeeded(b))
	i := 0
	for b.Loop() {
		i = (i + 3) % len(h.w.secs)
		h.w.selectSection(i)
	}
}

// BenchmarkPreviewKeystroke: one character typed into the seed page to the
// preview showing it (stamp the date as publish would, rebuild the
// document, lay it out at the preview's width, scroll to the caret's
// block). Painting is left out: Fyne's software test painter redraws the
// whole window (~100 ms here) where the GL driver redraws the changed
// rasters; richview's BenchmarkViewDrawSeed measures those.
func BenchmarkPreviewKeystroke(b *testing.B) {
	h := open(b, newTestApp(b), mustOpenSeeded(b))
	h.w.selectSection(1)
	shown := 0
	h.w.prev.onShown = func() { shown++ }
	for b.Loop() {
		h.typeAt(h.w.body.CaretOffset(), "ن")
	}
	if shown < b.N {
		b.Fatalf("%d previews shown for %d keystrokes", shown, b.N)
	}
}

// BenchmarkAutosave: from the idle timer firing to the section being in
// the database (conditional update of heading and body, WAL commit);
// reports p50 and p99.
func BenchmarkAutosave(b *testing.B) {
	h := open(b, newTestApp(b), mustOpenSeeded(b))
	h.w.selectSection(2)
	var lat []time.Duration
	for b.Loop() {
		h.typeAt(0, "ك")
		start := time.Now()
		h.idle()
		lat = append(lat, time.Since(start))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkRSS50Pages opens 50 copies of the seed page in turn, editing
// each, and reports the resident memory of the process afterwards.
func BenchmarkRSS50Pages(b *testing.B) {
	a := newTestApp(b)
	db := mustOpenSeeded(b)
	seed, err := db.FindPageBySlug(context.Background(), sampleSlug)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 49 {
		p := seed
		p.Slug = "copy-" + strconv.Itoa(i)
		p.Sections = append([]storage.Section(nil), seed.Sections...)
		if err := db.CreatePage(context.Background(), &p); err != nil {
			b.Fatal(err)
		}
	}
	h := open(b, a, db)
	h.win.Resize(fyne.NewSize(1200, 800))
	for b.Loop() {
		for i := range h.w.pages {
			h.w.pageList.Select(i)
			h.typeAt(0, "ا")
			h.idle()
			h.win.Canvas().Capture()
		}
	}
	if len(h.w.pages) != 50 {
		b.Fatalf("%d pages, want 50", len(h.w.pages))
	}
	b.ReportMetric(rssMB(b), "RSS-MB")
}

// rssMB is the resident set size of this process from /proc.
func rssMB(b *testing.B) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	b.Fatal("no VmRSS in /proc/self/status")
	return 0
}

// BenchmarkFindingsKeystroke: one keystroke in the seed's second section
// until its findings are shown (the whole page checked as `policyeditor
// check` does, the list and the editor's underlines updated), beside the
// preview's work of BenchmarkPreviewKeystroke (the same keystroke path).
func BenchmarkFindingsKeystroke(b *testing.B) {
	h := open(b, newTestApp(b), mustOpenSeeded(b))
	h.w.selectSection(1)
	shown := 0
	h.w.checks.onShown = func() { shown++ }
	for b.Loop() {
		h.typeAt(h.w.body.CaretOffset(), "ن")
	}
	if shown < b.N {
		b.Fatalf("%d findings shown for %d keystrokes", shown, b.N)
	}
}
