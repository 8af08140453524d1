package textlayout

import (
	"math"
	"slices"
	"sort"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"github.com/qalam/policyeditor/editor/bidi"
	"golang.org/x/image/math/fixed"
)

// runeInfo is the per-rune scratch state of one Layout call.
type runeInfo struct {
	script language.Script
	style  int32   // index into the layout's styles
	adv    float32 // advance of the cluster starting at this rune, 0 inside a cluster
	face   FaceID
}

// Per-rune flags. The flags slice has len(text)+1 entries: the entry at i
// describes the boundary before rune i.
const (
	flagGrapheme  uint8 = 1 << iota // a grapheme cluster starts here (UAX #29)
	flagBreak                       // a line may break before this rune (UAX #14)
	flagMandatory                   // a line must break before this rune
	flagCluster                     // a glyph cluster starts here
	flagSpace                       // the rune hangs at a line end (white space)
	flagWordStart                   // a word (letters or digits, UAX #29) starts here
	flagWordEnd                     // a word ends here
)

// item is a maximal range of runes with one level, script, face and style,
// shaped as a whole to measure it for line breaking.
type item struct {
	start, end int
	level      bidi.Level
	script     language.Script
	face       FaceID
	style      int32
	size       float32
	glyphs     []shaping.Glyph // visual order
}

var (
	langArabic = language.NewLanguage("ar")
	langLatin  = language.NewLanguage("en")
)

// scriptOf is language.LookupScript with fast paths for ASCII and the
// Arabic block, which make up nearly all of our text.
func scriptOf(r rune) language.Script {
	switch {
	case r < 0x80:
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return language.Latin
		}
		return language.Common
	case r >= 0x621 && r <= 0x64A, r >= 0x660 && r <= 0x669, r >= 0x671 && r <= 0x6D3:
		return language.Arabic
	}
	return language.LookupScript(r)
}

// resolveScripts gives every rune a strong script: Common and Inherited
// runes take the script of the text before them (or after them at the
// start), and a closing bracket takes the script of its opening bracket.
func resolveScripts(text []rune, info []runeInfo) {
	type open struct {
		r  rune
		sc language.Script
	}
	var stack [16]open
	depth := 0
	cur := language.Unknown
	for i, r := range text {
		sc := scriptOf(r)
		if sc.Strong() {
			cur = sc
			info[i].script = sc
			continue
		}
		info[i].script = cur
		if close, ok := closingBracket(r); ok && depth < len(stack) {
			stack[depth] = open{close, cur}
			depth++
		} else if depth > 0 && (r == ')' || r == ']' || r == '}' || r == '»' || r == '›') {
			for d := depth - 1; d >= 0; d-- {
				if stack[d].r == r {
					info[i].script = stack[d].sc
					depth = d
					break
				}
			}
		}
	}
	// Leading runes without a strong script before them take the first
	// strong script after them.
	first := language.Latin
	for i := range info {
		if info[i].script != language.Unknown {
			first = info[i].script
			break
		}
	}
	for i := range info {
		if info[i].script != language.Unknown {
			break
		}
		info[i].script = first
	}
}

func closingBracket(r rune) (rune, bool) {
	switch r {
	case '(':
		return ')', true
	case '[':
		return ']', true
	case '{':
		return '}', true
	case '«':
		return '»', true
	case '‹':
		return '›', true
	}
	return 0, false
}

// resolveStyles indexes the style of every rune; styles[0] is the default
// and equal styles share an index, so that spans of the same style do not
// split runs.
func resolveStyles(n int, spans []Span, info []runeInfo) []Style {
	styles := []Style{{}}
	for _, sp := range spans {
		s, e := max(sp.Start, 0), min(sp.End, n)
		if s >= e {
			continue
		}
		idx := int32(slices.Index(styles, sp.Style))
		if idx < 0 {
			styles = append(styles, sp.Style)
			idx = int32(len(styles) - 1)
		}
		for i := s; i < e; i++ {
			info[i].style = idx
		}
	}
	return styles
}

// shapeSize is the size HarfBuzz really uses: go-text scales fonts by
// whole pixels, so fractional sizes are rounded up everywhere.
func shapeSize(size float32) float32 {
	return float32(math.Ceil(float64(size)))
}

