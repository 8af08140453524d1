package app

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The fault tests kill the command line with SIGKILL at random moments,
// at least minKills times per write path, and check after every kill:
//   - PRAGMA integrity_check is ok;
//   - what is live on the target is in the history, or is a pending
//     intended publication that the next run records;
//   - after the next run (not killed): what is live is in the history,
//     no intent is pending and no temporary file is left;
//   - no acknowledged save or publication is lost.

const minKills = 30

// faultRun runs the command line in a child that reports when the command
// starts and ends and then waits (cliHoldEnv), and kills it with SIGKILL
// at a delay chosen by k after the start. If the command ended first it
// is killed at once (a harmless kill: everything it wrote is done) and
// the run counts as ended. It reports whether the command finished, its
// exit status and stdout.
func faultRun(t *testing.T, db string, k *killer, args ...string) (finished bool, code int, out string) {
	t.Helper()
	finished, code, out, took := holdRun(t, db, k.delay(), args...)
	if finished {
		k.ended(took)
	} else {
		k.kills++
	}
	return finished, code, out
}

// holdRun runs the command as faultRun does, killing it kill after its
// start (never if kill < 0), and also returns how long it took to its end.
func holdRun(t *testing.T, db string, kill time.Duration, args ...string) (finished bool, code int, out string, took time.Duration) {
	t.Helper()
	cmd := cliCommand(t, db, args...)
	cmd.Env = append(cmd.Env, cliHoldEnv+"=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	marks, err := startWithMarks(cmd)
	if err != nil {
		t.Fatal(err)
	}
	stop := func() string {
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		return stdout.String()
	}
	if m := <-marks; m != "start" {
		stop()
		t.Fatalf("%s: the child did not start (mark %q)", strings.Join(args, " "), m)
	}
	t0 := time.Now()
	var timer <-chan time.Time // nil: wait for the end
	if kill >= 0 {
		timer = time.After(kill)
	}
	var m string
	select {
	case m = <-marks:
		if m == "" { // it died, and not by our kill
			stop()
			t.Fatalf("%s: the child died on its own: %v\nstderr: %s", strings.Join(args, " "), cmd.ProcessState, stderr.String())
		}
	case <-timer:
		_ = cmd.Process.Signal(syscall.SIGKILL)
		m = <-marks // "" unless it ended just before the kill
	}
	took = time.Since(t0)
	out = stop()
	if m == "" {
		return false, -1, out, took
	}
	code, err = strconv.Atoi(strings.TrimPrefix(m, "end "))
	if err != nil {
		t.Fatalf("%s: bad mark %q from the child", strings.Join(args, " "), m)
	}
	return true, code, out, took
}

// startWithMarks starts cmd with a pipe as its file descriptor 3 and
// returns its lines ("" once it is closed, when the child has died).
func startWithMarks(cmd *exec.Cmd) (<-chan string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd.ExtraFiles = []*os.File{w}
	err = cmd.Start()
	w.Close()
	if err != nil {
		r.Close()
		return nil, err
	}
	marks := make(chan string, 4)
	go func() {
		defer r.Close()
		defer close(marks)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			marks <- sc.Text()
		}
	}()
	return marks, nil
}

// killer chooses the moments of the kills of one path and counts them.
// A kill lands at a uniform random delay after the command starts (the
// child's process start, which under load varies more than the command,
// is not in the window), up to 1.2 times the median duration of the last
// runs that ended: the window follows the machine's load. A window
// measured once, while the machine was busy, let most later runs end
// before their kill; one measured while it was idle would never reach the
// end of a run. The 20% beyond the median reaches the last steps of the
// longer runs. Runs that end before their kill are checked like the
// others; they just do not count as kills.
type killer struct {
	t      *testing.T
	rng    *rand.Rand
	recent []time.Duration // durations of the last runs that ended
	kills  int
	ends   int
}

// newKiller measures three runs of full (each timing the command to its
// end with timed) to set the first window.
func newKiller(t *testing.T, full func() time.Duration) *killer {
	seed := uint64(time.Now().UnixNano())
	t.Logf("random seed %d", seed)
	k := &killer{t: t, rng: rand.New(rand.NewPCG(seed, 1))}
	for range 3 {
		k.recent = append(k.recent, full())
	}
	return k
}

// window is the median duration of the recent runs that ended.
func (k *killer) window() time.Duration {
	s := slices.Clone(k.recent)
	slices.Sort(s)
	return s[len(s)/2]
}

