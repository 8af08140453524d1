//go:build !nogui

package app

import (
	"crypto/ed25519"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"golang.org/x/crypto/ssh"

	"github.com/qalam/policyeditor/publish/target/sshdtest"
	"github.com/qalam/policyeditor/storage"
)

func newTestTargetsScreen(e *screenEnv) *targetsScreen {
	s := newTargetsScreen(e.ctx, e.win, newTargetsService(e.db))
	s.background = inline
	return s
}

// TestTargetsSFTPFingerprint adds an SFTP target for the real OpenSSH
// server the tests start: testing the connection shows the server's
// SHA256 fingerprint and asks whether to trust it; trusting writes the key
// to known_hosts as ssh would and the connection then works; the target
// is saved. Then the server's key "changes" (known_hosts lists another):
// the test is an error with no way to trust the new key.
func TestTargetsSFTPFingerprint(t *testing.T) {
	srv := sshdtest.Start(t)
	e := newScreenEnv(t)
	s := newTestTargetsScreen(e)
	s.show()
	c := e.win.Canvas()
	if len(s.targets) != 1 || s.targets[0].Name != "site" {
		t.Fatalf("targets listed: %+v, want the default site", s.targets)
	}

	button(t, c, "Add…").OnTapped()
	f := s.form
	known := filepath.Join(t.TempDir(), "ssh", "known_hosts")
	remote := filepath.Join(t.TempDir(), "www")
	host, port, _ := strings.Cut(srv.Addr, ":")
	f.name.SetText("server")
	f.kind.SetSelected(f.kind.Options[1])
	if f.sftpBox.Hidden || !f.dirBox.Hidden {
		t.Error("choosing SFTP does not show the server fields")
	}
	f.user.SetText(srv.User)
	f.host.SetText(host)
	f.port.SetText(port)
	f.path.SetText(remote)
	f.keyFile.SetText(srv.KeyFile)
	f.knownHosts.SetText(known)
	f.url.SetText("https://example.com/{slug}/")

	button(t, c, "Test connection").OnTapped()
	if s.trust == nil {
		t.Fatalf("no trust question for an unknown server; status %q", s.status.Text())
	}
	fp := []string{ssh.FingerprintSHA256(srv.HostKey), ssh.FingerprintSHA256(srv.RSAHostKey)}
	found := false
	for _, txt := range texts(c) {
		if strings.Contains(txt, fp[0]) || strings.Contains(txt, fp[1]) {
			found = true
		}
	}
	if !found {
		t.Errorf("the trust question does not show the server's fingerprint %v:\n%s", fp, strings.Join(texts(c), "\n"))
	}
	shows(t, c, "has not connected to")
	saveCapture(t, c, "trust-en.png")
	button(t, c, "Trust and connect").OnTapped()
	if !strings.Contains(s.status.Text(), "the connection works") {
		t.Errorf("after trusting, status = %q", s.status.Text())
	}
	kh, err := os.ReadFile(known)
	if err != nil || !strings.Contains(string(kh), "[127.0.0.1]:"+port) {
		t.Errorf("known_hosts = %q (%v), want a line for [127.0.0.1]:%s", kh, err, port)
	}

	button(t, c, "Save").OnTapped()
	got, err := e.db.FindTarget(e.ctx, "server")
	if err != nil {
		t.Fatal(err)
	}
	want := srv.User + "@127.0.0.1:" + port + remote
	if got.Kind != storage.TargetSFTP || got.Location != want || got.Options.KeyFile != srv.KeyFile ||
		got.Options.KnownHosts != known || got.URL != "https://example.com/{slug}/" {
		t.Errorf("saved %+v, want sftp %s with the key, known_hosts and URL", got, want)
	}
	if len(s.targets) != 2 {
		t.Errorf("the list shows %d targets after saving, want 2", len(s.targets))
	}

	// The key changes: known_hosts now lists another key for the server.
	_, other, _ := ed25519.GenerateKey(nil)
	otherPub, _ := ssh.NewPublicKey(other.Public())
	changed := sshdtest.KnownHosts(t, otherPub, srv.Addr)
	got.Options.KnownHosts = changed
	if err := e.db.UpdateTarget(e.ctx, "server", &got); err != nil {
		t.Fatal(err)
	}
	s.load()
	s.list.Select(indexOfTarget(s.targets, "server"))
	before, _ := os.ReadFile(changed)
	button(t, c, "Test connection").OnTapped()
	if s.trust != nil {
		t.Fatal("a changed host key offers to trust it")
	}
	shows(t, c, "identity key has changed")
	shows(t, c, "Do not publish.")
	for _, txt := range texts(c) {
		if strings.HasPrefix(txt, "Trust") {
			t.Errorf("a changed key shows a %q button", txt)
		}
	}
	after, _ := os.ReadFile(changed)
	if string(before) != string(after) {
		t.Error("known_hosts was changed after a changed key")
	}
}

