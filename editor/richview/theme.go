package richview

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/editor/document"
)

// Bundled font resources, shared by the theme.
var (
	arabicRegular = fyne.NewStaticResource("NotoNaskhArabic-Regular.ttf", assets.ArabicRegular)
	arabicBold    = fyne.NewStaticResource("NotoNaskhArabic-Bold.ttf", assets.ArabicBold)
)

// appTheme is the default Fyne theme with fonts that draw Arabic.
//
// Fyne resolves a glyph in this order (internal/painter/font.go,
// CachedFontFace → lookupFaces → dynamicFontMap.ResolveFace): the theme's
// font for the style, then Fyne's own bundled font for that style (Noto
// Sans Regular/Bold/Italic/BoldItalic, DejaVu Sans Mono), then the emoji
// and symbol fonts, then — only in non-ci builds — a system font found by
// fontscan. A theme font without a glyph therefore falls back to Fyne's
// Noto Sans, never to a font with Arabic (system fonts are not searched in
// test builds and may be absent on users' machines).
//
// So the theme returns Noto Naskh Arabic as the primary face for every
// text style: Arabic letters, Arabic punctuation and digits come from
// Naskh, Latin letters fall through to Fyne's Noto Sans of the same style
// (italic Latin stays italic, bold stays bold). Naskh has no italic, so
// italic Arabic is drawn upright, as Arabic typography does anyway.
// Monospace also starts with Naskh so that Arabic in a code field shows
// glyphs; Latin text there still comes from Fyne's monospace font.
type appTheme struct {
	base fyne.Theme
}

// NewTheme returns the application theme: Fyne's default colours and sizes
// with the bundled Arabic fonts, so that ordinary Fyne widgets (labels,
// lists, buttons) render Arabic text with real glyphs.
func NewTheme() fyne.Theme {
	return &appTheme{base: theme.DefaultTheme()}
}

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base.Color(n, v)
}

func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Symbol {
		return t.base.Font(s)
	}
	if s.Bold {
		return arabicBold
	}
	return arabicRegular
}

func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return t.base.Icon(n)
}

func (t *appTheme) Size(n fyne.ThemeSizeName) float32 {
	return t.base.Size(n)
}

// HighlightColour is the background of a kind of highlight in theme th:
// the theme's success colour for inserted text, its error colour for
// deleted text and its warning colour for marked text, made translucent —
// as strong as it can be while the theme's text colour on it, over the
// theme's background, keeps a contrast ratio of at least 4.5:1 (WCAG AA).
// So it reads in the light and the dark variant alike, and the selection
// drawn behind the text still shows through.
func HighlightColour(th fyne.Theme, v fyne.ThemeVariant, h document.Highlight) color.NRGBA {
	name := theme.ColorNameWarning
	switch h {
	case document.HighlightInserted:
		name = theme.ColorNameSuccess
	case document.HighlightDeleted:
		name = theme.ColorNameError
	}
	base := color.NRGBAModel.Convert(th.Color(name, v)).(color.NRGBA)
	bg, fg := th.Color(theme.ColorNameBackground, v), th.Color(theme.ColorNameForeground, v)
	alpha := uint8(0x73) // 45 %
	for alpha > 0x20 && contrast(fg, over(color.NRGBA{base.R, base.G, base.B, alpha}, bg)) < 4.5 {
		alpha -= 0x0d // 5 %
	}
	base.A = alpha
	return base
}

// over is top composited over an opaque bottom.
func over(top color.NRGBA, bottom color.Color) color.NRGBA {
	b := color.NRGBAModel.Convert(bottom).(color.NRGBA)
	mix := func(t, u uint8) uint8 { return uint8((int(t)*int(top.A) + int(u)*(255-int(top.A)) + 127) / 255) }
	return color.NRGBA{mix(top.R, b.R), mix(top.G, b.G), mix(top.B, b.B), 0xff}
}

// contrast is the WCAG contrast ratio of two opaque colours (1 to 21).
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the WCAG relative luminance of an sRGB colour.
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}
