package deploy

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// TestLiveFileRestored: a page unchanged in the draft store but edited or
// deleted on the target is written again, by Publish and by PublishAll,
// and recorded with NoteRestored; then it is unchanged again.
func TestLiveFileRestored(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		f := newFixture(t, s, storage.TargetOptions{})
		p := f.page(t, "privacy")
		first, err := f.pub.Publish(f.ctx, "privacy", "site")
		if err != nil {
			t.Fatal(err)
		}
		live := filepath.Join(f.root, "privacy", "index.html")
		damage := []struct {
			name string
			do   func() error
		}{
			{"defaced", func() error { return os.WriteFile(live, []byte("<h1>hacked</h1>"), 0o644) }},
			{"one byte changed", func() error {
				b := bytes.Clone(first.Body)
				b[len(b)/2] ^= 1
				return os.WriteFile(live, b, 0o644)
			}},
			{"deleted", func() error { return os.Remove(live) }},
		}
		for i, d := range damage {
			if err := d.do(); err != nil {
				t.Fatal(err)
			}
			res, err := f.pub.PublishResult(f.ctx, "privacy", "site")
			if err != nil {
				t.Fatalf("%s: %v", d.name, err)
			}
			pub := res.Publication
			if res.Unchanged || !res.Restored || pub.Number != i+2 || pub.Note != NoteRestored ||
				pub.Hash != first.Hash || pub.RevisionID != first.RevisionID {
				t.Errorf("%s: result = unchanged %v restored %v #%d %q; want restored #%d %q with the first hash and revision",
					d.name, res.Unchanged, res.Restored, pub.Number, pub.Note, i+2, NoteRestored)
			}
			if got := f.read(t, "privacy/index.html"); !bytes.Equal(got, first.Body) {
				t.Errorf("%s: live file not restored to the published bytes", d.name)
			}
			again, err := f.pub.PublishResult(f.ctx, "privacy", "site")
			if err != nil || !again.Unchanged || again.Publication.Number != i+2 {
				t.Errorf("%s: publish after the restore = unchanged %v #%d, %v; want unchanged #%d",
					d.name, again.Unchanged, again.Publication.Number, err, i+2)
			}
		}
		if revs, _ := s.FindRevisions(f.ctx, p.ID); len(revs) != 1 {
			t.Errorf("%d revisions after restores, want the first publish's only", len(revs))
		}

		// PublishAll restores too, and says so.
		if err := os.WriteFile(live, []byte("defaced"), 0o644); err != nil {
			t.Fatal(err)
		}
		var progress bytes.Buffer
		f.pub.Progress = &progress
		results, err := f.pub.PublishAllResults(f.ctx, "site")
		if err != nil || len(results) != 1 || !results[0].Restored || results[0].Publication.Note != NoteRestored {
			t.Fatalf("PublishAllResults = %d results (%v), %v; want one restored page", len(results), summary(results), err)
		}
		if got := progress.String(); got != "[1/1] privacy … restored\n" {
			t.Errorf("progress = %q", got)
		}
		if got := f.read(t, "privacy/index.html"); !bytes.Equal(got, first.Body) {
			t.Error("PublishAll did not restore the live file")
		}
	})
}

// TestPublishAllMatchesPublish: the batch path writes and records what
// page-by-page publishing does: same bytes, same publications.
func TestPublishAllMatchesPublish(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		one := newFixture(t, s, storage.TargetOptions{})
		slugs := []string{"a-privacy", "b-terms", "c-cookies", "d-refunds"}
		for _, slug := range slugs {
			one.page(t, slug)
		}
		all := &fixture{ctx: one.ctx, store: s, clock: one.clock, pub: one.pub, root: filepath.Join(t.TempDir(), "all")}
		if err := s.CreateTarget(one.ctx, &storage.Target{Name: "all", Kind: storage.TargetDir, Location: all.root}); err != nil {
			t.Fatal(err)
		}
		pubs, err := one.pub.PublishAll(one.ctx, "all")
		if err != nil || len(pubs) != len(slugs) {
			t.Fatalf("PublishAll = %d publications, %v", len(pubs), err)
		}
		for i, slug := range slugs {
			pub, err := one.pub.Publish(one.ctx, slug, "site")
			if err != nil {
				t.Fatal(err)
			}
			rel := slug + "/index.html"
			if got, want := all.read(t, rel), one.read(t, rel); !bytes.Equal(got, want) {
				t.Errorf("%s: PublishAll wrote other bytes than Publish", slug)
			}
			if p := pubs[i]; p.Slug != slug || p.Number != 1 || p.Note != "publish" || p.Hash != pub.Hash || !bytes.Equal(p.Body, all.read(t, rel)) {
				t.Errorf("%s: PublishAll recorded %s #%d %q %.8s, want %s #1 \"publish\" %.8s", slug, p.Slug, p.Number, p.Note, p.Hash, slug, pub.Hash)
			}
		}
		if n := countFiles(t, all.root); n != len(slugs) {
			t.Errorf("PublishAll left %d files, want %d (no temporary files)", n, len(slugs))
		}
	})
}

