package preview

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/storage"
)

// scriptCache holds the hashes of the only scripts the server emits: the
// live reload script publish renders for an events URL (/TOKEN/events?v=N)
// and the index page's script for it. They are computed from the server's
// own templates, never from a response, so a script that reaches a page
// any other way (a Render or template that injects one) is not allowed.
type scriptCache struct {
	mu   sync.Mutex
	seen map[string][]string // "live "/"index " + events URL → hashes
}

// maxCachedScripts bounds the cache; one entry per data version and kind.
const maxCachedScripts = 64

func (c *scriptCache) get(key string, compute func() ([]string, error)) ([]string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if h, ok := c.seen[key]; ok {
		return h, nil
	}
	h, err := compute()
	if err != nil {
		return nil, err
	}
	if c.seen == nil || len(c.seen) >= maxCachedScripts {
		c.seen = make(map[string][]string)
	}
	c.seen[key] = h
	return h, nil
}

// liveReload returns the hash of the live reload script that publish.Render
// adds for this events URL.
func (c *scriptCache) liveReload(events string) ([]string, error) {
	return c.get("live "+events, func() ([]string, error) {
		out, err := publish.Render(storage.Page{Slug: "preview", Title: "preview"}, publish.Options{LiveReload: events})
		if err != nil {
			return nil, err
		}
		h := scriptHashes(out)
		if len(h) != 1 {
			return nil, fmt.Errorf("%d scripts in the live reload page, want 1", len(h))
		}
		return h, nil
	})
}

// index returns the hash of the index page's script for this events URL.
func (c *scriptCache) index(events string) ([]string, error) {
	return c.get("index "+events, func() ([]string, error) {
		var buf bytes.Buffer
		if err := indexTemplate.Execute(&buf, indexData{Events: events}); err != nil {
			return nil, err
		}
		h := scriptHashes(buf.Bytes())
		if len(h) != 1 {
			return nil, fmt.Errorf("%d scripts in the index page, want 1", len(h))
		}
		return h, nil
	})
}

// cspFor is the Content-Security-Policy of a response whose only allowed
// scripts are the inline ones with these hashes ('sha256-…' sources).
// Styles may be inline (the page's stylesheet is), fonts and images may be
// data: URLs or come from this server, never from another origin (a remote
// image in a draft would tell its server when a reviewer opened the
// preview; the live reload script shows a placeholder in its place), and
// the only connection allowed is the event stream back to this server.
func cspFor(scriptHashes []string) string {
	script := "'none'"
	if len(scriptHashes) > 0 {
		script = strings.Join(scriptHashes, " ")
	}
	return "default-src 'none'; script-src " + script +
		"; style-src 'unsafe-inline'; img-src 'self' data:; font-src data:" +
		"; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}

// scriptHashes returns the CSP hash source of every inline <script> in doc
// (one of the server's own templates, never a response),
// computed over its text as a browser sees it.
func scriptHashes(doc []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(doc))
	inScript := false
	var text []byte
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			name, _ := z.TagName()
			if string(name) == "script" {
				inScript, text = true, text[:0]
			}
		case html.TextToken:
			if inScript {
				text = append(text, z.Text()...)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if string(name) == "script" && inScript {
				sum := sha256.Sum256(text)
				out = append(out, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
				inScript = false
			}
		}
	}
}
