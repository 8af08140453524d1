//go:build !nogui

package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Preferences of the appearance.
const (
	prefTheme     = "ui.theme"     // "system", "light" or "dark"
	prefTextScale = "ui.textScale" // 0.8 … 1.6; 1 = Fyne's size
)

// Theme choices, as stored in prefTheme.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// textScales are the text sizes offered, as factors of Fyne's.
var textScales = []float64{0.85, 1, 1.15, 1.3, 1.5}

// appearanceTheme is the application theme (base: richview's, which has
// the Arabic fonts) with the user's choice of light, dark or the system's
// variant and of text size.
type appearanceTheme struct {
	base    fyne.Theme
	variant string  // themeSystem, themeLight or themeDark
	scale   float32 // text size factor
}

func newAppearanceTheme(base fyne.Theme, variant string, scale float64) *appearanceTheme {
	if scale < 0.5 || scale > 3 {
		scale = 1
	}
	return &appearanceTheme{base: base, variant: variant, scale: float32(scale)}
}

func (t *appearanceTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant {
	case themeLight:
		v = theme.VariantLight
	case themeDark:
		v = theme.VariantDark
	}
	return t.base.Color(n, v)
}

func (t *appearanceTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

func (t *appearanceTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

func (t *appearanceTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.base.Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameCaptionText, theme.SizeNameHeadingText,
		theme.SizeNameSubHeadingText, theme.SizeNameInlineIcon:
		return s * t.scale
	}
	return s
}

// applyAppearance sets the theme from a's preferences.
func applyAppearance(a fyne.App, base fyne.Theme) {
	p := a.Preferences()
	a.Settings().SetTheme(newAppearanceTheme(base, p.StringWithFallback(prefTheme, themeSystem), p.FloatWithFallback(prefTextScale, 1)))
}
