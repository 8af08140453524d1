package preview

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/storage"
)

// fakeStore is an in-memory Store whose version the test bumps.
type fakeStore struct {
	mu      sync.Mutex
	pages   map[string]storage.Page
	version atomic.Int64
}

func newFakeStore(pages ...storage.Page) *fakeStore {
	f := &fakeStore{pages: map[string]storage.Page{}}
	for _, p := range pages {
		f.pages[p.Slug] = p
	}
	f.version.Store(1)
	return f
}

func (f *fakeStore) FindPages(ctx context.Context, _ storage.PageFilter) ([]storage.Page, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []storage.Page
	for _, p := range f.pages {
		p.SectionCount, p.Sections = len(p.Sections), nil
		out = append(out, p)
	}
	return out, nil
}

func (f *fakeStore) FindPageBySlug(ctx context.Context, slug string) (storage.Page, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.pages[slug]
	if !ok {
		return storage.Page{}, fmt.Errorf("find page %q: %w", slug, storage.ErrNotFound)
	}
	return p, nil
}

func (f *fakeStore) DataChanged(ctx context.Context) (int64, error) { return f.version.Load(), nil }

func (f *fakeStore) setBody(slug, body string) {
	f.mu.Lock()
	p := f.pages[slug]
	p.Sections[0].Body = body
	f.pages[slug] = p
	f.mu.Unlock()
	f.version.Add(1)
}

const arabicSlug = "سياسة-الخصوصية"

func samplePage() storage.Page {
	return storage.Page{
		Slug: arabicSlug, Title: "سياسة الخصوصية لموقع منصة قلم", Lang: "ar", Dir: storage.RTL,
		Numbering: storage.NumberingOrdinal, DateStyle: storage.DateNumeric,
		LastUpdated: time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC), Status: storage.StatusDraft,
		Sections: []storage.Section{
			{Kind: storage.KindNumbered, Heading: "أهمية سياسة الخصوصية", Body: "نص <b>أول</b> على (www.qlmlearn.com)."},
			{Kind: storage.KindClosing, Heading: "", Body: "شكراً لكم."},
		},
	}
}

func englishPage() storage.Page {
	return storage.Page{Slug: "terms", Title: "Terms", Lang: "en", Dir: storage.LTR,
		Numbering: storage.NumberingWestern, DateStyle: storage.DateLong, Status: storage.StatusDraft,
		Sections: []storage.Section{{Kind: storage.KindNumbered, Heading: "Use", Body: "Be kind."}}}
}

// newTestServer serves s.Handler() on an httptest server (127.0.0.1).
func newTestServer(t *testing.T, store Store, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	s, err := New(store, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(func() { _ = s.Close(); ts.Close() })
	return s, ts
}

func get(t *testing.T, rawURL, host string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", rawURL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", rawURL, err)
	}
	return resp, body
}

func TestNewRefusesNonLoopback(t *testing.T) {
	store := newFakeStore()
	for _, h := range []string{"0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com", "localhost.evil.com", "[::1]"} {
		if _, err := New(store, Options{Host: h}); !errors.Is(err, ErrNotLoopback) {
			t.Errorf("New(Host %q) error = %v, want ErrNotLoopback", h, err)
		}
	}
	for _, h := range []string{"", "127.0.0.1", "localhost", "::1", "127.0.0.2"} {
		if _, err := New(store, Options{Host: h}); err != nil {
			t.Errorf("New(Host %q) = %v, want nil", h, err)
		}
	}
	for _, p := range []int{-1, 65536} {
		if _, err := New(store, Options{Port: p}); err == nil {
			t.Errorf("New(Port %d) succeeded", p)
		}
	}
	if _, err := New(nil, Options{}); err == nil {
		t.Error("New(nil store) succeeded")
	}
}

