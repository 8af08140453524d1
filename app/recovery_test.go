//go:build !nogui

package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/postgres"
)

const moreText = "كتبتُ هذا أثناء التعارض. "

// restart opens a new window on l as the app does after it was killed:
// a new app (its own preferences), a new connection to the same store,
// the same recovery folder. The old window is dropped without onQuit.
func restart(t *testing.T, l live) *harness {
	t.Helper()
	var db store
	if postgres.IsURL(l.name) {
		db = mustOpenPG(t, l.name)
	} else {
		db = mustOpenAt(t, l.name)
	}
	return openOn(t, newTestApp(t), db, l.dir)
}

// crash ends h as a killed process ends: its lock goes (the kernel
// releases it), its files stay, nothing else runs.
func crash(h *harness) { h.w.recoveryLock.drop() }

// records lists the recovery records left in l's recovery folder.
func records(t *testing.T, l live) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(l.dir, "recovery", "*"+recordExt))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestConflictRecoveredAfterCrash: a window holding a conflict, with more
// typed during it, is dropped without the choice (a crash); the window
// opened next shows the conflict again with all of this window's text,
// keep mine saves it, and the record is gone.
func TestConflictRecoveredAfterCrash(t *testing.T) {
	onBothStores(t, func(t *testing.T, stores liveStores) {
		h, _, l := conflictedOn(t, stores)
		h.typeAt(0, moreText)
		h.idle()
		mine := h.w.secs[0].body
		if !strings.HasPrefix(mine, moreText+mineText) {
			t.Fatalf("this window's text starts %.40q", mine)
		}
		if n := len(records(t, l)); n != 1 {
			t.Fatalf("%d recovery records while the conflict waits, want 1", n)
		}

		crash(h)
		h2 := restart(t, l)
		w := h2.w
		if w.secs[0].theirs == nil || !w.conflicts.root.Visible() || w.conflicts.sec != w.secs[0] {
			t.Fatal("after the restart the conflict is not shown")
		}
		if w.body.Text() != mine || w.secs[0].body != mine {
			t.Errorf("after the restart the editor shows %.40q, want this window's text %.40q", w.body.Text(), mine)
		}
		if !strings.HasPrefix(w.secs[0].theirs.Body, theirsText) {
			t.Errorf("their side is %.30q", w.secs[0].theirs.Body)
		}
		if !strings.Contains(w.message.Text(), "before the app closed") {
			t.Errorf("the status line says %q", w.message.Text())
		}
		if got := h2.storedBody(0); !strings.HasPrefix(got, theirsText) {
			t.Errorf("the restart saved %.30q over theirs before the choice", got)
		}
		test.Tap(w.conflicts.keep)
		h2.drain()
		if got := h2.storedBody(0); got != mine {
			t.Errorf("keep mine after the restart stored %.40q, want %.40q", got, mine)
		}
		if left := records(t, l); len(left) != 0 {
			t.Errorf("records left after keep mine: %v", left)
		}
		if w.conflicts.root.Visible() {
			t.Error("the bar is still shown")
		}
	})
}

// TestConflictTakeTheirsDropsRecord: take theirs removes the record, and
// the next window shows no conflict.
func TestConflictTakeTheirsDropsRecord(t *testing.T) {
	h, _, l := conflictedOn(t, liveSQLite)
	if n := len(records(t, l)); n != 1 {
		t.Fatalf("%d recovery records while the conflict waits, want 1", n)
	}
	h.typeAt(0, moreText)
	h.idle() // a write of the record queued, then replaced by its removal
	test.Tap(h.w.conflicts.take)
	h.drain()
	if left := records(t, l); len(left) != 0 {
		t.Fatalf("records left after take theirs: %v", left)
	}
	h2 := restart(t, l)
	if h2.w.inConflict() || !strings.HasPrefix(h2.w.body.Text(), theirsText) {
		t.Errorf("after take theirs and a restart: conflict %v, editor %.30q", h2.w.inConflict(), h2.w.body.Text())
	}
}

// TestConflictRecoveredSectionDeleted: a record whose section was deleted
// before the restart comes back as a new section.
func TestConflictRecoveredSectionDeleted(t *testing.T) {
	h, other, l := conflictedOn(t, liveSQLite)
	other.w.onDeleteSection() // their first section, the one in conflict
	other.drain()
	crash(h)
	h2 := restart(t, l)
	secs := h2.stored(sampleSlug).Sections
	if len(secs) != 8 {
		t.Fatalf("after the restart the page has %d sections, want 8: this window's text back as a new one", len(secs))
	}
	if !strings.HasPrefix(secs[6].Body, mineText) || secs[7].Kind != storage.KindClosing {
		t.Errorf("after the restart the last two sections are %.20q (%s) and %.20q (%s); want this window's text before the closing section",
			secs[6].Body, secs[6].Kind, secs[7].Body, secs[7].Kind)
	}
	if h2.w.inConflict() {
		t.Error("a conflict is shown for a deleted section")
	}
	if !strings.Contains(h2.w.message.Text(), "deleted meanwhile") {
		t.Errorf("the status line says %q", h2.w.message.Text())
	}
	if left := records(t, l); len(left) != 0 {
		t.Errorf("records left: %v", left)
	}
}

