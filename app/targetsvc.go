//go:build !nogui

package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/qalam/policyeditor/publish/target"
	"github.com/qalam/policyeditor/storage"
)

// targetStore is the part of the draft store the targets settings use.
type targetStore interface {
	FindTargets(ctx context.Context) ([]storage.Target, error)
	CreateTarget(ctx context.Context, t *storage.Target) error
	DeleteTarget(ctx context.Context, name string) error
}

// errNoTargetEdit: the store cannot change a target in place (it is not a
// storage.TargetUpdater).
var errNoTargetEdit = errors.New("this version of the store cannot change a target; remove it and add it again")

// targetsService implements the targets settings on the store and
// publish/target.
type targetsService struct {
	store targetStore
	open  func(ctx context.Context, t storage.Target) (target.Target, error)
}

func newTargetsService(store targetStore) *targetsService {
	return &targetsService{store: store, open: target.Open}
}

func (s *targetsService) Targets(ctx context.Context) ([]storage.Target, error) {
	return s.store.FindTargets(ctx)
}

func (s *targetsService) CreateTarget(ctx context.Context, t *storage.Target) error {
	return s.store.CreateTarget(ctx, t)
}

func (s *targetsService) UpdateTarget(ctx context.Context, name string, t *storage.Target) error {
	u, ok := s.store.(storage.TargetUpdater)
	if !ok {
		return fmt.Errorf("change target %q: %w", name, errNoTargetEdit)
	}
	return u.UpdateTarget(ctx, name, t)
}

func (s *targetsService) DeleteTarget(ctx context.Context, name string) error {
	return s.store.DeleteTarget(ctx, name)
}

// TestTarget opens the target as publishing would (connecting and
// checking the host key for SFTP, creating the folder if missing) and
// closes it again. Errors are those of target.Open, among them a
// *target.HostKeyError.
func (s *targetsService) TestTarget(ctx context.Context, t storage.Target) error {
	tg, err := s.open(ctx, t)
	if err != nil {
		return err
	}
	return tg.Close()
}

// TrustHostKey records the key of an unknown host in the known_hosts file
// the target reads. A changed key is never recorded.
func (s *targetsService) TrustHostKey(e *target.HostKeyError) error {
	if !errors.Is(e.Err, target.ErrUnknownHost) {
		return e
	}
	return target.TrustHostKey(e.File, e.Host, e.Key)
}

// sftpParts are the fields of an SFTP location user@host:port/path.
type sftpParts struct {
	User, Host, Port, Path string
}

// splitSFTP splits a location into its fields, for editing; a location
// that does not parse gives what could be read.
func splitSFTP(loc string) sftpParts {
	var p sftpParts
	head, _, _ := strings.Cut(loc, "/")
	at := strings.LastIndex(head, "@")
	if at < 0 {
		return p
	}
	p.User = loc[:at]
	rest := loc[at+1:]
	hostport, path, _ := strings.Cut(rest, "/")
	p.Path = "/" + path
	p.Host, p.Port = hostport, ""
	if h, port, err := net.SplitHostPort(hostport); err == nil {
		p.Host, p.Port = h, port
	}
	return p
}

// joinSFTP builds the location from its fields; the port defaults to 22
// and the path is made absolute.
func (p sftpParts) join() string {
	port := strings.TrimSpace(p.Port)
	if port == "" {
		port = "22"
	}
	path := strings.TrimSpace(p.Path)
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return strings.TrimSpace(p.User) + "@" + net.JoinHostPort(strings.Trim(strings.TrimSpace(p.Host), "[]"), port) + path
}
