//go:build !nogui

package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/editor/textedit"
	"github.com/qalam/policyeditor/publish/target"
	"github.com/qalam/policyeditor/storage"
)

// targetsService is what the targets settings need.
type targetsBackend interface {
	Targets(ctx context.Context) ([]storage.Target, error)
	CreateTarget(ctx context.Context, t *storage.Target) error
	UpdateTarget(ctx context.Context, name string, t *storage.Target) error
	DeleteTarget(ctx context.Context, name string) error
	TestTarget(ctx context.Context, t storage.Target) error
	TrustHostKey(e *target.HostKeyError) error
}

// targetsScreen lists the publish targets and adds, edits, removes and
// tests them. Testing an SFTP target whose host is unknown shows the
// server's key fingerprint and asks whether to trust it; a changed key is
// shown as an error with no way past it.
type targetsScreen struct {
	ctx        context.Context
	svc        targetsBackend
	win        fyne.Window
	background func(func())

	targets  []storage.Target
	selected int

	list      *widget.List
	editBtn   *widget.Button
	removeBtn *widget.Button
	testBtn   *widget.Button
	status    *richview.Label
	dlg       *dialog.CustomDialog

	// form is the open add/edit form, nil when none.
	form *targetForm
	// trust is the open host key question, nil when none.
	trust *dialog.CustomDialog
}

func newTargetsScreen(ctx context.Context, win fyne.Window, svc targetsBackend) *targetsScreen {
	s := &targetsScreen{ctx: ctx, svc: svc, win: win, selected: -1, background: func(f func()) { go f() }}
	s.list = widget.NewList(s.count, newListLabel, s.updateItem)
	s.list.OnSelected = s.onSelected
	s.editBtn = widget.NewButton(lang.X("targets.edit", "Edit…"), s.onEdit)
	s.removeBtn = widget.NewButton(lang.X("targets.remove", "Remove"), s.onRemove)
	s.testBtn = widget.NewButton(lang.X("targets.test", "Test connection"), s.onTestSelected)
	s.status = richview.NewLabel("")
	s.enableSelection(false)
	return s
}

func (s *targetsScreen) count() int { return len(s.targets) }

func (s *targetsScreen) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	t := s.targets[id]
	// The kind first: a word of the UI language, so the row reads in its
	// direction (a Latin name first would turn an Arabic row left to right).
	o.(*richview.Label).SetText(kindText(t.Kind) + " · " + t.Name + " · " + t.Location)
}

// kindText words a target kind.
func kindText(kind storage.TargetKind) string {
	if kind == storage.TargetSFTP {
		return lang.X("targets.kind.sftp", "SFTP server")
	}
	return lang.X("targets.kind.dir", "Folder")
}

