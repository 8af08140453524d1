//go:build !nogui

package app

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage/postgres"
)

// Environment of the helper process of TestTwoProcessesSameSection.
const (
	helperDB    = "POLICYEDITOR_TEST_HELPER_DB"
	helperWords = "POLICYEDITOR_TEST_HELPER_WORDS"
	helperTag   = "POLICYEDITOR_TEST_HELPER_TAG"
)

// TestTwoProcessesSameSection: this test and a second process (this test
// binary again, running TestHelperEditFirstSection) each open a workbench
// on one store, an SQLite file and a PostgreSQL database, and at the same
// time type words into the first section and let autosave run after each;
// each conflict is detected and resolved by taking the other's version and
// typing again. No word is lost: every word of both processes is in the
// stored page afterwards.
func TestTwoProcessesSameSection(t *testing.T) {
	onBothStores(t, func(t *testing.T, stores liveStores) { twoProcessesSameSection(t, stores(t)) })
}

func twoProcessesSameSection(t *testing.T, l live) {
	const words = 15
	helper := exec.Command(os.Args[0], "-test.run=^TestHelperEditFirstSection$", "-test.count=1", "-test.v")
	helper.Env = append(os.Environ(), helperDB+"="+l.name, helperWords+"="+strconv.Itoa(words), helperTag+"=ب")
	var buf strings.Builder
	helper.Stdout, helper.Stderr = &buf, &buf
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- helper.Wait() }()

	h := openOn(t, newTestApp(t), l.mine, l.dir)
	conflicts := typeWords(h, "أ", words)
	if err := <-done; err != nil {
		t.Fatalf("helper process: %v\n%s", err, buf.String())
	}
	t.Logf("conflicts detected: %d here, %s in the other process", conflicts, helperConflicts.FindString(buf.String()))
	var all strings.Builder
	secs := h.stored(sampleSlug).Sections
	if len(secs) != 8 {
		t.Errorf("%d sections after %d concurrent saves by each process, want 8 (a conflict adds none)", len(secs), words)
	}
	for _, s := range secs {
		all.WriteString(s.Heading + "\n" + s.Body + "\n")
	}
	for _, tag := range []string{"أ", "ب"} {
		for i := range words {
			if w := word(tag, i); !strings.Contains(all.String(), w) {
				t.Errorf("word %q of process %s was lost", w, tag)
			}
		}
	}
}

var helperConflicts = regexp.MustCompile(`\d+ conflicts`)

// TestHelperEditFirstSection is the second process of
// TestTwoProcessesSameSection; run alone it does nothing.
func TestHelperEditFirstSection(t *testing.T) {
	name := os.Getenv(helperDB)
	if name == "" {
		t.Skip("helper process of TestTwoProcessesSameSection")
	}
	n, _ := strconv.Atoi(os.Getenv(helperWords))
	db, err := openStore(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	dir := t.TempDir()
	if !postgres.IsURL(name) {
		dir = filepath.Dir(name)
	}
	h := openOn(t, newTestApp(t), db, dir)
	t.Logf("%d conflicts", typeWords(h, os.Getenv(helperTag), n))
}

// typeWords types n tagged words at the start of the first section, one
// autosave after each, taking in changes made elsewhere as the window does.
// When the other process saved first (a conflict), it does what a person
// would: takes their version and types the word again on top of it.
func typeWords(h *harness, tag string, n int) (conflicts int) {
	for i := range n {
		for {
			h.w.selectSection(0)
			h.typeAt(0, word(tag, i)+" ")
			h.idle()
			s := h.w.secs[0]
			if s.theirs == nil {
				break
			}
			conflicts++
			h.w.takeTheirs(s)
			h.drain()
		}
		if c, err := h.db.DataChanged(h.w.ctx); err == nil {
			h.w.onStoreChanged(c)
			h.drain()
		}
	}
	return conflicts
}

func word(tag string, i int) string { return fmt.Sprintf("كلمة%s%d", tag, i) }
