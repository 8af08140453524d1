package richview

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/net/websocket"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/editor/textlayout"
	"github.com/qalam/policyeditor/storage"
)

// compareWidth and compareSize are the column width and font size used on
// both sides of the Chromium comparison.
const (
	compareWidth = 480
	compareSize  = 14
)

// TestChromiumWordOrder renders every block of the seed page (and of the
// mixed-direction sample) in headless
// Chromium (dir="rtl", same fonts, width and size), asks it where each word
// landed, and checks that for every line Chromium made, the left-to-right
// order of its words equals the visual order textlayout gives the same
// words laid out as one line. Line breaks themselves may differ at the
// margins, so Chromium's line assignment is used on both sides.
//
// Needs the chromium package; fails when CI=true and it is missing.
func TestChromiumWordOrder(t *testing.T) {
	bin := findChromium()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium not found (Debian package chromium) and CI=true")
		}
		t.Skip("chromium not found; install the chromium package (required when CI=true)")
	}
	doc, err := document.FromPage(seedPage(t))
	if err != nil {
		t.Fatal(err)
	}
	mixed := mustDoc(t, mixedMD, storage.RTL) // numbers, e-mail, URL, parentheses, an LTR block
	var paras [][]rune
	var dirs []storage.Direction
	for _, b := range append(doc.Blocks, mixed.Blocks...) {
		paras = append(paras, []rune(stripControls(string(b.Text))))
		dirs = append(dirs, b.Dir)
	}
	words, err := chromiumWords(t, bin, paras, dirs)
	if err != nil {
		t.Fatal(err)
	}
	lines, match := 0, 0
	for pi, pw := range words {
		spans := wordSpans(paras[pi])
		if len(spans) != len(pw) {
			t.Fatalf("block %d: Chromium saw %d words, we split %d", pi, len(pw), len(spans))
		}
		for _, line := range chromiumLines(pw) {
			lines++
			ours := ourOrder(paras[pi], dirs[pi], spans, line)
			theirs := make([]int, len(line))
			for i, w := range line {
				theirs[i] = w.Index
			}
			if slices.Equal(ours, theirs) {
				match++
				continue
			}
			t.Errorf("block %d line %q:\n chromium %v\n ours     %v", pi, lineText(paras[pi], spans, line), wordsAt(paras[pi], spans, theirs), wordsAt(paras[pi], spans, ours))
		}
	}
	t.Logf("%d of %d lines have Chromium's word order", match, lines)
	if lines == 0 {
		t.Fatal("no lines compared")
	}
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// chromeWord is where Chromium drew one word of a block.
type chromeWord struct {
	Index int     `json:"i"`
	Left  float64 `json:"x"`
	Mid   float64 `json:"y"` // vertical centre of the word's box
}

// wordSpans splits text at white space: the rune ranges of its words, the
// same split the page's script does (/\S+/g).
func wordSpans(text []rune) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range text {
		if unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, [2]int{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// chromiumLines groups the words of a block into Chromium's lines (by
// vertical centre) and sorts each line left to right.
func chromiumLines(ws []chromeWord) [][]chromeWord {
	sorted := slices.Clone(ws)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Mid < sorted[j].Mid })
	var lines [][]chromeWord
	for _, w := range sorted {
		if n := len(lines); n > 0 && w.Mid-lines[n-1][0].Mid < compareSize*0.8 {
			lines[n-1] = append(lines[n-1], w)
			continue
		}
		lines = append(lines, []chromeWord{w})
	}
	for _, l := range lines {
		sort.SliceStable(l, func(i, j int) bool { return l[i].Left < l[j].Left })
	}
	return lines
}

// ourOrder lays out the words of one Chromium line as a single line with
// textlayout (the block's direction, no wrapping) and returns their indices sorted
// by the left edge of their selection rectangles.
func ourOrder(text []rune, dir storage.Direction, spans [][2]int, line []chromeWord) []int {
	lo, hi := len(spans), -1
	for _, w := range line {
		lo, hi = min(lo, w.Index), max(hi, w.Index)
	}
	from, to := spans[lo][0], spans[hi][1]
	p := textlayout.Layout(textlayout.Params{Text: text[from:to], Dir: dirOf(dir), Size: compareSize})
	type placed struct {
		index int
		x     float32
	}
	var ps []placed
	for i := lo; i <= hi; i++ {
		x := float32(1e9)
		for _, r := range p.SelectionRects(spans[i][0]-from, spans[i][1]-from) {
			x = min(x, r.X)
		}
		ps = append(ps, placed{i, x})
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].x < ps[j].x })
	out := make([]int, len(ps))
	for i, q := range ps {
		out[i] = q.index
	}
	return out
}

func wordsAt(text []rune, spans [][2]int, idx []int) []string {
	out := make([]string, len(idx))
	for i, k := range idx {
		out[i] = string(text[spans[k][0]:spans[k][1]])
	}
	return out
}

func lineText(text []rune, spans [][2]int, line []chromeWord) string {
	lo, hi := len(spans), -1
	for _, w := range line {
		lo, hi = min(lo, w.Index), max(hi, w.Index)
	}
	return string(text[spans[lo][0]:spans[hi][1]])
}