func TestTokenRandomAndLong(t *testing.T) {
	seen := map[string]bool{}
	for range 20 {
		s, err := New(newFakeStore(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		raw, err := base64.RawURLEncoding.DecodeString(s.Token())
		if err != nil || len(raw) != 16 {
			t.Fatalf("token %q: %d bytes, err %v; want 16 random bytes", s.Token(), len(raw), err)
		}
		if seen[s.Token()] {
			t.Fatalf("token %q repeated", s.Token())
		}
		seen[s.Token()] = true
	}
}

func TestTokenRequired(t *testing.T) {
	s, ts := newTestServer(t, newFakeStore(samplePage()), Options{})
	tok := s.Token()
	wrong := []byte(tok)
	wrong[0] ^= 1
	cases := map[string]int{
		"/":                                404,
		"/" + tok:                          404,
		"/" + tok + "/":                    200,
		"/" + string(wrong) + "/":          404,
		"/" + tok[:len(tok)-1] + "/":       404,
		"/" + tok + "x/":                   404,
		"/p/" + url.PathEscape(arabicSlug): 404,
		"/" + tok + "/p/" + url.PathEscape(arabicSlug):           200,
		"/" + string(wrong) + "/p/" + url.PathEscape(arabicSlug): 404,
		"/" + tok + "/p/missing":                                 404,
		"/" + tok + "/p/":                                        404,
		"/" + tok + "/other":                                     404,
	}
	for path, want := range cases {
		resp, body := get(t, ts.URL+path, "")
		if resp.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", path, resp.StatusCode, want)
		}
		if want == 404 && bytes.Contains(body, []byte(tok)) {
			t.Errorf("GET %s: 404 body reveals the token", path)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("GET %s: security headers missing: %v", path, resp.Header)
		}
	}
	resp, err := http.Post(ts.URL+"/"+tok+"/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST index = %d, want 405", resp.StatusCode)
	}
}

func TestHostCheck(t *testing.T) {
	s, ts := newTestServer(t, newFakeStore(samplePage()), Options{})
	u, _ := url.Parse(ts.URL)
	port := u.Port()
	cases := map[string]int{
		"127.0.0.1:" + port:        200,
		"localhost:" + port:        200,
		"LOCALHOST:" + port:        200,
		"[::1]:" + port:            200,
		"evil.example:" + port:     403,
		"127.0.0.1":                403, // no port
		"127.0.0.1:1":              403, // another port
		"127.0.0.1.nip.io:" + port: 403,
		"0.0.0.0:" + port:          403,
		"":                         403,
	}
	for host, want := range cases {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/"+s.Token()+"/", nil)
		req.Host = host
		if host == "" {
			req.Host = "x" // net/http fills an empty Host from the URL
			req.Header.Set("Host", "")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("Host %q: %v", host, err)
		}
		resp.Body.Close()
		if host == "" {
			want = 403 // "x" has no port
		}
		if resp.StatusCode != want {
			t.Errorf("GET with Host %q = %d, want %d", host, resp.StatusCode, want)
		}
	}
}

var scriptRE = regexp.MustCompile(`(?s)<script>(.*?)</script>`)

// stripLiveReload removes the live reload <script> element and, with
// lineBreak, the line break the default template puts before it.
func stripLiveReload(t *testing.T, b []byte, lineBreak bool) []byte {
	t.Helper()
	m := scriptRE.FindAllIndex(b, -1)
	if len(m) != 1 {
		t.Fatalf("preview page has %d <script> elements, want 1", len(m))
	}
	start := m[0][0]
	if lineBreak {
		if start == 0 || b[start-1] != '\n' {
			t.Fatalf("no line break before the reload script")
		}
		start--
	}
	return append(append([]byte(nil), b[:start]...), b[m[0][1]:]...)
}

func TestPageBytesEqualPublish(t *testing.T) {
	tmpl := t.TempDir() + "/page.tmpl"
	if err := writeFile(tmpl, `<html><body>{{.Body}}{{.LiveReloadScript}}</body></html>`); err != nil {
		t.Fatal(err)
	}
	for _, opt := range []publish.Options{{}, {Stylesheet: "body{color:red}"}, {Template: tmpl}} {
		for _, page := range []storage.Page{samplePage(), englishPage()} {
			s, ts := newTestServer(t, newFakeStore(page), Options{Publish: opt})
			resp, body := get(t, ts.URL+"/"+s.Token()+"/p/"+url.PathEscape(page.Slug), "")
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s = %d: %s", page.Slug, resp.StatusCode, body)
			}
			want, err := publish.Render(page, opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := stripLiveReload(t, body, opt.Template == ""); !bytes.Equal(got, want) {
				t.Errorf("%s: preview without reload script differs from publish output:\n got %q\nwant %q", page.Slug, got, want)
			}
			checkCSPAllowsScript(t, resp, body)
			if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
		}
	}
	// A fragment target previews as the bare fragment: no shell, no script.
	page := samplePage()
	s, ts := newTestServer(t, newFakeStore(page), Options{Publish: publish.Options{Fragment: true}})
	_, body := get(t, ts.URL+"/"+s.Token()+"/p/"+url.PathEscape(page.Slug), "")
	want, _ := publish.Render(page, publish.Options{Fragment: true})
	if !bytes.Equal(body, want) {
		t.Errorf("fragment preview differs from publish output:\n got %q\nwant %q", body, want)
	}
}

func writeFile(path, s string) error {
	return os.WriteFile(path, []byte(s), 0o600)
}

