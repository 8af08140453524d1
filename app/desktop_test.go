//go:build !nogui

package app

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/publish/target"
	"github.com/qalam/policyeditor/storage"
)

// TestMainMenu: the six menus on the bar in order, the shortcuts shown,
// items without an action disabled (never missing), Quit last in File and
// running the quit action it is given.
func TestMainMenu(t *testing.T) {
	called := ""
	b := newMenuTestBar(t, menuActions{Publish: func() { called = "publish" }, Quit: func() { called = "quit" }})
	var labels []string
	for _, tt := range b.titles {
		labels = append(labels, tt.label.Text())
	}
	if got := strings.Join(labels, ","); got != "File,Edit,Page,Review,Publish,Help" {
		t.Fatalf("menus = %s", got)
	}
	shortcuts := map[string]string{
		"New section": "Ctrl+Enter", "Save a revision…": "Ctrl+S", "Settings…": "Ctrl+,",
		"Find…": "Ctrl+F", "Preview in browser": "F5", "Publish…": "Ctrl+Shift+P",
		"Move section up": "Ctrl+Shift+Up", "Undo": "Ctrl+Z", "Redo": "Ctrl+Y", "Delete section": "",
	}
	for label, want := range shortcuts {
		if r := menuBarRow(t, b, label); r.keys.Text() != want {
			t.Errorf("%s: shortcut shown %q, want %q", label, r.keys.Text(), want)
		}
	}
	r := menuBarRow(t, b, "Publish…")
	if !r.enabled() {
		t.Fatal("Publish… is disabled though it has an action")
	}
	test.Tap(r)
	if called != "publish" {
		t.Error("Publish… did not call its action")
	}
	if menuBarRow(t, b, "New section").enabled() {
		t.Error("New section has no action but is enabled")
	}
	b.openMenu(0)
	rows := b.panel.rows
	if q := rows[len(rows)-1]; q.entry.label != "Quit" || !q.enabled() {
		t.Fatalf("the last item of File is %q (enabled %v), want an enabled Quit", q.entry.label, q.enabled())
	} else {
		test.Tap(q)
	}
	if called != "quit" {
		t.Errorf("Quit ran %q, want the quit action", called)
	}
}

// TestAppearance: the theme follows the preference (light, dark, or the
// system's variant) and the text size scales text only.
func TestAppearance(t *testing.T) {
	e := newScreenEnv(t)
	base := richview.NewTheme()
	s := newSettingsScreen(e.app, e.win, base)
	s.show()
	s.theme.SetSelected(s.theme.Options[2]) // dark
	s.size.SetSelectedIndex(4)
	th := e.app.Settings().Theme()
	if got, want := th.Color(theme.ColorNameBackground, theme.VariantLight), base.Color(theme.ColorNameBackground, theme.VariantDark); got != want {
		t.Errorf("dark theme: background %v asked for the light variant, want the dark %v", got, want)
	}
	if got, want := th.Size(theme.SizeNameText), base.Size(theme.SizeNameText)*1.5; got != want {
		t.Errorf("largest text: size %v, want %v", got, want)
	}
	if th.Size(theme.SizeNamePadding) != base.Size(theme.SizeNamePadding) {
		t.Error("the text size also changed the padding")
	}
	p := e.app.Preferences()
	if p.String(prefTheme) != themeDark || p.Float(prefTextScale) != 1.5 {
		t.Errorf("stored theme %q scale %v", p.String(prefTheme), p.Float(prefTextScale))
	}
	s.language.SetSelectedIndex(2)
	if p.String(prefLanguage) != langArabic || !strings.Contains(s.note.Text(), "next start") {
		t.Errorf("language preference %q, note %q", p.String(prefLanguage), s.note.Text())
	}
	s.theme.SetSelected(s.theme.Options[0])
	th = e.app.Settings().Theme()
	if th.Color(theme.ColorNameBackground, theme.VariantLight) != base.Color(theme.ColorNameBackground, theme.VariantLight) {
		t.Error("the system theme does not follow the system's variant")
	}
}