func (s *targetsScreen) enableSelection(on bool) {
	for _, b := range []*widget.Button{s.editBtn, s.removeBtn, s.testBtn} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (s *targetsScreen) content() fyne.CanvasObject {
	add := widget.NewButton(lang.X("targets.add", "Add…"), s.onAdd)
	bar := startRow(add, s.editBtn, s.removeBtn, s.testBtn)
	return container.NewBorder(bar, s.status, nil, nil, s.list)
}

func (s *targetsScreen) show() {
	closeBtn := widget.NewButton(lang.X("common.close", "Close"), func() { s.dlg.Hide() })
	s.dlg = newDialog(lang.X("targets.title", "Publish targets"), s.content(), s.win, closeBtn)
	s.dlg.Resize(fyne.NewSize(720, 440))
	s.dlg.Show()
	s.load()
}

func (s *targetsScreen) load() {
	s.background(func() {
		ts, err := s.svc.Targets(s.ctx)
		fyne.Do(func() {
			if err != nil {
				showError(s.win, err)
				return
			}
			s.targets = ts
			s.selected = -1
			s.list.UnselectAll()
			s.list.Refresh()
			s.enableSelection(false)
		})
	})
}

func (s *targetsScreen) onSelected(id widget.ListItemID) {
	s.selected = id
	s.enableSelection(true)
}

func (s *targetsScreen) current() (storage.Target, bool) {
	if s.selected < 0 || s.selected >= len(s.targets) {
		return storage.Target{}, false
	}
	return s.targets[s.selected], true
}

func (s *targetsScreen) onAdd() {
	s.form = newTargetForm(s, storage.Target{Kind: storage.TargetDir, Options: storage.TargetOptions{Layout: "index"}}, "")
	s.form.show()
}

func (s *targetsScreen) onEdit() {
	if t, ok := s.current(); ok {
		s.form = newTargetForm(s, t, t.Name)
		s.form.show()
	}
}

func (s *targetsScreen) onRemove() {
	t, ok := s.current()
	if !ok {
		return
	}
	var d *dialog.CustomDialog
	cancel := widget.NewButton(lang.X("common.cancel", "Cancel"), func() { d.Hide() })
	remove := widget.NewButton(lang.X("targets.remove", "Remove"), func() {
		d.Hide()
		s.background(func() {
			err := s.svc.DeleteTarget(s.ctx, t.Name)
			fyne.Do(func() {
				if err != nil {
					showError(s.win, err)
					return
				}
				s.load()
			})
		})
	})
	remove.Importance = widget.DangerImportance
	d = newDialog(lang.X("targets.remove.title", "Remove this target?"),
		container.NewVBox(richview.NewBoldLabel(t.Name),
			newUIText(lang.X("targets.remove.text", "Nothing is deleted on the site, and the history of what was published there is kept."))), s.win, cancel, remove)
	d.Show()
}

func (s *targetsScreen) onTestSelected() {
	if t, ok := s.current(); ok {
		s.test(t, nil)
	}
}

// test opens t off the UI goroutine and reports; done (may be nil) is
// called on the UI goroutine with the outcome.
func (s *targetsScreen) test(t storage.Target, done func(error)) {
	s.status.SetText(lang.X("targets.testing", "Connecting to {{.Name}}…", map[string]any{"Name": t.Name}))
	s.background(func() {
		err := s.svc.TestTarget(s.ctx, t)
		fyne.Do(func() { s.tested(t, err, done) })
	})
}

func (s *targetsScreen) tested(t storage.Target, err error, done func(error)) {
	var he *target.HostKeyError
	switch {
	case err == nil:
		s.status.SetText(lang.X("targets.test.ok", "{{.Name}}: the connection works and the folder can be used.", map[string]any{"Name": t.Name}))
	case errors.As(err, &he) && errors.Is(err, target.ErrUnknownHost):
		s.status.SetText("")
		s.askTrust(t, he, done)
		return
	default:
		s.status.SetText(lang.X("targets.test.failed", "{{.Name}}: the connection failed.", map[string]any{"Name": t.Name}))
		showError(s.win, err)
	}
	if done != nil {
		done(err)
	}
}

// askTrust shows the fingerprint of an unknown server's key and asks
// whether to trust it, as ssh does on a first connection.
func (s *targetsScreen) askTrust(t storage.Target, he *target.HostKeyError, done func(error)) {
	text := lang.X("targets.trust.text", "Policy Editor has not connected to {{.Host}} before. The server identifies itself with this key:", map[string]any{"Host": he.Host})
	fp := widget.NewLabelWithStyle(he.Key.Type()+" "+he.Fingerprint(), fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
	fp.Selectable = true
	advice := lang.X("targets.trust.advice", "Compare it with the fingerprint the server's administrator gives you (ssh-keygen -lf on the server's host key). Trust it only if they are the same; it is then added to {{.File}}.", map[string]any{"File": he.File})
	cancel := widget.NewButton(lang.X("targets.trust.no", "Do not trust"), func() {
		s.trust.Hide()
		s.trust = nil
		if done != nil {
			done(he)
		}
	})
	trust := widget.NewButton(lang.X("targets.trust.yes", "Trust and connect"), func() { s.onTrust(t, he, done) })
	trust.Importance = widget.HighImportance
	s.trust = newDialog(lang.X("targets.trust.title", "Trust this server?"),
		container.NewVBox(newUIText(text), fp, newUIText(advice)), s.win, cancel, trust)
	s.trust.Resize(fyne.NewSize(680, 0))
	s.trust.Show()
}

func (s *targetsScreen) onTrust(t storage.Target, he *target.HostKeyError, done func(error)) {
	s.trust.Hide()
	s.trust = nil
	s.background(func() {
		err := s.svc.TrustHostKey(he)
		fyne.Do(func() {
			if err != nil {
				showError(s.win, err)
				if done != nil {
					done(err)
				}
				return
			}
			s.test(t, done)
		})
	})
}

// targetForm adds or edits one target.
type targetForm struct {
	s    *targetsScreen
	orig string // name of the target edited, "" when adding
	t    storage.Target

	name       *textedit.Editor
	kind       *radioGroup
	folder     *textedit.Editor
	user, host *textedit.Editor
	port, path *textedit.Editor
	keyFile    *textedit.Editor
	knownHosts *textedit.Editor
	layout     *radioGroup
	layoutHint *uiText // the file a page is written to in the chosen layout
	archive    *checkBox
	fragment   *checkBox
	url        *textedit.Editor
	dirBox     *fyne.Container
	sftpBox    *fyne.Container
	dlg        *dialog.CustomDialog
}

func newTargetForm(s *targetsScreen, t storage.Target, orig string) *targetForm {
	f := &targetForm{s: s, orig: orig, t: t}
	f.name = textedit.NewSingleLine()
	f.name.SetText(t.Name)
	f.kind = newRadioGroup([]string{kindText(storage.TargetDir), kindText(storage.TargetSFTP)}, f.onKind)
	f.kind.Horizontal = true
	f.folder = textedit.NewSingleLine()
	f.user, f.host, f.port, f.path = textedit.NewSingleLine(), textedit.NewSingleLine(), textedit.NewSingleLine(), textedit.NewSingleLine()
	f.port.SetPlaceholder("22")
	f.keyFile, f.knownHosts = textedit.NewSingleLine(), textedit.NewSingleLine()
	f.knownHosts.SetPlaceholder(lang.X("targets.form.knownhosts.default", "empty: ~/.ssh/known_hosts"))
	f.keyFile.SetPlaceholder(lang.X("targets.form.key.agent", "empty: use ssh-agent"))
	if t.Kind == storage.TargetSFTP {
		p := splitSFTP(t.Location)
		f.user.SetText(p.User)
		f.host.SetText(p.Host)
		f.port.SetText(p.Port)
		f.path.SetText(p.Path)
	} else {
		f.folder.SetText(t.Location)
	}
	f.keyFile.SetText(t.Options.KeyFile)
	f.knownHosts.SetText(t.Options.KnownHosts)
	f.layoutHint = newUIText("")
	f.layout = newRadioGroup([]string{
		lang.X("targets.form.layout.index", "Folder per page"), lang.X("targets.form.layout.flat", "One file per page"),
	}, f.onLayout)
	f.layout.Horizontal = true
	f.layout.SetSelected(f.layout.Options[0])
	if t.Options.Layout == "flat" {
		f.layout.SetSelected(f.layout.Options[1])
	}
	f.archive = newCheckBox(lang.X("targets.form.archive", "Keep earlier versions with a “what changed” list"), nil)
	f.archive.SetChecked(t.Options.Archive)
	f.fragment = newCheckBox(lang.X("targets.form.fragment", "Write only the policy body (the site adds its own layout)"), nil)
	f.fragment.SetChecked(t.Options.Fragment)
	f.url = textedit.NewSingleLine()
	f.url.SetPlaceholder(lang.X("targets.form.url.example", "for example https://example.com/{slug}/"))
	f.url.SetText(t.URL)
	f.build()
	if t.Kind == storage.TargetSFTP {
		f.kind.SetSelected(f.kind.Options[1])
	} else {
		f.kind.SetSelected(f.kind.Options[0])
	}
	return f
}

// field is a labelled input: the label above, at the start of the line,
// in bold. The label is a uiText: labels such as «ملف known_hosts» mix
// scripts.
func field(label string, input fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(newBoldUIText(label), input)
}

func (f *targetForm) build() {
	browse := widget.NewButton(lang.X("targets.form.browse", "Choose…"), f.onBrowse)
	f.dirBox = container.NewVBox(field(lang.X("targets.form.folder", "Folder (the web root)"), beside(browse, f.folder)))
	hostRow := container.NewGridWithColumns(2,
		field(lang.X("targets.form.host", "Server"), f.host), field(lang.X("targets.form.port", "Port"), f.port))
	f.sftpBox = container.NewVBox(
		container.NewGridWithColumns(2, field(lang.X("targets.form.user", "User"), f.user), field(lang.X("targets.form.path", "Folder on the server"), f.path)),
		hostRow,
		field(lang.X("targets.form.key", "Private key file"), f.keyFile),
		field(lang.X("targets.form.knownhosts", "known_hosts file"), f.knownHosts),
	)
}

func (f *targetForm) onKind(string) {
	if f.dirBox == nil {
		return
	}
	if f.isSFTP() {
		f.dirBox.Hide()
		f.sftpBox.Show()
	} else {
		f.sftpBox.Hide()
		f.dirBox.Show()
	}
}

// onLayout shows where a page goes in the chosen layout (the file names
// are not in the radio's own labels, which Fyne would draw left to right
// in Arabic).
func (f *targetForm) onLayout(string) {
	file := "{slug}/index.html"
	if len(f.layout.Options) > 1 && f.layout.Selected == f.layout.Options[1] {
		file = "{slug}.html"
	}
	f.layoutHint.SetText(lang.X("targets.form.layout.example", "Each page is written to {{.File}}", map[string]any{"File": file}))
}

func (f *targetForm) isSFTP() bool {
	return len(f.kind.Options) > 1 && f.kind.Selected == f.kind.Options[1]
}

func (f *targetForm) onBrowse() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err == nil && u != nil {
			f.folder.SetText(u.Path())
		}
	}, f.s.win)
	d.Show()
}