// TestConflictRecoveredNoLongerConflicting: a record whose section is
// still stored as the version mine was read from is just saved.
func TestConflictRecoveredNoLongerConflicting(t *testing.T) {
	db := mustOpenSeeded(t)
	l := live{mine: db, name: db.Path(), dir: filepath.Dir(db.Path())}
	p := open(t, newTestApp(t), db).stored(sampleSlug)
	first := p.Sections[0]
	rec := conflictRecord{Page: p.ID, Section: first.ID, Base: sectionVersion(first), Theirs: sectionVersion(first) + 1,
		Kind: first.Kind, Heading: first.Heading, Body: mineText, Owner: uuid.New()}
	if err := recoveryDir(filepath.Join(l.dir, "recovery")).write(rec); err != nil {
		t.Fatal(err)
	}
	h := restart(t, l)
	if h.w.inConflict() {
		t.Error("a conflict is shown though nobody else saved the section")
	}
	if got := h.storedBody(0); got != mineText {
		t.Errorf("stored body %.30q, want the recovered text", got)
	}
	if left := records(t, l); len(left) != 0 {
		t.Errorf("records left: %v", left)
	}
}

// TestRecoveryRecordFiles: a record is written 0600 in a 0700 folder,
// read back whole, and a stale temporary file of a killed write is
// removed when the page's records are read, a fresh one (a write under
// way) kept.
func TestRecoveryRecordFiles(t *testing.T) {
	d := recoveryDir(filepath.Join(t.TempDir(), "recovery"))
	rec := conflictRecord{Page: uuid.New(), Section: uuid.New(), Base: 3, Theirs: 4, Kind: storage.KindNumbered,
		Heading: "أولاً", Body: mineText, Saved: time.Now().UTC().Truncate(time.Second), Owner: uuid.New()}
	if err := d.write(rec); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{string(d): 0o700 | os.ModeDir, d.path(rec.Page, rec.Section): 0o600} {
		if fi, err := os.Stat(path); err != nil || fi.Mode() != want {
			t.Errorf("%s: mode %v (%v), want %v", path, fi.Mode(), err, want)
		}
	}
	stale, fresh := filepath.Join(string(d), ".tmp-1"), filepath.Join(string(d), ".tmp-2")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("{"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * staleTemp)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	recs, err := d.forPage(rec.Page, uuid.Nil)
	if err != nil || len(recs) != 1 || recs[0] != rec {
		t.Errorf("forPage = %+v, %v; want the record written", recs, err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a stale temporary file is left")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a fresh temporary file was removed: %v", err)
	}
	if err := d.remove(rec.Page, rec.Section); err != nil {
		t.Fatal(err)
	}
	if recs, err := d.forPage(rec.Page, uuid.Nil); err != nil || len(recs) != 0 {
		t.Errorf("after remove forPage = %+v, %v", recs, err)
	}
}

// TestConflictRecordOfLiveWindowLeftAlone: a second window of the same
// person opening the page while the first still holds the conflict does
// not take it over; once the first is gone, the next window does.
func TestConflictRecordOfLiveWindowLeftAlone(t *testing.T) {
	h, _, l := conflictedOn(t, liveSQLite)
	h.idle()
	second := restart(t, l)
	if second.w.inConflict() || strings.HasPrefix(second.w.body.Text(), mineText) {
		t.Errorf("a second window took over the conflict the first still holds (conflict %v, editor %.30q)", second.w.inConflict(), second.w.body.Text())
	}
	if n := len(records(t, l)); n != 1 {
		t.Fatalf("%d records after the second window opened, want the first window's", n)
	}
	crash(h)
	third := restart(t, l)
	if !third.w.inConflict() || !strings.HasPrefix(third.w.body.Text(), mineText) {
		t.Errorf("after the first window died the next one shows conflict %v, editor %.30q", third.w.inConflict(), third.w.body.Text())
	}
	if _, err := os.Stat(recoveryDir(filepath.Join(l.dir, "recovery")).lockPath(h.w.id)); err == nil {
		t.Error("the dead window's lock file is left")
	}
}

// BenchmarkConflictRecordWrite is the write of a recovery record (temp
// file, fsync, rename, folder fsync) of a section of a typical size;
// BenchmarkConflictRecordPeerSectionSave, its peer, is the save of the
// same text to the SQLite store that a section not in conflict gets.
func BenchmarkConflictRecordWrite(b *testing.B) {
	d := recoveryDir(filepath.Join(b.TempDir(), "recovery"))
	rec := conflictRecord{Page: uuid.New(), Section: uuid.New(), Body: strings.Repeat(mineText, 100), Owner: uuid.New()}
	for b.Loop() {
		if err := d.write(rec); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkConflictRecordPeerSectionSave(b *testing.B) {
	db := mustOpenSeeded(b)
	ctx := b.Context()
	p, err := db.FindPageBySlug(ctx, sampleSlug)
	if err != nil {
		b.Fatal(err)
	}
	sec, body := p.Sections[0], strings.Repeat(mineText, 100)
	for b.Loop() {
		if sec, err = db.UpdateSection(ctx, sec.ID, sectionUpdate(sec.Heading, body, sec.Version)); err != nil {
			b.Fatal(err)
		}
	}
}
