package target

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path"
	"strings"
	"time"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"

	"github.com/qalam/policyeditor/storage"
)

// SFTP extensions of OpenSSH the target relies on.
const (
	extPosixRename = "posix-rename@openssh.com"
	extFsync       = "fsync@openssh.com"
)

// ErrNoAtomicRename: the server lacks posix-rename@openssh.com, so pages
// cannot be replaced atomically; the target refuses to work rather than
// fall back to delete-then-rename.
var ErrNoAtomicRename = errors.New("server does not support atomic rename (" + extPosixRename + ")")

// SFTP is a target on a server reached over SSH. Its methods are safe for
// concurrent use.
type SFTP struct {
	loc      string // user@host:port/path, for messages
	root     string // remote root folder, as given
	realRoot string // the root with symlinks resolved by the server
	ssh      *ssh.Client
	client   *sftp.Client
	fsync    bool
}

// sftpLocation is a parsed "user@host:port/path".
type sftpLocation struct {
	user, addr, dir string
}

// parseSFTPLocation parses user@host[:port]/path; the port defaults to 22
// and the path is absolute and required (a location without one would
// publish into the server's root). IPv6 hosts are written in brackets. The
// user ends at the last "@" before the path, so a path may contain "@".
func parseSFTPLocation(loc string) (sftpLocation, error) {
	head, _, _ := strings.Cut(loc, "/")
	at := strings.LastIndex(head, "@")
	if at <= 0 {
		return sftpLocation{}, fmt.Errorf("sftp location %q: want user@host:port/path", loc)
	}
	user, rest := loc[:at], loc[at+1:]
	i := strings.Index(rest, "/")
	if i < 0 {
		return sftpLocation{}, fmt.Errorf("sftp location %q: no path after the host (want user@host:port/path)", loc)
	}
	hostport, dir := rest[:i], path.Clean(rest[i:])
	host, port := hostport, "22"
	if h, p, err := net.SplitHostPort(hostport); err == nil {
		host, port = h, p
	}
	host = strings.Trim(host, "[]")
	if host == "" {
		return sftpLocation{}, fmt.Errorf("sftp location %q: no host", loc)
	}
	return sftpLocation{user: user, addr: net.JoinHostPort(host, port), dir: dir}, nil
}

// OpenSFTP connects to the server named by location (user@host:port/path).
// It authenticates with opt.KeyFile, or with ssh-agent (SSH_AUTH_SOCK) when
// no key file is set, and verifies the host key against opt.KnownHosts
// (default ~/.ssh/known_hosts): an unknown or changed host key is an error.
// A server without posix-rename@openssh.com gives ErrNoAtomicRename.
func OpenSFTP(ctx context.Context, location string, opt storage.TargetOptions) (*SFTP, error) {
	loc, err := parseSFTPLocation(location)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*SFTP, error) { return nil, fmt.Errorf("open sftp target %s: %w", location, err) }
	cfg, done, err := clientConfig(loc, opt)
	if err != nil {
		return fail(err)
	}
	defer done() // the agent is only needed to authenticate
	var dialer net.Dialer
	conn, err := dialer.DialContext(ctx, "tcp", loc.addr)
	if err != nil {
		return fail(err)
	}
	sshClient, err := handshake(ctx, conn, loc.addr, cfg)
	if err != nil {
		conn.Close()
		return fail(err)
	}
	t, err := newSFTP(sshClient, location, loc.dir)
	if err != nil {
		sshClient.Close()
		return fail(err)
	}
	t.removeTemps(time.Now().Add(-staleAfter))
	return t, nil
}

// handshake runs the SSH handshake on conn, giving up when ctx ends.
func handshake(ctx context.Context, conn net.Conn, addr string, cfg *ssh.ClientConfig) (*ssh.Client, error) {
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	conn.SetDeadline(time.Now().Add(cfg.Timeout))
	c, chans, reqs, err := ssh.NewClientConn(conn, addr, cfg)
	if err != nil {
		return nil, err
	}
	conn.SetDeadline(time.Time{})
	return ssh.NewClient(c, chans, reqs), nil
}

