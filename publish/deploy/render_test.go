package deploy

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/publish/preview"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// TestRenderSlugIsWhatPublishWrites: before every publish (first one, after
// an edit on a later day, with nothing changed on a later day) RenderSlug
// and RenderPage give the bytes Publish then writes, byte for byte, and
// StampedPage the date it stamps.
func TestRenderSlugIsWhatPublishWrites(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		f := newFixture(t, s, storage.TargetOptions{})
		p := f.page(t, "privacy")
		steps := []struct {
			name     string
			day      time.Time
			edit     string
			wantDate string
		}{
			{"first publish", day1, "", "24/11/2026"},
			{"edited two days later", day1.Add(48 * time.Hour), "نحترم خصوصيتك ونحميها.", "26/11/2026"},
			{"unchanged a week later", day1.Add(7 * 24 * time.Hour), "", "26/11/2026"},
		}
		for _, st := range steps {
			f.clock.t = st.day
			if st.edit != "" {
				f.edit(t, p, 1, st.edit)
			}
			rendered, err := f.pub.RenderSlug(f.ctx, "privacy", "site")
			if err != nil {
				t.Fatalf("%s: RenderSlug: %v", st.name, err)
			}
			page, _ := s.FindPageBySlug(f.ctx, "privacy")
			viaPage, err := f.pub.RenderPage(f.ctx, page, "site", publish.Options{})
			if err != nil {
				t.Fatalf("%s: RenderPage: %v", st.name, err)
			}
			stamped, err := f.pub.StampedPage(f.ctx, page, "site")
			if err != nil {
				t.Fatalf("%s: StampedPage: %v", st.name, err)
			}
			if _, err := f.pub.Publish(f.ctx, "privacy", "site"); err != nil {
				t.Fatalf("%s: Publish: %v", st.name, err)
			}
			if after, _ := s.FindPageBySlug(f.ctx, "privacy"); !stamped.LastUpdated.Equal(after.LastUpdated) {
				t.Errorf("%s: StampedPage date %v, publish stamped %v", st.name, stamped.LastUpdated, after.LastUpdated)
			}
			written := f.read(t, "privacy/index.html")
			if !bytes.Equal(rendered, written) {
				t.Errorf("%s: RenderSlug differs from the published file (%d vs %d bytes)", st.name, len(rendered), len(written))
			}
			if !bytes.Equal(viaPage, written) {
				t.Errorf("%s: RenderPage differs from the published file", st.name)
			}
			if !bytes.Contains(written, []byte(st.wantDate)) {
				t.Errorf("%s: published page does not show %s", st.name, st.wantDate)
			}
		}
	})
}

// TestRenderSlugWritesNothing: rendering leaves the draft, the history and
// the target alone.
func TestRenderSlugWritesNothing(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		f := newFixture(t, s, storage.TargetOptions{})
		p := f.page(t, "privacy")
		if _, err := f.pub.RenderSlug(f.ctx, "privacy", "site"); err != nil {
			t.Fatal(err)
		}
		page, _ := s.FindPageBySlug(f.ctx, "privacy")
		if !page.LastUpdated.Equal(p.LastUpdated) || page.Status != storage.StatusDraft {
			t.Errorf("RenderSlug changed the draft: date %v status %s", page.LastUpdated, page.Status)
		}
		if hist, _ := f.pub.History(f.ctx, "privacy"); len(hist) != 0 {
			t.Errorf("RenderSlug recorded %d publications", len(hist))
		}
		if revs, _ := s.FindRevisions(f.ctx, p.ID); len(revs) != 0 {
			t.Errorf("RenderSlug made %d revisions", len(revs))
		}
		if n := countFiles(t, f.root); n != 0 {
			t.Errorf("RenderSlug wrote %d files", n)
		}
	})
}

var reloadScript = regexp.MustCompile(`(?s)\n<script>.*?</script>`)

// TestPreviewShowsWhatPublishWrites runs the real preview server with
// PreviewRender: the page it serves, without its live reload script, is
// the page Publish then writes (with today's date, not the stored one).
func TestPreviewShowsWhatPublishWrites(t *testing.T) {
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "drafts.db")) // the server needs DataChanged
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	f := newFixture(t, db, storage.TargetOptions{})
	f.page(t, "privacy")
	tg, err := db.FindTarget(f.ctx, "site")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(f.ctx)
	defer cancel()
	srv, err := preview.New(db, preview.Options{Publish: TargetRenderOptions(tg), Render: f.pub.PreviewRender(ctx, "site"), Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	body := httpGet(t, ts.URL+"/"+srv.Token()+"/p/"+url.PathEscape("privacy"))
	if n := len(reloadScript.FindAll(body, -1)); n != 1 {
		t.Fatalf("preview page has %d reload scripts, want 1", n)
	}
	shown := reloadScript.ReplaceAll(body, nil)
	if _, err := f.pub.Publish(f.ctx, "privacy", "site"); err != nil {
		t.Fatal(err)
	}
	written := f.read(t, "privacy/index.html")
	if !bytes.Equal(shown, written) {
		t.Errorf("preview without its reload script differs from the published page:\npreview %q\nwritten %q", shown, written)
	}
	if !bytes.Contains(shown, []byte("24/11/2026")) || bytes.Contains(shown, []byte("17/07/2023")) {
		t.Error("preview does not show the date publishing stamps (24/11/2026)")
	}
}

func httpGet(t *testing.T, u string) []byte {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d, %v: %s", u, resp.StatusCode, err, b)
	}
	return b
}