// target is the target the form describes; relative local paths are made
// absolute, as the CLI does.
func (f *targetForm) target() storage.Target {
	t := f.t
	t.Name = strings.TrimSpace(f.name.Text())
	t.Kind = storage.TargetDir
	t.Location = absPath(f.folder.Text())
	if f.isSFTP() {
		t.Kind = storage.TargetSFTP
		t.Location = sftpParts{User: f.user.Text(), Host: f.host.Text(), Port: f.port.Text(), Path: f.path.Text()}.join()
		t.Options.KeyFile = absPath(f.keyFile.Text())
		t.Options.KnownHosts = absPath(f.knownHosts.Text())
	} else {
		t.Options.KeyFile, t.Options.KnownHosts = "", ""
	}
	t.Options.Layout = "index"
	if f.layout.Selected == f.layout.Options[1] {
		t.Options.Layout = "flat"
	}
	t.Options.Archive = f.archive.Checked
	t.Options.Fragment = f.fragment.Checked
	t.URL = strings.TrimSpace(f.url.Text())
	return t
}

func absPath(p string) string {
	p = strings.TrimSpace(p)
	if p == "" {
		return ""
	}
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

func (f *targetForm) show() {
	body := container.NewVBox(
		field(lang.X("targets.form.name", "Name"), f.name),
		field(lang.X("targets.form.kind", "Kind"), f.kind),
		f.dirBox, f.sftpBox,
		field(lang.X("targets.form.layout", "File names"), container.NewVBox(f.layout, f.layoutHint)),
		f.archive, f.fragment,
		field(lang.X("targets.form.url", "Public address of a page ({slug} stands for its slug)"), f.url),
	)
	cancel := widget.NewButton(lang.X("common.cancel", "Cancel"), func() { f.dlg.Hide() })
	test := widget.NewButton(lang.X("targets.test", "Test connection"), f.onTest)
	save := widget.NewButton(lang.X("common.save", "Save"), f.onSave)
	save.Importance = widget.HighImportance
	title := lang.X("targets.form.add", "Add a target")
	if f.orig != "" {
		title = lang.X("targets.form.edit", "Change the target")
	}
	f.dlg = newDialog(title, container.NewVScroll(body), f.s.win, cancel, test, save)
	f.dlg.Resize(fyne.NewSize(620, 620))
	f.dlg.Show()
}

func (f *targetForm) onTest() { f.s.test(f.target(), nil) }

func (f *targetForm) onSave() {
	t := f.target()
	s := f.s
	s.background(func() {
		var err error
		if f.orig == "" {
			err = s.svc.CreateTarget(s.ctx, &t)
		} else {
			err = s.svc.UpdateTarget(s.ctx, f.orig, &t)
		}
		fyne.Do(func() {
			if err != nil {
				showError(s.win, fmt.Errorf("save target %q: %w", t.Name, err))
				return
			}
			f.dlg.Hide()
			s.form = nil
			s.load()
		})
	})
}
