package postgres

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/storetest"
)

// TestWaitDataChangedNotified: one client waits; another client's save
// wakes it through LISTEN/NOTIFY. The poll that would also find the change
// is set to an hour, so only the notification can end the wait.
func TestWaitDataChangedNotified(t *testing.T) {
	defer setPoll(time.Hour, time.Hour)()
	ctx := context.Background()
	alice := mustOpen(t)
	bob := mustOpenURL(t, alice.url)
	p := storetest.MustCreatePage(t, alice, "p", 1)
	waitListening(t, bob)
	since, err := bob.DataChanged(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	go func() {
		wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		v, err := bob.WaitDataChanged(wctx, since)
		if err == nil && v == since {
			err = fmt.Errorf("woke with the same value %d", v)
		}
		got <- err
	}()
	time.Sleep(50 * time.Millisecond) // let it block
	if err := alice.SaveSectionBody(ctx, p.Sections[0].ID, "نص جديد"); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Fatalf("WaitDataChanged: %v (the notification did not arrive)", err)
	}
}

// TestWaitDataChangedPollFallback: with the listener's connection cut
// (its backend terminated, as a server restart or a proxy would), a change
// is still seen, by the poll.
func TestWaitDataChangedPollFallback(t *testing.T) {
	defer setPoll(50*time.Millisecond, time.Hour)()
	rd := reconnectDelay
	reconnectDelay = time.Hour // the listener stays away once cut
	defer func() { reconnectDelay = rd }()
	ctx := context.Background()
	alice := mustOpen(t)
	bob := mustOpenURL(t, alice.url)
	p := storetest.MustCreatePage(t, alice, "p", 1)
	waitListening(t, bob)
	// Cut the listener (it does not come back within the test): only the
	// poll can see the change.
	since, _ := bob.DataChanged(ctx)
	if _, err := alice.pool.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	// The listener notices its connection is gone a moment later; the
	// check at the end is only meaningful once it has.
	for deadline := time.Now().Add(20 * time.Second); bob.changes.isListening(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the listener did not notice its connection was cut")
		}
	}
	if err := alice.SaveSectionBody(ctx, p.Sections[0].ID, "x"); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if v, err := bob.WaitDataChanged(wctx, since); err != nil || v == since {
		t.Fatalf("WaitDataChanged after the listener was cut = %d, %v", v, err)
	}
	if bob.changes.isListening() {
		t.Error("the listener is back: the poll was not what saw the change")
	}
}

func setPoll(poll, listen time.Duration) func() {
	op, ol := pollInterval, listenPoll
	pollInterval, listenPoll = poll, listen
	return func() { pollInterval, listenPoll = op, ol }
}

// waitListening waits until db's listener is connected.
func waitListening(t *testing.T, db *DB) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if db.changes.isListening() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the listener did not connect")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestLockPublish: the publish lock of a target is held against every
// other client until unlocked; other targets are free; a client that dies
// with the lock (its connection gone) does not keep it.
func TestLockPublish(t *testing.T) {
	ctx := context.Background()
	alice := mustOpen(t)
	bob := mustOpenURL(t, alice.url)
	unlock, err := alice.LockPublishing(ctx, "site")
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if _, err := bob.LockPublishing(short, "site"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second lock of a held target = %v, want to wait until the deadline", err)
	}
	other, err := bob.LockPublishing(ctx, "الموقع")
	if err != nil {
		t.Fatalf("lock of another target: %v", err)
	}
	other()
	unlock()
	again, err := bob.LockPublishing(ctx, "site")
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	// bob's connection dies with the lock held.
	if _, err := alice.pool.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_locks
		WHERE locktype = 'advisory' AND pid <> pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	long, cancel2 := context.WithTimeout(ctx, 20*time.Second)
	defer cancel2()
	u, err := alice.LockPublishing(long, "site")
	if err != nil {
		t.Fatalf("lock after the holder's connection died: %v", err)
	}
	u()
	again() // harmless on a dead connection
}

