package deploy

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/publish/target"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// testStore is a Store the tests can also fill and edit.
type testStore interface {
	Store
	CreatePage(ctx context.Context, p *storage.Page) error
	SaveSectionBody(ctx context.Context, id uuid.UUID, body string) error
}

// eachStore runs fn against the in-memory fake and a real SQLite store.
func eachStore(t *testing.T, fn func(t *testing.T, s testStore)) {
	t.Run("fake", func(t *testing.T) { fn(t, newFakeStore()) })
	t.Run("sqlite", func(t *testing.T) {
		db, err := sqlite.Open(filepath.Join(t.TempDir(), "drafts.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		fn(t, db)
	})
}

// clock is a settable Now.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

var day1 = time.Date(2026, 11, 24, 23, 30, 0, 0, time.UTC)

type fixture struct {
	ctx   context.Context
	store testStore
	clock *clock
	pub   *Publisher
	root  string // the "site" folder
}

func newFixture(t *testing.T, s testStore, opt storage.TargetOptions) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), store: s, clock: &clock{day1}, root: filepath.Join(t.TempDir(), "site")}
	f.pub = &Publisher{Store: s, Author: "tester", Now: f.clock.Now}
	err := s.CreateTarget(f.ctx, &storage.Target{Name: "site", Kind: storage.TargetDir, Location: f.root, Options: opt})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) page(t *testing.T, slug string, sections ...storage.Section) storage.Page {
	t.Helper()
	if len(sections) == 0 {
		sections = []storage.Section{
			{Kind: storage.KindIntro, Body: "مرحباً بكم في منصة قلم."},
			{Heading: "أهمية سياسة الخصوصية", Body: "نحترم خصوصيتك."},
			{Heading: "جمع البيانات", Body: "نجمع البريد الإلكتروني info@example.com فقط."},
		}
	}
	p := storage.Page{Slug: slug, Title: "سياسة الخصوصية", Lang: "ar", Dir: storage.RTL,
		LastUpdated: time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC), Sections: sections}
	if err := f.store.CreatePage(f.ctx, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func (f *fixture) read(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(f.root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (f *fixture) edit(t *testing.T, p storage.Page, section int, body string) {
	t.Helper()
	if err := f.store.SaveSectionBody(f.ctx, p.Sections[section].ID, body); err != nil {
		t.Fatal(err)
	}
}

func TestPublishTwiceUnchanged(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		f := newFixture(t, s, storage.TargetOptions{})
		f.page(t, "privacy")
		res, err := f.pub.PublishResult(f.ctx, "privacy", "site")
		if err != nil {
			t.Fatal(err)
		}
		if res.Unchanged || res.Path != "privacy/index.html" || res.Publication.Number != 1 || res.Publication.Note != "publish" ||
			res.Publication.Author != "tester" {
			t.Fatalf("first publish = %+v", res)
		}
		body := f.read(t, "privacy/index.html")
		if !bytes.Equal(body, res.Publication.Body) || hashOf(body) != res.Publication.Hash {
			t.Error("file on the target differs from the recorded publication")
		}
		if !bytes.Contains(body, []byte("نحترم خصوصيتك")) {
			t.Error("published page lacks its text")
		}
		page, _ := s.FindPageBySlug(f.ctx, "privacy")
		if want := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC); !page.LastUpdated.Equal(want) || page.Status != storage.StatusPublished {
			t.Errorf("after publish: date %v status %s, want %v published", page.LastUpdated, page.Status, want)
		}
		revs, _ := s.FindRevisions(f.ctx, page.ID)
		if len(revs) != 1 || revs[0].Note != "publish" || revs[0].ID != res.Publication.RevisionID {
			t.Errorf("revisions = %+v, want one \"publish\" revision linked to the publication", revs)
		}

		f.clock.t = day1.Add(48 * time.Hour)
		res2, err := f.pub.PublishResult(f.ctx, "privacy", "site")
		if err != nil {
			t.Fatal(err)
		}
		if !res2.Unchanged || res2.Publication.Number != 1 {
			t.Errorf("second publish = unchanged %v, number %d; want unchanged, 1", res2.Unchanged, res2.Publication.Number)
		}
		if hist, _ := f.pub.History(f.ctx, "privacy"); len(hist) != 1 {
			t.Errorf("History after an unchanged publish has %d entries, want 1", len(hist))
		}
		page, _ = s.FindPageBySlug(f.ctx, "privacy")
		if !page.LastUpdated.Equal(time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("unchanged publish moved the date to %v", page.LastUpdated)
		}
		if !bytes.Equal(f.read(t, "privacy/index.html"), body) {
			t.Error("unchanged publish changed the file")
		}
	})
}

