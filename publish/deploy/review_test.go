package deploy

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

func sqliteFixture(t *testing.T, opt storage.TargetOptions) (*fixture, *sqlite.DB) {
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "drafts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return newFixture(t, db, opt), db
}

func TestRequireApproval(t *testing.T) {
	f, db := sqliteFixture(t, storage.TargetOptions{RequireApproval: true, Archive: true})
	p := f.page(t, "privacy")
	refused := func(when string, changed bool) {
		t.Helper()
		_, err := f.pub.PublishResult(f.ctx, "privacy", "site")
		var na *NotApprovedError
		if !errors.As(err, &na) || !errors.Is(err, storage.ErrWorkflow) || na.Changed != changed {
			t.Fatalf("%s: publish = %v, want a refusal (changed %v)", when, err, changed)
		}
		if _, err := os.Stat(f.root); !errors.Is(err, os.ErrNotExist) {
			if entries, _ := os.ReadDir(f.root); len(entries) > 0 {
				t.Fatalf("%s: the refused publish wrote %d entries", when, len(entries))
			}
		}
		if pubs, _ := db.FindPublications(f.ctx, storage.PublicationFilter{PageID: &p.ID}); len(pubs) != 0 {
			t.Fatalf("%s: the refused publish recorded %d publications", when, len(pubs))
		}
	}
	refused("draft", false)
	if _, err := db.Review(f.ctx, p.ID, storage.ActionSubmit, "mona", ""); err != nil {
		t.Fatal(err)
	}
	refused("in review", false)
	if _, err := db.Review(f.ctx, p.ID, storage.ActionApprove, "rana", ""); err != nil {
		t.Fatal(err)
	}
	f.edit(t, p, 1, "نص عُدّل بعد الموافقة.")
	refused("edited after approval", true)
	if _, err := f.pub.PublishAll(f.ctx, "site"); !errors.Is(err, storage.ErrWorkflow) {
		t.Fatalf("publish all of an unapproved page = %v", err)
	}
	for _, a := range []storage.ReviewAction{storage.ActionSubmit, storage.ActionApprove} {
		if _, err := db.Review(f.ctx, p.ID, a, "rana", ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.pub.PublishResult(f.ctx, "privacy", "site"); err != nil {
		t.Fatalf("publish of an approved page: %v", err)
	}
	// Published (and its date stamped) it may go out again, unchanged.
	f.clock.t = f.clock.t.Add(48 * time.Hour)
	if res, err := f.pub.PublishResult(f.ctx, "privacy", "site"); err != nil || !res.Unchanged {
		t.Fatalf("publish again = %+v, %v", res, err)
	}
	// Rendering for review is never refused.
	if _, err := f.pub.RenderSlug(f.ctx, "privacy", "site"); err != nil {
		t.Fatal(err)
	}
	// A store without approvals cannot publish to such a target.
	g := newFixture(t, newFakeStore(), storage.TargetOptions{RequireApproval: true})
	g.page(t, "privacy")
	if _, err := g.pub.PublishResult(g.ctx, "privacy", "site"); !errors.Is(err, storage.ErrWorkflow) {
		t.Fatalf("fake store: %v", err)
	}
}

func TestCorrectionKeepsDate(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		f := newFixture(t, s, storage.TargetOptions{Archive: true})
		p := f.page(t, "privacy")
		minor := false
		var asked storage.Publication
		f.pub.Correction = func(_ context.Context, _ storage.Page, last storage.Publication) bool {
			asked = last
			return minor
		}
		first, err := f.pub.Publish(f.ctx, "privacy", "site")
		if err != nil {
			t.Fatal(err)
		}
		if asked.Number != 0 {
			t.Error("Correction asked about a first publication")
		}
		stamped := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
		f.clock.t = f.clock.t.Add(72 * time.Hour)
		f.edit(t, p, 1, "نحترم خصوصيتك.") // unchanged text: no publication
		minor = true
		f.edit(t, p, 1, "نحترم خصوصيتك ، دائماً.")
		pub, err := f.pub.Publish(f.ctx, "privacy", "site")
		if err != nil {
			t.Fatal(err)
		}
		if asked.Number != first.Number || pub.Note != NoteCorrection || pub.Number != 2 {
			t.Errorf("correction publication = %d %q (asked about %d)", pub.Number, pub.Note, asked.Number)
		}
		page, _ := s.FindPageBySlug(f.ctx, "privacy")
		if !page.LastUpdated.Equal(stamped) {
			t.Errorf("a correction changed the date to %s", page.LastUpdated)
		}
		index := string(f.read(t, "privacy/versions/index.html"))
		if !strings.Contains(index, labelsAR.Correction) {
			t.Errorf("archive index does not mark the correction:\n%s", index)
		}
		minor = false
		f.edit(t, p, 1, "نحترم خصوصيتك ونحميها.")
		pub, err = f.pub.Publish(f.ctx, "privacy", "site")
		if err != nil {
			t.Fatal(err)
		}
		page, _ = s.FindPageBySlug(f.ctx, "privacy")
		if pub.Note != "publish" || !page.LastUpdated.Equal(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("material change: note %q, date %s", pub.Note, page.LastUpdated)
		}
	})
}
