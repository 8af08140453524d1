//go:build !nogui

package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/editor/richview"
)

// appID matches FyneApp.toml.
const appID = "com.qalam.policyeditor"

// noVerb says in the help what no command does in this build.
const noVerb = "With no command the desktop app opens."

// runGUI opens the desktop app on the database of e and blocks until the
// window is closed.
func runGUI(e *env) int {
	db, err := e.store()
	if err != nil {
		fmt.Fprintf(e.stderr, "policyeditor: %s\n", describe(err))
		return 1
	}
	defer e.close()
	applyMetadata()
	a := fyneapp.NewWithID(appID)
	startLanguage(a)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	base := richview.NewTheme()
	applyAppearance(a, base)
	w := a.NewWindow(lang.X("app.title", "Policy Editor"))
	s := newShell(e.ctx, db, w)
	w.SetContent(s.content())
	wireShell(e.ctx, a, s, db, base)
	w.Resize(fyne.NewSize(1200, 800))
	s.loadPages()
	w.ShowAndRun()
	return 0
}

// metadata is FyneApp.toml as SetMetadata read it before Main ran.
var metadata appMetadata

func init() { keepMetadata = func(m appMetadata) { metadata = m } }

// applyMetadata hands FyneApp.toml (read by SetMetadata) to Fyne, so a
// plain `go build` has what `fyne package` compiles in: the About box shows
// its version and Fyne reads the migrations it opts into (fyneDo).
func applyMetadata() {
	if metadata.Details.ID == "" {
		return
	}
	fyneapp.SetMetadata(fyne.AppMetadata{
		ID: metadata.Details.ID, Name: metadata.Details.Name, Version: metadata.Details.Version,
		Build: metadata.Details.Build, Icon: fyne.NewStaticResource("icon.png", assets.Icon),
		Migrations: metadata.Migrations,
	})
}