func (k *killer) delay() time.Duration {
	return time.Duration(k.rng.Int64N(int64(k.window())*6/5 + 1))
}

// ended records a run that ended after d.
func (k *killer) ended(d time.Duration) {
	k.ends++
	k.recent = append(k.recent, d)
	if len(k.recent) > 5 {
		k.recent = k.recent[1:]
	}
}

// done reports whether minKills kills have landed mid-way. The cap on
// runs is a guard against a broken window, not a load limit: with the
// window following the runs' durations, few runs end first (a run ends
// first only if it is shorter than its kill's delay, and the window is
// the runs' median).
func (k *killer) done() bool {
	if k.ends > 10*minKills {
		k.t.Fatalf("only %d of %d runs were killed before they ended (window %v)", k.kills, k.kills+k.ends, k.window())
	}
	return k.kills >= minKills
}

func (k *killer) report() {
	k.t.Logf("%d runs killed mid-way, %d ended before the kill (last window %v)", k.kills, k.ends, k.window())
}

// timed is how long one run of the command takes from its start to its
// end (the child's process start excluded), run as faultRun runs it.
func timed(t *testing.T, db string, args ...string) time.Duration {
	t.Helper()
	finished, code, _, took := holdRun(t, db, -1, args...)
	if !finished || code != 0 {
		t.Fatalf("%s: exit %d", strings.Join(args, " "), code)
	}
	return took
}

