package assets

import "embed"

// Translations holds the window's strings, one JSON file per language
// (translations/en.json, translations/ar.json), for
// lang.AddTranslationsFS(assets.Translations, "translations").
//
//go:embed translations
var Translations embed.FS
