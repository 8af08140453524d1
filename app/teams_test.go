package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/postgres"

	"github.com/qalam/policyeditor/storage/postgres/pgtest"
	"github.com/qalam/policyeditor/storage/sqlite"
)

var copiedLine = regexp.MustCompile(`^copied (\d+) pages, (\d+) sections, (\d+) revisions, (\d+) targets, (\d+) publications, (\d+) pending publications, (\d+) reviews, (\d+) comments, digest ([0-9a-f]{16})\n$`)

// TestCopyStore: one administrator's SQLite drafts (a page, two targets,
// a publication with its revision, a pending publication left by a killed
// publish, a comment, an approval) go to a team's PostgreSQL database and
// back, each copy checked by counts and digests; the team database then
// works through every verb; copying into a store that is not empty, or
// from one whose publication bytes were changed, copies nothing.
func TestCopyStore(t *testing.T) {
	srv := pgtest.Shared(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "drafts.db")
	mustRun(t, file, "import", seedPath, "--slug", "privacy")
	mustRun(t, file, "targets", "add", "web", "dir", filepath.Join(dir, "www"))
	mustRun(t, file, "comment", "privacy", "2", "راجعوا هذه الفقرة", "--as", "laila")
	mustRun(t, file, "submit", "privacy", "--as", "sami")
	mustRun(t, file, "approve", "privacy", "--as", "laila")
	mustRun(t, file, "publish", "privacy", "--target", "web")
	leavePending(t, file, "privacy", "web")

	team := srv.NewDatabase(t)
	out := mustRun(t, file, "copy-store", file, team)
	m := copiedLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("copy-store printed %q", out)
	}
	if m[1] != "1" || m[2] != "8" || m[3] != "2" || m[4] != "2" || m[5] != "1" || m[6] != "1" || m[7] != "2" || m[8] != "1" {
		t.Errorf("copied %s", out)
	}
	pg := mustOpenPG(t, team)
	if len(mustPending(t, pg, "web")) != 1 {
		t.Error("the pending publication did not come along")
	}
	back := filepath.Join(dir, "back.db")
	if again := mustRun(t, file, "copy-store", team, back); again != out {
		t.Errorf("copy back = %q, want the same counts and digest %q", again, out)
	}

	// The team's database is a store like the file: every verb works on it.
	if got := mustRun(t, team, "pages"); !strings.Contains(got, "privacy") {
		t.Errorf("pages on PostgreSQL = %q", got)
	}
	if got := mustRun(t, team, "history", "privacy"); !strings.Contains(got, "web") {
		t.Errorf("history on PostgreSQL = %q", got)
	}
	if a, b := mustRun(t, file, "export", "privacy", "--format", "md"), mustRun(t, team, "export", "privacy", "--format", "md"); a != b {
		t.Error("the page exports differently from the copy")
	}
	// The status and the comment came along.
	if got := mustRun(t, team, "pages"); !strings.Contains(got, "published") {
		t.Errorf("pages on PostgreSQL = %q, want the page published", got)
	}
	if got := mustRun(t, team, "comments", "privacy"); !strings.Contains(got, "راجعوا هذه الفقرة") {
		t.Errorf("comments on PostgreSQL = %q", got)
	}
	// Publishing the copy finds the page unchanged: the publication came along.
	if got := mustRun(t, team, "publish", "privacy", "--target", "web"); !strings.Contains(got, "unchanged") {
		t.Errorf("publish from the copy = %q, want unchanged", got)
	}
	// and settles the pending one as the file's next publish would have
	// (its bytes never went live: it is dropped).
	if n := len(mustPending(t, pg, "web")); n != 0 {
		t.Errorf("%d pending publications after publishing from the copy, want 0", n)
	}

	code, _, stderr := run(t, file, "copy-store", file, team)
	if code != 1 || !strings.Contains(stderr, "only fills an empty store") {
		t.Errorf("copy into a full store: exit %d, %q", code, stderr)
	}

	// A publication whose bytes no longer match its hash stops the copy.
	conn, err := pgx.Connect(context.Background(), team)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), `UPDATE publications SET body = 'tampered'`); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, file, "copy-store", team, filepath.Join(dir, "third.db"))
	if code != 1 || !strings.Contains(stderr, "damaged") || !strings.Contains(stderr, "publication 1") {
		t.Errorf("copy of a damaged store: exit %d, %q", code, stderr)
	}

	code, _, stderr = run(t, file, "copy-store", filepath.Join(dir, "missing.db"), team)
	if code != 1 || !strings.Contains(stderr, "missing.db") {
		t.Errorf("copy from a missing file: exit %d, %q", code, stderr)
	}
}

