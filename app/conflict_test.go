//go:build !nogui

package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/storage"
)

const (
	mineText   = "نص هذه النافذة. "
	theirsText = "نص الزميل. "
)

// conflicted opens two windows, each on its own client of one store (two
// people), both editing the first section; the other person saves first,
// so this window's save is a conflict.
func conflicted(t *testing.T, stores liveStores) (mine, other *harness) {
	t.Helper()
	mine, other, _ = conflictedOn(t, stores)
	return mine, other
}

// conflictedOn is conflicted, also returning the store.
func conflictedOn(t *testing.T, stores liveStores) (mine, other *harness, l live) {
	t.Helper()
	a := newTestApp(t)
	l = stores(t)
	mine, other = openOn(t, a, l.mine, l.dir), openOn(t, a, l.theirs, l.dir)
	mine.typeAt(0, mineText)
	other.typeAt(0, theirsText)
	other.idle()
	mine.idle()
	return mine, other, l
}

func (h *harness) storedBody(i int) string {
	h.t.Helper()
	return h.stored(sampleSlug).Sections[i].Body
}

// onBothStores runs f on an SQLite file and on a PostgreSQL database.
func onBothStores(t *testing.T, f func(t *testing.T, stores liveStores)) {
	t.Run("sqlite", func(t *testing.T) { f(t, liveSQLite) })
	t.Run("postgres", func(t *testing.T) { f(t, livePostgres) })
}

// TestConflictHeldUntilChosen: a save against a version someone else
// replaced writes nothing, however long the choice waits and whatever is
// typed meanwhile; the window keeps its text, marks the section, shows
// the bar, and will not close until the choice is made.
func TestConflictHeldUntilChosen(t *testing.T) {
	onBothStores(t, func(t *testing.T, stores liveStores) {
		h, _ := conflicted(t, stores)
		w := h.w
		if got := h.storedBody(0); !strings.HasPrefix(got, theirsText) {
			t.Fatalf("stored body starts %.30q, want theirs: a conflicting save overwrote it", got)
		}
		if len(h.stored(sampleSlug).Sections) != 8 {
			t.Errorf("the conflict added a section")
		}
		if w.secs[0].theirs == nil || !w.conflicts.root.Visible() || w.conflicts.sec != w.secs[0] {
			t.Fatal("the conflict is not shown")
		}
		if !strings.HasPrefix(w.body.Text(), mineText) {
			t.Errorf("the editor shows %.30q, want this window's text", w.body.Text())
		}
		if !strings.Contains(w.conflicts.text.Text(), w.secs[0].heading) {
			t.Errorf("the bar says %q", w.conflicts.text.Text())
		}
		h.typeAt(0, "مزيد. ")
		h.idle()
		if got := h.storedBody(0); !strings.HasPrefix(got, theirsText) {
			t.Errorf("typing during the conflict saved %.30q over theirs", got)
		}
		w.onQuit()
		if !strings.Contains(w.message.Text(), "two versions") {
			t.Errorf("closing during a conflict says %q, want the window to stay open and say why", w.message.Text())
		}
	})
}

// TestConflictKeepMine: "keep mine" saves this window's text over theirs,
// and Undo puts theirs back.
func TestConflictKeepMine(t *testing.T) {
	onBothStores(t, func(t *testing.T, stores liveStores) {
		h, _ := conflicted(t, stores)
		w := h.w
		test.Tap(w.conflicts.keep)
		h.drain()
		if got := h.storedBody(0); !strings.HasPrefix(got, mineText) || strings.Contains(got, theirsText) {
			t.Errorf("after keep mine the stored body starts %.40q", got)
		}
		if w.secs[0].theirs != nil || w.conflicts.root.Visible() {
			t.Error("the conflict is still shown after the choice")
		}
		test.Tap(w.undoButton)
		h.drain()
		if got := h.storedBody(0); !strings.HasPrefix(got, theirsText) {
			t.Errorf("after Undo the stored body starts %.40q, want theirs back", got)
		}
	})
}

// TestConflictTakeTheirs: "take theirs" shows their text and saves
// nothing; Undo brings this window's text back and saves it.
func TestConflictTakeTheirs(t *testing.T) {
	onBothStores(t, func(t *testing.T, stores liveStores) {
		h, _ := conflicted(t, stores)
		w := h.w
		test.Tap(w.conflicts.take)
		h.drain()
		if !strings.HasPrefix(w.body.Text(), theirsText) || w.conflicts.root.Visible() {
			t.Errorf("after take theirs the editor shows %.30q (bar shown %v)", w.body.Text(), w.conflicts.root.Visible())
		}
		if got := h.storedBody(0); !strings.HasPrefix(got, theirsText) {
			t.Errorf("take theirs stored %.30q", got)
		}
		h.idle()
		if got := h.storedBody(0); !strings.HasPrefix(got, theirsText) {
			t.Errorf("after take theirs and a pause the stored body starts %.30q", got)
		}
		test.Tap(w.undoButton)
		h.drain()
		if got := h.storedBody(0); !strings.HasPrefix(got, mineText) {
			t.Errorf("after Undo the stored body starts %.30q, want this window's text back", got)
		}
		if !strings.HasPrefix(w.body.Text(), mineText) {
			t.Errorf("after Undo the editor shows %.30q", w.body.Text())
		}
	})
}

