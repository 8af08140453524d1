package deploy

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/publish/target/sshdtest"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// TestPublishOverSFTP publishes, archives and rolls back through a real
// OpenSSH server on loopback (its files are on this machine, so the test
// reads them directly).
func TestPublishOverSFTP(t *testing.T) {
	srv := sshdtest.Start(t)
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "drafts.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	f := newFixture(t, db, storage.TargetOptions{})
	remote := filepath.Join(t.TempDir(), "www")
	err = db.CreateTarget(f.ctx, &storage.Target{Name: "server", Kind: storage.TargetSFTP,
		Location: srv.User + "@" + srv.Addr + remote,
		Options: storage.TargetOptions{KeyFile: srv.KeyFile, KnownHosts: sshdtest.KnownHosts(t, srv.HostKey, srv.Addr),
			Archive: true}})
	if err != nil {
		t.Fatal(err)
	}
	p := f.page(t, "privacy")
	first, err := f.pub.Publish(f.ctx, "privacy", "server")
	if err != nil {
		t.Fatal(err)
	}
	f.edit(t, p, 1, "نص جديد عبر SFTP")
	second, err := f.pub.Publish(f.ctx, "privacy", "server")
	if err != nil {
		t.Fatal(err)
	}
	if res, err := f.pub.PublishResult(f.ctx, "privacy", "server"); err != nil || !res.Unchanged {
		t.Errorf("third publish: unchanged %v, %v; want unchanged", res.Unchanged, err)
	}
	// A page defaced on the server is put back by PublishAll (publication 3).
	live := filepath.Join(remote, "privacy", "index.html")
	if err := os.WriteFile(live, []byte("defaced"), 0o644); err != nil {
		t.Fatal(err)
	}
	results, err := f.pub.PublishAllResults(f.ctx, "server")
	if err != nil || len(results) != 1 || !results[0].Restored || results[0].Publication.Number != 3 {
		t.Errorf("PublishAll over a defaced page = %v, %v; want publication 3 restored", summary(results), err)
	}
	if got, _ := os.ReadFile(live); !bytes.Equal(got, second.Body) {
		t.Errorf("defaced page not restored over SFTP")
	}
	if _, err := f.pub.Rollback(f.ctx, "privacy", "server", 1); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(remote, "privacy", "index.html"))
	if err != nil || !bytes.Equal(got, first.Body) {
		t.Errorf("page on the server after rollback = %d bytes, %v; want publication 1 exactly", len(got), err)
	}
	hist, err := f.pub.History(f.ctx, "privacy")
	if err != nil || len(hist) != 4 {
		t.Fatalf("History = %d publications, %v; want 4", len(hist), err)
	}
	names := []string{"index.html"}
	for _, pub := range hist {
		names = append(names, versionName(pub.Number, pub.Hash))
	}
	for _, name := range names {
		if _, err := os.Stat(filepath.Join(remote, "privacy", "versions", name)); err != nil {
			t.Errorf("archive file %s: %v", name, err)
		}
	}
	index, _ := os.ReadFile(filepath.Join(remote, "privacy", "versions", "index.html"))
	if !strings.Contains(string(index), "استرجاع الإصدار 1") {
		t.Errorf("archive index lacks the rollback:\n%s", index)
	}
}
