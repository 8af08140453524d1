// Package chromiumtest runs a real headless Chromium (Debian package
// chromium) for tests: it finds the binary, holds the flags every run uses,
// and drives a page through the DevTools protocol (remote debugging on
// 127.0.0.1 only) to evaluate scripts in it. Without Chromium a test fails
// when CI=true and is skipped otherwise.
package chromiumtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/websocket"
)

// Flags are the flags every run uses: headless, no sandbox (CI
// containers), no GPU, nothing that talks to the network.
var Flags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
	"--disable-component-update", "--disable-sync", "--no-first-run",
	"--disable-default-apps", "--disable-extensions", "--mute-audio",
}

// Timeout bounds a whole DevTools session: start, load and every script.
const Timeout = 60 * time.Second

// Path returns the path of the Chromium binary. It fails the test when
// there is none and CI=true, and skips it otherwise.
func Path(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatal("chromium is not installed (Debian package chromium; scripts/setup test installs it) and CI=true")
	}
	tb.Skip("chromium is not installed (Debian package chromium); install it, or set CI=true to make this a failure")
	return ""
}

// Args returns Flags, a fresh profile folder of the test, and extra.
func Args(tb testing.TB, extra ...string) []string {
	args := append([]string{}, Flags...)
	args = append(args, "--user-data-dir="+filepath.Join(tb.TempDir(), "profile"))
	return append(args, extra...)
}

// FileURL is the file:// URL of a local path.
func FileURL(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return (&url.URL{Scheme: "file", Path: abs}).String()
}

// Page is one Chromium showing one page, driven over DevTools. Its
// methods are for one goroutine at a time.
type Page struct {
	ctx    context.Context
	url    string
	cmd    *exec.Cmd
	stderr *lockedBuffer
	ws     *websocket.Conn
	id     int
}

// Open starts headless Chromium on pageURL (extra flags such as
// --window-size=W,H after Flags), connects to the page's DevTools target
// and waits until its document has completed loading. Chromium is stopped
// when the test ends.
func Open(tb testing.TB, pageURL string, extra ...string) *Page {
	tb.Helper()
	bin := Path(tb)
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	tb.Cleanup(cancel)
	profile := filepath.Join(tb.TempDir(), "profile")
	args := append([]string{}, Flags...)
	args = append(args, "--user-data-dir="+profile, "--remote-debugging-address=127.0.0.1",
		"--remote-debugging-port=0", "--remote-allow-origins=http://127.0.0.1")
	args = append(append(args, extra...), pageURL)
	p := &Page{ctx: ctx, url: pageURL, stderr: &lockedBuffer{}}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Stderr = p.stderr
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := p.cmd.Start(); err != nil {
		tb.Fatalf("start chromium: %v", err)
	}
	tb.Cleanup(p.stop)
	port, err := devToolsPort(ctx, profile)
	if err != nil {
		tb.Fatalf("%v (chromium stderr: %s)", err, p.stderr.String())
	}
	scheme, _, _ := strings.Cut(pageURL, ":")
	wsURL, err := pageTarget(ctx, port, scheme+":")
	if err != nil {
		tb.Fatalf("%v (chromium stderr: %s)", err, p.stderr.String())
	}
	cfg, err := websocket.NewConfig(wsURL, "http://127.0.0.1")
	if err != nil {
		tb.Fatal(err)
	}
	if p.ws, err = cfg.DialContext(ctx); err != nil {
		tb.Fatalf("dial DevTools: %v", err)
	}
	tb.Cleanup(func() { p.ws.Close() })
	deadline, _ := ctx.Deadline()
	_ = p.ws.SetDeadline(deadline)
	if err := p.waitLoaded(scheme + ":complete"); err != nil {
		tb.Fatal(err)
	}
	return p
}

// waitLoaded evaluates until the page's own document (not the about:blank
// Chromium starts from) has completed loading. Evaluations may fail while
// the execution context is replaced by the navigation.
func (p *Page) waitLoaded(want string) error {
	for {
		state, err := p.Eval("location.protocol + document.readyState")
		if err != nil && !strings.Contains(err.Error(), "context") {
			return err
		}
		if state == want {
			return nil
		}
		if p.ctx.Err() != nil {
			return fmt.Errorf("%s never completed loading (state %q, %v)", p.url, state, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Eval runs Runtime.evaluate on expr, awaiting it if it is a promise, and
// returns its value, which must be a string. It returns an error for a
// DevTools failure and for an exception in the page.
func (p *Page) Eval(expr string) (string, error) {
	p.id++
	req := map[string]any{"id": p.id, "method": "Runtime.evaluate", "params": map[string]any{
		"expression": expr, "returnByValue": true, "awaitPromise": true,
	}}
	if err := websocket.JSON.Send(p.ws, req); err != nil {
		return "", fmt.Errorf("DevTools send: %w", err)
	}
	for {
		var resp struct {
			ID     int `json:"id"`
			Result struct {
				Result struct {
					Value any `json:"value"`
				} `json:"result"`
				ExceptionDetails *struct {
					Text string `json:"text"`
				} `json:"exceptionDetails"`
			} `json:"result"`
			Error *struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := websocket.JSON.Receive(p.ws, &resp); err != nil {
			return "", fmt.Errorf("DevTools receive: %w", err)
		}
		if resp.ID != p.id {
			continue // an event
		}
		if resp.Error != nil {
			return "", fmt.Errorf("DevTools: Runtime.evaluate: %s", resp.Error.Message)
		}
		if e := resp.Result.ExceptionDetails; e != nil {
			return "", fmt.Errorf("Runtime.evaluate(%.40q): page script: %s", expr, e.Text)
		}
		s, ok := resp.Result.Result.Value.(string)
		if !ok {
			return "", fmt.Errorf("Runtime.evaluate(%.40q) = %v, want a string", expr, resp.Result.Result.Value)
		}
		return s, nil
	}
}

// stop asks Chromium to quit (SIGTERM lets it take its renderer and GPU
// processes down with it) and kills its process group if it has not
// within 5 s.
func (p *Page) stop() {
	done := make(chan struct{})
	go func() {
		_ = p.cmd.Wait()
		close(done)
	}()
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}

// devToolsPort waits for Chromium to write its DevTools port into the
// profile.
func devToolsPort(ctx context.Context, profile string) (int, error) {
	for {
		b, err := os.ReadFile(filepath.Join(profile, "DevToolsActivePort"))
		if err == nil {
			first, _, _ := strings.Cut(string(b), "\n")
			if port, err := strconv.Atoi(strings.TrimSpace(first)); err == nil && port > 0 {
				return port, nil
			}
		}
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("chromium did not open a DevTools port: %w", ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// pageTarget returns the DevTools WebSocket URL of the page whose URL
// starts with scheme ("file:", "http:").
func pageTarget(ctx context.Context, port int, scheme string) (string, error) {
	var last error
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("http://127.0.0.1:%d/json/list", port), nil)
		if err != nil {
			return "", err
		}
		var targets []struct{ Type, URL, WebSocketDebuggerURL string }
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			err = json.NewDecoder(resp.Body).Decode(&targets)
			resp.Body.Close()
		}
		if err != nil {
			last = err
		}
		for _, tg := range targets {
			if tg.Type == "page" && strings.HasPrefix(tg.URL, scheme) && tg.WebSocketDebuggerURL != "" {
				return tg.WebSocketDebuggerURL, nil
			}
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("no %s page target in chromium (last error: %v): %w", scheme, last, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// lockedBuffer keeps Chromium's stderr (the first 16 KiB) for error
// messages while exec's goroutine writes it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := 16<<10 - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
