package richview

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/publish/chromiumtest"
)

// This file measures where headless Chromium puts each word, for the
// word-order comparisons of compare_test.go.

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

// chromiumWords opens the HTML file page in headless Chromium
// (chromiumtest) and returns, through the DevTools protocol, the blocks
// matching the CSS selector with their words' positions.
func chromiumWords(t *testing.T, page, selector string, windowWidth int) ([]measuredBlock, error) {
	p := chromiumtest.Open(t, chromiumtest.FileURL(page), fmt.Sprintf("--window-size=%d,2000", windowWidth))
	sel, _ := json.Marshal(selector)
	raw, err := p.Eval(strings.Replace(measureJS, "SELECTOR", string(sel), 1))
	if err != nil {
		return nil, err
	}
	if raw == "not ready" {
		return nil, fmt.Errorf("%s was not loaded when measured", page)
	}
	var blocks []measuredBlock
	if err := json.Unmarshal([]byte(raw), &blocks); err != nil {
		return nil, fmt.Errorf("decode word positions: %w", err)
	}
	return blocks, nil
}
