package target

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// Host key errors, wrapped by OpenSFTP so the app can explain them.
var (
	// ErrUnknownHost: the server is not in known_hosts.
	ErrUnknownHost = errors.New("unknown host")
	// ErrHostKeyChanged: known_hosts has a different key for the server —
	// possibly a man-in-the-middle; the connection is refused.
	ErrHostKeyChanged = errors.New("host key changed")
)

// HostKeyError is the error an unknown or changed host key gives: it
// matches ErrUnknownHost or ErrHostKeyChanged with errors.Is, and carries
// what a person needs to decide (the key and its SHA256 fingerprint) and
// what TrustHostKey needs to record an unknown key.
type HostKeyError struct {
	Err  error         // ErrUnknownHost or ErrHostKeyChanged
	Host string        // host:port as known_hosts names it
	Key  ssh.PublicKey // the key the server offered
	File string        // the known_hosts file consulted
	Line int           // for a changed key: the line that lists another key
}

// Fingerprint is the offered key's fingerprint as ssh prints it
// ("SHA256:…").
func (e *HostKeyError) Fingerprint() string { return ssh.FingerprintSHA256(e.Key) }

func (e *HostKeyError) Error() string {
	if errors.Is(e.Err, ErrHostKeyChanged) {
		return fmt.Sprintf("%v for %s: the server offered %s but %s:%d lists another key; refusing to connect (possible man-in-the-middle)",
			e.Err, e.Host, e.Fingerprint(), e.File, e.Line)
	}
	return fmt.Sprintf("%v %s: it is not in %s; check its key fingerprint %s with the server's administrator, then add it (ssh-keyscan)",
		e.Err, e.Host, e.File, e.Fingerprint())
}

func (e *HostKeyError) Unwrap() error { return e.Err }

// KnownHostsFile is the known_hosts file a target uses: file, or
// ~/.ssh/known_hosts when file is empty.
func KnownHostsFile(file string) (string, error) {
	if file != "" {
		return file, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find known_hosts: %w", err)
	}
	return filepath.Join(home, ".ssh", "known_hosts"), nil
}

// hostKeyCheck returns a callback that accepts only the host keys listed
// for addr in the known_hosts file (default ~/.ssh/known_hosts), and the
// host key algorithms to ask for so the server offers a key of a listed type.
// A missing file lists no host, as for ssh: every host is unknown.
func hostKeyCheck(file, addr string) (ssh.HostKeyCallback, []string, error) {
	file, err := KnownHostsFile(file)
	if err != nil {
		return nil, nil, err
	}
	cb, err := knownhosts.New(file)
	if errors.Is(err, fs.ErrNotExist) {
		cb, err = knownhosts.New(os.DevNull)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read known_hosts %s: %w", file, err)
	}
	verify := func(host string, remote net.Addr, key ssh.PublicKey) error {
		err := cb(host, remote, key)
		var ke *knownhosts.KeyError
		if !errors.As(err, &ke) {
			return err
		}
		he := &HostKeyError{Err: ErrUnknownHost, Host: host, Key: key, File: file}
		if len(ke.Want) > 0 {
			he.Err, he.Line = ErrHostKeyChanged, ke.Want[0].Line
		}
		return he
	}
	return verify, knownAlgorithms(cb, addr), nil
}

// TrustHostKey records key as the host key of host (host:port) by
// appending a line to the known_hosts file (default ~/.ssh/known_hosts), as
// ssh does when its user answers "yes": the folder is created (0700), the
// file too (0600), and the line is flushed to disk before it returns, so a
// crash leaves the file either without the line or with all of it.
func TrustHostKey(file, host string, key ssh.PublicKey) error {
	file, err := KnownHostsFile(file)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return fmt.Errorf("trust host key of %s: %w", host, err)
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("trust host key of %s: %w", host, err)
	}
	line := knownhosts.Line([]string{knownhosts.Normalize(host)}, key) + "\n"
	if st, err := f.Stat(); err == nil && st.Size() > 0 && !endsWithNewline(file, st.Size()) {
		line = "\n" + line
	}
	_, err = f.WriteString(line)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("trust host key of %s: write %s: %w", host, file, err)
	}
	return nil
}

// endsWithNewline says whether the file of size n ends with "\n".
func endsWithNewline(file string, n int64) bool {
	f, err := os.Open(file)
	if err != nil {
		return true
	}
	defer f.Close()
	b := make([]byte, 1)
	if _, err := f.ReadAt(b, n-1); err != nil {
		return true
	}
	return b[0] == '\n'
}

// knownAlgorithms lists the host key algorithms of the keys known_hosts has
// for addr, by asking the callback about a throwaway key; for an unknown
// host, OpenSSH's preference; nil lets the library choose.
func knownAlgorithms(cb ssh.HostKeyCallback, addr string) []string {
	_, priv, _ := ed25519.GenerateKey(nil)
	probe, _ := ssh.NewSignerFromKey(priv)
	tcp, _ := net.ResolveTCPAddr("tcp", addr)
	var remote net.Addr = &net.TCPAddr{}
	if tcp != nil {
		remote = tcp
	}
	var ke *knownhosts.KeyError
	if !errors.As(cb(addr, remote, probe.PublicKey()), &ke) {
		return nil
	}
	if len(ke.Want) == 0 {
		// An unknown host: ask for the key types in OpenSSH's order, so the
		// fingerprint shown is the one ssh would show (ed25519 first).
		return []string{ssh.KeyAlgoED25519, ssh.KeyAlgoECDSA256, ssh.KeyAlgoECDSA384, ssh.KeyAlgoECDSA521,
			ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256}
	}
	var algos []string
	seen := map[string]bool{}
	add := func(a string) {
		if !seen[a] {
			seen[a] = true
			algos = append(algos, a)
		}
	}
	for _, k := range ke.Want {
		switch t := k.Key.Type(); t {
		case ssh.KeyAlgoRSA:
			add(ssh.KeyAlgoRSASHA512)
			add(ssh.KeyAlgoRSASHA256)
			add(t)
		default:
			add(t)
		}
	}
	return algos
}