// TestTargetsFolderEditRemove: add a folder target, edit its layout and
// name, test it, remove it.
func TestTargetsFolderEditRemove(t *testing.T) {
	e := newScreenEnv(t)
	s := newTestTargetsScreen(e)
	s.show()
	c := e.win.Canvas()
	button(t, c, "Add…").OnTapped()
	dir := filepath.Join(t.TempDir(), "www")
	s.form.name.SetText("web")
	s.form.folder.SetText(dir)
	button(t, c, "Save").OnTapped()
	s.list.Select(indexOfTarget(s.targets, "web"))
	button(t, c, "Test connection").OnTapped()
	if !strings.Contains(s.status.Text(), "web: the connection works") {
		t.Errorf("status after testing a folder = %q", s.status.Text())
	}
	button(t, c, "Edit…").OnTapped()
	s.form.name.SetText("www")
	s.form.layout.SetSelected(s.form.layout.Options[1])
	s.form.archive.SetChecked(true)
	button(t, c, "Save").OnTapped()
	got, err := e.db.FindTarget(e.ctx, "www")
	if err != nil || got.Location != dir || got.Options.Layout != "flat" || !got.Options.Archive {
		t.Errorf("after editing: %+v (%v), want www at %s, flat, archive", got, err, dir)
	}

	button(t, c, "Add…").OnTapped()
	s.form.name.SetText("www")
	s.form.folder.SetText(dir)
	button(t, c, "Save").OnTapped()
	shows(t, c, "That name is already taken.")
	button(t, c, "OK").OnTapped()
	button(t, c, "Cancel").OnTapped()

	s.list.Select(indexOfTarget(s.targets, "www"))
	button(t, c, "Remove").OnTapped()
	shows(t, c, "Nothing is deleted on the site")
	button(t, c, "Remove").OnTapped()
	if _, err := e.db.FindTarget(e.ctx, "www"); err == nil {
		t.Error("the target is still there after Remove")
	}
}

func indexOfTarget(ts []storage.Target, name string) int {
	for i, t := range ts {
		if t.Name == name {
			return i
		}
	}
	return -1
}

// TestSFTPLocationFields: the location splits into the form's fields and
// joins back, IPv6 and a default port included.
func TestSFTPLocationFields(t *testing.T) {
	for _, loc := range []string{"deploy@example.com:22/var/www", "a@b@[::1]:2222/srv/site", "u@127.0.0.1:" + strconv.Itoa(2022) + "/x"} {
		if got := splitSFTP(loc).join(); got != loc {
			t.Errorf("split+join(%q) = %q", loc, got)
		}
	}
	if got := (sftpParts{User: "u", Host: "h", Path: "www"}).join(); got != "u@h:22/www" {
		t.Errorf("join without port and with a relative path = %q", got)
	}
}

// saveCapture keeps what the test window shows in out/NAME, to look at.
func saveCapture(t *testing.T, c fyne.Canvas, name string) {
	t.Helper()
	path := filepath.Join("..", "out", name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, c.Capture()); err != nil {
		t.Fatal(err)
	}
}
