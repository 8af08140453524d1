package preview

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/publish/chromiumtest"
	"github.com/qalam/policyeditor/storage"
)

// TestEventStreamsCapped opens as many live-reload streams as allowed; the
// next one is refused with 503 and a reason, and a slot freed is reusable.
func TestEventStreamsCapped(t *testing.T) {
	s, u := startServer(t, newFakeStore(samplePage()), Options{Poll: time.Hour})
	events := u + "events"
	var open []*http.Response
	for range maxEventStreams {
		resp, err := http.Get(events)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("stream %d: status %d", len(open)+1, resp.StatusCode)
		}
		open = append(open, resp)
	}
	resp, body := get(t, events, "")
	if resp.StatusCode != http.StatusServiceUnavailable || !bytes.Contains(body, []byte("live-reload connections")) {
		t.Errorf("stream %d: status %d %q, want 503 naming the limit", maxEventStreams+1, resp.StatusCode, body)
	}
	open[0].Body.Close()
	waitFor(t, "a freed stream slot", 5*time.Second, func() bool { return len(s.streams) < maxEventStreams })
	resp, err := http.Get(events)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("stream after one closed: status %d, want 200", resp.StatusCode)
	}
	resp.Body.Close()
	for _, r := range open[1:] {
		r.Body.Close()
	}
}

// TestRenderStopsWhenBrowserGivesUp: a request whose context is done does
// not render (and answers nothing), and RenderContext stops between sections.
func TestRenderStopsWhenBrowserGivesUp(t *testing.T) {
	var renders atomic.Int32
	store := newFakeStore(samplePage())
	s, err := New(store, Options{Render: func(p storage.Page, o publish.Options) ([]byte, error) {
		renders.Add(1)
		return publish.Render(p, o)
	}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/"+s.Token()+"/p/"+arabicSlug, nil)
	w := httptest.NewRecorder()
	s.servePage(w, req, arabicSlug)
	if renders.Load() != 0 || w.Body.Len() != 0 {
		t.Errorf("cancelled request: %d renders, body %q; want none", renders.Load(), w.Body.String())
	}
	if _, err := publish.RenderContext(ctx, samplePage(), publish.Options{}); err != context.Canceled && !strings.Contains(fmt.Sprint(err), "canceled") {
		t.Errorf("RenderContext(cancelled) = %v, want context.Canceled", err)
	}
}

func TestCSPAllowsNoRemoteImages(t *testing.T) {
	csp := cspFor(nil)
	if !strings.Contains(csp, "img-src 'self' data:;") || strings.Contains(csp, "https:") {
		t.Errorf("CSP %q: want img-src 'self' data: and no https: source", csp)
	}
}

// TestChromiumRemoteImagePlaceholder opens a draft with an image on another
// origin in headless Chromium: the image server gets no request, and the
// page shows a placeholder naming the host instead.
func TestChromiumRemoteImagePlaceholder(t *testing.T) {
	bin := chromiumtest.Path(t)
	var hits atomic.Int32
	remote := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "image/gif")
		_, _ = w.Write([]byte("GIF89a"))
	}))
	defer remote.Close()
	remoteURL := strings.Replace(remote.URL, "127.0.0.1", "localhost", 1) // another origin
	page := samplePage()
	page.Sections[0].Body = "صورة: ![شعار](" + remoteURL + "/logo.gif)"
	s, _ := startServer(t, newFakeStore(page), Options{})
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, chromiumtest.Args(t, "--timeout=4000", "--dump-dom", s.PageURL(arabicSlug))...).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom: %v", err)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the remote image server got %d requests, want none", n)
	}
	host := strings.TrimPrefix(remoteURL, "http://")
	if !bytes.Contains(out, []byte(`class="remote-image"`)) || !bytes.Contains(out, []byte("شعار — "+host)) {
		t.Errorf("no placeholder naming %s in the page:\n%s", host, out)
	}
}

// TestIndexHasNoBidiControls: the preview index goes through the same
// sanitising as every other output.
func TestIndexHasNoBidiControls(t *testing.T) {
	p := samplePage()
	p.Title = "سياسة \u202Eالخصوصية\u202C"
	srv, ts := newTestServer(t, newFakeStore(p), Options{})
	resp, body := get(t, ts.URL+"/"+srv.Token()+"/", "")
	if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("سياسة الخصوصية")) {
		t.Fatalf("index: status %d, body lacks the cleaned title:\n%s", resp.StatusCode, body)
	}
	if bytes.ContainsAny(body, "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069") {
		t.Errorf("the preview index carries bidi controls")
	}
}
