package preview

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"strings"

	"golang.org/x/net/html"
)

// cspFor is the Content-Security-Policy of a response whose only allowed
// scripts are the inline ones with these hashes ('sha256-…' sources).
// Styles may be inline (the page's stylesheet is), fonts and images may be
// data: URLs, images may also come from the page's own https links as they
// would on the published site, and the only connection allowed is the
// event stream back to this server.
func cspFor(scriptHashes []string) string {
	script := "'none'"
	if len(scriptHashes) > 0 {
		script = strings.Join(scriptHashes, " ")
	}
	return "default-src 'none'; script-src " + script +
		"; style-src 'unsafe-inline'; img-src 'self' data: https:; font-src data:" +
		"; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}

// scriptHashes returns the CSP hash source of every inline <script> in doc,
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
