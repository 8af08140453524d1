//go:build !nogui

package app

import (
	"net/url"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/editor/richview"
)

// versionText is "0.1.0 (build 1)" from the app's metadata (FyneApp.toml),
// or "unknown" in a build that has none.
func versionText(m fyne.AppMetadata) string {
	if m.Version == "" {
		return lang.X("about.version.unknown", "unknown")
	}
	return lang.X("about.version.build", "{{.Version}} (build {{.Build}})",
		map[string]any{"Version": m.Version, "Build": strconv.Itoa(m.Build)})
}

// showAbout shows the About box: name, version, website and licences.
func showAbout(a fyne.App, win fyne.Window) {
	m := a.Metadata()
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.Icon))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))
	version := container.NewCenter(richview.NewLabel(lang.X("about.version", "Version {{.Version}}", map[string]any{"Version": versionText(m)})))
	title := widget.NewLabelWithStyle(lang.X("app.title", "Policy Editor"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	body := container.NewVBox(icon, title, version,
		newUIText(lang.X("about.summary", "Edit, review and publish your website's policy pages, right to left first.")),
		newUIText(lang.X("about.fonts", "Fonts: Noto Naskh Arabic and Noto Sans, SIL Open Font License 1.1.")))
	if u, err := url.Parse(metadata.Website); err == nil && metadata.Website != "" {
		body.Add(container.NewCenter(widget.NewHyperlink(lang.X("about.website", "Website"), u)))
	}
	var d interface{ Hide() }
	ok := widget.NewButton(lang.X("common.close", "Close"), func() { d.Hide() })
	dlg := newDialog(lang.X("about.title", "About Policy Editor"), body, win, ok)
	d = dlg
	dlg.Show()
}