func TestChangeGivesNewPublicationAndDate(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		f := newFixture(t, s, storage.TargetOptions{})
		p := f.page(t, "privacy")
		first, err := f.pub.Publish(f.ctx, "privacy", "site")
		if err != nil {
			t.Fatal(err)
		}
		f.clock.t = time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
		f.edit(t, p, 1, "نحترم خصوصيتك ونحميها.")
		second, err := f.pub.Publish(f.ctx, "privacy", "site")
		if err != nil {
			t.Fatal(err)
		}
		if second.Number != 2 || second.Hash == first.Hash || second.RevisionID == first.RevisionID {
			t.Fatalf("second publication = #%d hash %s…, want #2 with new hash and revision", second.Number, second.Hash[:8])
		}
		body := f.read(t, "privacy/index.html")
		if !bytes.Equal(body, second.Body) || !bytes.Contains(body, []byte("ونحميها")) {
			t.Error("the target does not hold the new page")
		}
		if !bytes.Contains(body, []byte("03/12/2026")) || bytes.Contains(body, []byte("24/11/2026")) {
			t.Errorf("new page does not show the new date 03/12/2026")
		}
		page, _ := s.FindPageBySlug(f.ctx, "privacy")
		if !page.LastUpdated.Equal(time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("draft date = %v, want 2026-12-03", page.LastUpdated)
		}
	})
}

func TestRollback(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		f := newFixture(t, s, storage.TargetOptions{Layout: "flat"})
		p := f.page(t, "privacy")
		if _, err := f.pub.Rollback(f.ctx, "privacy", "site", 0); err == nil {
			t.Error("Rollback of a never published page = nil error")
		}
		var pubs []storage.Publication
		for i, body := range []string{"", "النسخة الثانية", "النسخة الثالثة"} {
			if body != "" {
				f.edit(t, p, 1, body)
			}
			f.clock.t = day1.Add(time.Duration(i) * 24 * time.Hour)
			pub, err := f.pub.Publish(f.ctx, "privacy", "site")
			if err != nil {
				t.Fatal(err)
			}
			pubs = append(pubs, pub)
		}
		back, err := f.pub.Rollback(f.ctx, "privacy", "site", 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.read(t, "privacy.html"); !bytes.Equal(got, pubs[1].Body) {
			t.Error("rollback to the previous publication did not restore its exact bytes")
		}
		if back.Number != 4 || back.Note != "rollback to 2" || back.Hash != pubs[1].Hash {
			t.Errorf("rollback publication = #%d %q, want #4 \"rollback to 2\"", back.Number, back.Note)
		}
		back, err = f.pub.Rollback(f.ctx, "privacy", "site", 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.read(t, "privacy.html"); !bytes.Equal(got, pubs[0].Body) || back.Note != "rollback to 1" {
			t.Errorf("rollback --to 1: note %q, bytes equal %v", back.Note, bytes.Equal(got, pubs[0].Body))
		}
		before := f.read(t, "privacy.html")
		if _, err := f.pub.Rollback(f.ctx, "privacy", "site", 99); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("Rollback to 99 = %v, want ErrNotFound", err)
		}
		if !bytes.Equal(f.read(t, "privacy.html"), before) {
			t.Error("a failed rollback changed the page")
		}
		// Publishing the draft after a rollback writes the draft again.
		if res, err := f.pub.PublishResult(f.ctx, "privacy", "site"); err != nil || res.Unchanged ||
			!bytes.Equal(f.read(t, "privacy.html"), pubs[2].Body) {
			t.Errorf("publish after rollback: unchanged %v, err %v; want the draft written again", res.Unchanged, err)
		}
	})
}

func TestArchive(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		f := newFixture(t, s, storage.TargetOptions{Archive: true})
		p := f.page(t, "privacy")
		first, err := f.pub.Publish(f.ctx, "privacy", "site")
		if err != nil {
			t.Fatal(err)
		}
		f.edit(t, p, 2, "لا نجمع أي بيانات.")
		second, err := f.pub.Publish(f.ctx, "privacy", "site")
		if err != nil {
			t.Fatal(err)
		}
		for _, pub := range []storage.Publication{first, second} {
			if got := f.read(t, versionPath("privacy", pub.Number, pub.Hash)); !bytes.Equal(got, pub.Body) {
				t.Errorf("versions/%s differs from publication %d", versionName(pub.Number, pub.Hash), pub.Number)
			}
		}
		index := string(f.read(t, "privacy/versions/index.html"))
		for _, want := range []string{`lang="ar" dir="rtl"`, `href="` + versionName(1, first.Hash) + `"`, `href="` + versionName(2, second.Hash) + `"`, "أول نشر", "عُدّل: <bdi>جمع البيانات</bdi>"} {
			if !strings.Contains(index, want) {
				t.Errorf("versions/index.html lacks %q:\n%s", want, index)
			}
		}
		if strings.Contains(index, "أهمية سياسة الخصوصية") {
			t.Error("index lists an unchanged section as changed")
		}
		third, err := f.pub.Rollback(f.ctx, "privacy", "site", 1)
		if err != nil {
			t.Fatal(err)
		}
		index = string(f.read(t, "privacy/versions/index.html"))
		if !strings.Contains(index, "استرجاع الإصدار 1") || !strings.Contains(index, `href="`+versionName(3, third.Hash)+`"`) {
			t.Errorf("index after rollback lacks the rollback entry:\n%s", index)
		}
	})
}

