// Package preview is the loopback preview server: it serves every draft
// page exactly as publishing would write it, an index of pages, and reloads
// open pages when a draft is saved.
//
// What a reviewer sees is the output of publish.Render with the target's own
// options (Options.Publish) plus one thing: Options.LiveReload, which makes
// the page end with a small <script> listening to this server's
// server-sent events. Removing that <script> element (and the line break
// before it) gives the published bytes exactly; the tests check it.
//
// /TOKEN/review/SLUG serves the review snapshot of package snapshot (draft
// banner, what changed since the last publication, no script) when the
// Store can also give publications and revisions, as *sqlite.DB can.
//
// Safety: the server listens on a loopback address only (New refuses
// anything else, such as 0.0.0.0), every URL starts with an unguessable
// token (128 random bits; a wrong or missing token is a 404), requests whose
// Host header is not 127.0.0.1:port, localhost:port, [::1]:port or the
// configured address with the port are refused with 403 (DNS rebinding),
// and every response carries a Content-Security-Policy that allows no
// script but the server's own (the reload script, the index's script), by
// hashes computed from the server's templates, never from the response,
// plus nosniff, no-referrer and no-store.
package preview

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/storage"
)

// Store is what the server reads: *sqlite.DB satisfies it.
type Store interface {
	FindPages(ctx context.Context, f storage.PageFilter) ([]storage.Page, error)
	FindPageBySlug(ctx context.Context, slug string) (storage.Page, error)
	// DataChanged returns a number that changes whenever a page or
	// section changes (also when another process writes).
	DataChanged(ctx context.Context) (int64, error)
}

// RenderFunc renders a page; publish.Render is the default.
type RenderFunc func(storage.Page, publish.Options) ([]byte, error)

// Options configure a Server.
type Options struct {
	// Port to listen on; 0 picks a free port.
	Port int
	// Host is the loopback address to listen on: "" or "127.0.0.1"
	// (default), "::1", "localhost" (means 127.0.0.1) or another 127.x
	// address. Anything else is refused by New with ErrNotLoopback.
	Host string
	// Publish are the render options of the target being previewed
	// (Fragment, Template, …). The server sets LiveReload itself.
	Publish publish.Options
	// ReviewTarget is the target whose last publication the review pages
	// (/TOKEN/review/SLUG) compare with; "" = the newest to any target.
	ReviewTarget string
	// Render replaces publish.Render (tests).
	Render RenderFunc
	// Poll is how often DataChanged is polled for live reload; 0 = 300 ms.
	Poll time.Duration
	// Logf reports errors that cannot be sent to a browser; nil = log.Printf.
	Logf func(format string, args ...any)
}

// ErrNotLoopback is returned by New for an address that is not loopback.
var ErrNotLoopback = errors.New("preview: address is not loopback")

// ErrStarted is returned by Start when the server is already started.
var ErrStarted = errors.New("preview: already started")

// Server is the preview server. Create it with New.
type Server struct {
	store Store
	opts  Options
	host  string // IP literal to listen on
	token string
	logf  func(string, ...any)

	// streams holds one token per open live-reload stream (at most
	// maxEventStreams: each holds a connection and a poller).
	streams chan struct{}

	scripts scriptCache // hashes of the scripts the server emits

	eventWriteTimeout time.Duration // 0 = the constant; tests shorten it

	quit     chan struct{} // closed when shutting down: ends event streams
	quitOnce sync.Once

	mu  sync.Mutex
	srv *http.Server
	url string
}

// New checks the options and makes a server; it does not listen yet. It
// returns ErrNotLoopback (wrapped) for a non-loopback Host, an error for a
// port outside 0…65535, and an error if no random token can be made.
func New(store Store, opts Options) (*Server, error) {
	if store == nil {
		return nil, errors.New("preview: nil store")
	}
	host, err := loopbackHost(opts.Host)
	if err != nil {
		return nil, err
	}
	if opts.Port < 0 || opts.Port > 65535 {
		return nil, fmt.Errorf("preview: port %d out of range", opts.Port)
	}
	token, err := newToken()
	if err != nil {
		return nil, fmt.Errorf("preview: token: %w", err)
	}
	s := &Server{store: store, opts: opts, host: host, token: token,
		logf: opts.Logf, quit: make(chan struct{}), streams: make(chan struct{}, maxEventStreams)}
	if s.logf == nil {
		s.logf = log.Printf
	}
	if s.opts.Poll <= 0 {
		s.opts.Poll = 300 * time.Millisecond
	}
	return s, nil
}

// loopbackHost maps the configured host to the IP literal to listen on.
func loopbackHost(h string) (string, error) {
	switch h {
	case "", "localhost":
		return "127.0.0.1", nil
	}
	ip := net.ParseIP(h)
	if ip == nil || !ip.IsLoopback() {
		return "", fmt.Errorf("%w: %q (use 127.0.0.1, ::1 or localhost)", ErrNotLoopback, h)
	}
	return ip.String(), nil
}

// newToken returns 128 random bits, URL-safe.
func newToken() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// Token is the secret first path segment of every URL.
func (s *Server) Token() string { return s.token }

// Start listens and serves in the background until ctx is cancelled,
// Shutdown or Close. It returns the index URL,
// http://127.0.0.1:PORT/TOKEN/. Errors: ErrStarted, or the listen error
// (port in use).
func (s *Server) Start(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		return "", ErrStarted
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(s.host, strconv.Itoa(s.opts.Port)))
	if err != nil {
		return "", fmt.Errorf("preview: listen: %w", err)
	}
	addr, ok := ln.Addr().(*net.TCPAddr)
	if !ok || !addr.IP.IsLoopback() {
		_ = ln.Close()
		return "", fmt.Errorf("%w: listening on %v", ErrNotLoopback, ln.Addr())
	}
	s.srv = &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	s.srv.RegisterOnShutdown(s.stopStreams)
	s.url = "http://" + net.JoinHostPort(s.host, strconv.Itoa(addr.Port)) + "/" + s.token + "/"
	srv := s.srv
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logf("preview: serve: %v", err)
		}
	}()
	go func() {
		select {
		case <-ctx.Done():
			sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_ = s.Shutdown(sctx)
		case <-s.quit:
		}
	}()
	return s.url, nil
}

// URL is the index URL ("" before Start).
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// PageURL is the URL of the page with this slug ("" before Start).
func (s *Server) PageURL(slug string) string {
	u := s.URL()
	if u == "" {
		return ""
	}
	return u + "p/" + url.PathEscape(slug)
}

func (s *Server) stopStreams() { s.quitOnce.Do(func() { close(s.quit) }) }

// Shutdown ends the event streams, stops accepting connections and waits
// for requests in flight until ctx is done (then returns ctx's error).
// Shutdown before Start does nothing.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopStreams()
	s.mu.Lock()
	srv := s.srv
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	if err := srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("preview: shutdown: %w", err)
	}
	return nil
}

// Close stops the server at once, dropping open connections.
func (s *Server) Close() error {
	s.stopStreams()
	s.mu.Lock()
	srv := s.srv
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	if err := srv.Close(); err != nil {
		return fmt.Errorf("preview: close: %w", err)
	}
	return nil
}
