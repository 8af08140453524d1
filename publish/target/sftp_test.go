package target

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/pem"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"

	"github.com/qalam/policyeditor/publish/target/sshdtest"
	"github.com/qalam/policyeditor/storage"
)

// sshServer wraps the test sshd with a helper to describe targets.
type sshServer struct{ *sshdtest.Server }

func startSSHD(t *testing.T) sshServer { return sshServer{sshdtest.Start(t)} }

func knownHosts(t *testing.T, key ssh.PublicKey, addrs ...string) string {
	return sshdtest.KnownHosts(t, key, addrs...)
}

func (s sshServer) target(addr, remoteDir, known string) storage.Target {
	return storage.Target{Name: "server", Kind: storage.TargetSFTP,
		Location: s.User + "@" + addr + remoteDir,
		Options:  storage.TargetOptions{KeyFile: s.KeyFile, KnownHosts: known}}
}

func TestSFTPUploadReadBack(t *testing.T) {
	s := startSSHD(t)
	remote := filepath.Join(t.TempDir(), "www")
	ctx := context.Background()
	tg, err := Open(ctx, s.target(s.Addr, remote, knownHosts(t, s.HostKey, s.Addr)))
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	for _, body := range [][]byte{[]byte("<p>أولاً</p>"), bytes.Repeat([]byte("ثانياً "), 100_000)} {
		if err := tg.WriteFile(ctx, "privacy/index.html", body); err != nil {
			t.Fatal(err)
		}
		got, err := tg.ReadFile(ctx, "privacy/index.html")
		if err != nil || !bytes.Equal(got, body) {
			t.Fatalf("ReadFile = %d bytes, %v; want %d bytes", len(got), err, len(body))
		}
		onDisk, err := os.ReadFile(filepath.Join(remote, "privacy", "index.html"))
		if err != nil || !bytes.Equal(onDisk, body) {
			t.Fatalf("file on the server = %d bytes, %v; want %d bytes", len(onDisk), err, len(body))
		}
	}
	fi, err := os.Stat(filepath.Join(remote, "privacy", "index.html"))
	if err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode on server = %v, %v; want 0644", fi.Mode(), err)
	}
	assertNoTemps(t, remote)
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if err := tg.WriteFile(canceled, "privacy/index.html", []byte("late")); !errors.Is(err, context.Canceled) {
		t.Errorf("WriteFile(canceled) = %v, want context.Canceled", err)
	}
	for _, rel := range []string{"missing.html", "no/such/index.html"} {
		if _, err := tg.ReadFile(ctx, rel); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("ReadFile(%q) = %v, want fs.ErrNotExist", rel, err)
		}
	}

	// Escapes are refused before anything is sent, and through symlinks.
	outside := t.TempDir()
	mustSymlink(t, outside, filepath.Join(remote, "evil"))
	mustSymlink(t, filepath.Join(outside, "x.html"), filepath.Join(remote, "evil.html"))
	for _, rel := range []string{"../x.html", "/etc/x", "evil/index.html", "evil/new/index.html", "CON.html", "evil.html"} {
		if err := tg.WriteFile(ctx, rel, []byte("pwned")); !errors.Is(err, ErrUnsafePath) {
			t.Errorf("WriteFile(%q) = %v, want ErrUnsafePath", rel, err)
		}
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("files written outside the target: %v", entries)
	}
}

// TestSFTPKnownHostsOneKeyType: the server has an ed25519 and an RSA host
// key, known_hosts lists only one of them; the client must ask the server
// for that type (by default Go would negotiate RSA first).
func TestSFTPKnownHostsOneKeyType(t *testing.T) {
	s := startSSHD(t)
	for _, key := range []ssh.PublicKey{s.HostKey, s.RSAHostKey} {
		tg, err := Open(context.Background(), s.target(s.Addr, filepath.Join(t.TempDir(), "www"), knownHosts(t, key, s.Addr)))
		if err != nil {
			t.Fatalf("Open with only the %s host key known: %v", key.Type(), err)
		}
		tg.Close()
	}
}

