package preview

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

func startServer(t *testing.T, store Store, opts Options) (*Server, string) {
	t.Helper()
	s, err := New(store, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	u, err := s.Start(t.Context())
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, u
}

func TestStartListensOnLoopbackOnly(t *testing.T) {
	s, u := startServer(t, newFakeStore(samplePage()), Options{})
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	if pu.Hostname() != "127.0.0.1" || pu.Path != "/"+s.Token()+"/" {
		t.Fatalf("Start URL = %q", u)
	}
	resp, body := get(t, u, "")
	if resp.StatusCode != 200 || !strings.Contains(string(body), "سياسة الخصوصية لموقع منصة قلم") {
		t.Fatalf("GET %s = %d", u, resp.StatusCode)
	}
	resp, _ = get(t, s.PageURL(arabicSlug), "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d", s.PageURL(arabicSlug), resp.StatusCode)
	}
	// Not reachable on another local address of the machine.
	if ip := nonLoopbackIP(t); ip != "" {
		c, err := net.DialTimeout("tcp", net.JoinHostPort(ip, pu.Port()), time.Second)
		if err == nil {
			c.Close()
			t.Errorf("server reachable on %s:%s", ip, pu.Port())
		}
	}
	if _, err := s.Start(t.Context()); !errors.Is(err, ErrStarted) {
		t.Errorf("second Start = %v, want ErrStarted", err)
	}
	resp, _ = get(t, strings.Replace(u, "127.0.0.1", "localhost", 1), "evil.test:"+pu.Port())
	if resp.StatusCode != 403 {
		t.Errorf("rebinding Host = %d, want 403", resp.StatusCode)
	}
}

// nonLoopbackIP returns an IPv4 address of this machine that is not
// loopback, or "" when there is none (a sandbox without network).
func nonLoopbackIP(t *testing.T) string {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return ""
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			return n.IP.String()
		}
	}
	t.Log("no non-loopback address to probe")
	return ""
}

func TestStartIPv6Loopback(t *testing.T) {
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback here: %v", err)
	}
	ln.Close()
	s, u := startServer(t, newFakeStore(samplePage()), Options{Host: "::1"})
	if !strings.HasPrefix(u, "http://[::1]:") {
		t.Fatalf("URL %q", u)
	}
	if resp, _ := get(t, s.URL(), ""); resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d", u, resp.StatusCode)
	}
}

func TestStartPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	s, err := New(newFakeStore(), Options{Port: port})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Start(t.Context()); err == nil {
		s.Close()
		t.Fatalf("Start on a used port %d succeeded", port)
	}
}

func TestShutdownEndsEventStreams(t *testing.T) {
	s, u := startServer(t, newFakeStore(samplePage()), Options{})
	resp, err := http.Get(u + "events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown with an open event stream: %v", err)
	}
	if _, err := http.Get(u); err == nil {
		t.Error("server still answers after Shutdown")
	}
}

