//go:build !nogui

package app

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// The recovery fault test runs a window holding a conflict in a child
// process that types a new text into the section in conflict round after
// round, and kills it with SIGKILL at random moments. After each typing
// pause the child waits for the saver to have written the recovery record
// and prints "recorded R". After every kill the record must parse, be
// about the section in conflict and hold the text of a round no older than
// the last recorded one; a window opened next must show the conflict with
// that text.

const (
	recoveryDBEnv    = "POLICYEDITOR_TEST_RECOVERY_DB"
	recoveryRoundEnv = "POLICYEDITOR_TEST_RECOVERY_ROUND"
	// recoveryKills: each kill starts a process, so fewer than the other
	// fault tests; enough for some to land mid-write (the body is long).
	recoveryKills = 20
)

func init() { recoveryChild = runRecoveryChild }

// conflictRoundText is what round r types into the section in conflict:
// long, so that a kill lands inside a write of the record now and then.
func conflictRoundText(r int) string {
	return fmt.Sprintf("جولة التعارض %d\n", r) + strings.Repeat("نصٌّ كُتب أثناء التعارض ولم يُحفظ بعد. ", 2000) + "نهاية."
}

var conflictRoundOf = regexp.MustCompile(`^جولة التعارض ([0-9]+)\n`)

func runRecoveryChild() int {
	marks := os.NewFile(3, "marks")
	fail := func(err error) int {
		fmt.Fprintln(marks, "error", err)
		return 1
	}
	if err := loadTranslations(); err != nil {
		return fail(err)
	}
	round, err := strconv.Atoi(os.Getenv(recoveryRoundEnv))
	if err != nil {
		return fail(err)
	}
	path := os.Getenv(recoveryDBEnv)
	db, err := sqlite.Open(path)
	if err != nil {
		return fail(err)
	}
	a := test.NewApp()
	a.Settings().SetTheme(richview.NewTheme())
	win := a.NewWindow("")
	ctx := context.Background()
	w := newWorkbench(ctx, db, win, a.Preferences(), stamper(db))
	w.recovery = recoveryDir(filepath.Join(filepath.Dir(path), "recovery"))
	w.background = func(f func()) { f() }
	var idle func()
	w.after = func(_ time.Duration, f func()) func() {
		idle = f
		return func() { idle = nil }
	}
	// Everything, the saver too, runs on this goroutine: the kill lands
	// wherever it is, inside a write of the record as well.
	w.saver.report = func(saveState) {}
	win.SetContent(w.content())
	win.Resize(fyne.NewSize(1200, 800))
	w.loadPages(w.restoredPage())
	if err := w.saver.runQueued(ctx); err != nil {
		return fail(err)
	}
	if !w.opened || len(w.secs) == 0 {
		return fail(fmt.Errorf("no page opened"))
	}
	if w.inConflict() {
		fmt.Fprintln(marks, "resumed") // from the record the last window left
	} else { // the first child: someone else saves first
		id, version := w.secs[0].ref.get()
		if _, err := db.UpdateSection(ctx, id, sectionUpdate(w.secs[0].heading, theirsText, version)); err != nil {
			return fail(err)
		}
		w.body.Replace(0, 0, mineText)
		idle()
		if err := w.saver.runQueued(ctx); err != nil {
			return fail(err)
		}
		if !w.inConflict() {
			return fail(fmt.Errorf("no conflict"))
		}
	}
	fmt.Fprintln(marks, "ready")
	for ; ; round++ {
		w.body.Replace(0, 1<<30, conflictRoundText(round))
		fmt.Fprintln(marks, "typed", round) // in the editor; the typing pause and the write follow
		idle()
		if err := w.saver.runQueued(ctx); err != nil {
			return fail(err)
		}
		fmt.Fprintln(marks, "recorded", round)
	}
}

// recoveryRun is what the parent keeps across the children.
type recoveryRun struct {
	t        *testing.T
	db       string
	dir      recoveryDir
	next     int // the next child's first round
	recorded int // the last round recorded (-1: none yet)
	// the longest times seen from "typed" to "recorded" (the write of the
	// record) and from "recorded" to the next "typed" (typing)
	writing, typing time.Duration
	inWrite         int // kills aimed at the write
	resumed         int // children that found the conflict from the record
	rng             *rand.Rand
}

