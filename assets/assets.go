// Package assets embeds everything the binary carries with it: the fonts
// (Noto Naskh Arabic and Noto Sans, SIL OFL 1.1, see fonts/OFL.txt), the
// application icon, the sample policy seeded into a new database, and the
// publishing templates and stylesheet, and the UI translations.
package assets

import (
	"embed"
	_ "embed"
)

// Fonts bundled so that Arabic renders without system fonts (Fyne test
// builds have no font fallback).
var (
	//go:embed fonts/NotoNaskhArabic-Regular.ttf
	ArabicRegular []byte
	//go:embed fonts/NotoNaskhArabic-Bold.ttf
	ArabicBold []byte
	//go:embed fonts/NotoSans-Regular.ttf
	LatinRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	LatinBold []byte
	//go:embed fonts/NotoSans-Italic.ttf
	LatinItalic []byte
	//go:embed fonts/NotoSans-BoldItalic.ttf
	LatinBoldItalic []byte
	//go:embed fonts/OFL.txt
	FontLicence []byte
)

// Icon is the application icon (512×512 PNG).
//
//go:embed icon.png
var Icon []byte

// SamplePolicy is the privacy policy of the first customer, as copied from
// its live page (the first six lines are page chrome). A new database is
// seeded with it.
//
//go:embed sample/privacy-policy-qalam.txt
var SamplePolicy []byte

// Files holds the rest of the embedded tree (templates, CSS) for packages
// that read files by name.
//
//go:embed fonts sample icon.png
var Files embed.FS