func TestContextCancelStops(t *testing.T) {
	s, err := New(newFakeStore(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	u, err := s.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	for i := 0; ; i++ {
		resp, err := http.Get(u)
		if err != nil {
			break
		}
		resp.Body.Close()
		if i == 100 {
			t.Fatal("server still up 5 s after its context was cancelled")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestRealStoreReload: a page in a real SQLite draft store, a browser-like
// client on the page's event stream, a save through storage: reload.
func TestRealStoreReload(t *testing.T) {
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "drafts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	page := samplePage()
	if err := db.CreatePage(t.Context(), &page); err != nil {
		t.Fatal(err)
	}
	s, _ := startServer(t, db, Options{})
	resp, body := get(t, s.PageURL(page.Slug), "")
	if resp.StatusCode != 200 {
		t.Fatalf("page = %d: %s", resp.StatusCode, body)
	}
	m := regexp.MustCompile(`EventSource\("([^"]+)"\)`).FindSubmatch(body)
	if m == nil {
		t.Fatal("no EventSource in page")
	}
	events, err := strconv.Unquote(`"` + strings.ReplaceAll(string(m[1]), `\/`, `/`) + `"`)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(s.URL())
	stream, err := http.Get("http://" + u.Host + events)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	if err := db.SaveSectionBody(t.Context(), page.Sections[0].ID, "نص محفوظ للتو."); err != nil {
		t.Fatal(err)
	}
	readEvent(t, stream.Body, 10*time.Second)
	_, body = get(t, s.PageURL(page.Slug), "")
	if !strings.Contains(string(body), "نص محفوظ للتو.") {
		t.Errorf("page after save lacks the new body:\n%s", body)
	}
}

// TestRealStoreReloadFromAnotherHandle: the GUI and `policyeditor serve`
// are different processes with their own handle on the draft file; a save
// through one must reload pages served from the other.
func TestRealStoreReloadFromAnotherHandle(t *testing.T) {
	path := filepath.Join(t.TempDir(), "drafts.db")
	served, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { served.Close() })
	editor, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { editor.Close() })
	page := samplePage()
	if err := editor.CreatePage(t.Context(), &page); err != nil {
		t.Fatal(err)
	}
	s, _ := startServer(t, served, Options{Poll: 50 * time.Millisecond})
	stream, err := http.Get(s.URL() + "events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	// The response headers arrive after the stream took its baseline.
	if err := editor.SaveSectionBody(t.Context(), page.Sections[1].ID, "تعديل من نافذة أخرى."); err != nil {
		t.Fatal(err)
	}
	readEvent(t, stream.Body, 10*time.Second)
}

func TestReviewPage(t *testing.T) {
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "drafts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := t.Context()
	if err := db.CreateTarget(ctx, &storage.Target{Name: "site", Kind: "dir", Location: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	page := samplePage()
	if err := db.CreatePage(ctx, &page); err != nil {
		t.Fatal(err)
	}
	rev, err := db.CreateRevision(ctx, page.ID, "test", "publish")
	if err != nil {
		t.Fatal(err)
	}
	pub := storage.Publication{PageID: page.ID, Slug: page.Slug, TargetName: "site", RevisionID: rev.ID, Body: []byte("<p>x</p>")}
	if err := db.CreatePublication(ctx, &pub); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveSectionBody(ctx, page.Sections[1].ID, "شكراً جزيلاً لكم."); err != nil {
		t.Fatal(err)
	}
	_, u := startServer(t, db, Options{})
	_, index := get(t, u, "")
	if !strings.Contains(string(index), `href="review/`+url.PathEscape(page.Slug)+`"`) {
		t.Errorf("index has no review link:\n%s", index)
	}
	resp, body := get(t, u+"review/"+url.PathEscape(page.Slug), "")
	if resp.StatusCode != 200 {
		t.Fatalf("review = %d: %s", resp.StatusCode, body)
	}
	for _, want := range []string{"<ins>جزيلاً </ins>", "مسودة للمراجعة — ليست منشورة", "data:font/ttf;base64,"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("review page lacks %q", want)
		}
	}
	if strings.Contains(string(body), "<script") {
		t.Error("review page has a script")
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'none'") || !strings.Contains(csp, "font-src data:") {
		t.Errorf("review CSP = %q", csp)
	}
	if resp, _ := get(t, u+"review/missing", ""); resp.StatusCode != 404 {
		t.Errorf("review of a missing page = %d, want 404", resp.StatusCode)
	}
	// A store without publications has no review pages.
	fs, fu := startServer(t, newFakeStore(samplePage()), Options{})
	if resp, _ := get(t, fu+"review/"+url.PathEscape(arabicSlug), ""); resp.StatusCode != 404 {
		t.Errorf("review with a store lacking publications = %d, want 404", resp.StatusCode)
	}
	if _, index := get(t, fs.URL(), ""); strings.Contains(string(index), "review/") {
		t.Error("index links review pages the store cannot make")
	}
}
