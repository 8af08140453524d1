package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// Environment of the crash writer child process.
const (
	crashEnvDB   = "POLICYEDITOR_CRASH_DB"
	crashEnvPage = "POLICYEDITOR_CRASH_PAGE"
)

// TestCrashKill kills a writing process at random moments and checks that
// the file is never damaged and that no acknowledged save is lost.
//
// The child (TestHelperCrashWriter, this test binary run again) saves a
// section body "N\n<13 KB Arabic>" in a loop, with a reorder and a revision
// now and then, and prints "ack N" only after SaveSectionBody returned. The
// parent SIGKILLs it 5–80 ms after it is ready, then opens the file:
// integrity_check must be ok, the stored N must be the last acknowledged one
// or the one after it (committed, killed before printing), the sections
// must still be a permutation at positions 0..n-1 and revisions numbered
// without gaps.
func TestCrashKill(t *testing.T) {
	const rounds = 24
	path := filepath.Join(t.TempDir(), "crash.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	p := mustCreatePage(t, db, "crash", 5)
	if err := db.SaveSectionBody(context.Background(), p.Sections[0].ID, "0"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	prev, progressed := 0, 0
	for round := range rounds {
		delay := time.Duration(5+rand.N(76)) * time.Millisecond
		acked, out := runAndKill(t, path, p.ID, delay)
		stored := checkAfterCrash(t, path, p)
		t.Logf("round %d: killed %v after ready, last ack %d, stored %d", round, delay, acked, stored)
		if acked > 0 {
			progressed++
		}
		floor := max(acked, prev) // with no ack this round, what was stored before
		if stored < floor || stored > floor+1 {
			t.Fatalf("round %d: stored counter %d, last acknowledged %d (before: %d): a save was lost or a phantom one appeared\nchild output:\n%.2000s",
				round, stored, acked, prev, out)
		}
		prev = stored
	}
	if progressed < rounds/4 {
		t.Fatalf("the child acknowledged saves in only %d of %d rounds: the test exercised too little", progressed, rounds)
	}
}

// runAndKill starts the child, waits for it to be ready, lets it write for
// delay, SIGKILLs it and returns the last acknowledged counter (0 if none)
// and the child's output for diagnostics.
func runAndKill(t *testing.T, path string, pageID uuid.UUID, delay time.Duration) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCrashWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnvDB+"="+path, crashEnvPage+"="+pageID.String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	var mu sync.Mutex
	var lines []string
	var readDone sync.WaitGroup
	readDone.Add(1)
	go func() {
		defer readDone.Done()
		sc := bufio.NewScanner(stdout) // a last line cut by the kill has no newline and is dropped
		for sc.Scan() {
			mu.Lock()
			lines = append(lines, sc.Text())
			mu.Unlock()
			if sc.Text() == "ready" {
				close(ready)
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
	}
	time.Sleep(delay)
	kerr := cmd.Process.Kill() // SIGKILL on Unix
	readDone.Wait()
	werr := cmd.Wait()
	out := strings.Join(lines, "\n") + "\n" + stderr.String()
	acked := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "error") {
			t.Fatalf("child: %s", l)
		}
		if rest, ok := strings.CutPrefix(l, "ack "); ok {
			n, err := strconv.Atoi(rest)
			if err != nil || n <= acked {
				t.Fatalf("bad ack line %q after %d", l, acked)
			}
			acked = n
		}
	}
	st, ok := cmd.ProcessState.Sys().(interface{ Signaled() bool })
	if kerr != nil || (ok && runtime.GOOS != "windows" && !st.Signaled()) {
		t.Fatalf("child ended by itself (%v, kill: %v), not by the kill:\n%.2000s", werr, kerr, out)
	}
	return acked, out
}

// checkAfterCrash opens the file after a kill and checks its integrity and
// invariants; it returns the stored counter.
func checkAfterCrash(t *testing.T, path string, orig storage.Page) int {
	t.Helper()
	db, err := Open(path)
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer db.Close()
	if got := queryString(t, db.writer, "PRAGMA integrity_check"); got != "ok" {
		t.Fatalf("integrity_check after kill: %s", got)
	}
	p, err := db.FindPage(context.Background(), orig.ID)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[uuid.UUID]bool{}
	var counter int
	for i, s := range p.Sections {
		if s.Position != i {
			t.Fatalf("section at index %d has position %d", i, s.Position)
		}
		seen[s.ID] = true
		if s.ID == orig.Sections[0].ID {
			head, _, _ := strings.Cut(s.Body, "\n")
			if counter, err = strconv.Atoi(head); err != nil {
				t.Fatalf("stored body starts %q: %v", head, err)
			}
		}
	}
	if len(p.Sections) != len(orig.Sections) || len(seen) != len(orig.Sections) {
		t.Fatalf("after kill: %d sections (%d distinct), want %d", len(p.Sections), len(seen), len(orig.Sections))
	}
	revs, err := db.FindRevisions(context.Background(), orig.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range revs {
		if r.Number != len(revs)-i {
			t.Fatalf("revision numbers have a gap: %d at index %d of %d", r.Number, i, len(revs))
		}
	}
	return counter
}

// TestHelperCrashWriter is the child process of TestCrashKill; run
// directly it does nothing.
func TestHelperCrashWriter(t *testing.T) {
	path := os.Getenv(crashEnvDB)
	if path == "" {
		return // not the child
	}
	fail := func(err error) {
		fmt.Printf("error %v\n", err)
		os.Exit(2)
	}
	ctx := context.Background()
	db, err := Open(path)
	if err != nil {
		fail(err)
	}
	pageID, err := uuid.Parse(os.Getenv(crashEnvPage))
	if err != nil {
		fail(err)
	}
	p, err := db.FindPage(ctx, pageID)
	if err != nil {
		fail(err)
	}
	var counted uuid.UUID // the section headed h0 holds the counter
	var n int
	for _, s := range p.Sections {
		if s.Heading == "h0" {
			counted = s.ID
			head, _, _ := strings.Cut(s.Body, "\n")
			if n, err = strconv.Atoi(head); err != nil {
				fail(err)
			}
		}
	}
	pad := arabicBody(13 << 10)
	fmt.Println("ready")
	for i := n + 1; ; i++ {
		if err := db.SaveSectionBody(ctx, counted, strconv.Itoa(i)+"\n"+pad); err != nil {
			fail(err)
		}
		fmt.Printf("ack %d\n", i) // only after the commit returned
		if i%7 == 0 {
			if err := rotateSections(ctx, db, pageID); err != nil {
				fail(err)
			}
		}
		if i%25 == 0 {
			if _, err := db.CreateRevision(ctx, pageID, "crash", ""); err != nil {
				fail(err)
			}
		}
	}
}

// rotateSections moves the first section to the end.
func rotateSections(ctx context.Context, db *DB, pageID uuid.UUID) error {
	p, err := db.FindPage(ctx, pageID)
	if err != nil {
		return err
	}
	var order []uuid.UUID
	for _, s := range p.Sections[1:] {
		order = append(order, s.ID)
	}
	return db.ReorderSections(ctx, pageID, append(order, p.Sections[0].ID))
}
