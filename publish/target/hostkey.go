package target

import (
	"crypto/ed25519"
	"errors"
	"fmt"
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

// hostKeyCheck returns a callback that accepts only the host keys listed
// for addr in the known_hosts file (default ~/.ssh/known_hosts), and the
// host key algorithms to ask for so the server offers a key of a listed type.
func hostKeyCheck(file, addr string) (ssh.HostKeyCallback, []string, error) {
	if file == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, nil, fmt.Errorf("find known_hosts: %w", err)
		}
		file = filepath.Join(home, ".ssh", "known_hosts")
	}
	cb, err := knownhosts.New(file)
	if err != nil {
		return nil, nil, fmt.Errorf("read known_hosts %s: %w", file, err)
	}
	verify := func(host string, remote net.Addr, key ssh.PublicKey) error {
		err := cb(host, remote, key)
		var ke *knownhosts.KeyError
		if !errors.As(err, &ke) {
			return err
		}
		if len(ke.Want) == 0 {
			return fmt.Errorf("%w %s: it is not in %s; check its key fingerprint %s with the server's administrator, then add it (ssh-keyscan)",
				ErrUnknownHost, host, file, ssh.FingerprintSHA256(key))
		}
		return fmt.Errorf("%w for %s: the server offered %s but %s:%d lists another key; refusing to connect (possible man-in-the-middle)",
			ErrHostKeyChanged, host, ssh.FingerprintSHA256(key), ke.Want[0].Filename, ke.Want[0].Line)
	}
	return verify, knownAlgorithms(cb, addr), nil
}

// knownAlgorithms lists the host key algorithms of the keys known_hosts has
// for addr, by asking the callback about a throwaway key; nil lets the
// library choose (the host is then unknown anyway).
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
