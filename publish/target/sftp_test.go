package target

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/qalam/policyeditor/storage"
)

const (
	sshdPath       = "/usr/sbin/sshd"
	sftpServerPath = "/usr/lib/openssh/sftp-server"
)

// sshServer is a real OpenSSH server on loopback, started by a test.
type sshServer struct {
	addr    string // 127.0.0.1:port
	hostKey ssh.PublicKey
	keyFile string // the user's private key (OpenSSH format)
	userKey ed25519.PrivateKey
	user    string
	dir     string
}

// startSSHD starts /usr/sbin/sshd -D on a free loopback port with fresh
// host and user keys. Without sshd the test fails in CI and skips elsewhere.
func startSSHD(t *testing.T) *sshServer {
	t.Helper()
	for _, p := range []string{sshdPath, sftpServerPath} {
		if _, err := os.Stat(p); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s missing (Debian packages openssh-server, openssh-sftp-server): %v", p, err)
			}
			t.Skipf("%s missing: %v", p, err)
		}
	}
	u, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		os.MkdirAll("/run/sshd", 0o755) // privilege separation folder
	}
	dir := t.TempDir()
	s := &sshServer{user: u.Username, dir: dir}
	hostPriv := writeKey(t, filepath.Join(dir, "host_ed25519"))
	s.userKey = writeKey(t, filepath.Join(dir, "user_ed25519"))
	s.keyFile = filepath.Join(dir, "user_ed25519")
	hostPub, _ := ssh.NewPublicKey(hostPriv.Public())
	s.hostKey = hostPub
	userPub, _ := ssh.NewPublicKey(s.userKey.Public())
	mustWrite(t, filepath.Join(dir, "authorized_keys"), string(ssh.MarshalAuthorizedKey(userPub)))

	port := freePort(t)
	s.addr = fmt.Sprintf("127.0.0.1:%d", port)
	cfg := fmt.Sprintf(`ListenAddress 127.0.0.1
Port %d
HostKey %s
AuthorizedKeysFile %s
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
AllowUsers %s
Subsystem sftp %s
PidFile %s
LogLevel ERROR
`, port, filepath.Join(dir, "host_ed25519"), filepath.Join(dir, "authorized_keys"), s.user, sftpServerPath, filepath.Join(dir, "sshd.pid"))
	cfgPath := filepath.Join(dir, "sshd_config")
	mustWrite(t, cfgPath, cfg)

	cmd := exec.Command(sshdPath, "-D", "-e", "-f", cfgPath)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start sshd: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", s.addr)
		if err == nil {
			c.Close()
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("sshd did not listen on %s: %v\n%s", s.addr, err, log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func writeKey(t *testing.T, path string) ed25519.PrivateKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	return priv
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// knownHosts writes a known_hosts file that lists key for each address.
func knownHosts(t *testing.T, key ssh.PublicKey, addrs ...string) string {
	t.Helper()
	var b strings.Builder
	for _, a := range addrs {
		b.WriteString(knownhosts.Line([]string{knownhosts.Normalize(a)}, key) + "\n")
	}
	p := filepath.Join(t.TempDir(), "known_hosts")
	mustWrite(t, p, b.String())
	return p
}

func (s *sshServer) target(addr, remoteDir, known string) storage.Target {
	return storage.Target{Name: "server", Kind: KindSFTP,
		Location: s.user + "@" + addr + remoteDir,
		Options:  storage.TargetOptions{KeyFile: s.keyFile, KnownHosts: known}}
}

func TestSFTPUploadReadBack(t *testing.T) {
	s := startSSHD(t)
	remote := filepath.Join(t.TempDir(), "www")
	ctx := context.Background()
	tg, err := Open(ctx, s.target(s.addr, remote, knownHosts(t, s.hostKey, s.addr)))
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

func TestSFTPAgentAuth(t *testing.T) {
	s := startSSHD(t)
	keyring := agent.NewKeyring()
	if err := keyring.Add(agent.AddedKey{PrivateKey: s.userKey}); err != nil {
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
	tgt := s.target(s.addr, filepath.Join(t.TempDir(), "www"), knownHosts(t, s.hostKey, s.addr))
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
	_, err := Open(context.Background(), s.target(s.addr, remote, knownHosts(t, otherPub, s.addr)))
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
	_, err := Open(context.Background(), s.target(s.addr, remote, knownHosts(t, s.hostKey, "example.org:22")))
	if !errors.Is(err, ErrUnknownHost) {
		t.Fatalf("Open of an unknown host = %v, want ErrUnknownHost", err)
	}
	t.Logf("unknown host: %v", err)
	if _, err := os.Stat(remote); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("something was written on the server: %v", err)
	}
	missing := s.target(s.addr, remote, filepath.Join(t.TempDir(), "no_known_hosts"))
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
	proxy := newCutProxy(t, s.addr)
	remote := filepath.Join(t.TempDir(), "www")
	known := knownHosts(t, s.hostKey, s.addr, proxy.addr())
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
	tg2, err := Open(ctx, s.target(s.addr, remote, known))
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
		{in: "deploy@example.org:22", want: sftpLocation{"deploy", "example.org:22", "/"}},
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
