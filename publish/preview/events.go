package preview

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// keepAlive is how often an idle event stream gets a comment line, so that
// proxies and the browser keep the connection.
const keepAlive = 15 * time.Second

// eventWriteTimeout is how long one event may take to write: a client that
// stops reading must not block the stream (and Shutdown) for ever.
const eventWriteTimeout = 10 * time.Second

// maxEventStreams is the most live-reload streams open at once; a browser
// needs one per open preview tab.
const maxEventStreams = 32

// serveEvents streams server-sent events: every time Store.DataChanged
// moves away from the version the page was rendered at (?v=N, or the
// current one), it sends
//
//	event: reload
//	data: N
//
// followed by an unnamed message "data: reload", so that a listener on
// either addEventListener("reload") or onmessage reloads. The stream ends
// when the client goes away or the server shuts down.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if _, ok := w.(http.Flusher); !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	select {
	case s.streams <- struct{}{}:
		defer func() { <-s.streams }()
	default:
		w.Header().Set("Retry-After", "5")
		http.Error(w, fmt.Sprintf("preview: more than %d live-reload connections; close some preview tabs", maxEventStreams), http.StatusServiceUnavailable)
		return
	}
	ctx := r.Context()
	since, err := strconv.ParseInt(r.URL.Query().Get("v"), 10, 64)
	if err != nil {
		if since, err = s.store.DataChanged(ctx); err != nil {
			s.fail(w, "data version", err)
			return
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	rc := http.NewResponseController(w)
	timeout := s.eventWriteTimeout
	if timeout <= 0 {
		timeout = eventWriteTimeout
	}
	// send writes one event within the timeout. A writer without deadlines
	// (a test recorder) just writes.
	send := func(format string, args ...any) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(timeout))
		if _, err := fmt.Fprintf(w, format, args...); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// The connection may serve another request after this one.
	defer func() { _ = rc.SetWriteDeadline(time.Time{}) }()
	if !send("retry: 1000\n: preview events\n\n") {
		return
	}
	poll := time.NewTicker(s.opts.Poll)
	defer poll.Stop()
	idle := time.NewTicker(keepAlive)
	defer idle.Stop()
	failing := false // log a failing store once, not every poll
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.quit:
			return
		case <-idle.C:
			if !send(": keep-alive\n\n") {
				return
			}
		case <-poll.C:
			v, err := s.store.DataChanged(ctx)
			if err != nil {
				if ctx.Err() == nil && !failing {
					s.logf("preview: data version: %v", err)
				}
				failing = true
				continue
			}
			failing = false
			if v == since {
				continue
			}
			since = v
			if !send("event: reload\ndata: %d\n\ndata: reload\n\n", v) {
				return
			}
		}
	}
}
