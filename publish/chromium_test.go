package publish

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/websocket"
)

// The tests in this file load rendered pages in a real Chromium (Debian
// package "chromium") and ask it, through the DevTools protocol, what it
// laid out. Without chromium they fail when CI=true and skip otherwise.

// chromiumFlags are the flags every run uses: headless, no sandbox (CI
// containers), nothing that talks to the network.
var chromiumFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
	"--disable-component-update", "--disable-sync", "--no-first-run",
	"--disable-default-apps", "--disable-extensions", "--mute-audio",
}

func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found (Debian package chromium); required when CI=true")
	}
	t.Skip("chromium not found (Debian package chromium); install it or set CI=true to make this a failure")
	return ""
}

// xssAttempts would change document.title if any script ran.
const xssAttempts = "\n\n<script>document.title='pwned'</script>\n\n" +
	"نص <img src=x onerror=\"document.title='pwned'\"> و<svg onload=\"document.title='pwned'\"></svg>\n\n" +
	"![x](javascript:document.title='pwned') [x](javascript:document.title='pwned')\n\n" +
	"<iframe srcdoc=\"<script>parent.document.title='pwned'</script>\"></iframe>\n"

// browserPage is the result of probePage.
type browserPage struct {
	Dir        string   `json:"dir"`
	Title      string   `json:"title"`
	Scripts    int      `json:"scripts"`
	EmailDirs  []string `json:"emailDirs"`
	URLDirs    []string `json:"urlDirs"`
	LatinDirs  []string `json:"latinDirs"`
	HeadingDir string   `json:"headingDir"`
	Font       string   `json:"font"`
	ListStyle  string   `json:"listStyle"`
	ListSide   string   `json:"listSide"` // side of the list's marker gutter
}

const probeJS = `(() => {
  const dirOf = sel => [...document.querySelectorAll('bdi')].filter(sel).map(e => getComputedStyle(e).direction);
  const li = document.querySelector('ol li'), ol = li && li.parentElement;
  const lr = li && li.getBoundingClientRect(), or = ol && ol.getBoundingClientRect();
  return JSON.stringify({
    dir: getComputedStyle(document.documentElement).direction,
    title: document.title,
    scripts: document.scripts.length,
    emailDirs: dirOf(e => e.textContent.includes('@')),
    urlDirs: dirOf(e => e.textContent.includes('www.')),
    latinDirs: dirOf(e => e.textContent.includes('Google')),
    headingDir: getComputedStyle(document.querySelector('h2')).direction,
    font: getComputedStyle(document.body.querySelector('p')).fontFamily,
    listStyle: ol ? getComputedStyle(ol).listStyleType : '',
    listSide: !lr ? '' : (or.right - lr.right > lr.left - or.left ? 'right' : 'left'),
  });
})()`

func TestChromiumSeedPage(t *testing.T) {
	bin := chromiumPath(t)
	p := seedPage()
	p.Sections[6].Body += xssAttempts
	html, err := Render(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "seed.html")
	writeFile(t, page, string(html))

	got := probe(t, bin, page)
	if got.Dir != "rtl" {
		t.Errorf("document direction = %q, want rtl", got.Dir)
	}
	if got.Title != p.Title {
		t.Errorf("document.title = %q after load, want %q (a script ran)", got.Title, p.Title)
	}
	if got.Scripts != 0 {
		t.Errorf("document.scripts.length = %d, want 0", got.Scripts)
	}
	wantAll(t, "e-mail <bdi> directions", got.EmailDirs, "ltr")
	wantAll(t, "URL <bdi> directions", got.URLDirs, "ltr")
	wantAll(t, "Latin name <bdi> directions", got.LatinDirs, "ltr")
	if got.HeadingDir != "rtl" {
		t.Errorf("h2 direction = %q, want rtl", got.HeadingDir)
	}
	if !strings.Contains(got.Font, "Noto Naskh Arabic") {
		t.Errorf("paragraph font-family = %q, want the Arabic stack", got.Font)
	}
	if got.ListSide != "right" {
		t.Errorf("ordered list marker gutter is on the %q, want right", got.ListSide)
	}

	shot := screenshot(t, bin, page)
	t.Logf("screenshot of the seed page: %s", shot)
}

