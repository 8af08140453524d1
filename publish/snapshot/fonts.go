package snapshot

import (
	"encoding/base64"
	"strings"
	"sync"
	"unicode"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/storage"
)

// face is one bundled font the snapshot may inline. Family names are the
// ones the publish stylesheet asks for, so the inlined faces are used
// without any other CSS change.
type face struct {
	name   string // for Result.Fonts
	family string
	weight string
	data   []byte
	b64    func() string // base64 of data, encoded once
}

func newFace(name, family, weight string, data []byte) *face {
	return &face{name: name, family: family, weight: weight, data: data,
		b64: sync.OnceValue(func() string { return base64.StdEncoding.EncodeToString(data) })}
}

var (
	arabicRegular = newFace("NotoNaskhArabic-Regular", "Noto Naskh Arabic", "400", assets.ArabicRegular)
	arabicBold    = newFace("NotoNaskhArabic-Bold", "Noto Naskh Arabic", "700", assets.ArabicBold)
	latinRegular  = newFace("NotoSans-Regular", "Noto Sans", "400", assets.LatinRegular)
)

// fontsFor picks the faces a page needs:
//   - Noto Naskh Arabic regular when any text is Arabic, and bold too
//     (titles and headings are bold) when the title or a heading is;
//   - Noto Sans regular when the page is not Arabic and has Latin letters,
//     or when latin is set. Latin words inside an Arabic page otherwise use
//     the reader's system sans-serif, which every system has; this keeps
//     an Arabic snapshot near 0.5 MB instead of 1.2 MB.
func fontsFor(page storage.Page, texts []string, latin bool) []*face {
	var out []*face
	if hasArabic(page.Title) || anyArabic(texts) {
		out = append(out, arabicRegular)
		if hasArabic(page.Title) || anyHeadingArabic(page) {
			out = append(out, arabicBold)
		}
	}
	arabicPage := storage.IsArabic(storage.PageLang(page))
	if latin || (!arabicPage && (hasLatin(page.Title) || anyLatin(texts))) {
		out = append(out, latinRegular)
	}
	return out
}

func anyHeadingArabic(p storage.Page) bool {
	for _, s := range p.Sections {
		if hasArabic(s.Heading) {
			return true
		}
	}
	return false
}

func anyArabic(ss []string) bool {
	for _, s := range ss {
		if hasArabic(s) {
			return true
		}
	}
	return false
}

func anyLatin(ss []string) bool {
	for _, s := range ss {
		if hasLatin(s) {
			return true
		}
	}
	return false
}

func hasArabic(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) >= 0
}

func hasLatin(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) >= 0
}

// fontFaceCSS is the @font-face rules with the fonts as data: URLs.
func fontFaceCSS(faces []*face) string {
	var b strings.Builder
	for _, f := range faces {
		b.WriteString("@font-face { font-family: \"")
		b.WriteString(f.family)
		b.WriteString("\"; font-style: normal; font-weight: ")
		b.WriteString(f.weight)
		b.WriteString("; font-display: swap; src: url(data:font/ttf;base64,")
		b.WriteString(f.b64())
		b.WriteString(") format(\"truetype\"); }\n")
	}
	return b.String()
}
