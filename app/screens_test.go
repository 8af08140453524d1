//go:build !nogui

package app

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// inline runs background work at once: Fyne's test driver runs fyne.Do on
// the calling goroutine.
func inline(f func()) { f() }

// urlApp records the URLs the app was asked to open.
type urlApp struct {
	fyne.App
	opened []string
}

func (a *urlApp) OpenURL(u *url.URL) error {
	a.opened = append(a.opened, u.String())
	return nil
}

// screenEnv is a test app and window on a seeded database with the
// default folder target "site" in a temporary folder.
type screenEnv struct {
	ctx  context.Context
	app  *urlApp
	win  fyne.Window
	db   *sqlite.DB
	site string // the site target's folder
}

func newScreenEnv(t *testing.T) *screenEnv {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(richview.NewTheme())
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1100, 800))
	db := mustOpenSeeded(t)
	dir := t.TempDir()
	ctx := context.Background()
	if err := deploy.EnsureDefaultTarget(ctx, db, dir); err != nil {
		t.Fatal(err)
	}
	return &screenEnv{ctx: ctx, app: &urlApp{App: a}, win: w, db: db, site: filepath.Join(dir, "site")}
}

// texts lists the text of every label, rich label and button on the
// window, overlays (dialogs) included.
func texts(c fyne.Canvas) []string {
	var out []string
	objs := test.LaidOutObjects(c.Content())
	for _, o := range c.Overlays().List() {
		objs = append(objs, test.LaidOutObjects(o)...)
	}
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		switch o := o.(type) {
		case *widget.Label:
			out = append(out, o.Text)
		case *richview.Label:
			out = append(out, o.Text())
		case *uiText:
			out = append(out, o.Text())
		case *widget.Button:
			out = append(out, o.Text)
		}
	}
	return out
}

// shows fails unless some text on the window contains want.
func shows(t *testing.T, c fyne.Canvas, want string) {
	t.Helper()
	for _, s := range texts(c) {
		if strings.Contains(s, want) {
			return
		}
	}
	t.Errorf("nothing on the window shows %q; it shows:\n%s", want, strings.Join(texts(c), "\n"))
}

// button finds the visible button labelled text on the topmost dialog (or
// the window when none is open).
func button(t *testing.T, c fyne.Canvas, text string) *widget.Button {
	t.Helper()
	root := c.Content()
	if top := c.Overlays().Top(); top != nil {
		root = top
	}
	for _, o := range test.LaidOutObjects(root) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	t.Fatalf("no button %q on the top dialog; it shows:\n%s", text, strings.Join(texts(c), "\n"))
	return nil
}

// approve marks the page approved in the store.
func approve(t *testing.T, e *screenEnv, slug string) storage.Page {
	t.Helper()
	p, err := e.db.FindPageBySlug(e.ctx, slug)
	if err != nil {
		t.Fatal(err)
	}
	st := storage.StatusApproved
	p, err = e.db.UpdatePage(e.ctx, p.ID, storage.PageUpdate{Status: &st})
	if err != nil {
		t.Fatal(err)
	}
	return p
}