// comparePage is the HTML page Chromium lays out: one <p> per block, the
// bundled fonts (Arabic first, Latin after, like textlayout's fallback).
func comparePage(dir string, paras [][]rune, dirs []storage.Direction) (string, error) {
	fonts := map[string][]byte{"naskh.ttf": assets.ArabicRegular, "sans.ttf": assets.LatinRegular}
	for name, data := range fonts {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return "", err
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><style>
@font-face{font-family:Naskh;src:url(naskh.ttf)}
@font-face{font-family:Sans;src:url(sans.ttf)}
body{margin:0;width:%dpx;font:%dpx/1.6 Naskh,Sans}
p{margin:0 0 1em}
</style></head><body>`, compareWidth, compareSize)
	for i, p := range paras {
		fmt.Fprintf(&b, "<p dir=%q>%s</p>\n", dirs[i], html.EscapeString(string(p)))
	}
	b.WriteString("</body></html>")
	path := filepath.Join(dir, "page.html")
	return path, os.WriteFile(path, []byte(b.String()), 0o644)
}

// measureJS wraps every word of every paragraph in a span and returns, per
// paragraph, each word's left edge and vertical centre.
const measureJS = `(async () => {
  if (location.protocol !== 'file:') return 'not ready';
  if (document.readyState !== 'complete') await new Promise(r => addEventListener('load', r));
  await document.fonts.ready;
  const out = [];
  for (const p of document.querySelectorAll('p')) {
    const text = p.textContent;
    p.textContent = '';
    let last = 0;
    for (const m of text.matchAll(/\S+/g)) {
      if (m.index > last) p.appendChild(document.createTextNode(text.slice(last, m.index)));
      const s = document.createElement('span');
      s.textContent = m[0];
      p.appendChild(s);
      last = m.index + m[0].length;
    }
    if (last < text.length) p.appendChild(document.createTextNode(text.slice(last)));
    out.push([...p.querySelectorAll('span')].map((s, i) => {
      const r = s.getBoundingClientRect();
      return {i, x: r.left, y: (r.top + r.bottom) / 2};
    }));
  }
  return JSON.stringify(out);
})()`

// chromiumWords runs headless Chromium on the compare page and returns the
// words' positions per paragraph, through the DevTools protocol.
func chromiumWords(t *testing.T, bin string, paras [][]rune, dirs []storage.Direction) ([][]chromeWord, error) {
	dir := t.TempDir()
	page, err := comparePage(dir, paras, dirs)
	if err != nil {
		return nil, err
	}
	profile := filepath.Join(dir, "profile")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-first-run", "--user-data-dir="+profile, "--remote-debugging-address=127.0.0.1",
		"--remote-debugging-port=0", "--remote-allow-origins=http://127.0.0.1",
		"--window-size=800,2000", "file://"+page)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	port, err := devToolsPort(ctx, profile)
	if err != nil {
		return nil, fmt.Errorf("%w (chromium stderr: %s)", err, stderr.String())
	}
	wsURL, err := pageTarget(ctx, port)
	if err != nil {
		return nil, err
	}
	var raw string
	for {
		// The page may still be navigating from about:blank to our file:
		// the script then runs in the blank page, or its execution
		// context is replaced under it.
		raw, err = evaluate(ctx, wsURL, measureJS)
		retry := (err == nil && raw == "not ready") || (err != nil && strings.Contains(err.Error(), "context"))
		if !retry || ctx.Err() != nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		return nil, err
	}
	var words [][]chromeWord
	if err := json.Unmarshal([]byte(raw), &words); err != nil {
		return nil, fmt.Errorf("decode word positions: %w", err)
	}
	if len(words) != len(paras) {
		return nil, fmt.Errorf("chromium returned %d paragraphs, want %d", len(words), len(paras))
	}
	return words, nil
}

// devToolsPort waits for Chromium to write the DevTools port into the profile.
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
			return 0, errors.New("chromium did not open a DevTools port")
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// pageTarget returns the DevTools WebSocket URL of the page showing our file.
func pageTarget(ctx context.Context, port int) (string, error) {
	for {
		var targets []struct{ Type, URL, WebSocketDebuggerURL string }
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/json/list", port))
		if err == nil {
			err = json.NewDecoder(resp.Body).Decode(&targets)
			resp.Body.Close()
		}
		for _, tg := range targets {
			if tg.Type == "page" && strings.HasPrefix(tg.URL, "file://") && tg.WebSocketDebuggerURL != "" {
				return tg.WebSocketDebuggerURL, nil
			}
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("no page target in chromium: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// evaluate runs an expression returning a string (or a promise of one) in
// the page and returns that string.
func evaluate(ctx context.Context, wsURL, expr string) (string, error) {
	ws, err := websocket.Dial(wsURL, "", "http://127.0.0.1")
	if err != nil {
		return "", fmt.Errorf("devtools websocket: %w", err)
	}
	defer ws.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = ws.SetDeadline(dl)
	}
	req := map[string]any{"id": 1, "method": "Runtime.evaluate", "params": map[string]any{
		"expression": expr, "awaitPromise": true, "returnByValue": true}}
	if err := websocket.JSON.Send(ws, req); err != nil {
		return "", fmt.Errorf("devtools send: %w", err)
	}
	for {
		var msg struct {
			ID     int `json:"id"`
			Result struct {
				Result struct {
					Value string `json:"value"`
				} `json:"result"`
				ExceptionDetails *struct {
					Text string `json:"text"`
				} `json:"exceptionDetails"`
			} `json:"result"`
			Error *struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := websocket.JSON.Receive(ws, &msg); err != nil {
			return "", fmt.Errorf("devtools receive: %w", err)
		}
		if msg.ID != 1 {
			continue // an event
		}
		switch {
		case msg.Error != nil:
			return "", fmt.Errorf("devtools: %s", msg.Error.Message)
		case msg.Result.ExceptionDetails != nil:
			return "", fmt.Errorf("page script: %s", msg.Result.ExceptionDetails.Text)
		}
		return msg.Result.Result.Value, nil
	}
}