func TestSFTPAgentAuth(t *testing.T) {
	s := startSSHD(t)
	keyring := agent.NewKeyring()
	if err := keyring.Add(agent.AddedKey{PrivateKey: s.UserKey}); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(t.TempDir(), "agent.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go agent.ServeAgent(keyring, c)
		}
	}()
	t.Setenv("SSH_AUTH_SOCK", sock)
	tgt := s.target(s.Addr, filepath.Join(t.TempDir(), "www"), knownHosts(t, s.HostKey, s.Addr))
	tgt.Options.KeyFile = ""
	tg, err := Open(context.Background(), tgt)
	if err != nil {
		t.Fatalf("Open with ssh-agent: %v", err)
	}
	defer tg.Close()
	if err := tg.WriteFile(context.Background(), "a.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
}

func TestSFTPWrongHostKey(t *testing.T) {
	s := startSSHD(t)
	_, other, _ := ed25519.GenerateKey(nil)
	otherPub, _ := ssh.NewPublicKey(other.Public())
	remote := filepath.Join(t.TempDir(), "www")
	_, err := Open(context.Background(), s.target(s.Addr, remote, knownHosts(t, otherPub, s.Addr)))
	if !errors.Is(err, ErrHostKeyChanged) {
		t.Fatalf("Open with a changed host key = %v, want ErrHostKeyChanged", err)
	}
	t.Logf("changed host key: %v", err)
	if _, err := os.Stat(remote); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("something was written on the server: %v", err)
	}
}

func TestSFTPUnknownHost(t *testing.T) {
	s := startSSHD(t)
	remote := filepath.Join(t.TempDir(), "www")
	_, err := Open(context.Background(), s.target(s.Addr, remote, knownHosts(t, s.HostKey, "example.org:22")))
	if !errors.Is(err, ErrUnknownHost) {
		t.Fatalf("Open of an unknown host = %v, want ErrUnknownHost", err)
	}
	t.Logf("unknown host: %v", err)
	if _, err := os.Stat(remote); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("something was written on the server: %v", err)
	}
	missing := s.target(s.Addr, remote, filepath.Join(t.TempDir(), "no_known_hosts"))
	if _, err := Open(context.Background(), missing); err == nil {
		t.Error("Open with a missing known_hosts file = nil error")
	}
}

// cutProxy forwards loopback connections to addr and, once armed, closes
// both sides after limit more bytes went from client to server.
type cutProxy struct {
	l      net.Listener
	to     string
	sent   atomic.Int64
	limit  atomic.Int64 // 0 = never cut
	cut    chan struct{}
	cutOne sync.Once
}

func newCutProxy(t *testing.T, to string) *cutProxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{l: l, to: to, cut: make(chan struct{})}
	t.Cleanup(func() { l.Close() })
	go p.serve()
	return p
}

func (p *cutProxy) addr() string { return p.l.Addr().String() }

func (p *cutProxy) serve() {
	for {
		c, err := p.l.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", p.to)
		if err != nil {
			c.Close()
			continue
		}
		go func() {
			<-p.cut
			c.Close()
			s.Close()
		}()
		go io.Copy(c, s)
		go p.upstream(c, s)
	}
}

func (p *cutProxy) upstream(c, s net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			total := p.sent.Add(int64(n))
			if lim := p.limit.Load(); lim > 0 && total >= lim {
				p.cutOne.Do(func() { close(p.cut) })
				return
			}
			if _, err := s.Write(buf[:n]); err != nil {
				return
			}
		}
		if err != nil {
			s.Close()
			return
		}
	}
}