// checkCSPAllowsScript checks that the CSP allows exactly the page's
// inline scripts by hash and nothing else.
func checkCSPAllowsScript(t *testing.T, resp *http.Response, body []byte) {
	t.Helper()
	csp := resp.Header.Get("Content-Security-Policy")
	var want []string
	for _, m := range regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllSubmatch(body, -1) {
		sum := sha256.Sum256(m[1])
		want = append(want, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	if len(want) == 0 {
		t.Fatalf("no script in page")
	}
	if !strings.Contains(csp, "; script-src "+strings.Join(want, " ")+";") {
		t.Errorf("CSP %q does not allow exactly the scripts %v", csp, want)
	}
	if strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "*") {
		t.Errorf("CSP %q is too wide", csp)
	}
	if !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("CSP %q lacks default-src 'none'", csp)
	}
}

func TestIndexListsPages(t *testing.T) {
	s, ts := newTestServer(t, newFakeStore(samplePage(), englishPage()), Options{})
	resp, body := get(t, ts.URL+"/"+s.Token()+"/", "")
	if resp.StatusCode != 200 {
		t.Fatalf("index = %d", resp.StatusCode)
	}
	for _, want := range []string{
		`href="p/` + url.PathEscape(arabicSlug) + `"`, "سياسة الخصوصية لموقع منصة قلم",
		`href="p/terms"`, ">Terms<",
	} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("index lacks %q:\n%s", want, body)
		}
	}
	checkCSPAllowsScript(t, resp, body)
}

func TestRenderErrorIs500(t *testing.T) {
	boom := func(storage.Page, publish.Options) ([]byte, error) { return nil, errors.New("bad template") }
	s, ts := newTestServer(t, newFakeStore(samplePage()), Options{Render: boom, Logf: t.Logf})
	resp, body := get(t, ts.URL+"/"+s.Token()+"/p/"+url.PathEscape(arabicSlug), "")
	if resp.StatusCode != 500 || !bytes.Contains(body, []byte("bad template")) {
		t.Errorf("render error: %d %q, want 500 naming the error", resp.StatusCode, body)
	}
}

// readEvent reads lines from an event stream until an "event: reload"
// line, or fails after the deadline.
func readEvent(t *testing.T, r io.Reader, deadline time.Duration) string {
	t.Helper()
	got := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if sc.Text() == "event: reload" {
				sc.Scan()
				got <- sc.Text()
				return
			}
		}
		got <- "EOF"
	}()
	select {
	case line := <-got:
		return line
	case <-time.After(deadline):
		t.Fatalf("no reload event within %v", deadline)
		return ""
	}
}

func TestEventsReloadAfterSave(t *testing.T) {
	store := newFakeStore(samplePage())
	s, ts := newTestServer(t, store, Options{Poll: 20 * time.Millisecond})
	// The page links its stream with the version it was rendered at.
	_, body := get(t, ts.URL+"/"+s.Token()+"/p/"+url.PathEscape(arabicSlug), "")
	m := regexp.MustCompile(`EventSource\("([^"]+)"\)`).FindSubmatch(body)
	if m == nil {
		t.Fatalf("page has no EventSource URL:\n%s", body)
	}
	events, err := strconv.Unquote(`"` + strings.ReplaceAll(string(m[1]), `\/`, `/`) + `"`)
	if err != nil {
		t.Fatalf("events URL %q: %v", m[1], err)
	}
	if !strings.HasPrefix(events, "/"+s.Token()+"/events?v=1") {
		t.Fatalf("events URL %q", events)
	}
	resp, err := http.Get(ts.URL + events)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events Content-Type = %q", ct)
	}
	store.setBody(arabicSlug, "نص جديد")
	if data := readEvent(t, resp.Body, 5*time.Second); data != "data: 2" {
		t.Errorf("reload event data = %q, want %q", data, "data: 2")
	}
}

func TestEventsCatchSaveBeforeConnect(t *testing.T) {
	store := newFakeStore(samplePage())
	s, ts := newTestServer(t, store, Options{Poll: 20 * time.Millisecond})
	store.setBody(arabicSlug, "حفظ قبل الاتصال") // version 2; page was read at 1
	resp, err := http.Get(ts.URL + "/" + s.Token() + "/events?v=1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if data := readEvent(t, resp.Body, 5*time.Second); data != "data: 2" {
		t.Errorf("reload event data = %q, want %q", data, "data: 2")
	}
}

func BenchmarkServePage(b *testing.B) {
	page := samplePage()
	for range 3 {
		page.Sections = append(page.Sections, page.Sections...)
	}
	s, err := New(newFakeStore(page), Options{})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	u := ts.URL + "/" + s.Token() + "/p/" + url.PathEscape(page.Slug)
	b.ResetTimer()
	for b.Loop() {
		resp, err := http.Get(u)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}
