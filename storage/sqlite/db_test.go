package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// MustOpenDB opens a new draft store in a temporary folder with a clock that
// advances one millisecond per call, and closes it when the test ends.
func MustOpenDB(tb testing.TB) *DB {
	tb.Helper()
	return MustOpenDBAt(tb, filepath.Join(tb.TempDir(), "drafts.db"))
}

// MustOpenDBAt opens the draft store at path with the test clock.
func MustOpenDBAt(tb testing.TB, path string) *DB {
	tb.Helper()
	db, err := Open(path)
	if err != nil {
		tb.Fatalf("Open(%q): %v", path, err)
	}
	db.Now = testClock()
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// testClock returns a clock starting at 2026-11-24 10:00:00.123456789 UTC
// that advances 1 ms per call.
func testClock() func() time.Time {
	var mu sync.Mutex
	t := time.Date(2026, 11, 24, 10, 0, 0, 123456789, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(time.Millisecond)
		return t
	}
}

// rawDB opens a plain connection to path, as another program would.
func rawDB(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return raw
}

func queryString(tb testing.TB, q *sql.DB, query string, args ...any) string {
	tb.Helper()
	var s string
	if err := q.QueryRow(query, args...).Scan(&s); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return s
}

func TestOpenPragmas(t *testing.T) {
	db := MustOpenDB(t)
	for _, c := range []struct{ pragma, want string }{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"synchronous", "1"}, // NORMAL
		{"busy_timeout", "10000"},
		{"temp_store", "2"}, // MEMORY (connectHook)
	} {
		if got := queryString(t, db.writer, "PRAGMA "+c.pragma); got != c.want {
			t.Errorf("writer PRAGMA %s = %q, want %q", c.pragma, got, c.want)
		}
	}
	if got := queryString(t, db.reader, "PRAGMA query_only"); got != "1" {
		t.Errorf("reader PRAGMA query_only = %q, want 1", got)
	}
	if got := queryString(t, db.reader, "PRAGMA foreign_keys"); got != "1" {
		t.Errorf("reader PRAGMA foreign_keys = %q, want 1", got)
	}
	if got := queryString(t, db.reader, "PRAGMA temp_store"); got != "2" {
		t.Errorf("reader PRAGMA temp_store = %q, want 2 (MEMORY)", got)
	}
	if _, err := db.reader.Exec(`DELETE FROM pages`); err == nil {
		t.Error("reader accepted a write")
	}
	if got := db.writer.Stats().MaxOpenConnections; got != 1 {
		t.Errorf("writer MaxOpenConnections = %d, want 1", got)
	}
}

func TestOpenCreatesParentFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "مجلد", "drafts.db")
	db := MustOpenDBAt(t, path)
	if db.Path() != path {
		t.Errorf("Path() = %q, want %q", db.Path(), path)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}

func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db := MustOpenDBAt(t, path)
	mustCreatePage(t, db, "x", 1)
	if v, err := db.SchemaVersion(context.Background()); err != nil || v < 2 {
		t.Errorf("SchemaVersion of a migrated empty file = %d, %v", v, err)
	}
}

func TestOpenRejectsGarbage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "not.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	if db, err := Open(path); err == nil {
		db.Close()
		t.Fatal("Open(garbage) succeeded")
	}
	if _, err := Open(""); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf(`Open("") = %v, want ErrInvalid`, err)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/tmp/cfg")
	t.Setenv("HOME", "/tmp/home")
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(p, filepath.Join("policyeditor", "drafts.db")) {
		t.Errorf("DefaultPath() = %q, want …/policyeditor/drafts.db", p)
	}
}

func TestMigrationsFromEmpty(t *testing.T) {
	db := MustOpenDB(t)
	migs, err := loadMigrations(migrationFS)
	if err != nil {
		t.Fatal(err)
	}
	if len(migs) < 2 {
		t.Fatalf("%d migrations embedded, want at least 2", len(migs))
	}
	v, err := db.SchemaVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := migs[len(migs)-1].Version; v != want {
		t.Errorf("SchemaVersion() = %d, want %d", v, want)
	}
	for i, m := range migs {
		if m.Version != i+1 {
			t.Errorf("migration %s has version %d, want %d (no gaps)", m.Name, m.Version, i+1)
		}
	}
	if got := queryString(t, db.reader, "PRAGMA integrity_check"); got != "ok" {
		t.Errorf("integrity_check = %q", got)
	}
}

