//go:build !nogui

package app

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// The autosave fault test runs the window (the workbench on Fyne's test
// driver, its saver on its own goroutine as in the app) in a child process
// that edits sections round after round and never stops, and kills it with
// SIGKILL at random moments, while another connection takes the write
// lock now and then (holdWriteLockAtTimes). Each round types a new text into two
// sections, as a user does: the first is queued when the second is
// selected, the second when typing pauses; after every ackEvery rounds
// the child waits until the status line says Saved, which the saver
// reports only after the store committed every queued write, and prints
// "saved R" for each of them. After every kill: PRAGMA
// integrity_check is ok, no section holds less than its last acknowledged
// text, the saves reached the store in the order they were queued, the
// page has all its sections and no file but the database's is left.

// Settings of the autosave child, beside autosaveChildEnv.
const (
	autosaveDBEnv    = "POLICYEDITOR_TEST_AUTOSAVE_DB"
	autosaveRoundEnv = "POLICYEDITOR_TEST_AUTOSAVE_ROUND" // the first round's number
	// autosaveEarlyAckEnv, if "1", makes the child acknowledge a round as
	// soon as its saves are queued, before the store commits them: the
	// broken window the test must catch.
	autosaveEarlyAckEnv = "POLICYEDITOR_TEST_AUTOSAVE_EARLY_ACK"
)

func init() { autosaveChild = runAutosaveChild }

// roundText is what round r types into the section at pos.
func roundText(r, pos int) string { return fmt.Sprintf("نص الجولة %d للقسم %d", r, pos) }

var roundOf = regexp.MustCompile(`^نص الجولة ([0-9]+) للقسم ([0-9]+)$`)

// roundSections are the two sections round r edits, of n (even, at least
// 2*ackEvery): the rounds between two waits for Saved edit different
// sections, so no queued write is replaced by a later one (the saver would
// merge them) and the store must hold a prefix of the queue.
func roundSections(r, n int) (a, b int) {
	return 2 * r % n, (2*r + 1) % n
}

// ackEvery: the child waits for Saved after every ackEvery rounds and then
// acknowledges them, so writes of several rounds queue up behind each
// other, as they do while the disk is slow, and their order is tested.
const ackEvery = 4

// runAutosaveChild is the child: it reports "ready", then "edit R" and
// "saved R" for every round on file descriptor 3, until it is killed.
func runAutosaveChild() int {
	marks := os.NewFile(3, "marks")
	fail := func(err error) int {
		fmt.Fprintln(marks, "error", err)
		return 1
	}
	if err := loadTranslations(); err != nil {
		return fail(err)
	}
	round, err := strconv.Atoi(os.Getenv(autosaveRoundEnv))
	if err != nil {
		return fail(err)
	}
	early := os.Getenv(autosaveEarlyAckEnv) == "1"
	db, err := sqlite.Open(os.Getenv(autosaveDBEnv))
	if err != nil {
		return fail(err)
	}
	a := test.NewApp()
	a.Settings().SetTheme(richview.NewTheme())
	win := a.NewWindow("")
	ctx := context.Background()
	w := newWorkbench(ctx, db, win, a.Preferences(), stamper(db))
	w.background = func(f func()) { f() }
	var idle func()
	w.after = func(_ time.Duration, f func()) func() {
		idle = f
		return func() { idle = nil }
	}
	// The saver reports to the UI goroutine, as fyne.Do does in the app
	// (the test driver's fyne.Do would run it on the saver's goroutine).
	states := make(chan saveState, 64)
	w.saver.report = func(st saveState) { states <- st }
	win.SetContent(w.content())
	win.Resize(fyne.NewSize(1200, 800))
	w.loadPages(w.restoredPage())
	if !w.opened || len(w.secs) < 2 {
		return fail(fmt.Errorf("no page with two sections opened"))
	}
	if err := holdWriteLockAtTimes(os.Getenv(autosaveDBEnv)); err != nil {
		return fail(err)
	}
	go w.saver.run(ctx)
	fmt.Fprintln(marks, "ready")
	typeIn := func(pos, r int) {
		w.sectionList.Select(pos) // selecting another section queues the edited one
		w.body.Replace(0, 1<<30, roundText(r, pos))
	}
	if n := len(w.secs); n%2 != 0 || n < 2*ackEvery {
		return fail(fmt.Errorf("the page has %d sections: want an even number, at least %d", n, 2*ackEvery))
	}
	for first := round; ; round++ {
		fmt.Fprintln(marks, "edit", round)
		x, y := roundSections(round, len(w.secs))
		typeIn(x, round)
		typeIn(y, round)
		if idle == nil {
			return fail(fmt.Errorf("typing did not start the idle save"))
		}
		idle() // typing paused
		if early {
			fmt.Fprintln(marks, "saved", round)
		}
		for len(states) > 0 { // the UI goroutine handles what came meanwhile
			w.onSaveState(<-states)
		}
		if round%ackEvery != ackEvery-1 {
			continue
		}
		for w.status.Text() != lang.L("Saved") || len(states) > 0 {
			w.onSaveState(<-states)
		}
		for r := first; !early && r <= round; r++ {
			fmt.Fprintln(marks, "saved", r)
		}
		first = round + 1
	}
}

