//go:build !nogui

package app

import (
	"context"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// appID matches FyneApp.toml.
const appID = "com.qalam.policyeditor"

// quitWait is how long closing the window waits for queued saves.
const quitWait = 10 * time.Second

var loadTranslations = sync.OnceValue(func() error {
	return lang.AddTranslationsFS(assets.Translations, "translations")
})

// runGUI opens the desktop app on the database of e and blocks until the
// window is closed.
func runGUI(e *env) int {
	db, err := e.store()
	if err != nil {
		fmt.Fprintf(e.stderr, "policyeditor: %s\n", describe(err))
		return 1
	}
	defer e.close()
	if err := loadTranslations(); err != nil {
		fmt.Fprintf(e.stderr, "policyeditor: load the translations: %v\n", err)
	}
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(richview.NewTheme())
	win := a.NewWindow(lang.L("Policy Editor"))
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	w := newWorkbench(ctx, db, win, a.Preferences(), stamper(db))
	win.SetContent(w.content())
	win.SetMainMenu(w.mainMenu())
	win.Resize(w.windowSize())
	win.SetCloseIntercept(w.onQuit)
	a.Lifecycle().SetOnExitedForeground(w.saveNow)
	w.start()
	win.ShowAndRun()
	return 0
}

// stamper stamps pages with the date publishing to the default target
// would write.
func stamper(db *sqlite.DB) stampFunc {
	pub := &deploy.Publisher{Store: db}
	return func(ctx context.Context, p storage.Page) (storage.Page, error) {
		return pub.StampedPage(ctx, p, deploy.DefaultTargetName)
	}
}

// onQuit saves what is queued, then closes the window. If the disk refuses
// the writes for quitWait, the window stays open and says so.
func (w *workbench) onQuit() {
	w.saveNow()
	w.saveLayout()
	w.setMessage(lang.L("Saving before closing…"))
	go func() {
		ok := w.saver.waitIdle(quitWait)
		fyne.Do(func() {
			if !ok {
				w.setMessage(lang.L("Your last edits could not be saved yet, so the window stays open. Check the disk, or copy the text elsewhere."))
				return
			}
			w.win.Close()
		})
	}()
}