// TestMigrationsFromExistingFile builds a file at schema version 1 with
// data, reopens it with every migration and checks that only the new ones
// ran, the data survived and the new schema works; a third open applies
// nothing.
func TestMigrationsFromExistingFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := openUpTo(path, 1)
	if err != nil {
		t.Fatal(err)
	}
	// A page as the version-1 program wrote it (today's CreatePage
	// writes columns of later migrations).
	p := storage.Page{Slug: "سياسة-الخصوصية", Title: "سياسة الخصوصية", Sections: []storage.Section{{Heading: "أولاً", Body: "نص"}}}
	p.ID, p.Sections[0].ID = uuid.New(), uuid.New()
	now := formatTime(time.Now())
	if _, err := old.writer.ExecContext(ctx, `INSERT INTO pages (id, slug, title, lang, dir, numbering, date_style, status, created_at, updated_at)
		VALUES (?, ?, ?, 'ar', 'rtl', 'ordinal', 'numeric', 'draft', ?, ?)`, p.ID.String(), p.Slug, p.Title, now, now); err != nil {
		t.Fatal(err)
	}
	if _, err := old.writer.ExecContext(ctx, `INSERT INTO sections (id, page_id, position, kind, heading, body, updated_at)
		VALUES (?, ?, 0, 'numbered', ?, ?, ?)`, p.Sections[0].ID.String(), p.ID.String(), "أولاً", "نص", now); err != nil {
		t.Fatal(err)
	}
	if v, _ := old.SchemaVersion(ctx); v != 1 {
		t.Fatalf("old file at version %d, want 1", v)
	}
	if _, err := old.DataChanged(ctx); err == nil {
		t.Fatal("DataChanged works at version 1; the test no longer exercises migration 2")
	}
	appliedAt1 := queryString(t, old.reader, "SELECT applied_at FROM schema_migrations WHERE version = 1")
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	db := MustOpenDBAt(t, path)
	got, err := db.FindPageBySlug(ctx, p.Slug)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != p.ID || got.Title != p.Title || len(got.Sections) != 1 || got.Sections[0].Body != "نص" ||
		got.Sections[0].Version != 1 {
		t.Errorf("after migration: %+v, want %+v", got, p)
	}
	if k := queryString(t, db.reader, "SELECT slug_key FROM pages WHERE id = ?", p.ID.String()); k != storage.SlugKey(p.Slug) {
		t.Errorf("slug_key of a page older than migration 5 = %q, want %q", k, storage.SlugKey(p.Slug))
	}
	if a := queryString(t, db.reader, "SELECT applied_at FROM schema_migrations WHERE version = 1"); a != appliedAt1 {
		t.Errorf("migration 1 re-applied: applied_at %q, was %q", a, appliedAt1)
	}
	n1, err := db.DataChanged(ctx)
	if err != nil {
		t.Fatalf("DataChanged after migration 2: %v", err)
	}
	if err := db.SaveSectionBody(ctx, got.Sections[0].ID, "نص جديد"); err != nil {
		t.Fatal(err)
	}
	if n2, _ := db.DataChanged(ctx); n2 == n1 {
		t.Errorf("DataChanged did not change after a save on a migrated file")
	}
	if again, _ := db.FindPage(ctx, p.ID); again.Sections[0].Version != 2 {
		t.Errorf("version after a save on a migrated file = %d, want 2", again.Sections[0].Version)
	}
	count := queryString(t, db.reader, "SELECT count(*) FROM schema_migrations")
	db2, err := Open(path) // second open of the same file: nothing to apply
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if c := queryString(t, db2.reader, "SELECT count(*) FROM schema_migrations"); c != count {
		t.Errorf("reopen changed schema_migrations count %s → %s", count, c)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	db := MustOpenDB(t)
	raw := rawDB(t, db.Path())
	if _, err := raw.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future.sql', '')`); err != nil {
		t.Fatal(err)
	}
	if newer, err := Open(db.Path()); !errors.Is(err, storage.ErrInvalid) || !strings.Contains(err.Error(), "newer") {
		if err == nil {
			newer.Close()
		}
		t.Errorf("Open(file from a newer program) = %v, want ErrInvalid saying it is newer", err)
	}
}

// TestMigrationIsAtomic: a failing migration leaves no trace.
func TestMigrationIsAtomic(t *testing.T) {
	db := MustOpenDB(t)
	bad := migration{Version: 999, Name: "0999_bad.sql", SQL: `CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);`}
	if err := applyMigration(context.Background(), db.writer, bad); err == nil {
		t.Fatal("bad migration applied")
	}
	if n := queryString(t, db.reader, "SELECT count(*) FROM sqlite_master WHERE name = 'half'"); n != "0" {
		t.Error("table of the failed migration exists")
	}
	if n := queryString(t, db.reader, "SELECT count(*) FROM schema_migrations WHERE version = 999"); n != "0" {
		t.Error("failed migration recorded")
	}
}

func TestDataChangedAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := mustCreatePage(t, db, "a", 1)
	other := MustOpenDBAt(t, db.Path()) // another handle: separate connections, like another process
	before, err := db.DataChanged(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.SaveSectionBody(ctx, p.Sections[0].ID, "x"); err != nil {
		t.Fatal(err)
	}
	mid, _ := db.DataChanged(ctx)
	if mid == before {
		t.Error("DataChanged unchanged after a save through another handle")
	}
	raw := rawDB(t, db.Path())
	if _, err := raw.Exec(`UPDATE pages SET title = 'sqlite3 shell'`); err != nil {
		t.Fatal(err)
	}
	after, _ := db.DataChanged(ctx)
	if after == mid {
		t.Error("DataChanged unchanged after an outside UPDATE")
	}
	if err := db.CreateTarget(ctx, &storage.Target{Name: "t", Kind: "dir", Location: "/x"}); err != nil {
		t.Fatal(err)
	}
	if same, _ := db.DataChanged(ctx); same != after {
		t.Errorf("DataChanged changed (%d → %d) though no page or section did", after, same)
	}
}
