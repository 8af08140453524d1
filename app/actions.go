//go:build !nogui

package app

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/publish/preview"
	"github.com/qalam/policyeditor/publish/snapshot"
	"github.com/qalam/policyeditor/storage"
)

// windowStore is everything the window's screens read and write; the
// draft store satisfies it.
type windowStore interface {
	reviewStore
	targetStore
	preview.Store
	snapshot.Store
	revisionStore
}

// windowScreens builds the publishing screens, settings and About for a
// main window and gives the menu actions that open them. This file is the
// only place that knows which window hosts them: the workbench fills the
// rest of menuActions and keeps these.
type windowScreens struct {
	ctx  context.Context
	app  fyne.App
	win  fyne.Window
	base fyne.Theme
	// slug is the page the window shows, "" for none.
	slug func() string
	// showFinding moves the window to a content-check finding (nil: the
	// publish dialog lists findings without a Show button).
	showFinding func(finding)

	publisher *publisherService
	targets   *targetsService
	preview   *previewScreen
}

func newWindowScreens(ctx context.Context, a fyne.App, win fyne.Window, db windowStore, base fyne.Theme, slug func() string) *windowScreens {
	w := &windowScreens{ctx: ctx, app: a, win: win, base: base, slug: slug,
		publisher: newPublisherService(db, author()), targets: newTargetsService(db)}
	w.preview = newPreviewScreen(ctx, a, win)
	w.preview.newServer = func() (previewServer, error) { return w.newPreviewServer(db) }
	w.preview.writeSnapshot = func(ctx context.Context, slug, path string) (snapshot.Result, error) {
		return snapshot.WriteFile(ctx, db, slug, path, snapshot.Options{})
	}
	a.Lifecycle().SetOnStopped(w.preview.stop)
	return w
}

// newPreviewServer previews with the default target's options, showing
// the date publishing would stamp, as 'policyeditor serve' does.
func (w *windowScreens) newPreviewServer(db windowStore) (previewServer, error) {
	opts := preview.Options{}
	t, err := db.FindTarget(w.ctx, deploy.DefaultTargetName)
	switch {
	case err == nil:
		opts.Publish = deploy.TargetRenderOptions(t)
		opts.Render = w.publisher.pub.PreviewRender(w.ctx, t.Name)
	case !errors.Is(err, storage.ErrNotFound):
		return nil, err
	}
	return preview.New(db, opts)
}

// actions fills the menu entries these screens serve into a.
func (w *windowScreens) actions(a menuActions) menuActions {
	a.Settings = func() { newSettingsScreen(w.app, w.win, w.base).show() }
	a.About = func() { showAbout(w.app, w.win) }
	a.Targets = func() { newTargetsScreen(w.ctx, w.win, w.targets).show() }
	a.PublishAll = func() { newPublishAllScreen(w.ctx, w.win, w.publisher).show() }
	a.Publish = w.withPage(func(slug string) {
		s := newPublishScreen(w.ctx, w.app, w.win, w.publisher, slug)
		s.showFinding = w.showFinding
		s.show()
	})
	a.History = w.withPage(func(slug string) { newHistoryScreen(w.ctx, w.win, w.publisher, slug).show() })
	a.Preview = w.withPage(w.preview.open)
	a.Snapshot = w.withPage(w.preview.saveSnapshot)
	return a
}

// withPage runs f with the current page, or says that a page must be
// chosen first.
func (w *windowScreens) withPage(f func(slug string)) func() {
	return func() {
		slug := w.slug()
		if slug == "" {
			showError(w.win, errNoPage)
			return
		}
		f(slug)
	}
}

var errNoPage = errors.New("no page is selected")

// wireWorkbench puts the screens into the workbench's window and installs
// the main menu with the workbench's own actions.
func wireWorkbench(ctx context.Context, fa fyne.App, w *workbench, db windowStore, base fyne.Theme) {
	ws := newWindowScreens(ctx, fa, w.win, db, base, w.openSlug)
	ws.showFinding = func(f finding) { w.showFindingAt(f.Section, f.Line, f.Col, f.Check) }
	a := w.reviewActions(ws.actions(w.menuActions()))
	w.history = newHistoryWindow(w, db)
	a.Revisions, a.SaveRevision = w.history.open, w.history.openSnapshot
	installMenu(w.win, a)
}

func init() {
	causes = append(causes, cause{is(errNoPage), func() explanation {
		return explanation{lang.X("error.nopage.problem", "No page is selected."),
			lang.X("error.nopage.todo", "Choose a page in the list of pages first.")}
	}})
}
