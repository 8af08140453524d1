package richview

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/websocket"
)

// This file drives headless Chromium through the DevTools protocol for the
// word-order comparisons of compare_test.go.

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// measureJS wraps every word of every block matching SELECTOR in a span,
// in place (inline elements such as <bdi> stay, so isolation is kept), and
// returns per block its own text (nested lists left out) and, for each
// word, its text, left edge and vertical centre. A word never crosses an
// element boundary: "تحليلات<bdi>Google</bdi>" is two words.
const measureJS = `(async () => {
  if (location.protocol !== 'file:') return 'not ready';
  if (document.readyState !== 'complete') await new Promise(r => addEventListener('load', r));
  await document.fonts.ready;
  const blockTags = ['UL', 'OL', 'P', 'DIV', 'LI', 'BLOCKQUOTE', 'PRE', 'TABLE', 'SECTION'];
  const ownText = el => {
    const out = [];
    const walk = n => {
      for (const c of [...n.childNodes]) {
        if (c.nodeType === 3) out.push(c);
        else if (c.nodeType === 1 && !blockTags.includes(c.tagName)) walk(c);
      }
    };
    walk(el);
    return out;
  };
  const out = [];
  for (const el of document.querySelectorAll(SELECTOR)) {
    const spans = [];
    let text = '';
    for (const tn of ownText(el)) {
      const s = tn.data;
      text += s;
      const frag = document.createDocumentFragment();
      let last = 0;
      for (const m of s.matchAll(/\S+/g)) {
        if (m.index > last) frag.appendChild(document.createTextNode(s.slice(last, m.index)));
        const sp = document.createElement('span');
        sp.textContent = m[0];
        frag.appendChild(sp);
        spans.push(sp);
        last = m.index + m[0].length;
      }
      if (last < s.length) frag.appendChild(document.createTextNode(s.slice(last)));
      tn.replaceWith(frag);
    }
    out.push({table: el.tagName === 'TR', text, words: spans.map((sp, i) => {
      const r = sp.getBoundingClientRect();
      return {i, t: sp.textContent, x: r.left, y: (r.top + r.bottom) / 2};
    })});
  }
  return JSON.stringify(out);
})()`

// chromiumWords runs headless Chromium on the HTML file page and returns,
// through the DevTools protocol, the blocks matching the CSS selector with
// their words' positions.
func chromiumWords(t *testing.T, bin, page, selector string, windowWidth int) ([]measuredBlock, error) {
	profile := filepath.Join(t.TempDir(), "profile")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-first-run", "--user-data-dir="+profile, "--remote-debugging-address=127.0.0.1",
		"--remote-debugging-port=0", "--remote-allow-origins=http://127.0.0.1",
		fmt.Sprintf("--window-size=%d,2000", windowWidth), "file://"+page)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	defer stopChromium(cmd)
	port, err := devToolsPort(ctx, profile)
	if err != nil {
		return nil, fmt.Errorf("%w (chromium stderr: %s)", err, stderr.String())
	}
	wsURL, err := pageTarget(ctx, port)
	if err != nil {
		return nil, err
	}
	sel, _ := json.Marshal(selector)
	script := strings.Replace(measureJS, "SELECTOR", string(sel), 1)
	var raw string
	for {
		// The page may still be navigating from about:blank to our file:
		// the script then runs in the blank page, or its execution
		// context is replaced under it.
		raw, err = evaluate(ctx, wsURL, script)
		retry := (err == nil && raw == "not ready") || (err != nil && strings.Contains(err.Error(), "context"))
		if !retry || ctx.Err() != nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		return nil, err
	}
	var blocks []measuredBlock
	if err := json.Unmarshal([]byte(raw), &blocks); err != nil {
		return nil, fmt.Errorf("decode word positions: %w", err)
	}
	return blocks, nil
}

// stopChromium asks Chromium to quit (SIGTERM lets it take its renderer and
// GPU processes down with it) and kills it if it has not within 5 s.
func stopChromium(cmd *exec.Cmd) {
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(done)
	}()
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
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