func TestWhatChanged(t *testing.T) {
	sec := func(h, b string) storage.Section {
		return storage.Section{Kind: storage.KindNumbered, Heading: h, Body: b}
	}
	prev := &storage.Page{Title: "T", Sections: []storage.Section{
		{Kind: storage.KindIntro, Body: "i"}, sec("a", "1"), sec("b", "2"), sec("c", "3")}}
	cur := &storage.Page{Title: "T2", Sections: []storage.Section{
		{Kind: storage.KindIntro, Body: "i"}, sec("c", "3"), sec("b", "2!"), sec("d", "4")}}
	var got []string
	for _, c := range whatChanged(prev, cur, labelsEN) {
		got = append(got, c.Label+":"+c.Heading)
	}
	want := "Title changed:T2|Changed:b|Added:d|Removed:a|Sections reordered:"
	if strings.Join(got, "|") != want {
		t.Errorf("whatChanged = %q, want %q", strings.Join(got, "|"), want)
	}
	same := whatChanged(prev, prev, labelsEN)
	if len(same) != 1 || same[0].Label != labelsEN.NoContent {
		t.Errorf("whatChanged(same) = %v", same)
	}
	dated := *prev
	dated.LastUpdated = day1
	if c := whatChanged(prev, &dated, labelsEN); len(c) != 1 || c[0].Label != labelsEN.DateOnly {
		t.Errorf("whatChanged(date only) = %v", c)
	}
}

func TestPublishAllProgressAndFailures(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		f := newFixture(t, s, storage.TargetOptions{})
		f.page(t, "a-terms")
		// The store refuses a section the renderer cannot take, so the
		// failing render stands for a database written before that rule.
		f.page(t, "b-huge", storage.Section{Heading: "كبير", Body: "نص"})
		f.page(t, "c-privacy")
		f.pub.Render = func(page storage.Page, opt storage.TargetOptions) ([]byte, error) {
			if page.Slug == "b-huge" {
				page.Sections[0].Body = strings.Repeat("ن", publish.MaxBodyBytes)
			}
			return publish.Render(page, TargetRenderOptions(storage.Target{Options: opt}))
		}
		var progress bytes.Buffer
		f.pub.Progress = &progress
		pubs, err := f.pub.PublishAll(f.ctx, "site")
		if err == nil || !errors.Is(err, publish.ErrTooLarge) || !strings.Contains(err.Error(), `"b-huge"`) ||
			!strings.Contains(err.Error(), "1 of 3 pages failed") {
			t.Errorf("PublishAll error = %v, want one failure naming b-huge", err)
		}
		if len(pubs) != 2 {
			t.Errorf("PublishAll returned %d publications, want 2", len(pubs))
		}
		lines := strings.Split(strings.TrimSpace(progress.String()), "\n")
		if len(lines) != 3 || lines[0] != "[1/3] a-terms … written" || !strings.HasPrefix(lines[1], "[2/3] b-huge … FAILED: ") ||
			lines[2] != "[3/3] c-privacy … written" {
			t.Errorf("progress =\n%s", progress.String())
		}
		for _, rel := range []string{"a-terms/index.html", "c-privacy/index.html"} {
			f.read(t, rel)
		}
		if _, err := os.Stat(filepath.Join(f.root, "b-huge")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("failed page left something on the target: %v", err)
		}
		progress.Reset()
		f.pub.PublishAll(f.ctx, "site")
		if got := progress.String(); !strings.Contains(got, "[1/3] a-terms … unchanged\n") || !strings.Contains(got, "[3/3] c-privacy … unchanged\n") {
			t.Errorf("second PublishAll progress =\n%s", got)
		}
	})
}

