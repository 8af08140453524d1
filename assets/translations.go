package assets

import "embed"

// ReviewTranslations are the window's strings of the review panels
// (findings, comments, history), translations/review.<lang>.json, for
// fyne.io/fyne/v2/lang.AddTranslationsFS(ReviewTranslations, "translations").
//
//go:embed translations/review.*.json
var ReviewTranslations embed.FS