// TestChromiumHarnessSeesScript makes sure the probe would notice a script
// that ran: a page that is not from Render changes its title.
func TestChromiumHarnessSeesScript(t *testing.T) {
	bin := chromiumPath(t)
	page := filepath.Join(t.TempDir(), "control.html")
	writeFile(t, page, `<!DOCTYPE html><html lang="en" dir="ltr"><head><title>before</title></head><body><h2>x</h2><p>p</p><script>document.title='pwned'</script></body></html>`)
	if got := probe(t, bin, page); got.Title != "pwned" || got.Dir != "ltr" {
		t.Errorf("control page: title %q dir %q, want pwned ltr (the harness cannot see scripts)", got.Title, got.Dir)
	}
}

func TestChromiumEnglishPage(t *testing.T) {
	bin := chromiumPath(t)
	html, err := Render(englishPage(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "en.html")
	writeFile(t, page, string(html))
	got := probe(t, bin, page)
	if got.Dir != "ltr" || got.HeadingDir != "ltr" {
		t.Errorf("English page: document %q, h2 %q, want ltr", got.Dir, got.HeadingDir)
	}
	if got.Title != englishPage().Title {
		t.Errorf("English page title = %q", got.Title)
	}
}

// TestChromiumArabicIndicLists checks that ordered lists of a page numbered
// in Arabic-Indic digits get arabic-indic markers, on the right.
func TestChromiumArabicIndicLists(t *testing.T) {
	bin := chromiumPath(t)
	html, err := Render(listsPage(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "lists.html")
	writeFile(t, page, string(html))
	got := probe(t, bin, page)
	if got.ListStyle != "arabic-indic" || got.ListSide != "right" {
		t.Errorf("ordered list: list-style-type %q on the %q, want arabic-indic on the right", got.ListStyle, got.ListSide)
	}
}

func wantAll(t *testing.T, what string, got []string, want string) {
	t.Helper()
	if len(got) == 0 {
		t.Errorf("%s: no elements found", what)
	}
	for _, d := range got {
		if d != want {
			t.Errorf("%s = %q, want all %q", what, got, want)
			return
		}
	}
}

// probe loads file in a headless Chromium with remote debugging on the
// loopback interface and evaluates probeJS once the document is complete.
func probe(t *testing.T, bin, file string) browserPage {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	args := append(append([]string{}, chromiumFlags...),
		"--user-data-dir="+t.TempDir(),
		"--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
		"--remote-allow-origins=http://127.0.0.1",
		fileURL(file))
	cmd := exec.Command(bin, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	defer stopGroup(cmd)

	browserWS, err := devToolsURL(ctx, stderr)
	if err != nil {
		t.Fatal(err)
	}
	pageWS, err := pageTarget(ctx, browserWS)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := websocket.NewConfig(pageWS, "http://127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	ws, err := cfg.DialContext(ctx)
	if err != nil {
		t.Fatalf("dial DevTools: %v", err)
	}
	defer ws.Close()
	deadline, _ := ctx.Deadline()
	_ = ws.SetDeadline(deadline)

	c := &cdp{ws: ws}
	// Chromium may still be navigating from about:blank: retry until the
	// file's document has completed loading.
	for {
		state, err := c.eval("location.protocol + document.readyState")
		if err != nil && !strings.Contains(err.Error(), "context") {
			t.Fatal(err)
		}
		if state == "file:complete" {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("page never completed loading (state %q, %v)", state, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Let any (unwanted) deferred script or error handler run.
	if _, err := c.eval("new Promise(r => setTimeout(() => r('ok'), 300))"); err != nil {
		t.Fatal(err)
	}
	raw, err := c.eval(probeJS)
	if err != nil {
		t.Fatal(err)
	}
	var got browserPage
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatalf("probe result %q: %v", raw, err)
	}
	return got
}

// devToolsURL reads Chromium's stderr until it prints its DevTools address,
// then keeps draining stderr so that Chromium never blocks on it.
func devToolsURL(ctx context.Context, stderr io.Reader) (string, error) {
	found := make(chan string, 1)
	var log strings.Builder
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			if _, u, ok := strings.Cut(line, "DevTools listening on "); ok {
				select {
				case found <- strings.TrimSpace(u):
				default:
				}
			} else if log.Len() < 4096 {
				log.WriteString(line + "\n")
			}
		}
		close(found)
	}()
	select {
	case u, ok := <-found:
		if !ok {
			return "", fmt.Errorf("chromium exited without a DevTools address:\n%s", log.String())
		}
		return u, nil
	case <-ctx.Done():
		return "", fmt.Errorf("no DevTools address from chromium: %w", ctx.Err())
	}
}

// pageTarget finds the WebSocket URL of the page Chromium opened.
func pageTarget(ctx context.Context, browserWS string) (string, error) {
	u, err := url.Parse(browserWS)
	if err != nil {
		return "", err
	}
	for ctx.Err() == nil {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+u.Host+"/json/list", nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			var targets []struct{ Type, URL, WebSocketDebuggerURL string }
			err = json.NewDecoder(resp.Body).Decode(&targets)
			resp.Body.Close()
			for _, tg := range targets {
				if tg.Type == "page" && strings.HasPrefix(tg.URL, "file://") {
					return tg.WebSocketDebuggerURL, nil
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return "", fmt.Errorf("no page target in chromium: %w", ctx.Err())
}

// cdp is a minimal DevTools protocol client: one request at a time.
type cdp struct {
	ws *websocket.Conn
	id int
}

// eval runs Runtime.evaluate and returns the string value of the result.
func (c *cdp) eval(expr string) (string, error) {
	c.id++
	req := map[string]any{"id": c.id, "method": "Runtime.evaluate", "params": map[string]any{
		"expression": expr, "returnByValue": true, "awaitPromise": true,
	}}
	if err := websocket.JSON.Send(c.ws, req); err != nil {
		return "", fmt.Errorf("DevTools send: %w", err)
	}
	for {
		var resp struct {
			ID     int `json:"id"`
			Result struct {
				Result struct {
					Value any `json:"value"`
				} `json:"result"`
				ExceptionDetails *struct{ Text string } `json:"exceptionDetails"`
			} `json:"result"`
			Error *struct{ Message string } `json:"error"`
		}
		if err := websocket.JSON.Receive(c.ws, &resp); err != nil {
			return "", fmt.Errorf("DevTools receive: %w", err)
		}
		if resp.ID != c.id {
			continue // an event
		}
		if resp.Error != nil {
			return "", fmt.Errorf("Runtime.evaluate: %s", resp.Error.Message)
		}
		if e := resp.Result.ExceptionDetails; e != nil {
			return "", fmt.Errorf("Runtime.evaluate(%.40q): %s", expr, e.Text)
		}
		s, _ := resp.Result.Result.Value.(string)
		return s, nil
	}
}

// screenshot saves a 1000×2000 screenshot of file to testdata/out/ (git
// ignored) and returns its path.
func screenshot(t *testing.T, bin, file string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", "out"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(file), ".html")+".png")
	_ = os.Remove(out)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	args := append(append([]string{}, chromiumFlags...),
		"--user-data-dir="+t.TempDir(), "--hide-scrollbars",
		"--screenshot="+out, "--window-size=1000,2000", fileURL(file))
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { stopGroup(cmd); return nil }
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium --screenshot: %v\n%s", err, msg)
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("no screenshot written to %s: %v", out, err)
	}
	return out
}

func fileURL(path string) string {
	abs, _ := filepath.Abs(path)
	return (&url.URL{Scheme: "file", Path: abs}).String()
}

// stopGroup ends the Chromium process group this test started.
func stopGroup(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	_, _ = cmd.Process.Wait()
}
