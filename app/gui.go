//go:build !nogui

package app

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/postgres"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// appID matches FyneApp.toml.
const appID = "com.qalam.policyeditor"

// noVerb says in the help what no command does in this build.
const noVerb = "With no command the desktop app opens."

// quitWait is how long closing the window waits for queued saves.
const quitWait = 10 * time.Second

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
	win := a.NewWindow(lang.X("app.title", "Policy Editor"))
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	w := newWorkbench(ctx, db, win, a.Preferences(), stamper(db))
	w.recovery = recoveryFolder(e)
	win.SetContent(w.content())
	wireWorkbench(ctx, a, w, db, base)
	win.Resize(w.windowSize())
	win.SetCloseIntercept(w.onQuit)
	a.Lifecycle().SetOnExitedForeground(w.saveNow)
	w.start()
	win.ShowAndRun()
	w.recoveryLock.release(w.recovery, w.id)
	return 0
}

// recoveryFolder is where the window keeps the recovery records of
// sections in conflict (recovery.go): beside an SQLite database, so they
// stay with the store they belong to, or for a PostgreSQL store in the
// user's config folder, where the default database lives.
func recoveryFolder(e *env) recoveryDir {
	if !postgres.IsURL(e.dbPath) {
		return recoveryDir(filepath.Join(e.dataDir(), "recovery"))
	}
	p, err := sqlite.DefaultPath()
	if err != nil {
		fmt.Fprintf(e.stderr, "policyeditor: %s\n", describe(err))
		return ""
	}
	return recoveryDir(filepath.Join(filepath.Dir(p), "recovery"))
}

// stamper stamps pages with the date publishing to the default target
// would write.
func stamper(db store) stampFunc {
	pub := &deploy.Publisher{Store: db}
	return func(ctx context.Context, p storage.Page) (storage.Page, error) {
		return pub.StampedPage(ctx, p, deploy.DefaultTargetName)
	}
}

// onQuit saves what is queued, then closes the window. If the disk refuses
// the writes for quitWait, or a section waits for the choice between this
// window's version and another person's, the window stays open and says
// so.
func (w *workbench) onQuit() {
	if w.inConflict() {
		w.conflicts.update()
		w.setMessage(lang.X("conflict.quit", "Choose which version to keep of the section marked “two versions” before closing."))
		return
	}
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
