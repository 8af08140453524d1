package target

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// TestTrustHostKey follows the first connection to a new server: the
// unknown host error carries the server's real key, trusting it writes a
// known_hosts line ssh would accept, and the next Open succeeds without
// asking. Trusting appends: the lines already there stay.
func TestTrustHostKey(t *testing.T) {
	s := startSSHD(t)
	known := filepath.Join(t.TempDir(), "ssh", "known_hosts") // folder missing too
	remote := filepath.Join(t.TempDir(), "www")
	_, err := Open(context.Background(), s.target(s.Addr, remote, known))
	var he *HostKeyError
	if !errors.As(err, &he) || !errors.Is(err, ErrUnknownHost) {
		t.Fatalf("Open with no known_hosts = %v, want a HostKeyError for an unknown host", err)
	}
	if !bytes.Equal(he.Key.Marshal(), s.HostKey.Marshal()) {
		t.Fatalf("the error carries key %s %s, want the server's ed25519 key (ssh's first choice)", he.Key.Type(), he.Fingerprint())
	}
	if !strings.HasPrefix(he.Fingerprint(), "SHA256:") || !strings.Contains(err.Error(), he.Fingerprint()) {
		t.Errorf("fingerprint %q not shown in %q", he.Fingerprint(), err)
	}
	if err := TrustHostKey(known, he.Host, he.Key); err != nil {
		t.Fatal(err)
	}
	tg, err := Open(context.Background(), s.target(s.Addr, remote, known))
	if err != nil {
		t.Fatalf("Open after trusting the key: %v", err)
	}
	tg.Close()
	st, err := os.Stat(known)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("known_hosts: %v, mode %v; want 0600", err, st.Mode().Perm())
	}

	// A file without a final newline gets one before the new line.
	other := filepath.Join(t.TempDir(), "known_hosts")
	if err := os.WriteFile(other, []byte("# mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := TrustHostKey(other, he.Host, he.Key); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(other)
	if lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n"); len(lines) != 2 || lines[0] != "# mine" {
		t.Errorf("known_hosts after trusting = %q, want the old line and one new line", b)
	}
}

// TestChangedHostKeyError: a changed key names the file and line that list
// the other key.
func TestChangedHostKeyError(t *testing.T) {
	s := startSSHD(t)
	known := knownHosts(t, s.RSAHostKey, "example.org:22") // line 1: another host
	b, _ := os.ReadFile(known)
	_, other, _ := ed25519.GenerateKey(nil)
	otherPub, _ := ssh.NewPublicKey(other.Public())
	line := knownhosts.Line([]string{knownhosts.Normalize(s.Addr)}, otherPub) + "\n"
	if err := os.WriteFile(known, append(b, line...), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), s.target(s.Addr, filepath.Join(t.TempDir(), "www"), known))
	var he *HostKeyError
	if !errors.As(err, &he) || !errors.Is(err, ErrHostKeyChanged) {
		t.Fatalf("Open with a changed key = %v, want a HostKeyError for a changed key", err)
	}
	if he.File != known || he.Line != 2 {
		t.Errorf("changed key points at %s:%d, want %s:2", he.File, he.Line, known)
	}
}
