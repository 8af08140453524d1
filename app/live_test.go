//go:build !nogui

package app

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/postgres/pgtest"
)

// liveStores opens the two clients of one store that stand for two
// people: the window's (seeded with the sample page) and another person's.
type liveStores func(t *testing.T) live

// live is one store opened twice; name is what --db calls it, dir where
// its default target publishes.
type live struct {
	mine, theirs store
	name, dir    string
}

func liveSQLite(t *testing.T) live {
	db := mustOpenSeeded(t)
	return live{db, mustOpenAt(t, db.Path()), db.Path(), filepath.Dir(db.Path())}
}

func livePostgres(t *testing.T) live {
	url := pgtest.Shared(t).NewDatabase(t)
	mine, theirs := mustOpenPG(t, url), mustOpenPG(t, url)
	if err := seedSample(context.Background(), mine); err != nil {
		t.Fatal(err)
	}
	return live{mine, theirs, url, t.TempDir()}
}

// follower is a window whose change watcher runs on its own goroutine as
// in the app; the values it reports are applied on the test goroutine
// (Fyne's test driver runs fyne.Do inline, which would race).
type follower struct {
	*harness
	changes chan int64
	done    <-chan struct{}
}

func follow(t *testing.T, mine store, dataDir string) *follower {
	// a window the test closes itself (a temporary one is closed again at cleanup)
	win := test.NewWindow(nil)
	f := &follower{harness: openIn(t, newTestApp(t), mine, dataDir, win), changes: make(chan int64, 1000)}
	f.done = f.w.watchChanges(func(n int64) { f.changes <- n })
	return f
}

// until applies the watcher's reports until ok holds, and returns how long
// that took; it fails the test if the window has not seen the change after
// 20 s (a hang guard, not a speed requirement).
func (f *follower) until(what string, ok func() bool) time.Duration {
	f.t.Helper()
	start := time.Now()
	guard := time.After(20 * time.Second)
	for !ok() {
		select {
		case n := <-f.changes:
			f.w.onStoreChanged(n)
			f.drain()
		case <-guard:
			f.t.Fatalf("the window did not see %s", what)
		}
	}
	return time.Since(start)
}

// TestWindowFollowsAnotherClient: a window and another person's client on
// one store, SQLite file and PostgreSQL database. The window, with its
// watcher on its own goroutine, shows the other person's saves, comment,
// submission and approval as they are made (no polling tick to wait for),
// and after a restart of the PostgreSQL server it follows again. Closing
// the window stops the watcher.
func TestWindowFollowsAnotherClient(t *testing.T) {
	for _, c := range []struct {
		name string
		open liveStores
	}{{"sqlite", liveSQLite}, {"postgres", livePostgres}} {
		t.Run(c.name, func(t *testing.T) {
			l := c.open(t)
			f, theirs := follow(t, l.mine, l.dir), l.theirs
			ctx := context.Background()
			p, err := theirs.FindPageBySlug(ctx, sampleSlug)
			if err != nil {
				t.Fatal(err)
			}
			sec := p.Sections[3].ID

			var took []time.Duration
			for i := range 20 {
				body := fmt.Sprintf("نص من زميل، النسخة %d.", i)
				if err := theirs.SaveSectionBody(ctx, sec, body); err != nil {
					t.Fatal(err)
				}
				took = append(took, f.until("another person's save", func() bool { return f.w.secs[3].body == body }))
			}
			slices.Sort(took)
			t.Logf("%s: another client's save shown in the window after p50 %v, max %v (20 saves)", c.name, took[len(took)/2], took[len(took)-1])

			if err := theirs.CreateComment(ctx, &storage.Comment{PageID: p.ID, SectionID: sec, Author: "laila", Text: "راجعوا هذه الفقرة"}); err != nil {
				t.Fatal(err)
			}
			f.until("another person's comment", func() bool { return f.w.openComments == 1 })
			if _, err := theirs.Review(ctx, p.ID, storage.ActionSubmit, "sami", ""); err != nil {
				t.Fatal(err)
			}
			f.until("the submission", func() bool { return f.w.page.Status == storage.StatusInReview })
			if _, err := theirs.Review(ctx, p.ID, storage.ActionApprove, "laila", ""); err != nil {
				t.Fatal(err)
			}
			f.until("the approval", func() bool { return f.w.page.Status == storage.StatusApproved })

			if c.name == "postgres" {
				if err := pgtest.Shared(t).Restart(); err != nil {
					t.Fatal(err)
				}
				body := "بعد إعادة تشغيل الخادم"
				saveRetrying(t, theirs, sec, body)
				f.until("a save after the server restarted", func() bool { return f.w.secs[3].body == body })
			}

			f.win.Close()
			select {
			case <-f.done:
			case <-time.After(20 * time.Second):
				t.Fatal("the watcher still runs after the window was closed")
			}
		})
	}
}

// saveRetrying saves body while the store's server comes back.
func saveRetrying(t *testing.T, db store, sec uuid.UUID, body string) {
	t.Helper()
	var err error
	for range 100 {
		if err = db.SaveSectionBody(context.Background(), sec, body); err == nil {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("save after the restart: %v", err)
}

// TestWindowFollowsAnotherProcess: two processes as two people on one
// store, SQLite file and PostgreSQL database. While this one's window is
// open, a reviewer in another process (the command line) comments,
// submits and approves the page: the window shows each step. Then the
// window's user edits the approved page, which returns it to draft for
// the reviewer too.
func TestWindowFollowsAnotherProcess(t *testing.T) {
	for _, c := range []struct {
		name string
		open liveStores
	}{{"sqlite", liveSQLite}, {"postgres", livePostgres}} {
		t.Run(c.name, func(t *testing.T) {
			l := c.open(t)
			db, f := l.name, follow(t, l.mine, l.dir)
			reviewer := func(args ...string) {
				t.Helper()
				if code, _, stderr := runChild(t, db, args...); code != 0 {
					t.Fatalf("reviewer: policyeditor %v: exit %d, %s", args, code, stderr)
				}
			}
			reviewer("comment", sampleSlug, "2", "راجعوا هذه الفقرة", "--as", "laila")
			f.until("the other process's comment", func() bool { return f.w.openComments == 1 })
			reviewer("submit", sampleSlug, "--as", "sami")
			f.until("the other process's submission", func() bool { return f.w.page.Status == storage.StatusInReview })
			reviewer("approve", sampleSlug, "--as", "laila")
			f.until("the other process's approval", func() bool { return f.w.page.Status == storage.StatusApproved })
			if !strings.Contains(f.w.pageInfo.Text(), "approved") || !strings.Contains(f.w.pageInfo.Text(), "1 open comments") {
				t.Errorf("the page line says %q, want the approval and the comment", f.w.pageInfo.Text())
			}

			f.typeAt(0, "تعديل بعد الموافقة. ")
			f.idle()
			f.until("its own edit returning the page to draft", func() bool { return f.w.page.Status == storage.StatusDraft })
			if _, out, _ := runChild(t, db, "pages"); !strings.Contains(out, "draft") {
				t.Errorf("the reviewer's pages after the edit: %q, want the page back in draft", out)
			}
			f.win.Close()
			<-f.done
		})
	}
}