func newSFTP(sshClient *ssh.Client, location, dir string) (*SFTP, error) {
	client, err := sftp.NewClient(sshClient, sftp.UseConcurrentWrites(true))
	if err != nil {
		return nil, fmt.Errorf("start sftp: %w", err)
	}
	if _, ok := client.HasExtension(extPosixRename); !ok {
		client.Close()
		return nil, ErrNoAtomicRename
	}
	_, fsync := client.HasExtension(extFsync)
	if err := client.MkdirAll(dir); err != nil {
		client.Close()
		return nil, classify("create folder", dir, err)
	}
	real, err := client.RealPath(dir)
	if err != nil {
		client.Close()
		return nil, fmt.Errorf("resolve %s: %w", dir, err)
	}
	return &SFTP{loc: location, root: dir, realRoot: real, ssh: sshClient, client: client, fsync: fsync}, nil
}

// clientConfig builds the SSH configuration: user, key-file or agent
// authentication and known_hosts verification.
// done releases the ssh-agent connection once the handshake is over.
func clientConfig(loc sftpLocation, opt storage.TargetOptions) (cfg *ssh.ClientConfig, done func(), err error) {
	verify, algos, err := hostKeyCheck(opt.KnownHosts, loc.addr)
	if err != nil {
		return nil, nil, err
	}
	auth, done, err := authMethod(opt.KeyFile)
	if err != nil {
		return nil, nil, err
	}
	return &ssh.ClientConfig{
		User:              loc.user,
		Auth:              []ssh.AuthMethod{auth},
		HostKeyCallback:   verify,
		HostKeyAlgorithms: algos,
		Timeout:           20 * time.Second,
	}, done, nil
}

// authMethod reads the private key file, or uses the agent at
// SSH_AUTH_SOCK; done closes the agent connection.
func authMethod(keyFile string) (auth ssh.AuthMethod, done func(), err error) {
	if keyFile != "" {
		pem, err := os.ReadFile(keyFile)
		if err != nil {
			return nil, nil, fmt.Errorf("read key file: %w", err)
		}
		signer, err := ssh.ParsePrivateKey(pem)
		var missing *ssh.PassphraseMissingError
		if errors.As(err, &missing) {
			return nil, nil, fmt.Errorf("key file %s is protected by a passphrase: load it into ssh-agent and leave the key file empty", keyFile)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("key file %s: %w", keyFile, err)
		}
		return ssh.PublicKeys(signer), func() {}, nil
	}
	sock := os.Getenv("SSH_AUTH_SOCK")
	if sock == "" {
		return nil, nil, errors.New("no key file set and no ssh-agent running (SSH_AUTH_SOCK is empty)")
	}
	conn, err := net.Dial("unix", sock)
	if err != nil {
		return nil, nil, fmt.Errorf("connect to ssh-agent: %w", err)
	}
	return ssh.PublicKeysCallback(agent.NewClient(conn).Signers), func() { conn.Close() }, nil
}

// tempName names a remote temporary file in dir like local ones.
func (t *SFTP) tempName(dir string) string { return path.Join(dir, tempPrefix+randomSuffix()) }

// Close ends the SFTP session and the SSH connection.
func (t *SFTP) Close() error {
	err := t.client.Close()
	if err2 := t.ssh.Close(); err == nil {
		err = err2
	}
	return err
}

// ReadFile returns the contents of rel on the server.
func (t *SFTP) ReadFile(ctx context.Context, rel string) ([]byte, error) {
	p, err := t.remotePath(rel)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", t.loc, err)
	}
	if err := t.checkInside(path.Dir(p)); err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	f, err := t.client.Open(p)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	return b, ctx.Err()
}