// summary is what a failure message shows of results (not the bodies).
func summary(results []Result) []string {
	var out []string
	for _, r := range results {
		out = append(out, fmt.Sprintf("%s #%d %q unchanged=%v restored=%v", r.Path, r.Publication.Number, r.Publication.Note, r.Unchanged, r.Restored))
	}
	return out
}

// countFiles counts the regular files under root.
func countFiles(t *testing.T, root string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			n++
			if strings.HasPrefix(e.Name(), ".") {
				t.Errorf("left behind: %s", p)
			}
		}
		if os.IsNotExist(err) {
			return nil
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPublishAllManyBatches: more pages than one batch go through the
// stages in order: progress in slug order, every page written once, and
// on the next run only the damaged live files are written again.
func TestPublishAllManyBatches(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		f := newFixture(t, s, storage.TargetOptions{})
		const n = 3*minBatch + 3
		if sizes := batchSizes(n); len(sizes) < 2 {
			t.Fatalf("batchSizes(%d) = %v: the test would not cover several batches", n, sizes)
		}
		var want []string
		for i := range n {
			slug := fmt.Sprintf("policy-%02d", i)
			f.page(t, slug)
			want = append(want, fmt.Sprintf("[%d/%d] %s … written", i+1, n, slug))
		}
		var progress bytes.Buffer
		f.pub.Progress = &progress
		results, err := f.pub.PublishAllResults(f.ctx, "site")
		if err != nil || len(results) != n {
			t.Fatalf("PublishAllResults = %d results, %v", len(results), err)
		}
		if got := strings.Split(strings.TrimSpace(progress.String()), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("progress =\n%s\nwant\n%s", progress.String(), strings.Join(want, "\n"))
		}
		for i, r := range results {
			if slug := fmt.Sprintf("policy-%02d", i); r.Path != slug+"/index.html" || r.Publication.Slug != slug || r.Unchanged {
				t.Errorf("result %d = %v, want %s written", i, summary(results[i:i+1]), slug)
			}
		}
		if got := countFiles(t, f.root); got != n {
			t.Errorf("%d files on the target, want %d", got, n)
		}

		os.Remove(filepath.Join(f.root, "policy-05", "index.html"))
		os.WriteFile(filepath.Join(f.root, "policy-20", "index.html"), []byte("x"), 0o644)
		results, err = f.pub.PublishAllResults(f.ctx, "site")
		if err != nil || len(results) != n {
			t.Fatalf("second PublishAllResults = %d results, %v", len(results), err)
		}
		for i, r := range results {
			damaged := i == 5 || i == 20
			if r.Restored != damaged || r.Unchanged == damaged {
				t.Errorf("second run, page %d: %v; want restored only for pages 5 and 20", i, summary(results[i:i+1]))
			}
		}
	})
}

// *sqlite.DB records PublishAll's batches in one transaction each.
var _ BatchRecorder = (*sqlite.DB)(nil)