func openRaw(t *testing.T, db string) *sql.DB {
	t.Helper()
	d, err := sql.Open("sqlite3", "file:"+db+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func checkIntegrity(t *testing.T, db string) {
	t.Helper()
	d := openRaw(t, db)
	defer d.Close()
	var res string
	if err := d.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check = %q, %v", res, err)
	}
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// liveState says whether the live page of slug on target (at file) is in
// its history and whether it is pending.
func liveState(t *testing.T, db, slug, target, file string) (exists, inHistory, pending bool) {
	t.Helper()
	live, err := os.ReadFile(file)
	if err != nil {
		return false, false, false
	}
	h := sha(live)
	d := openRaw(t, db)
	defer d.Close()
	var n, m int
	if err := d.QueryRow(`SELECT count(*) FROM publications p JOIN pages g ON g.id = p.page_id
		WHERE g.slug = ? AND p.target_name = ? AND p.hash = ?`, slug, target, h).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if err := d.QueryRow(`SELECT count(*) FROM pending_publications WHERE target_name = ? AND hash = ?`, target, h).Scan(&m); err != nil {
		t.Fatal(err)
	}
	return true, n > 0, m > 0
}

func pendingCount(t *testing.T, db string) int {
	d := openRaw(t, db)
	defer d.Close()
	var n int
	if err := d.QueryRow(`SELECT count(*) FROM pending_publications`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func hasPublication(t *testing.T, db, hashPrefix string) bool {
	d := openRaw(t, db)
	defer d.Close()
	var n int
	if err := d.QueryRow(`SELECT count(*) FROM publications WHERE substr(hash, 1, 12) = ?`, hashPrefix).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n > 0
}

func tempsIn(t *testing.T, root string) []string {
	var out []string
	filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(e.Name(), ".policyeditor-tmp-") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// acknowledged is the hash prefix of the publications a run reported.
var acknowledged = regexp.MustCompile(`version [0-9]+ \(([0-9a-f]{12})\)`)

// checkAfterKill checks the pages right after a kill and after the next,
// unkilled run of recover.
func checkAfterKill(t *testing.T, i int, db, site string, slugs []string, acked []string, recoverArgs ...string) {
	t.Helper()
	checkIntegrity(t, db)
	for _, s := range slugs {
		if ex, in, pend := liveState(t, db, s, "site", filepath.Join(site, s, "index.html")); ex && !in && !pend {
			t.Fatalf("kill %d: the live page %s is neither in the history nor pending", i, s)
		}
	}
	if code, _, errOut := runChild(t, db, recoverArgs...); code != 0 {
		t.Fatalf("kill %d: the next run %v: exit %d: %s", i, recoverArgs, code, errOut)
	}
	checkIntegrity(t, db)
	for _, s := range slugs {
		if ex, in, _ := liveState(t, db, s, "site", filepath.Join(site, s, "index.html")); ex && !in {
			t.Fatalf("kill %d: after the next run the live page %s is not in the history", i, s)
		}
	}
	if n := pendingCount(t, db); n != 0 {
		t.Fatalf("kill %d: %d intended publications still pending after the next run", i, n)
	}
	if temps := tempsIn(t, site); len(temps) > 0 {
		t.Fatalf("kill %d: temporary files left after the next run: %v", i, temps)
	}
	for _, h := range acked {
		if !hasPublication(t, db, h) {
			t.Fatalf("kill %d: the acknowledged publication %s is not in the history", i, h)
		}
	}
}

func TestFaultKillPublish(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	site := filepath.Join(dir, "site")
	mustRun(t, db, "import", seedPath, "--slug", "privacy")
	n := 0
	k := newKiller(t, func() time.Duration {
		n++
		editFirstSection(t, db, "privacy", fmt.Sprintf("قياس %d", n))
		return timed(t, db, "publish", "privacy")
	})
	var acked []string
	for i := 0; !k.done(); i++ {
		body := fmt.Sprintf("نص النشر رقم %d", i)
		editFirstSection(t, db, "privacy", body) // content changes between publishes
		finished, code, out := faultRun(t, db, k, "publish", "privacy")
		if finished && code == 0 {
			acked = append(acked, acknowledged.FindAllStringSubmatch(out, -1)[0][1])
		}
		checkAfterKill(t, i, db, site, []string{"privacy"}, acked, "publish", "privacy")
		if got := draftBody(t, db, "privacy"); got != body {
			t.Fatalf("kill %d: the saved draft is %q, want %q", i, got, body)
		}
	}
	k.report()
}

func TestFaultKillPublishAll(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	site := filepath.Join(dir, "site")
	slugs := []string{"a-privacy", "b-terms", "c-cookies", "d-refunds", "e-security", "f-ads"}
	for _, s := range slugs {
		mustRun(t, db, "import", seedPath, "--slug", s)
	}
	n := 0
	k := newKiller(t, func() time.Duration {
		n++
		editFirstSection(t, db, slugs[n%len(slugs)], fmt.Sprintf("قياس %d", n))
		return timed(t, db, "publish", "--all")
	})
	for i := 0; !k.done(); i++ {
		editFirstSection(t, db, slugs[i%len(slugs)], fmt.Sprintf("نص %d", i))
		editFirstSection(t, db, slugs[(i+3)%len(slugs)], fmt.Sprintf("نص آخر %d", i))
		faultRun(t, db, k, "publish", "--all")
		checkAfterKill(t, i, db, site, slugs, nil, "publish", "--all")
	}
	k.report()
}

func TestFaultKillRollback(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	site := filepath.Join(dir, "site")
	mustRun(t, db, "import", seedPath, "--slug", "privacy")
	for v := range 3 {
		editFirstSection(t, db, "privacy", fmt.Sprintf("النسخة %d", v+1))
		mustRun(t, db, "publish", "privacy")
	}
	k := newKiller(t, func() time.Duration { return timed(t, db, "rollback", "privacy", "--to", "1") })
	for i := 0; !k.done(); i++ {
		to := fmt.Sprint(i%3 + 1)
		faultRun(t, db, k, "rollback", "privacy", "--to", to)
		checkAfterKill(t, i, db, site, []string{"privacy"}, nil, "rollback", "privacy", "--to", to)
	}
	k.report()
}

func TestFaultKillImport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	mustRun(t, db, "pages") // create the database
	n := 0
	k := newKiller(t, func() time.Duration {
		n++
		return timed(t, db, "import", seedPath, "--slug", fmt.Sprintf("measure-%d", n))
	})
	var acked []string
	for i := 0; !k.done(); i++ {
		slug := fmt.Sprintf("import-%d", i)
		finished, code, _ := faultRun(t, db, k, "import", seedPath, "--slug", slug)
		if finished && code == 0 {
			acked = append(acked, slug)
		}
		checkIntegrity(t, db)
		d := openRaw(t, db)
		var sections int
		err := d.QueryRow(`SELECT count(*) FROM sections s JOIN pages p ON p.id = s.page_id WHERE p.slug = ?`, slug).Scan(&sections)
		d.Close()
		if err != nil {
			t.Fatal(err)
		}
		if sections != 0 && sections != 8 {
			t.Fatalf("kill %d: page %s has %d sections, want all 8 or none", i, slug, sections)
		}
		for _, s := range acked {
			if _, _, errOut := run(t, db, "export", s); errOut != "" {
				t.Fatalf("kill %d: the acknowledged import %s is lost: %s", i, s, errOut)
			}
		}
	}
	k.report()
}

// TestFaultFullDisk runs every write path on a full disk: first the
// database's (RLIMIT_FSIZE: no file may grow past 40 KB, room for SQLite's
// 32 KB shared-memory file but not for a 100 KB page in its log), then
// the target's (a 64 KB tmpfs as the web root, when the test may mount
// one). Each run fails with one clear line, the database stays whole, the
// live page stays in the history, and the next run (with room) cleans up.
func TestFaultFullDisk(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	site := filepath.Join(dir, "site")
	mustRun(t, db, "import", seedPath, "--slug", "privacy")
	mustRun(t, db, "publish", "privacy")
	editFirstSection(t, db, "privacy", "نص ثان")
	mustRun(t, db, "publish", "privacy")
	big := strings.Repeat("نص طويل لا يتسع له القرص. ", 4000) // about 100 KB
	paths := [][]string{
		{"import", seedPath, "--slug", "full"},
		{"publish", "privacy"},
		{"publish", "--all"},
		{"rollback", "privacy", "--to", "1"},
	}
	runFull := func(layer string, env []string, paths [][]string) {
		for _, args := range paths {
			if args[0] == "publish" {
				editFirstSection(t, db, "privacy", big+strings.Join(args, " "))
			}
			live := filepath.Join(site, "privacy", "index.html")
			before, _ := os.ReadFile(live)
			cmd := cliCommand(t, db, args...)
			cmd.Env = append(cmd.Env, env...)
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			err := cmd.Run()
			msg := strings.TrimSpace(errOut.String())
			if i := strings.LastIndex(msg, "\n"); i >= 0 && strings.HasPrefix(msg, "[") {
				msg = msg[i+1:] // publish --all: the progress lines, then the error
			}
			if err == nil || msg == "" || strings.Contains(msg, "\n") || strings.Contains(errOut.String(), "goroutine") ||
				!(strings.Contains(msg, "too large") || strings.Contains(msg, "no space") || strings.Contains(msg, "full")) {
				t.Errorf("%s full, %v: %v, stderr %q; want exit 1 with one line saying the disk is full", layer, args, err, errOut.String())
			}
			t.Logf("%s full, %v: %s", layer, args, msg)
			checkIntegrity(t, db)
			if after, _ := os.ReadFile(live); !bytes.Equal(before, after) {
				if _, in, pend := liveState(t, db, "privacy", "site", live); !in && !pend {
					t.Errorf("%s full, %v: the live page changed to bytes not in the history", layer, args)
				}
			}
			editFirstSection(t, db, "privacy", "نص قصير بعد "+strings.Join(args, " ")) // fits again
			checkAfterKill(t, 0, db, site, []string{"privacy"}, nil, "publish", "--all")
		}
	}
	runFull("database", []string{cliFileSizeEnv + "=40960"}, paths)

	// A big version in the history, for the rollback on the full target.
	editFirstSection(t, db, "privacy", big)
	out := mustRun(t, db, "publish", "privacy")
	bigVersion := regexp.MustCompile(`version ([0-9]+)`).FindStringSubmatch(out)[1]
	if err := os.RemoveAll(site); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(site, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", site, "tmpfs", 0, "size=64k,mode=0755"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mount a tmpfs as the full target (CI runs as root): %v", err)
		}
		t.Logf("cannot mount a tmpfs (%v): the full target is checked only in publish/target", err)
		return
	}
	defer syscall.Unmount(site, syscall.MNT_DETACH)
	editFirstSection(t, db, "privacy", "نص قصير")
	mustRun(t, db, "publish", "privacy")
	runFull("target", nil, [][]string{{"publish", "privacy"}, {"publish", "--all"}, {"rollback", "privacy", "--to", bigVersion}})
}

func draftBody(t *testing.T, db, slug string) string {
	d := openRaw(t, db)
	defer d.Close()
	var body string
	if err := d.QueryRow(`SELECT s.body FROM sections s JOIN pages p ON p.id = s.page_id WHERE p.slug = ? ORDER BY s.position LIMIT 1`, slug).Scan(&body); err != nil {
		t.Fatal(err)
	}
	return body
}

// TestFaultReadOnlyTarget: every path that writes the target fails on a
// read-only one with a line that says so; nothing is recorded as live
// that is not, and the database stays whole.
func TestFaultReadOnlyTarget(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	site := filepath.Join(dir, "site")
	if err := os.Mkdir(site, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", site, "tmpfs", 0, "size=1m,mode=0755"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mount a tmpfs for the read-only target (CI runs as root): %v", err)
		}
		t.Skipf("cannot mount a tmpfs (%v); publish/target checks the EROFS mapping", err)
	}
	defer syscall.Unmount(site, syscall.MNT_DETACH)
	mustRun(t, db, "import", seedPath, "--slug", "privacy")
	mustRun(t, db, "publish", "privacy")
	editFirstSection(t, db, "privacy", "نص ثان")
	mustRun(t, db, "publish", "privacy")
	if err := syscall.Mount("", site, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatalf("remount read-only: %v", err)
	}
	live := filepath.Join(site, "privacy", "index.html")
	before, _ := os.ReadFile(live)
	hist := mustRun(t, db, "history", "privacy")
	for _, args := range [][]string{{"publish", "privacy"}, {"publish", "--all"}, {"rollback", "privacy", "--to", "1"}} {
		editFirstSection(t, db, "privacy", "نص جديد "+strings.Join(args, " "))
		code, _, errOut := runChild(t, db, args...)
		if code != 1 || !strings.Contains(errOut, "read-only") || strings.Contains(errOut, "goroutine") {
			t.Errorf("%v on a read-only target: exit %d, stderr %q; want 1 and a line saying it is read-only", args, code, errOut)
		}
		checkIntegrity(t, db)
		if after, _ := os.ReadFile(live); !bytes.Equal(after, before) {
			t.Errorf("%v changed a read-only live page", args)
		}
		if n := pendingCount(t, db); n != 0 {
			t.Errorf("%v on a read-only target left %d intents pending", args, n)
		}
	}
	if got := mustRun(t, db, "history", "privacy"); got != hist {
		t.Errorf("the history changed although nothing could be written:\n%s\nwant\n%s", got, hist)
	}
}