// TestServerRestart: a client saves section after section while the
// server is stopped as a crash would stop it and started again. Saves
// while it is down fail with an error (the app's saver retries them);
// every save that returned nil is there afterwards, and the same client
// (its pool and its listener) goes on working without being reopened.
func TestServerRestart(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	p := storetest.MustCreatePage(t, db, "p", 0)
	var acked []string
	failed := 0
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			h := strconv.Itoa(i)
			cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			n := len(acked)
			_, err := db.InsertSection(cctx, p.ID, n, storage.Section{Heading: h})
			cancel()
			if err != nil {
				failed++
				time.Sleep(20 * time.Millisecond)
				continue
			}
			acked = append(acked, h)
		}
	}()
	time.Sleep(300 * time.Millisecond)
	if err := server.Restart(); err != nil {
		t.Fatal(err)
	}
	// Keep saving for a while after the restart.
	deadline := time.Now().Add(20 * time.Second)
	for {
		time.Sleep(100 * time.Millisecond)
		if _, err := db.DataChanged(ctx); err == nil || time.Now().After(deadline) {
			break
		}
	}
	time.Sleep(300 * time.Millisecond)
	close(stop)
	<-done
	got, err := db.FindPage(ctx, p.ID)
	if err != nil {
		t.Fatalf("after the restart: %v", err)
	}
	have := map[string]bool{}
	for _, s := range got.Sections {
		have[s.Heading] = true
	}
	for _, h := range acked {
		if !have[h] {
			t.Errorf("acknowledged save %s lost in the restart", h)
		}
	}
	t.Logf("%d saves acknowledged, %d failed while the server was down, %d sections stored", len(acked), failed, len(got.Sections))
	if len(acked) < 2 {
		t.Fatalf("only %d saves acknowledged: the client did not recover", len(acked))
	}
	waitListening(t, db) // the listener reconnected too
}

// TestHelperPerson is not a test: the test binary run again with
// PE_HELPER set plays one person's app against the database PE_URL
// (helper): it does one thing and prints what happened.
func TestHelperPerson(t *testing.T) {
	what := os.Getenv("PE_HELPER")
	if what == "" {
		t.Skip("helper process only")
	}
	ctx := context.Background()
	db, err := Open(ctx, os.Getenv("PE_URL"))
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	id := uuid.MustParse(os.Getenv("PE_ID"))
	switch what {
	case "read": // print the first section's version and body, and the page's status
		p, err := db.FindPage(ctx, id)
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Printf("version %d %s status %s\n", p.Sections[0].Version, p.Sections[0].Body, p.Status)
	case "save": // save PE_BODY from version PE_VERSION into the page's first section
		p, err := db.FindPage(ctx, id)
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		v, _ := strconv.ParseInt(os.Getenv("PE_VERSION"), 10, 64)
		body := os.Getenv("PE_BODY")
		s, err := db.UpdateSection(ctx, p.Sections[0].ID, storage.SectionUpdate{Body: &body, IfVersion: v})
		var c *storage.SectionConflict
		switch {
		case errors.As(err, &c):
			fmt.Printf("conflict theirs %d %s\n", c.Theirs.Version, c.Theirs.Body)
		case err != nil:
			fmt.Println("error", err)
			os.Exit(3)
		default:
			fmt.Printf("saved %d\n", s.Version)
		}
	case "watch": // print "ready", then "changed" when someone else changes anything
		since, err := db.DataChanged(ctx)
		if err == nil {
			waitListening(t, db)
			fmt.Println("ready")
			wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			_, err = db.WaitDataChanged(wctx, since)
		}
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("changed")
	case "inserter": // insert sections, printing "ack N" after each commit, until killed
		for i := 0; ; i++ {
			if _, err := db.InsertSection(ctx, id, i, storage.Section{Heading: strconv.Itoa(i), Body: strings.Repeat("نص ", 2000)}); err != nil {
				fmt.Println("error", err)
				os.Exit(3)
			}
			fmt.Printf("ack %d\n", i)
		}
	case "review": // take review step PE_ACTION as PE_PERSON; print "ok" or "refused: …"
		_, err := db.Review(ctx, id, storage.ReviewAction(os.Getenv("PE_ACTION")), os.Getenv("PE_PERSON"), "")
		switch {
		case errors.Is(err, storage.ErrWorkflow):
			fmt.Println("refused:", err)
		case err != nil:
			fmt.Println("error", err)
			os.Exit(3)
		default:
			fmt.Println("ok")
		}
	case "locker": // take the publish lock, print "locked", wait to be killed
		if _, err := db.LockPublishing(ctx, "site"); err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("locked")
		time.Sleep(time.Minute)
	}
	db.Close()
	os.Exit(0)
}

// helper starts the test binary as one person's process.
func helper(t *testing.T, what, url string, id uuid.UUID, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperPerson$", "-test.count=1")
	cmd.Env = append(os.Environ(), append([]string{"PE_HELPER=" + what, "PE_URL=" + url, "PE_ID=" + id.String()}, env...)...)
	return cmd
}