// WriteFile uploads data to a temporary file next to rel, fsyncs it when
// the server offers fsync@openssh.com, and renames it over rel with
// posix-rename@openssh.com, so the web server sees the old page or the new
// one. Folders are created as needed. On error the temporary file is
// removed if the connection still allows it (otherwise it is removed the
// next time the target is opened, once older than an hour).
func (t *SFTP) WriteFile(ctx context.Context, rel string, data []byte) error {
	p, err := t.remotePath(rel)
	if err != nil {
		return fmt.Errorf("write %s: %w", t.loc, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	dir := path.Dir(p)
	if err := t.checkInside(dir); err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	if err := t.client.MkdirAll(dir); err != nil {
		return classify("write", p, err)
	}
	if err := t.checkInside(dir); err != nil { // the folders just made are real, but check again
		return fmt.Errorf("write %s: %w", p, err)
	}
	if fi, err := t.client.Lstat(p); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if real, err := t.client.RealPath(p); err != nil || !withinSlash(t.realRoot, real) {
			return fmt.Errorf("write %s: %w: symlink points outside the target or nowhere", p, ErrUnsafePath)
		}
	}
	// A canceled context ends the connection: an SFTP request cannot be
	// abandoned halfway otherwise. The target is unusable afterwards.
	stop := context.AfterFunc(ctx, func() { t.ssh.Close() })
	defer stop()
	if err := t.upload(dir, p, data); err != nil {
		return classify("write", p, err)
	}
	return nil
}

func (t *SFTP) upload(dir, dest string, data []byte) (err error) {
	tmp := t.tempName(dir)
	f, err := t.client.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			t.client.Remove(tmp)
		}
	}()
	// Private until renamed: the server may create it 0644, and a killed
	// upload would leave the page's bytes in a dot file of the web root.
	if err = f.Chmod(0o600); err != nil {
		return err
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if t.fsync {
		if err = f.Sync(); err != nil {
			return err
		}
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return t.client.PosixRename(tmp, dest)
}

// remotePath validates rel and joins it to the remote root.
func (t *SFTP) remotePath(rel string) (string, error) {
	if err := ValidateRel(rel); err != nil {
		return "", err
	}
	return path.Join(t.root, rel), nil
}

// checkInside resolves the deepest existing folder of dir on the server
// (following symlinks) and refuses it if it lies outside the root.
func (t *SFTP) checkInside(dir string) error {
	for p := dir; ; p = path.Dir(p) {
		if _, err := t.client.Lstat(p); err != nil {
			if errors.Is(err, fs.ErrNotExist) && p != t.root && p != "/" {
				continue
			}
			return err
		}
		real, err := t.client.RealPath(p)
		if err != nil {
			return err
		}
		if !withinSlash(t.realRoot, real) {
			return fmt.Errorf("%w: %s resolves to %s, outside the target %s", ErrUnsafePath, p, real, t.realRoot)
		}
		return nil
	}
}

// withinSlash is within for remote (slash-separated) paths.
func withinSlash(root, p string) bool {
	return p == root || root == "/" || strings.HasPrefix(p, strings.TrimSuffix(root, "/")+"/")
}

// RemoveTemps deletes every temporary file in the first levels of the
// remote folder, whatever its age; see Dir.RemoveTemps.
func (t *SFTP) RemoveTemps(ctx context.Context) {
	stop := context.AfterFunc(ctx, func() { t.ssh.Close() })
	defer stop()
	t.removeTemps(time.Now().Add(time.Hour))
}

// removeTemps deletes temporary files last modified before cutoff in the
// first levels of the remote folder (page folders and their versions).
func (t *SFTP) removeTemps(cutoff time.Time) {
	w := t.client.Walk(t.root)
	for w.Step() {
		if w.Err() != nil {
			continue
		}
		fi := w.Stat()
		depth := strings.Count(strings.TrimPrefix(w.Path(), t.root), "/")
		if fi.IsDir() && depth >= 3 {
			w.SkipDir()
			continue
		}
		if !fi.IsDir() && strings.HasPrefix(fi.Name(), tempPrefix) && fi.ModTime().Before(cutoff) {
			t.client.Remove(w.Path())
		}
	}
}
