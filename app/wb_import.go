//go:build !nogui

package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynestorage "fyne.io/fyne/v2/storage"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/importer"
)

// onImport asks for a text, Markdown or HTML file and imports it as a new page.
func (w *workbench) onImport() {
	d := dialog.NewFileOpen(w.onImportChosen, w.win)
	d.SetFilter(fynestorage.NewExtensionFileFilter([]string{".txt", ".md", ".markdown", ".html", ".htm"}))
	d.Show()
}

func (w *workbench) onImportChosen(r fyne.URIReadCloser, err error) {
	if err != nil {
		w.showError(err)
		return
	}
	if r == nil {
		return // cancelled
	}
	path := r.URI().Path()
	_ = r.Close()
	w.importPath(path)
}

// importPath reads and converts the file off the UI goroutine, stores it
// as a new page and shows the import report.
func (w *workbench) importPath(path string) {
	w.setMessage(lang.L("Importing…"))
	w.background(func() {
		res, err := importFile(path, nil)
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("%s\n%s", lang.L("The file could not be imported; nothing was changed."), describe(err)), w.win)
				w.setMessage("")
				return
			}
			w.createPage(res.Page, func(p storage.Page) { w.showImportReport(p, res) })
		})
	})
}

// showImportReport says what was imported and lists what was left out.
func (w *workbench) showImportReport(p storage.Page, res importer.Result) {
	w.lastImport = &res
	lines := []fyne.CanvasObject{richview.NewLabel(lang.L("Imported “{{.Title}}” as {{.Slug}}: {{.Count}} sections.",
		map[string]any{"Title": p.Title, "Slug": p.Slug, "Count": len(p.Sections)}))}
	if len(res.LeftOut) == 0 {
		lines = append(lines, richview.NewLabel(lang.L("Nothing was left out.")))
	} else {
		lines = append(lines, richview.NewBoldLabel(lang.L("Left out:")))
		for _, l := range res.LeftOut {
			lines = append(lines, richview.NewLabel(lang.L("Line {{.N}} ({{.Reason}}): {{.Text}}",
				map[string]any{"N": l.Number, "Reason": l.Reason, "Text": strings.TrimSpace(l.Text)})))
		}
	}
	for _, warn := range res.Warnings {
		lines = append(lines, richview.NewLabel(lang.L("Check: {{.Warning}}", map[string]any{"Warning": warn})))
	}
	body := container.NewVScroll(container.NewVBox(lines...))
	body.SetMinSize(fyne.NewSize(560, 240))
	dialog.ShowCustom(lang.L("Import report"), lang.L("Close"), body, w.win)
	w.setMessage(lang.L("Imported {{.Slug}}", map[string]any{"Slug": p.Slug}))
}
