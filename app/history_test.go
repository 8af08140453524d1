//go:build !nogui

package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

// TestHistoryRollback publishes a page twice with an edit between, opens
// its history (both publications with target, person and hash), rolls
// back to the first after a confirmation that shows the diff (the edit's
// words going, the old ones coming back), and checks that the live file
// holds the first publication's exact bytes again.
func TestHistoryRollback(t *testing.T) {
	e := newScreenEnv(t)
	svc := newPublisherService(e.db, "sara")
	first, err := svc.Publish(e.ctx, publishRequest{Slug: sampleSlug, Target: "site"})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := e.db.FindPageBySlug(e.ctx, sampleSlug)
	body := p.Sections[0].Body + "\n\nفقرة أضيفت بعد النشر."
	if _, err := e.db.UpdateSection(e.ctx, p.Sections[0].ID, storage.SectionUpdate{Body: &body}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Publish(e.ctx, publishRequest{Slug: sampleSlug, Target: "site"}); err != nil {
		t.Fatal(err)
	}

	s := newHistoryScreen(e.ctx, e.win, svc, sampleSlug)
	s.background = inline
	s.show()
	c := e.win.Canvas()
	if len(s.pubs) != 2 {
		t.Fatalf("history lists %d publications, want 2", len(s.pubs))
	}
	line := publicationLine(s.pubs[1])
	for _, want := range []string{"Version 1", "site", "sara", first.Publication.Hash[:12], "publish"} {
		if !strings.Contains(line, want) {
			t.Errorf("history row %q lacks %q", line, want)
		}
	}
	if !s.rollbackBtn.Disabled() {
		t.Error("Roll back is enabled with nothing selected")
	}
	s.list.Select(1) // the older one: newest first
	button(t, c, "Roll back to this version…").OnTapped()
	if s.confirm == nil {
		t.Fatal("no confirmation before rolling back")
	}
	shows(t, c, "will be replaced by version 1")
	var gone []string
	for _, b := range s.confirmView.Doc().Blocks {
		for _, sp := range b.Spans {
			if sp.Strike {
				gone = append(gone, string(b.Text[sp.Start:sp.End]))
			}
		}
	}
	if !strings.Contains(strings.Join(gone, " "), "فقرة أضيفت بعد النشر") {
		t.Errorf("the confirmation's diff strikes %q, want the paragraph added after the first publication", gone)
	}
	live := filepath.Join(e.site, sampleSlug, "index.html")
	before, _ := os.ReadFile(live)
	button(t, c, "Roll back").OnTapped()
	after, err := os.ReadFile(live)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(after, first.Publication.Body) || bytes.Equal(after, before) {
		t.Errorf("after rollback the live page has %d bytes; want the first publication's %d exactly", len(after), len(first.Publication.Body))
	}
	shows(t, c, "site shows version 1 again (recorded as version 3)")
	if len(s.pubs) != 3 || s.pubs[0].Note != "rollback to 1" {
		t.Errorf("history after rollback: %d rows, newest %q; want 3 with rollback to 1", len(s.pubs), s.pubs[0].Note)
	}
}

// TestHistoryCancelRollback: cancelling the confirmation writes nothing.
func TestHistoryCancelRollback(t *testing.T) {
	e := newScreenEnv(t)
	svc := newPublisherService(e.db, "sara")
	for i := 0; i < 2; i++ {
		if i == 1 {
			p, _ := e.db.FindPageBySlug(e.ctx, sampleSlug)
			h := p.Sections[0].Heading + " ٢"
			if _, err := e.db.UpdateSection(e.ctx, p.Sections[0].ID, storage.SectionUpdate{Heading: &h}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := svc.Publish(e.ctx, publishRequest{Slug: sampleSlug, Target: "site"}); err != nil {
			t.Fatal(err)
		}
	}
	s := newHistoryScreen(e.ctx, e.win, svc, sampleSlug)
	s.background = inline
	s.show()
	s.list.Select(1)
	c := e.win.Canvas()
	button(t, c, "Roll back to this version…").OnTapped()
	button(t, c, "Cancel").OnTapped()
	pubs, _ := svc.History(e.ctx, sampleSlug)
	if len(pubs) != 2 {
		t.Errorf("after cancelling, %d publications, want 2", len(pubs))
	}
}

// TestHistoryEmpty: a page never published says so.
func TestHistoryEmpty(t *testing.T) {
	e := newScreenEnv(t)
	s := newHistoryScreen(e.ctx, e.win, newPublisherService(e.db, "sara"), sampleSlug)
	s.background = inline
	s.show()
	shows(t, e.win.Canvas(), "This page has not been published yet.")
}
