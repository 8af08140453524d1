package preview

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/storage"
)

// Handler serves the preview: /TOKEN/ (index), /TOKEN/p/SLUG (a page),
// /TOKEN/review/SLUG (the review snapshot with what changed, when the
// store can give publications) and /TOKEN/events (live reload stream). It checks Host and the token on every
// request; it can be used on its own (httptest) or through Start.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", cspFor(nil))
	if !s.hostAllowed(r) {
		http.Error(w, "forbidden host", http.StatusForbidden)
		return
	}
	rest, ok := s.stripToken(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if rest != "events" {
		// A reader that stops reading must not hold the connection (and
		// Shutdown) for ever; event streams set a deadline per event.
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(writeTimeout))
	}
	switch {
	case rest == "":
		s.serveIndex(w, r)
	case rest == "events":
		s.serveEvents(w, r)
	case strings.HasPrefix(rest, "p/") && len(rest) > 2 && !strings.Contains(rest[2:], "/"):
		s.servePage(w, r, rest[2:])
	case strings.HasPrefix(rest, "review/") && len(rest) > 7 && !strings.Contains(rest[7:], "/"):
		s.serveReview(w, r, rest[7:])
	default:
		http.NotFound(w, r)
	}
}

// writeTimeout bounds the writing of one non-streaming response.
const writeTimeout = 30 * time.Second

// renderFor is the server's render function bound to the request's
// context: rendering stops between sections once the browser has gone.
func (s *Server) renderFor(ctx context.Context) RenderFunc {
	if s.opts.Render != nil {
		return func(p storage.Page, o publish.Options) ([]byte, error) {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			return s.opts.Render(p, o)
		}
	}
	return func(p storage.Page, o publish.Options) ([]byte, error) {
		return publish.RenderContext(ctx, p, o)
	}
}

// stripToken checks that path is /TOKEN/… and returns the part after it.
func (s *Server) stripToken(path string) (string, bool) {
	if !strings.HasPrefix(path, "/") {
		return "", false
	}
	seg, rest, found := strings.Cut(path[1:], "/")
	if subtle.ConstantTimeCompare([]byte(seg), []byte(s.token)) != 1 || !found {
		return "", false
	}
	return rest, true
}

// hostAllowed accepts only Host: 127.0.0.1:P, localhost:P, [::1]:P or the
// configured loopback address (another 127.x, say) with port P, where P is
// the port the request came in on.
func (s *Server) hostAllowed(r *http.Request) bool {
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		return false
	}
	switch h := strings.ToLower(host); {
	case h == "127.0.0.1", h == "localhost", h == "::1":
	case h == s.host:
	default:
		return false
	}
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return false
	}
	_, lport, err := net.SplitHostPort(local.String())
	return err == nil && lport == port
}

// servePage renders one draft page as the target would, plus live reload.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, slug string) {
	ctx := r.Context()
	// Read the version before the page, so a save in between still
	// triggers a reload.
	v, err := s.store.DataChanged(ctx)
	if err != nil {
		s.fail(w, "data version", err)
		return
	}
	page, err := s.store.FindPageBySlug(ctx, slug)
	if errors.Is(err, storage.ErrNotFound) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.fail(w, "find page", err)
		return
	}
	opt := s.opts.Publish
	opt.LiveReload = s.eventsPath(v)
	body, err := s.renderFor(ctx)(page, opt)
	if ctx.Err() != nil {
		return // the browser gave up: nobody to answer
	}
	if err != nil {
		s.fail(w, "render", err)
		return
	}
	hashes, err := s.scripts.liveReload(opt.LiveReload)
	if err != nil {
		s.fail(w, "live reload script", err)
		return
	}
	s.writeHTML(w, r, body, hashes)
}

// eventsPath is the live reload URL for a page read at version v.
func (s *Server) eventsPath(v int64) string {
	return "/" + s.token + "/events?v=" + strconv.FormatInt(v, 10)
}

// writeHTML sends an HTML document whose CSP allows only the scripts with
// these hashes: the ones this server itself puts in (see scriptCache), never
// whatever else the body happens to contain.
func (s *Server) writeHTML(w http.ResponseWriter, r *http.Request, body []byte, allowed []string) {
	body = publish.CleanHTML(body) // every response, as every other output
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", cspFor(allowed))
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	if _, err := w.Write(body); err != nil {
		// The path after the token: the token is the server's secret.
		rest, _ := s.stripToken(r.URL.Path)
		s.logf("preview: write /…/%s: %v", rest, err)
	}
}

// fail answers 500 with the error: the server is local and behind a token,
// and the author needs the reason (a template error, for example).
func (s *Server) fail(w http.ResponseWriter, what string, err error) {
	s.logf("preview: %s: %v", what, err)
	http.Error(w, fmt.Sprintf("preview: %s: %v", what, err), http.StatusInternalServerError)
}
