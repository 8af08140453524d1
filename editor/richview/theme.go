package richview

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/qalam/policyeditor/assets"
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
