// Package sshdtest starts a real OpenSSH server on loopback for tests of
// SFTP publishing: fresh host and user keys, an sshd_config in a temporary
// folder, /usr/sbin/sshd -D on a free port, stopped when the test ends.
// Without sshd the test fails when CI=true and is skipped otherwise.
package sshdtest

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// Paths of the OpenSSH programs (Debian: openssh-server, openssh-sftp-server).
const (
	SSHD       = "/usr/sbin/sshd"
	SFTPServer = "/usr/lib/openssh/sftp-server"
)

// Server is a running sshd.
type Server struct {
	Addr    string        // 127.0.0.1:port
	User    string        // the current user, the only one allowed in
	HostKey ssh.PublicKey // ed25519; the server also has RSAHostKey
	// RSAHostKey is the server's second host key, for known_hosts files
	// that list only an RSA key.
	RSAHostKey ssh.PublicKey
	KeyFile    string             // the user's private key file (OpenSSH format, no passphrase)
	UserKey    ed25519.PrivateKey // the same key, for an ssh-agent
}

// Start starts sshd and waits until it accepts connections.
func Start(t testing.TB) *Server {
	t.Helper()
	for _, p := range []string{SSHD, SFTPServer} {
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
	s := &Server{User: u.Username, KeyFile: filepath.Join(dir, "user_ed25519")}
	hostPriv := writeKey(t, filepath.Join(dir, "host_ed25519"))
	rsaPriv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	writePEM(t, filepath.Join(dir, "host_rsa"), rsaPriv)
	s.RSAHostKey, _ = ssh.NewPublicKey(&rsaPriv.PublicKey)
	s.UserKey = writeKey(t, s.KeyFile)
	s.HostKey, _ = ssh.NewPublicKey(hostPriv.Public())
	userPub, _ := ssh.NewPublicKey(s.UserKey.Public())
	write(t, filepath.Join(dir, "authorized_keys"), string(ssh.MarshalAuthorizedKey(userPub)))

	port := freePort(t)
	s.Addr = fmt.Sprintf("127.0.0.1:%d", port)
	cfg := fmt.Sprintf(`ListenAddress 127.0.0.1
Port %d
HostKey %s
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
`, port, filepath.Join(dir, "host_ed25519"), filepath.Join(dir, "host_rsa"), filepath.Join(dir, "authorized_keys"), s.User, SFTPServer,
		filepath.Join(dir, "sshd.pid"))
	cfgPath := filepath.Join(dir, "sshd_config")
	write(t, cfgPath, cfg)

	cmd := exec.Command(SSHD, "-D", "-e", "-f", cfgPath)
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
		c, err := net.Dial("tcp", s.Addr)
		if err == nil {
			c.Close()
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("sshd did not listen on %s: %v\n%s", s.Addr, err, log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// KnownHosts writes a known_hosts file that lists key for each address
// and returns its path.
func KnownHosts(t testing.TB, key ssh.PublicKey, addrs ...string) string {
	t.Helper()
	var b strings.Builder
	for _, a := range addrs {
		b.WriteString(knownhosts.Line([]string{knownhosts.Normalize(a)}, key) + "\n")
	}
	p := filepath.Join(t.TempDir(), "known_hosts")
	write(t, p, b.String())
	return p
}

func writeKey(t testing.TB, path string) ed25519.PrivateKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	writePEM(t, path, priv)
	return priv
}

func writePEM(t testing.TB, path string, key crypto.PrivateKey) {
	t.Helper()
	block, err := ssh.MarshalPrivateKey(key, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
}

func write(t testing.TB, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