// holdWriteLockAtTimes starts a goroutine that, like another window or a
// publish in another process, takes the database's write lock for a few
// milliseconds at a time: the window's writes wait for it and queue up
// behind each other, so the kills find several writes queued.
func holdWriteLockAtTimes(path string) error {
	other, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000&_txlock=immediate")
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3))
	ms := func() time.Duration { return time.Duration(2+rng.IntN(15)) * time.Millisecond }
	go func() {
		for {
			tx, err := other.Begin()
			if err != nil {
				continue
			}
			time.Sleep(ms())
			_ = tx.Rollback()
			time.Sleep(ms())
		}
	}()
	return nil
}

// autosaveRun is the state the parent keeps across the children.
type autosaveRun struct {
	t      *testing.T
	dir    string
	db     string
	n      int           // sections of the page
	stored []int         // each section's round in the store (-1: the imported text)
	acked  []int         // each section's last acknowledged round (-1: none)
	rounds int           // rounds acknowledged
	next   int           // the next child's first round
	gap    time.Duration // the longest time seen between two marks
	rng    *rand.Rand
}

// storedRounds reads each section's round from the store, in position
// order.
func (s *autosaveRun) storedRounds() ([]int, error) {
	d := openRaw(s.t, s.db)
	defer d.Close()
	rows, err := d.Query(`SELECT s.body FROM sections s JOIN pages p ON p.id = s.page_id WHERE p.slug = 'privacy' ORDER BY s.position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, err
		}
		r := -1
		if m := roundOf.FindStringSubmatch(body); m != nil {
			r, _ = strconv.Atoi(m[1])
			if pos, _ := strconv.Atoi(m[2]); pos != len(out) {
				return nil, fmt.Errorf("section %d holds the text typed into section %d", len(out), pos)
			}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// killOne runs one child and kills it after a random number of its marks
// plus a random part of the longest time seen between two of them (the
// wait for Saved, while the queued writes are done, which would be missed
// if the kill followed only the short gaps between typed rounds); it returns the rounds
// the child began and acknowledged.
func (s *autosaveRun) killOne() (began, acked []int, err error) {
	marks, errOut, stop := startChild(s.t, autosaveChildEnv+"=1", autosaveDBEnv+"="+s.db, autosaveRoundEnv+"="+strconv.Itoa(s.next))
	defer stop()
	want := 1 + s.rng.IntN(24) // marks to see before the kill (about three windows)
	last := time.Now()
	seen := 0
	read := func(m string) error {
		f := strings.Fields(m)
		switch {
		case m == "":
			return fmt.Errorf("the autosave child died: %s", errOut.String())
		case len(f) == 2 && f[0] == "edit":
			r, _ := strconv.Atoi(f[1])
			began = append(began, r)
		case len(f) == 2 && f[0] == "saved":
			r, _ := strconv.Atoi(f[1])
			acked = append(acked, r)
		case m == "ready":
		default:
			return fmt.Errorf("the autosave child: %s", m)
		}
		return nil
	}
	for seen < want {
		m := <-marks
		if err := read(m); err != nil {
			return nil, nil, err
		}
		if m != "ready" {
			seen++
			s.gap, last = max(s.gap, time.Since(last)), time.Now()
		} else {
			last = time.Now()
		}
	}
	time.Sleep(time.Duration(s.rng.Int64N(int64(s.gap) + 1)))
	stop()
	for m := <-marks; m != ""; m = <-marks { // marks written before the kill
		if err := read(m); err != nil {
			return nil, nil, err
		}
	}
	return began, acked, nil
}

// check checks the store after a kill of a child that began the rounds
// began (from a store holding s.stored).
func (s *autosaveRun) check(kill int, began []int) error {
	d := openRaw(s.t, s.db)
	var res string
	err := d.QueryRow(`PRAGMA integrity_check`).Scan(&res)
	d.Close()
	if err != nil || res != "ok" {
		return fmt.Errorf("kill %d: integrity_check = %q, %v", kill, res, err)
	}
	got, err := s.storedRounds()
	if err != nil {
		return fmt.Errorf("kill %d: %w", kill, err)
	}
	if len(got) != s.n {
		return fmt.Errorf("kill %d: the page has %d sections, want %d", kill, len(got), s.n)
	}
	// No acknowledged save lost: each section holds its last acknowledged
	// round's text or a later one.
	for pos, want := range s.acked {
		if got[pos] < want {
			return fmt.Errorf("kill %d: section %d holds round %d, but round %d was acknowledged (an acknowledged save lost)", kill, pos, got[pos], want)
		}
	}
	// In order: the store holds what it held before this child plus the
	// first k of the child's saves, for some k.
	var saves [][2]int // round, section, in queue order
	for _, r := range began {
		a, b := roundSections(r, s.n)
		saves = append(saves, [2]int{r, a}, [2]int{r, b})
	}
	ordered := false
	for k := 0; k <= len(saves) && !ordered; k++ {
		want := append([]int(nil), s.stored...)
		for _, sv := range saves[:k] {
			want[sv[1]] = sv[0]
		}
		ordered = equalInts(want, got)
	}
	if !ordered {
		return fmt.Errorf("kill %d: the store holds rounds %v: not the earlier %v plus the first saves of %v in order", kill, got, s.stored, saves)
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if n := e.Name(); n != "drafts.db" && n != "drafts.db-wal" && n != "drafts.db-shm" && n != "site" {
			return fmt.Errorf("kill %d: a file was left beside the database: %s", kill, n)
		}
	}
	s.stored = got
	return nil
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// newAutosaveRun imports the seed into a new database.
func newAutosaveRun(t *testing.T) *autosaveRun {
	dir := t.TempDir()
	s := &autosaveRun{t: t, dir: dir, db: filepath.Join(dir, "drafts.db")}
	mustRun(t, s.db, "import", seedPath, "--slug", "privacy")
	seed := uint64(time.Now().UnixNano())
	t.Logf("random seed %d", seed)
	s.rng = rand.New(rand.NewPCG(seed, 2))
	var err error
	if s.stored, err = s.storedRounds(); err != nil {
		t.Fatal(err)
	}
	s.n = len(s.stored)
	s.acked = slices.Repeat([]int{-1}, s.n)
	return s
}

// kill runs and kills one child and checks the store.
func (s *autosaveRun) kill(i int) error {
	began, acked, err := s.killOne()
	if err != nil {
		s.t.Fatal(err)
	}
	if len(began) > 0 {
		s.next = began[len(began)-1] + 1
	}
	for _, r := range acked {
		a, b := roundSections(r, s.n)
		s.acked[a], s.acked[b] = r, r
	}
	s.rounds += len(acked)
	return s.check(i, began)
}

func TestFaultKillAutosave(t *testing.T) {
	s := newAutosaveRun(t)
	for i := range minKills {
		if err := s.kill(i); err != nil {
			t.Fatal(err)
		}
	}
	if s.rounds < minKills {
		t.Errorf("only %d rounds acknowledged in %d kills: the kills landed too early to test much", s.rounds, minKills)
	}
	t.Logf("%d kills, %d rounds begun, %d acknowledged", minKills, s.next, s.rounds)
}

// TestFaultKillAutosaveCatchesEarlyAck runs the child that acknowledges a
// round before the store commits it: the checks above must catch a lost
// save within a few kills, or they could not fail.
func TestFaultKillAutosaveCatchesEarlyAck(t *testing.T) {
	t.Setenv(autosaveEarlyAckEnv, "1")
	s := newAutosaveRun(t)
	for i := range 3 * minKills {
		if err := s.kill(i); err != nil {
			if !strings.Contains(err.Error(), "acknowledged save lost") {
				t.Fatalf("want a lost acknowledged save, got: %v", err)
			}
			t.Logf("caught after %d kills: %v", i+1, err)
			return
		}
	}
	t.Fatalf("%d kills of a child that acknowledges before the commit, and no lost save was seen", 3*minKills)
}