// TestPublishSerialisedAcrossClients: two people publish the same page of
// the team's database at the same moment, from two processes that stand
// for two machines (each its own cache folder, so the file lock of
// target.Lock does not see the other, as for an SFTP target published from
// two desks). The store's publish lock makes one write and record version 1
// and the other find the page unchanged: one publication, not two.
func TestPublishSerialisedAcrossClients(t *testing.T) {
	srv := pgtest.Shared(t)
	team := srv.NewDatabase(t)
	mustRun(t, team, "targets", "add", "web", "dir", filepath.Join(t.TempDir(), "www"))
	for round := range 3 {
		slug := fmt.Sprintf("privacy-%d", round)
		mustRun(t, team, "import", seedPath, "--slug", slug)
		outs := make([]string, 2)
		var wg sync.WaitGroup
		for i := range outs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := cliCommand(t, team, "publish", slug, "--target", "web")
				cmd.Env = append(cmd.Env, "XDG_CACHE_HOME="+t.TempDir()) // another machine
				out, err := cmd.Output()
				if err != nil {
					t.Errorf("publish %d: %v %s", i, err, out)
				}
				outs[i] = string(out)
			}()
		}
		wg.Wait()
		joined := outs[0] + outs[1]
		if strings.Count(joined, "published "+slug) != 1 || strings.Count(joined, "unchanged") != 1 {
			t.Errorf("round %d: two publishes at once printed %q and %q, want one published and one unchanged", round, outs[0], outs[1])
		}
		hist := mustRun(t, team, "history", slug)
		if n := strings.Count(strings.TrimSpace(hist), "\n") + 1; n != 1 {
			t.Errorf("round %d: history has %d publications, want 1:\n%s", round, n, hist)
		}
	}
}

// TestPostgresURLErrors: a server that cannot be reached is one line that
// names it without the password, and a password given on the command
// line (where ps shows it) is warned about.
func TestPostgresURLErrors(t *testing.T) {
	url := "postgres://laila:sekret-123@/policies?host=" + filepath.Join(t.TempDir(), "nosocket") + "&connect_timeout=2"
	code, _, stderr := run(t, url, "pages")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if strings.Contains(stderr, "sekret-123") {
		t.Errorf("the password is in the output: %q", stderr)
	}
	if !strings.Contains(stderr, "warning: the password in --db") || !strings.Contains(stderr, "open the shared draft database") ||
		!strings.Contains(stderr, "laila") || !strings.Contains(stderr, "cannot connect") {
		t.Errorf("stderr = %q, want the warning and a line naming the database", stderr)
	}
	if n := strings.Count(strings.TrimSpace(stderr), "\n"); n != 1 {
		t.Errorf("stderr has %d lines, want 2 (warning, error): %q", n+1, stderr)
	}
	code, _, stderr = run(t, "postgres://x@[::1/db", "pages")
	if code != 1 || !strings.Contains(stderr, "not valid") {
		t.Errorf("a malformed URL: exit %d, %q", code, stderr)
	}
}

// leavePending records an intended publication of slug to target in the
// SQLite file, as a publish killed after its file went live leaves one.
func leavePending(t *testing.T, file, slug, target string) {
	t.Helper()
	db, err := sqlite.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p, err := db.FindPageBySlug(ctx, slug)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte("<p>نسخة لم تُسجَّل</p>")
	sum := sha256.Sum256(body)
	in := []storage.PendingPublication{{Target: target, Rel: slug + "/index.html", Hash: hex.EncodeToString(sum[:]),
		Record: storage.PublishRecord{PageID: p.ID, Revision: true,
			Publication: &storage.Publication{PageID: p.ID, TargetName: target, Body: body, Author: "sami"}}}}
	if err := db.BeginPublications(ctx, in); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func mustPending(t *testing.T, db storage.IntentStore, target string) []storage.PendingPublication {
	t.Helper()
	ps, err := db.PendingPublications(context.Background(), target)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func mustOpenPG(t testing.TB, url string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