// killOne runs one child and kills it after a random number of rounds,
// mostly within the time a write of the record takes after "typed" (a
// write is a few milliseconds of a round that types a long text), else
// anywhere in a round.
func (s *recoveryRun) killOne() (typed int) {
	marks, errOut, stop := startChild(s.t, recoveryChildEnv+"=1", recoveryDBEnv+"="+s.db, recoveryRoundEnv+"="+strconv.Itoa(s.next))
	defer stop()
	typed = s.next - 1
	read := func(m string) {
		f := strings.Fields(m)
		switch {
		case m == "":
			s.t.Fatalf("the recovery child died: %s", errOut.String())
		case len(f) == 2 && f[0] == "typed":
			typed, _ = strconv.Atoi(f[1])
		case len(f) == 2 && f[0] == "recorded":
			s.recorded, _ = strconv.Atoi(f[1])
		case m == "resumed":
			s.resumed++
		case m == "ready":
		default:
			s.t.Fatalf("the recovery child: %s", m)
		}
	}
	want, seen, last := 1+s.rng.IntN(4), 0, time.Now()
	for {
		m := <-marks
		read(m)
		switch {
		case strings.HasPrefix(m, "typed"):
			s.typing = max(s.typing, time.Since(last))
			seen++
		case strings.HasPrefix(m, "recorded"):
			s.writing = max(s.writing, time.Since(last))
		}
		last = time.Now()
		if seen >= want && strings.HasPrefix(m, "typed") && s.writing > 0 {
			break
		}
	}
	window := s.writing + s.typing
	if s.rng.IntN(3) > 0 {
		window = s.writing * 6 / 5
		s.inWrite++
	}
	time.Sleep(time.Duration(s.rng.Int64N(int64(window) + 1)))
	stop()
	for m := <-marks; m != ""; m = <-marks {
		read(m)
	}
	return typed
}

// check reads the record after a kill of a child that typed up to round
// typed, and opens a window on the store, which must resume the conflict.
func (s *recoveryRun) check(kill, typed int) {
	t := s.t
	names, err := filepath.Glob(filepath.Join(string(s.dir), "*"+recordExt))
	if err != nil || len(names) != 1 {
		t.Fatalf("kill %d: recovery records %v (%v), want one", kill, names, err)
	}
	rec, err := readRecord(names[0])
	if err != nil {
		t.Fatalf("kill %d: %v", kill, err)
	}
	round := -1
	if m := conflictRoundOf.FindStringSubmatch(rec.Body); m != nil {
		round, _ = strconv.Atoi(m[1])
		if rec.Body != conflictRoundText(round) {
			t.Fatalf("kill %d: the record holds round %d's text cut short (%d bytes)", kill, round, len(rec.Body))
		}
	} else if !strings.HasPrefix(rec.Body, mineText) {
		t.Fatalf("kill %d: the record holds %.40q", kill, rec.Body)
	}
	if round < s.recorded || round > typed {
		t.Fatalf("kill %d: the record holds round %d; recorded up to %d, typed up to %d", kill, round, s.recorded, typed)
	}
	db := mustOpenAt(t, s.db)
	h := openOn(t, newTestApp(t), db, filepath.Dir(s.db))
	if !h.w.inConflict() || h.w.secs[0].body != rec.Body || secID(h.w.secs[0]) != rec.Section {
		t.Fatalf("kill %d: the next window shows conflict %v, text %.30q; want the conflict with round %d", kill, h.w.inConflict(), h.w.secs[0].body, round)
	}
	if got := h.storedBody(0); got != theirsText {
		t.Fatalf("kill %d: stored %.30q over theirs", kill, got)
	}
	crash(h) // its lock goes, so the next child takes the conflict over
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestFaultKillConflictRecovery: SIGKILL of a window holding a conflict
// never leaves a torn or stale recovery record, and the next window
// resumes the conflict from it.
func TestFaultKillConflictRecovery(t *testing.T) {
	db := mustOpenSeeded(t)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("random seed %d", seed)
	s := &recoveryRun{t: t, db: db.Path(), dir: recoveryDir(filepath.Join(filepath.Dir(db.Path()), "recovery")),
		recorded: -1, rng: rand.New(rand.NewPCG(seed, 4))}
	for i := range recoveryKills {
		typed := s.killOne()
		s.check(i, typed)
		s.next = typed + 1
	}
	temps, _ := filepath.Glob(filepath.Join(string(s.dir), ".tmp-*"))
	t.Logf("%d kills (%d aimed at a write, which took up to %v), %d rounds typed, %d temporary files left by kills mid-write",
		recoveryKills, s.inWrite, s.writing, s.next, len(temps))
	if s.resumed != recoveryKills-1 {
		t.Errorf("%d of %d children after the first resumed the conflict from the record", s.resumed, recoveryKills-1)
	}
	if s.recorded < 0 {
		t.Error("no round was recorded before a kill: the kills landed too early to test much")
	}
}

func secID(s *secState) uuid.UUID {
	id, _ := s.ref.get()
	return id
}