// TestFaultKillRestore kills `restore SLUG REV` at random moments after
// each save: the draft is either the saved text or the whole revision, and
// when it is the revision the saved text is kept as a revision.
func TestFaultKillRestore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	mustRun(t, db, "import", seedPath, "--slug", "privacy")
	revBody := map[int]string{}
	for v := 1; v <= 3; v++ {
		revBody[v] = fmt.Sprintf("نص المراجعة %d", v)
		editFirstSection(t, db, "privacy", revBody[v])
		mustRun(t, db, "publish", "privacy")
	}
	d := openRaw(t, db)
	rows, err := d.Query(`SELECT r.number, r.content FROM revisions r JOIN pages p ON p.id = r.page_id WHERE p.slug = 'privacy'`)
	if err != nil {
		t.Fatal(err)
	}
	revOf := map[int]int{} // our version → revision number
	for rows.Next() {
		var n int
		var content string
		if err := rows.Scan(&n, &content); err != nil {
			t.Fatal(err)
		}
		for v, b := range revBody {
			if strings.Contains(content, b) {
				revOf[v] = n
			}
		}
	}
	rows.Close()
	d.Close()
	if len(revOf) != 3 {
		t.Fatalf("revisions of the three publications: %v", revOf)
	}
	n := 0
	k := newKiller(t, func() time.Duration {
		n++
		editFirstSection(t, db, "privacy", fmt.Sprintf("قياس %d", n))
		return timed(t, db, "restore", "privacy", fmt.Sprint(revOf[n%3+1]))
	})
	for i := 0; !k.done(); i++ {
		saved := fmt.Sprintf("حفظ قبل الاسترجاع %d", i)
		editFirstSection(t, db, "privacy", saved)
		v := i%3 + 1
		finished, code, out := faultRun(t, db, k, "restore", "privacy", fmt.Sprint(revOf[v]))
		checkIntegrity(t, db)
		got := draftBody(t, db, "privacy")
		switch got {
		case saved:
			if finished && code == 0 && strings.Contains(out, "restored") {
				t.Fatalf("kill %d: restore reported success but the draft is the saved text", i)
			}
		case revBody[v]:
			d := openRaw(t, db)
			var kept int
			err := d.QueryRow(`SELECT count(*) FROM revisions WHERE note LIKE 'before restore%' AND instr(content, ?) > 0`, saved).Scan(&kept)
			d.Close()
			if err != nil {
				t.Fatal(err)
			}
			if kept == 0 {
				t.Fatalf("kill %d: restored, but the saved draft %q is in no revision (an acknowledged save lost)", i, saved)
			}
		default:
			t.Fatalf("kill %d: the draft is %q: neither the saved text nor revision %d", i, got, revOf[v])
		}
	}
	k.report()
}
