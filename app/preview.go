//go:build !nogui

package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/qalam/policyeditor/publish/snapshot"
)

// previewServer is the loopback preview server (publish/preview.Server).
type previewServer interface {
	Start(ctx context.Context) (string, error)
	PageURL(slug string) string
	Shutdown(ctx context.Context) error
	Close() error
}

// previewScreen opens drafts in the system browser through the loopback
// preview server, started on first use and stopped with the app, and
// writes review snapshots to files the user chooses.
type previewScreen struct {
	ctx        context.Context
	app        fyne.App
	win        fyne.Window
	background func(func())
	// newServer makes the server; called once per app run.
	newServer func() (previewServer, error)
	// writeSnapshot writes the review snapshot of slug to path atomically.
	writeSnapshot func(ctx context.Context, slug, path string) (snapshot.Result, error)

	mu      sync.Mutex
	srv     previewServer
	started bool
}

func newPreviewScreen(ctx context.Context, a fyne.App, win fyne.Window) *previewScreen {
	return &previewScreen{ctx: ctx, app: a, win: win, background: func(f func()) { go f() }}
}

// server returns the running server, starting it the first time.
func (p *previewScreen) server() (previewServer, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.started {
		return p.srv, nil
	}
	srv, err := p.newServer()
	if err != nil {
		return nil, fmt.Errorf("preview server: %w", err)
	}
	if _, err := srv.Start(p.ctx); err != nil {
		return nil, fmt.Errorf("start the preview server: %w", err)
	}
	p.srv, p.started = srv, true
	return srv, nil
}

// open shows the draft slug in the system browser.
func (p *previewScreen) open(slug string) {
	p.background(func() {
		srv, err := p.server()
		fyne.Do(func() {
			if err != nil {
				showError(p.win, err)
				return
			}
			u, err := url.Parse(srv.PageURL(slug))
			if err == nil {
				err = p.app.OpenURL(u)
			}
			if err != nil {
				showError(p.win, fmt.Errorf("open the browser at %s: %w", srv.PageURL(slug), err))
			}
		})
	})
}

// stop shuts the server down (when the app stops); in-flight requests get
// two seconds.
func (p *previewScreen) stop() {
	p.mu.Lock()
	srv := p.srv
	p.srv, p.started = nil, false
	p.mu.Unlock()
	if srv == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		_ = srv.Close()
	}
}

// saveSnapshot asks where to write the review snapshot of slug and writes
// it there.
func (p *previewScreen) saveSnapshot(slug string) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			showError(p.win, err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		// The dialog created the file; the snapshot replaces it atomically.
		w.Close()
		p.writeTo(slug, path)
	}, p.win)
	d.SetFileName(slug + "-review.html")
	d.Show()
}

// writeTo writes the snapshot off the UI goroutine and reports.
func (p *previewScreen) writeTo(slug, path string) {
	p.background(func() {
		res, err := p.writeSnapshot(p.ctx, slug, path)
		fyne.Do(func() {
			if err != nil {
				removeIfEmpty(path)
				showError(p.win, err)
				return
			}
			showMessage(p.win, lang.X("snapshot.done.title", "Review snapshot written"),
				lang.X("snapshot.done.text", "{{.Path}} ({{.KB}} KB, {{.Changes}} change(s)). Send this one file to the reviewer: it opens in any browser, offline.",
					map[string]any{"Path": path, "KB": res.Size / 1024, "Changes": res.Changes}))
		})
	})
}

// removeIfEmpty removes the empty file the save dialog created when the
// snapshot could not be written.
func removeIfEmpty(path string) {
	if st, err := os.Stat(path); err == nil && st.Size() == 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			fyne.LogError("remove "+path, err)
		}
	}
}