// TestPublishAllRecordsLikePublish: with a store that records batches
// (SQLite), every page written by PublishAll gets what Publish stores:
// status published, the stamped date, a "publish" revision of the page as
// published, and a publication pointing to that revision.
func TestPublishAllRecordsLikePublish(t *testing.T) {
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "drafts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := newFixture(t, db, storage.TargetOptions{})
	for i := range minBatch + 2 {
		f.page(t, fmt.Sprintf("p-%02d", i))
	}
	pubs, err := f.pub.PublishAll(f.ctx, "site")
	if err != nil || len(pubs) != minBatch+2 {
		t.Fatalf("PublishAll = %d, %v", len(pubs), err)
	}
	for _, pub := range pubs {
		page, err := db.FindPageBySlug(f.ctx, pub.Slug)
		if err != nil {
			t.Fatal(err)
		}
		if page.Status != storage.StatusPublished || !page.LastUpdated.Equal(storage.CivilDate(day1)) {
			t.Errorf("%s: status %s, date %v; want published on %v", pub.Slug, page.Status, page.LastUpdated, storage.CivilDate(day1))
		}
		revs, err := db.FindRevisions(f.ctx, page.ID)
		if err != nil || len(revs) != 1 {
			t.Fatalf("%s: %d revisions, %v", pub.Slug, len(revs), err)
		}
		if r := revs[0]; r.Note != "publish" || r.Author != "tester" || r.ID != pub.RevisionID ||
			r.Page.Status != storage.StatusPublished || r.Hash != storage.ContentHash(page) {
			t.Errorf("%s: revision %+v does not match publication %d (revision %s)", pub.Slug, r, pub.Number, pub.RevisionID)
		}
		if pub.Number != 1 || pub.Author != "tester" || !pub.At.Equal(day1) || !bytes.Equal(pub.Body, f.read(t, pub.Slug+"/index.html")) {
			t.Errorf("%s: publication %d by %q at %v", pub.Slug, pub.Number, pub.Author, pub.At)
		}
	}
}

// TestLoadBatchMatchesOneByOne: the batch reads of a store with
// BatchLoader give PublishAll the same pages, paths and last publications
// as reading page by page, including a page deleted after the listing.
func TestLoadBatchMatchesOneByOne(t *testing.T) {
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "drafts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := newFixture(t, db, storage.TargetOptions{})
	for _, slug := range []string{"a", "b", "c", "d"} {
		f.page(t, slug)
	}
	if _, err := f.pub.Publish(f.ctx, "b", "site"); err != nil {
		t.Fatal(err)
	}
	pages, err := db.FindPages(f.ctx, storage.PageFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DeletePage(f.ctx, pages[2].ID); err != nil {
		t.Fatal(err)
	}
	tg, err := db.FindTarget(f.ctx, "site")
	if err != nil {
		t.Fatal(err)
	}
	batch, _ := f.pub.loadAll(f.ctx, tg, pages)
	one, _ := (&Publisher{Store: storeOnly{db}}).loadAll(f.ctx, tg, pages)
	for i := range pages {
		b, o := batch[i], one[i]
		if (b.err == nil) != (o.err == nil) || (b.err != nil && errors.Is(o.err, storage.ErrNotFound) != errors.Is(b.err, storage.ErrNotFound)) {
			t.Errorf("page %d: batch error %v, one by one %v", i, b.err, o.err)
			continue
		}
		if b.err == nil && !reflect.DeepEqual(b.pr, o.pr) {
			t.Errorf("page %d: batch %+v\none by one %+v", i, b.pr, o.pr)
		}
	}
	if !batch[1].pr.hasLast || batch[0].pr.hasLast || batch[2].err == nil {
		t.Errorf("last publications %v %v, deleted page error %v", batch[0].pr.hasLast, batch[1].pr.hasLast, batch[2].err)
	}
}

// TestBatchSizes: every page goes in exactly one batch, batches stay
// within their bounds and, after the first, do not grow towards the end.
func TestBatchSizes(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want []int
	}{
		{0, nil},
		{1, []int{1}},
		{minBatch, []int{minBatch}},
		{2*minBatch - 1, []int{2*minBatch - 1}},
		{3 * minBatch, []int{minBatch, minBatch, minBatch}},
		{100, []int{8, 46, 23, 12, 11}},
	} {
		if got := batchSizes(tc.n); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("batchSizes(%d) = %v, want %v", tc.n, got, tc.want)
		}
	}
	for _, n := range []int{2, 7, 9, 33, 100, 255, 513, 1000, 10007} {
		sizes, sum := batchSizes(n), 0
		for i, s := range sizes {
			sum += s
			if s > maxBatch || (s < minBatch && len(sizes) > 1) || (i > 1 && s > sizes[i-1] && i != len(sizes)-1) {
				t.Errorf("batchSizes(%d) = %v: batch %d out of bounds or growing", n, sizes, i)
			}
		}
		if sum != n {
			t.Errorf("batchSizes(%d) = %v: %d pages, want %d", n, sizes, sum, n)
		}
	}
}
