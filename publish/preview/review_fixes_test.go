package preview

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/storage"
)

func hashSource(script string) string {
	sum := sha256.Sum256([]byte(script))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// A script that reaches the output any other way than the server's own
// live reload script (here a Render that injects one) is not allowed.
func TestCSPAllowsOnlyServerScripts(t *testing.T) {
	const evil = `alert(document.domain)`
	inject := func(p storage.Page, o publish.Options) ([]byte, error) {
		out, err := publish.Render(p, o)
		if err != nil {
			return nil, err
		}
		return bytes.Replace(out, []byte("</body>"), []byte("<script>"+evil+"</script></body>"), 1), nil
	}
	s, ts := newTestServer(t, newFakeStore(samplePage()), Options{Render: inject})
	resp, body := get(t, ts.URL+"/"+s.Token()+"/p/"+url.PathEscape(arabicSlug), "")
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte(evil)) {
		t.Fatalf("GET page = %d, injected script missing:\n%s", resp.StatusCode, body)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if strings.Contains(csp, hashSource(evil)) {
		t.Errorf("CSP %q allows the injected script", csp)
	}
	// The live reload script is still allowed, and nothing else.
	var live []string
	for _, m := range scriptRE.FindAllSubmatch(body, -1) {
		if string(m[1]) != evil {
			live = append(live, hashSource(string(m[1])))
		}
	}
	if len(live) != 1 || !strings.Contains(csp, "; script-src "+live[0]+";") {
		t.Errorf("CSP %q does not allow exactly the live reload script %v", csp, live)
	}

	// The index page's own script is allowed.
	resp, body = get(t, ts.URL+"/"+s.Token()+"/", "")
	checkCSPAllowsScript(t, resp, body)
}

// failingWriter is a ResponseWriter whose body writes fail.
type failingWriter struct{ h http.Header }

func (w *failingWriter) Header() http.Header       { return w.h }
func (w *failingWriter) WriteHeader(int)           {}
func (w *failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// A failed write is logged without the token.
func TestWriteErrorLogHidesToken(t *testing.T) {
	var mu sync.Mutex
	var logs []string
	logf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		logs = append(logs, fmt.Sprintf(format, args...))
	}
	s, err := New(newFakeStore(samplePage()), Options{Logf: logf})
	if err != nil {
		t.Fatal(err)
	}
	path := "/" + s.Token() + "/p/" + url.PathEscape(arabicSlug)
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Host = "127.0.0.1:8080"
	req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey,
		&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}))
	s.Handler().ServeHTTP(&failingWriter{h: http.Header{}}, req)
	mu.Lock()
	defer mu.Unlock()
	if len(logs) != 1 {
		t.Fatalf("logs = %q, want one write error", logs)
	}
	if strings.Contains(logs[0], s.Token()) {
		t.Errorf("log %q contains the token", logs[0])
	}
	if !strings.Contains(logs[0], "p/"+arabicSlug) || !strings.Contains(logs[0], "broken pipe") {
		t.Errorf("log %q does not name the page and the error", logs[0])
	}
}

// A server on another 127.x address answers its own URL, and only that
// address (or the usual loopback names) as Host.
func TestHostOtherLoopbackAddress(t *testing.T) {
	_, u := startServer(t, newFakeStore(samplePage()), Options{Host: "127.0.0.2"})
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	if pu.Hostname() != "127.0.0.2" {
		t.Fatalf("URL %q is not on 127.0.0.2", u)
	}
	if resp, body := get(t, u, ""); resp.StatusCode != 200 {
		t.Errorf("GET own URL %s = %d: %s", u, resp.StatusCode, body)
	}
	if resp, _ := get(t, u, "127.0.0.3:"+pu.Port()); resp.StatusCode != 403 {
		t.Errorf("GET with Host 127.0.0.3 = %d, want 403", resp.StatusCode)
	}
}

// churnStore changes its version on every read, so an event stream has an
// event to send at every poll.
type churnStore struct {
	*fakeStore
	n atomic.Int64
}

func (c *churnStore) DataChanged(context.Context) (int64, error) { return c.n.Add(1), nil }

// smallBufListener gives accepted connections a small send buffer, so a
// client that does not read blocks the server's writes soon.
type smallBufListener struct{ net.Listener }

func (l smallBufListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(4096)
	}
	return c, err
}

// An event stream whose client stops reading ends after the write timeout
// instead of blocking for ever.
func TestEventStreamStuckClientTimesOut(t *testing.T) {
	s, err := New(&churnStore{fakeStore: newFakeStore(samplePage())}, Options{Poll: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	s.eventWriteTimeout = 200 * time.Millisecond
	done := make(chan struct{})
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Handler().ServeHTTP(w, r)
		close(done)
	}))
	ts.Listener = smallBufListener{ts.Listener}
	ts.Start()
	defer ts.Close()
	defer s.Close()

	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.(*net.TCPConn).SetReadBuffer(4096)
	fmt.Fprintf(conn, "GET /%s/events?v=0 HTTP/1.1\r\nHost: %s\r\n\r\n", s.Token(), ts.Listener.Addr())
	// Never read.
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("event stream still writing to a client that does not read")
	}
}
