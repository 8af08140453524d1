//go:build !nogui

package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

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
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(richview.NewTheme())
	w := a.NewWindow("Policy Editor")
	s := newShell(e.ctx, db, w)
	w.SetContent(s.content())
	w.Resize(fyne.NewSize(1200, 800))
	s.loadPages()
	w.ShowAndRun()
	return 0
}