// TestSFTPConnectionCut cuts the connection while a large page is being
// uploaded: the page on the server keeps its old bytes.
func TestSFTPConnectionCut(t *testing.T) {
	s := startSSHD(t)
	proxy := newCutProxy(t, s.Addr)
	remote := filepath.Join(t.TempDir(), "www")
	known := knownHosts(t, s.HostKey, s.Addr, proxy.addr())
	ctx := context.Background()
	tg, err := Open(ctx, s.target(proxy.addr(), remote, known))
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	old := bytes.Repeat([]byte("<p>القديمة</p>"), 1000)
	if err := tg.WriteFile(ctx, "privacy/index.html", old); err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("<p>الجديدة الكبيرة</p>\n"), (32<<20)/40) // ~32 MB
	proxy.limit.Store(proxy.sent.Load() + 4<<20)                         // cut 4 MB into the upload
	err = tg.WriteFile(ctx, "privacy/index.html", big)
	if err == nil {
		t.Fatal("WriteFile through a cut connection = nil error")
	}
	t.Logf("cut mid-upload: %v", err)
	select {
	case <-proxy.cut:
	default:
		t.Fatal("the proxy never cut the connection")
	}
	assertPage(t, remote, "privacy/index.html", old)

	// The partial temp file could not be removed over the dead connection;
	// the next open removes it once it is stale.
	staleAfter = -time.Second
	defer func() { staleAfter = time.Hour }()
	tg2, err := Open(ctx, s.target(s.Addr, remote, known))
	if err != nil {
		t.Fatal(err)
	}
	defer tg2.Close()
	assertNoTemps(t, remote)
	got, err := tg2.ReadFile(ctx, "privacy/index.html")
	if err != nil || !bytes.Equal(got, old) {
		t.Errorf("page after the cut = %d bytes, %v; want the old %d bytes", len(got), err, len(old))
	}
}

func TestParseSFTPLocation(t *testing.T) {
	tests := []struct {
		in   string
		want sftpLocation
		bad  bool
	}{
		{in: "deploy@example.org:2222/var/www/site", want: sftpLocation{"deploy", "example.org:2222", "/var/www/site"}},
		{in: "deploy@example.org/var/www", want: sftpLocation{"deploy", "example.org:22", "/var/www"}},
		{in: "deploy@[::1]:22/srv", want: sftpLocation{"deploy", "[::1]:22", "/srv"}},
		{in: "deploy@example.org:22", bad: true}, // no path: would publish into the server's root
		{in: "deploy@example.org:22/srv/www/@team", want: sftpLocation{"deploy", "example.org:22", "/srv/www/@team"}},
		{in: "me@corp@example.org/srv", want: sftpLocation{"me@corp", "example.org:22", "/srv"}},
		{in: "example.org:22/srv", bad: true},
		{in: "deploy@:22/srv", bad: true},
	}
	for _, tt := range tests {
		got, err := parseSFTPLocation(tt.in)
		if (err != nil) != tt.bad || got != tt.want {
			t.Errorf("parseSFTPLocation(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.bad)
		}
	}
}

func TestAuthMethodErrors(t *testing.T) {
	_, priv, _ := ed25519.GenerateKey(nil)
	block, err := ssh.MarshalPrivateKeyWithPassphrase(priv, "", []byte("secret"))
	if err != nil {
		t.Fatal(err)
	}
	encrypted := filepath.Join(t.TempDir(), "id_ed25519")
	mustWrite(t, encrypted, string(pem.EncodeToMemory(block)))
	if _, _, err := authMethod(encrypted); err == nil || !strings.Contains(err.Error(), "passphrase") {
		t.Errorf("authMethod(encrypted key) = %v, want a passphrase error", err)
	}
	if _, _, err := authMethod(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("authMethod(missing key file) = nil error")
	}
	t.Setenv("SSH_AUTH_SOCK", "")
	if _, _, err := authMethod(""); err == nil || !strings.Contains(err.Error(), "ssh-agent") {
		t.Errorf("authMethod(no key, no agent) = %v, want an ssh-agent error", err)
	}
}