// TestBadSlugRefusedBeforeWriting: a slug that is not a safe path (only
// possible with a store that does not validate slugs) is refused and
// nothing is written anywhere.
func TestBadSlugRefusedBeforeWriting(t *testing.T) {
	for _, slug := range []string{"../evil", "..", "a/b", "con", ".hidden", "x\u202e"} {
		s := newFakeStore()
		parent := t.TempDir()
		f := newFixture(t, s, storage.TargetOptions{})
		f.root = filepath.Join(parent, "site")
		s.targets["site"] = storage.Target{Name: "site", Kind: storage.TargetDir, Location: f.root}
		f.page(t, slug)
		_, err := f.pub.Publish(f.ctx, slug, "site")
		if !errors.Is(err, target.ErrUnsafePath) {
			t.Errorf("Publish(%q) = %v, want ErrUnsafePath", slug, err)
		}
		filepath.WalkDir(parent, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				t.Errorf("Publish(%q) wrote %s", slug, p)
			}
			return nil
		})
		if len(s.pubs) != 0 || len(s.revs) != 0 {
			t.Errorf("Publish(%q) recorded %d publications, %d revisions", slug, len(s.pubs), len(s.revs))
		}
	}
}

// failingTarget refuses every write.
type failingTarget struct{ target.Target }

func (failingTarget) WriteFile(context.Context, string, []byte) error { return target.ErrNoSpace }
func (failingTarget) Close() error                                    { return nil }

func TestWriteFailureRecordsNothing(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		f := newFixture(t, s, storage.TargetOptions{})
		p := f.page(t, "privacy")
		f.pub.Open = func(context.Context, storage.Target) (target.Target, error) { return failingTarget{}, nil }
		if _, err := f.pub.Publish(f.ctx, "privacy", "site"); !errors.Is(err, target.ErrNoSpace) {
			t.Fatalf("Publish to a full target = %v, want ErrNoSpace", err)
		}
		page, _ := s.FindPageBySlug(f.ctx, "privacy")
		if !page.LastUpdated.Equal(p.LastUpdated) || page.Status != storage.StatusDraft {
			t.Errorf("failed publish changed the draft: date %v status %s", page.LastUpdated, page.Status)
		}
		if hist, _ := f.pub.History(f.ctx, "privacy"); len(hist) != 0 {
			t.Errorf("failed publish recorded %d publications", len(hist))
		}
	})
}

func TestHistoryAcrossTargetsAndOptions(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		f := newFixture(t, s, storage.TargetOptions{})
		fragRoot := filepath.Join(t.TempDir(), "frag")
		err := s.CreateTarget(f.ctx, &storage.Target{Name: "frag", Kind: storage.TargetDir, Location: fragRoot,
			Options: storage.TargetOptions{Layout: "flat", Fragment: true}})
		if err != nil {
			t.Fatal(err)
		}
		f.page(t, "privacy")
		if _, err := f.pub.Publish(f.ctx, "privacy", "site"); err != nil {
			t.Fatal(err)
		}
		f.clock.t = day1.Add(time.Hour)
		if _, err := f.pub.Publish(f.ctx, "privacy", "frag"); err != nil {
			t.Fatal(err)
		}
		hist, err := f.pub.History(f.ctx, "privacy")
		if err != nil || len(hist) != 2 || hist[0].TargetName != "frag" || hist[1].TargetName != "site" {
			t.Fatalf("History = %d entries, %v; want frag then site", len(hist), err)
		}
		frag, err := os.ReadFile(filepath.Join(fragRoot, "privacy.html"))
		if err != nil || bytes.Contains(frag, []byte("<html")) || !bytes.Contains(frag, []byte("<article")) {
			t.Errorf("fragment target got %q…, %v; want an <article> without <html>", frag[:min(len(frag), 60)], err)
		}
		if !bytes.Contains(f.read(t, "privacy/index.html"), []byte("<html")) {
			t.Error("full page target got no <html> shell")
		}
		if _, err := f.pub.History(f.ctx, "nope"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("History(nope) = %v, want ErrNotFound", err)
		}
		if _, err := f.pub.Publish(f.ctx, "privacy", "nope"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("Publish to an unknown target = %v, want ErrNotFound", err)
		}
	})
}

func TestEnsureDefaultTarget(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		ctx := context.Background()
		dataDir := t.TempDir()
		for range 2 {
			if err := EnsureDefaultTarget(ctx, s, dataDir); err != nil {
				t.Fatal(err)
			}
		}
		tg, err := s.FindTarget(ctx, "site")
		if err != nil || tg.Kind != "dir" || tg.Location != filepath.Join(dataDir, "site") {
			t.Fatalf("default target = %+v, %v", tg, err)
		}
		if fi, err := os.Stat(tg.Location); err != nil || !fi.IsDir() {
			t.Errorf("site folder not created: %v", err)
		}
		if err := EnsureDefaultTarget(ctx, s, t.TempDir()); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.FindTarget(ctx, "site"); again.Location != tg.Location {
			t.Errorf("EnsureDefaultTarget replaced an existing target: %s", again.Location)
		}
	})
}