// TestAboutVersion: the About box shows the version of FyneApp.toml.
func TestAboutVersion(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := SetMetadata(b); err != nil {
		t.Fatal(err)
	}
	if metadata.Details.Version == "" || metadata.Details.ID != appID || !metadata.Migrations["fyneDo"] {
		t.Fatalf("metadata = %+v, want FyneApp.toml's version, ID %s and fyneDo", metadata, appID)
	}
	want := fmt.Sprintf("%s (build %d)", metadata.Details.Version, metadata.Details.Build)
	if got := versionText(fyne.AppMetadata{Version: metadata.Details.Version, Build: metadata.Details.Build}); got != want {
		t.Errorf("versionText = %q, want %q", got, want)
	}
	e := newScreenEnv(t)
	showAbout(e.app, e.win)
	shows(t, e.win.Canvas(), "Version ")
	if err := SetMetadata([]byte("[Details\nName=")); err == nil {
		t.Error("SetMetadata accepted a broken FyneApp.toml")
	}
}

// TestExplainErrors: each cause is worded with what to do, in the UI
// language; an unknown one still says what to do.
func TestExplainErrors(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("open: %w", &target.HostKeyError{Err: target.ErrHostKeyChanged}), "Do not publish."},
		{fmt.Errorf("open: %w", target.ErrUnknownHost), "Test connection"},
		{fmt.Errorf("write: %w: %w", target.ErrNoSpace, syscall.ENOSPC), "Free some space"},
		{fmt.Errorf("write: %w", target.ErrReadOnly), "permissions"},
		{fmt.Errorf("slug: %w", target.ErrUnsafePath), "Change the slug"},
		{fmt.Errorf("find: %w", storage.ErrNotFound), "choose again"},
		{fmt.Errorf("create: %w", storage.ErrConflict), "another name"},
		{fmt.Errorf("open: %w", fs.ErrPermission), "permissions"},
		{fmt.Errorf("dial: %w", syscall.ECONNREFUSED), "SSH server is running"},
		{errors.New("ssh: handshake failed: ssh: unable to authenticate"), "key file"},
		{errNoPage, "Choose a page"},
		{fmt.Errorf("publish: %w", storage.ErrWorkflow), "approve it"},
		{errors.New("something odd"), "report it"},
	} {
		if got := explain(c.err); !strings.Contains(got.Todo, c.want) || got.Problem == "" {
			t.Errorf("explain(%v) = %+v, want advice with %q", c.err, got, c.want)
		}
	}
	t.Cleanup(func() { setUILanguage(langEnglish) })
	if err := setUILanguage(langArabic); err != nil {
		t.Fatal(err)
	}
	if got := explain(storage.ErrConflict); !hasArabic(got.Problem) || !hasArabic(got.Todo) {
		t.Errorf("under Arabic the error reads %+v", got)
	}
}

// TestPreviewInBrowser: the preview action starts the loopback server on
// first use only, opens the page in the browser, serves it, and the
// server stops with the app; the snapshot is written where asked.
func TestPreviewInBrowser(t *testing.T) {
	e := newScreenEnv(t)
	ws := newWindowScreens(e.ctx, e.app, e.win, e.db, richview.NewTheme(), func() string { return sampleSlug })
	ws.preview.background = inline
	starts := 0
	mk := ws.preview.newServer
	ws.preview.newServer = func() (previewServer, error) { starts++; return mk() }
	a := ws.actions(menuActions{})
	a.Preview()
	a.Preview()
	if starts != 1 || len(e.app.opened) != 2 || e.app.opened[0] != e.app.opened[1] {
		t.Fatalf("server started %d times, opened %q; want one start and the same page twice", starts, e.app.opened)
	}
	u, err := url.Parse(e.app.opened[0])
	if err != nil || u.Hostname() != "127.0.0.1" || !strings.Contains(u.Path, sampleSlug) {
		t.Fatalf("preview URL %q: want the page on 127.0.0.1", e.app.opened[0])
	}
	resp, err := http.Get(u.String())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "أولاً") {
		t.Errorf("GET preview: %d, %d bytes", resp.StatusCode, len(body))
	}
	ws.preview.stop()
	if _, err := http.Get(u.String()); err == nil {
		t.Error("the preview server still answers after the app stopped")
	}

	out := filepath.Join(t.TempDir(), "review.html")
	ws.preview.writeTo(sampleSlug, out)
	snap, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(snap), "أولاً") || strings.Contains(string(snap), "<script") {
		t.Errorf("snapshot: %v, %d bytes", err, len(snap))
	}
	shows(t, e.win.Canvas(), "Send this one file to the reviewer")

	none := newWindowScreens(e.ctx, e.app, e.win, e.db, richview.NewTheme(), func() string { return "" })
	none.actions(menuActions{}).Publish()
	shows(t, e.win.Canvas(), "No page is selected.")

}