// TestConflictSeeBoth: "see both" shows theirs and mine side by side, the
// words only theirs has struck through on their side and the words only
// mine has in bold on mine; choosing there resolves it.
func TestConflictSeeBoth(t *testing.T) {
	onBothStores(t, func(t *testing.T, stores liveStores) {
		h, _ := conflicted(t, stores)
		w := h.w
		test.Tap(w.conflicts.both)
		if w.conflicts.dlg == nil {
			t.Fatal("no dialog")
		}
		theirs, mine := w.conflicts.sides[0].Doc(), w.conflicts.sides[1].Doc()
		if got := marked(theirs, func(s document.Span) bool { return s.Strike }); !strings.Contains(got, "الزميل") || strings.Contains(got, "النافذة") {
			t.Errorf("their side marks %q, want their own words struck through", got)
		}
		if got := marked(mine, func(s document.Span) bool { return s.Bold }); !strings.Contains(got, "النافذة") || strings.Contains(got, "الزميل") {
			t.Errorf("my side marks %q, want my own words in bold", got)
		}
		test.Tap(w.conflicts.dlgKeep)
		h.drain()
		if got := h.storedBody(0); !strings.HasPrefix(got, mineText) {
			t.Errorf("keep mine from the dialog stored %.30q", got)
		}
	})
}

// marked is the text of the spans of d's blocks that match.
func marked(d document.Doc, match func(document.Span) bool) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		for _, s := range bl.Spans {
			if match(s) {
				b.WriteString(string(bl.Text[s.Start:s.End]) + " ")
			}
		}
	}
	return b.String()
}

// TestConflictSeeBothThenTheySaveAgain: when they save again while the
// two versions are shown, choosing shows their newest version first
// instead of keeping mine over a version the user has not seen.
func TestConflictSeeBothThenTheySaveAgain(t *testing.T) {
	h, other := conflicted(t, liveSQLite)
	w := h.w
	test.Tap(w.conflicts.both)
	other.typeAt(0, "ثانيةً. ")
	other.idle()
	n, err := h.db.DataChanged(w.ctx)
	if err != nil {
		t.Fatal(err)
	}
	w.onStoreChanged(n)
	h.drain()
	test.Tap(w.conflicts.dlgKeep)
	h.drain()
	if got := h.storedBody(0); !strings.HasPrefix(got, "ثانيةً. ") {
		t.Fatalf("keep mine from a dialog showing an older version of theirs stored %.30q", got)
	}
	if got := marked(w.conflicts.sides[0].Doc(), func(s document.Span) bool { return s.Strike }); !strings.Contains(got, "ثانيةً") {
		t.Errorf("the dialog shown again marks %q on their side, want their newest words", got)
	}
	test.Tap(w.conflicts.dlgKeep)
	h.drain()
	if got := h.storedBody(0); !strings.HasPrefix(got, mineText) {
		t.Errorf("keep mine after seeing their newest version stored %.30q", got)
	}
}

// TestConflictLeftUnresolved: leaving the page while the choice waits
// keeps this window's text as a new section right after theirs, so
// neither version is lost.
func TestConflictLeftUnresolved(t *testing.T) {
	h, _, l := conflictedOn(t, liveSQLite)
	ctx := h.w.ctx
	other := storage.Page{Slug: "terms", Title: "الشروط", Sections: []storage.Section{{Heading: "أولاً", Body: "نص"}}}
	if err := h.db.CreatePage(ctx, &other); err != nil {
		t.Fatal(err)
	}
	h.w.loadPages(other.ID)
	h.drain()
	if h.w.page.ID != other.ID {
		t.Fatalf("the other page did not open")
	}
	secs := h.stored(sampleSlug).Sections
	if len(secs) != 9 || !strings.HasPrefix(secs[0].Body, theirsText) || !strings.HasPrefix(secs[1].Body, mineText) {
		t.Errorf("after leaving the page: %d sections, the first two starting %.20q and %.20q; want theirs, then mine", len(secs), secs[0].Body, secs[1].Body)
	}
	if left := records(t, l); len(left) != 0 {
		t.Errorf("recovery records left once mine is kept as a new section: %v", left)
	}
}

// TestConflictDeletedElsewhere: a section someone else deleted while it
// was edited here comes back as a new section with this window's text.
func TestConflictDeletedElsewhere(t *testing.T) {
	a := newTestApp(t)
	l := liveSQLite(t)
	mine, other := openOn(t, a, l.mine, l.dir), openOn(t, a, l.theirs, l.dir)
	mine.typeAt(0, mineText)
	other.w.onDeleteSection()
	other.drain()
	mine.idle()
	secs := mine.stored(sampleSlug).Sections
	if len(secs) != 8 || !strings.HasPrefix(secs[6].Body, mineText) || secs[7].Kind != storage.KindClosing {
		t.Errorf("after the save of a deleted section: %d sections, the last two %.20q (%s) and %.20q (%s); want 8, this window's text before the closing section",
			len(secs), secs[6].Body, secs[6].Kind, secs[7].Body, secs[7].Kind)
	}
	if !strings.Contains(mine.w.message.Text(), "deleted") {
		t.Errorf("the window says %q", mine.w.message.Text())
	}
}
