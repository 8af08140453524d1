package textlayout

import (
	"sync"
	"unicode"

	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
)

// Shaping is most of the cost of a layout, and an editor lays the same
// paragraph out again on every key press and resize. Like browsers, we
// shape word by word (a word and the spaces after it) and keep the glyphs
// of each word in a cache shared by all layouts. A word boundary is a
// space, where Arabic letters do not join, so a word shapes the same in
// any context. Words that touch an item boundary between two characters
// that may join or combine (a style change inside an Arabic word) are
// shaped in context and not cached.

// wordKey identifies the shaping of one word.
type wordKey struct {
	hash   uint64
	n      int
	face   FaceID
	rtl    bool
	script language.Script
	size   float32
}

type wordEntry struct {
	text   []rune
	glyphs []shaping.Glyph // ClusterIndex relative to the word start
}

// wordCacheLimit bounds the cache; when it is full it starts over.
const wordCacheLimit = 1 << 14

type wordCache struct {
	mu sync.Mutex
	m  map[wordKey]*wordEntry
}

func (c *wordCache) get(k wordKey, text []rune) []shaping.Glyph {
	c.mu.Lock()
	e := c.m[k]
	c.mu.Unlock()
	if e == nil || !runesEqual(e.text, text) {
		return nil
	}
	return e.glyphs
}

func (c *wordCache) put(k wordKey, text []rune, glyphs []shaping.Glyph) {
	e := &wordEntry{text: append([]rune(nil), text...), glyphs: glyphs}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= wordCacheLimit {
		c.m = make(map[wordKey]*wordEntry)
	}
	c.m[k] = e
	c.mu.Unlock()
}

// reset empties the cache.
func (c *wordCache) reset() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}

func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// hashRunes is FNV-1a over the runes.
func hashRunes(rs []rune) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range rs {
		h ^= uint64(r)
		h *= 1099511628211
	}
	return h
}

// shapeItem returns the glyphs of the item in visual order, word by word.
func (w *worker) shapeItem(text []rune, it *item) []shaping.Glyph {
	rtl := it.level.IsRTL()
	w.words = w.words[:0]
	for a := it.start; a < it.end; {
		b := a + 1
		for b < it.end && !(text[b-1] == ' ' && text[b] != ' ') {
			b++
		}
		w.words = append(w.words, [2]int{a, b})
		a = b
	}
	out := make([]shaping.Glyph, 0, it.end-it.start)
	for k := range w.words {
		if rtl {
			k = len(w.words) - 1 - k
		}
		a, b := w.words[k][0], w.words[k][1]
		out = append(out, w.shapeWord(text, a, b, rtl, it)...)
	}
	return out
}

// shapeWord returns the glyphs of text[a:b) with absolute cluster indices.
func (w *worker) shapeWord(text []rune, a, b int, rtl bool, it *item) []shaping.Glyph {
	if !contextFree(text, a) || !contextFree(text, b) {
		return w.shape(text, a, b, rtl, it).Glyphs
	}
	word := text[a:b]
	k := wordKey{hash: hashRunes(word), n: b - a, face: it.face, rtl: rtl, script: it.script, size: it.size}
	gs := w.fonts.words.get(k, word)
	if gs == nil {
		gs = w.shape(text, a, b, rtl, it).Glyphs
		for i := range gs {
			//lint:ignore SA1019 there is no setter; the field is the only way to rebase clusters
			gs[i].ClusterIndex -= a
		}
		w.fonts.words.put(k, word, gs)
	}
	w.tmp = append(w.tmp[:0], gs...)
	for i := range w.tmp {
		//lint:ignore SA1019 as above
		w.tmp[i].ClusterIndex += a
	}
	return w.tmp
}

// contextFree reports whether shaping may split the text before rune i
// without changing any glyph: at the ends, or where at least one side is
// neither an Arabic-script character (letters join, marks attach), a
// joiner, a tatweel nor a combining mark.
func contextFree(text []rune, i int) bool {
	if i == 0 || i == len(text) {
		return true
	}
	return !mayJoin(text[i-1]) || !mayJoin(text[i])
}

func mayJoin(r rune) bool {
	switch {
	case r < 0x300:
		return false
	case r == 0x200C || r == 0x200D || r == 0x640:
		return true
	}
	return scriptOf(r) == language.Arabic || unicode.In(r, unicode.Mn, unicode.Me)
}