// person runs one helper to completion and returns its output.
func person(t *testing.T, what, url string, id uuid.UUID, env ...string) string {
	t.Helper()
	out, err := helper(t, what, url, id, env...).Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", what, err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestTwoPeople: two processes, each its own client as on two desks.
// Both read the section at version 1; Laila saves; a third process that
// was waiting for changes hears of it; Sami's save from version 1 is a
// conflict that shows him Laila's text; saved again from her version, his
// text is stored and both see it.
func TestTwoPeople(t *testing.T) {
	url := mustOpen(t).url
	db := mustOpenURL(t, url)
	p := storetest.MustCreatePage(t, db, "privacy", 1)

	watch := helper(t, "watch", url, p.ID)
	stdout, err := watch.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := watch.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || lines.Text() != "ready" {
		t.Fatalf("watcher: %q", lines.Text())
	}

	if got := person(t, "read", url, p.ID); !strings.HasPrefix(got, "version 1 ") {
		t.Fatalf("laila reads %q", got)
	}
	if got := person(t, "save", url, p.ID, "PE_VERSION=1", "PE_BODY=نص_ليلى"); got != "saved 2" {
		t.Fatalf("laila's save: %q", got)
	}
	if !lines.Scan() || lines.Text() != "changed" {
		t.Errorf("watcher after laila's save: %q", lines.Text())
	}
	watch.Wait() //nolint:errcheck // its output was checked
	if got := person(t, "save", url, p.ID, "PE_VERSION=1", "PE_BODY=نص_سامي"); got != "conflict theirs 2 نص_ليلى" {
		t.Fatalf("sami's stale save: %q, want a conflict with laila's text", got)
	}
	if got := person(t, "read", url, p.ID); !strings.HasPrefix(got, "version 2 نص_ليلى ") {
		t.Errorf("after the conflict: %q, want laila's text kept", got)
	}
	if got := person(t, "save", url, p.ID, "PE_VERSION=2", "PE_BODY=نص_سامي"); got != "saved 3" {
		t.Fatalf("sami's save from version 2: %q", got)
	}
	for i := range 2 {
		if got := person(t, "read", url, p.ID); !strings.HasPrefix(got, "version 3 نص_سامي ") {
			t.Errorf("person %d reads %q", i, got)
		}
	}
}

// TestKillClientMidSave: a client process inserting sections as fast as
// it can is killed with SIGKILL; every insert it had acknowledged is
// stored, the page's positions are intact (0..n-1), and the publish lock
// a killed client held is free again.
func TestKillClientMidSave(t *testing.T) {
	ctx := context.Background()
	url := mustOpen(t).url
	db := mustOpenURL(t, url)
	p := storetest.MustCreatePage(t, db, "p", 0)
	for round := range 3 {
		cmd := helper(t, "inserter", url, p.ID)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(stdout)
		last := -1
		for lines.Scan() {
			var n int
			if _, err := fmt.Sscanf(lines.Text(), "ack %d", &n); err != nil {
				t.Fatalf("inserter: %q", lines.Text())
			}
			last = n
			if n == 20+round*7 { // kill it while it is in the next insert
				cmd.Process.Signal(syscall.SIGKILL) //nolint:errcheck // Wait reports it
				break
			}
		}
		cmd.Wait() //nolint:errcheck // killed
		got, err := db.FindPage(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for i, s := range got.Sections {
			if s.Position != i {
				t.Fatalf("round %d: section %q at position %d, index %d", round, s.Heading, s.Position, i)
			}
			have[s.Heading] = true
		}
		for i := 0; i <= last; i++ {
			if !have[strconv.Itoa(i)] {
				t.Errorf("round %d: acknowledged insert %d lost", round, i)
			}
		}
		if last < 0 {
			t.Fatalf("round %d: nothing acknowledged", round)
		}
		for _, s := range got.Sections { // the next round starts from an empty page
			if err := db.DeleteSection(ctx, s.ID); err != nil {
				t.Fatal(err)
			}
		}
	}

	locker := helper(t, "locker", url, p.ID)
	stdout, _ := locker.StdoutPipe()
	if err := locker.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || lines.Text() != "locked" {
		t.Fatalf("locker: %q", lines.Text())
	}
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if _, err := db.LockPublishing(short, "site"); err == nil {
		t.Fatal("the lock was free while the other process held it")
	}
	locker.Process.Signal(syscall.SIGKILL) //nolint:errcheck // Wait reports it
	locker.Wait()                          //nolint:errcheck // killed
	long, cancel2 := context.WithTimeout(ctx, 20*time.Second)
	defer cancel2()
	unlock, err := db.LockPublishing(long, "site")
	if err != nil {
		t.Fatalf("the killed process's lock was not released: %v", err)
	}
	unlock()
}

// TestTextPostgresCannotStore: PostgreSQL's text holds no NUL character
// (SQLite's does): such a save is ErrInvalid, says why, and writes nothing.
func TestTextPostgresCannotStore(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	p := storetest.MustCreatePage(t, db, "p", 1)
	err := db.SaveSectionBody(ctx, p.Sections[0].ID, "نص\x00نص")
	if !errors.Is(err, storage.ErrInvalid) {
		t.Fatalf("save with a NUL character = %v, want ErrInvalid", err)
	}
	if got, _ := db.FindPage(ctx, p.ID); got.Sections[0].Body != "b0" {
		t.Errorf("body after the refused save = %q", got.Sections[0].Body)
	}
	t.Log(err)
}

// TestTwoPeopleReview: Laila edits, Sami reviews, each in a process of
// their own. Sami's approval is seen by both; Laila's edit after it
// returns the page to draft for both, and a second approval of the draft
// is refused. Then, five times, Sami approves while Laila saves at the same
// moment: whichever commits first, the page never ends approved with
// content other than what Sami approved.
func TestTwoPeopleReview(t *testing.T) {
	ctx := context.Background()
	url := mustOpen(t).url
	db := mustOpenURL(t, url)
	p := storetest.MustCreatePage(t, db, "privacy", 1)
	step := func(action, who string) string {
		return person(t, "review", url, p.ID, "PE_ACTION="+action, "PE_PERSON="+who)
	}
	status := func() string {
		got := person(t, "read", url, p.ID)
		return got[strings.LastIndex(got, " ")+1:]
	}
	if got := step("submit", "laila"); got != "ok" {
		t.Fatalf("laila submits: %q", got)
	}
	if got := step("approve", "sami"); got != "ok" {
		t.Fatalf("sami approves: %q", got)
	}
	for i := range 2 {
		if s := status(); s != "approved" {
			t.Fatalf("person %d sees %s after the approval", i, s)
		}
	}
	cur, _ := db.FindPage(ctx, p.ID)
	if got := person(t, "save", url, p.ID, fmt.Sprintf("PE_VERSION=%d", cur.Sections[0].Version), "PE_BODY=تعديل_بعد_الموافقة"); !strings.HasPrefix(got, "saved") {
		t.Fatalf("laila's edit: %q", got)
	}
	for i := range 2 {
		if s := status(); s != "draft" {
			t.Errorf("person %d sees %s after an edit of the approved page, want draft", i, s)
		}
	}
	if got := step("approve", "sami"); !strings.HasPrefix(got, "refused") {
		t.Errorf("approving the edited draft without a review: %q, want refused", got)
	}

	for round := range 5 {
		if got := step("submit", "laila"); got != "ok" {
			t.Fatalf("round %d: submit: %q", round, got)
		}
		cur, _ := db.FindPage(ctx, p.ID)
		approve := helper(t, "review", url, p.ID, "PE_ACTION=approve", "PE_PERSON=sami")
		save := helper(t, "save", url, p.ID, fmt.Sprintf("PE_VERSION=%d", cur.Sections[0].Version), fmt.Sprintf("PE_BODY=نص_%d", round))
		var aOut, sOut []byte
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); aOut, _ = approve.Output() }()
		go func() { defer wg.Done(); sOut, _ = save.Output() }()
		wg.Wait()
		final, err := db.FindPage(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		a, ok, err := db.Approval(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if final.Status == storage.StatusApproved && !storage.Approved(final, a, ok) {
			t.Errorf("round %d: approved with content the approval was not given to (approve %q, save %q)", round, aOut, sOut)
		}
		if !strings.HasPrefix(string(sOut), "saved") {
			t.Errorf("round %d: the save: %q", round, sOut)
		}
		if final.Status != storage.StatusDraft { // the save always lands after or before: either way it is an edit
			t.Errorf("round %d: status %s after an edit, want draft (approve %q)", round, final.Status, aOut)
		}
	}
}