// faceScript is the script whose face r prefers: its own script, except
// that white space and combining marks stay with the text around them
// (context). Other Common runes (digits, Latin punctuation, brackets)
// prefer Noto Sans; those Sans lacks (، ؟) fall back to Naskh.
func faceScript(r rune, context language.Script) language.Script {
	sc := scriptOf(r)
	switch {
	case sc == language.Inherited, hangs(r), r == 0xa0:
		return context
	case sc == language.Common:
		return language.Latin
	}
	return sc
}

// itemize splits the text into items and resolves fonts, using the
// paragraph levels before the line rules.
func (w *worker) itemize(text []rune, levels []bidi.Level, info []runeInfo, styles []Style, base float32) []item {
	var items []item
	for i, r := range text {
		st := styles[info[i].style]
		if i > 0 && attachesToPrevious(r) && info[i-1].style == info[i].style {
			info[i].face = info[i-1].face
		} else {
			info[i].face = w.faceFor(r, faceScript(r, info[i].script), st)
		}
		if info[i].script == language.Arabic && info[i].face >= LatinRegular {
			// Common runes in Arabic context drawn by Noto Sans: shaping
			// them as Arabic would make HarfBuzz build its (slow) Arabic
			// fallback tables for a font without Arabic lookups.
			info[i].script = language.Latin
		}
		if n := len(items); n > 0 {
			it := &items[n-1]
			if it.level == levels[i] && it.face == info[i].face &&
				it.style == info[i].style && it.script == info[i].script {
				it.end = i + 1
				continue
			}
		}
		size := base
		if st.Size > 0 {
			size = st.Size
		}
		items = append(items, item{
			start: i, end: i + 1, level: levels[i], script: info[i].script,
			face: info[i].face, style: info[i].style, size: shapeSize(size),
		})
	}
	return items
}

// shape shapes text[start:end) (with the rest of text as context) in one
// face and direction.
func (w *worker) shape(text []rune, start, end int, rtl bool, it *item) shaping.Output {
	dir := di.DirectionLTR
	if rtl {
		dir = di.DirectionRTL
	}
	lang := langLatin
	if it.script == language.Arabic {
		lang = langArabic
	}
	out := w.shaper.Shape(shaping.Input{
		Text:      text,
		RunStart:  start,
		RunEnd:    end,
		Direction: dir,
		Face:      w.faces[it.face],
		Size:      fixed.Int26_6(it.size * 64),
		Script:    it.script,
		Language:  lang,
	})
	for i := range out.Glyphs {
		if r := text[out.Glyphs[i].TextIndex()]; r < 0x20 || r >= 0x7f && r < 0xa0 {
			w.hideControl(&out.Glyphs[i], r, it)
		}
	}
	return out
}

// tabSpaces is the width of a tab in spaces (there are no tab stops).
const tabSpaces = 4

// hideControl draws a control character (which fonts show as the
// missing-glyph box) as blank space: a tab as tabSpaces spaces, anything
// else (a stray line feed) with no width.
func (w *worker) hideControl(g *shaping.Glyph, r rune, it *item) {
	face := w.faces[it.face]
	space, _ := face.NominalGlyph(' ')
	g.GlyphID = space
	g.XOffset, g.YOffset = 0, 0
	g.Advance = 0
	if r == '\t' {
		adv := face.HorizontalAdvance(space) * it.size / float32(face.Upem())
		g.Advance = fixed.Int26_6(adv * tabSpaces * 64)
	}
}

// measure shapes every item and records cluster advances per rune.
func (w *worker) measure(text []rune, items []item, info []runeInfo, flags []uint8) {
	for k := range items {
		it := &items[k]
		if shapeCacheEnabled {
			it.glyphs = w.shapeItem(text, it)
		} else {
			it.glyphs = w.shape(text, it.start, it.end, it.level.IsRTL(), it).Glyphs
		}
		for _, g := range it.glyphs {
			c := g.TextIndex()
			info[c].adv += fixedToFloat(g.Advance)
			flags[c] |= flagCluster
		}
	}
}

// shapeCacheEnabled turns the word cache off for cold benchmarks.
var shapeCacheEnabled = true

// faceMetrics returns the ascent and descent (positive) of face at size.
func (w *worker) faceMetrics(face FaceID, size float32) (asc, desc float32) {
	f := w.faces[face]
	ext, _ := f.FontHExtents()
	scale := size / float32(f.Upem())
	return ext.Ascender * scale, -ext.Descender * scale
}

// itemAt returns the index of the item containing rune i.
func itemAt(items []item, i int) int {
	return sort.Search(len(items), func(k int) bool { return items[k].end > i })
}

func fixedToFloat(v fixed.Int26_6) float32 { return float32(v) / 64 }
