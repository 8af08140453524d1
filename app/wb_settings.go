//go:build !nogui

package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/textedit"
	"github.com/qalam/policyeditor/storage"
)

// settingsForm is the page settings dialog: title, slug (checked as the
// CLI checks it), language, direction, numbering, date style and the
// last-updated date.
type settingsForm struct {
	w         *workbench
	dlg       dialog.Dialog
	title     *textedit.Editor
	slug      *textedit.Editor
	slugError *widget.Label
	lang      *widget.SelectEntry
	dir       *widget.Select
	numbering *widget.Select
	dateStyle *widget.Select
	date      *widget.Entry
	dateError *widget.Label
}

var (
	dirValues       = []storage.Direction{storage.RTL, storage.LTR}
	numberingValues = []storage.NumberingStyle{storage.NumberingOrdinal, storage.NumberingArabicIndic, storage.NumberingWestern, storage.NumberingNone}
	dateStyleValues = []storage.DateStyle{storage.DateNumeric, storage.DateArabicIndic, storage.DateLong, storage.DateHijri}
)

func dirLabels() []string {
	return []string{lang.L("Right to left"), lang.L("Left to right")}
}

func numberingLabels() []string {
	return []string{lang.L("Ordinal words"), lang.L("Arabic-Indic digits"), lang.L("Western digits"), lang.L("No numbering")}
}

func dateStyleLabels() []string {
	return []string{lang.L("Numeric date"), lang.L("Numeric date in Arabic-Indic digits"), lang.L("Date with the month name"), lang.L("Gregorian and Hijri date")}
}

// valueIndex is the index of v in values, 0 when it is not there.
func valueIndex[T comparable](values []T, v T) int {
	for i, x := range values {
		if x == v {
			return i
		}
	}
	return 0
}

// onPageSettings opens the settings of the open page.
func (w *workbench) onPageSettings() {
	if !w.opened {
		return
	}
	f := newSettingsForm(w, w.page)
	w.settings = f
	f.dlg.Show()
}

func newSettingsForm(w *workbench, p storage.Page) *settingsForm {
	f := &settingsForm{w: w, title: textedit.NewSingleLine(), slug: textedit.NewSingleLine(),
		slugError: widget.NewLabel(""), dateError: widget.NewLabel("")}
	f.title.SetText(p.Title)
	f.slug.SetText(p.Slug)
	f.slug.OnChanged = func(string) { f.validate() }
	f.lang = widget.NewSelectEntry([]string{"ar", "en"})
	f.lang.SetText(p.Lang)
	f.dir = widget.NewSelect(dirLabels(), nil)
	f.dir.SetSelectedIndex(valueIndex(dirValues, p.Dir))
	f.numbering = widget.NewSelect(numberingLabels(), nil)
	f.numbering.SetSelectedIndex(valueIndex(numberingValues, p.Numbering))
	f.dateStyle = widget.NewSelect(dateStyleLabels(), nil)
	f.dateStyle.SetSelectedIndex(valueIndex(dateStyleValues, p.DateStyle))
	f.date = widget.NewEntry()
	f.date.SetPlaceHolder(lang.L("YYYY-MM-DD, empty for none"))
	if !p.LastUpdated.IsZero() {
		f.date.SetText(p.LastUpdated.Format(time.DateOnly))
	}
	f.date.OnChanged = func(string) { f.validate() }
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Title"), f.title),
		widget.NewFormItem(lang.L("Slug"), container.NewVBox(f.slug, f.slugError)),
		widget.NewFormItem(lang.L("Language"), f.lang),
		widget.NewFormItem(lang.L("Direction"), f.dir),
		widget.NewFormItem(lang.L("Numbering"), f.numbering),
		widget.NewFormItem(lang.L("Date style"), f.dateStyle),
		widget.NewFormItem(lang.L("Last updated"), container.NewVBox(f.date, f.dateError)),
	)
	f.dlg = dialog.NewCustomConfirm(lang.L("Page settings"), lang.L("Save"), lang.L("Cancel"), form, f.onClose, w.win)
	f.dlg.Resize(fyne.NewSize(560, 0))
	return f
}

// validate shows what is wrong with the slug and the date, and reports
// whether both are fine.
func (f *settingsForm) validate() bool {
	ok := true
	f.slugError.SetText("")
	if err := storage.ValidateSlug(storage.NormalizeSlug(strings.TrimSpace(f.slug.Text()))); err != nil {
		f.slugError.SetText(slugProblemText(err))
		ok = false
	}
	f.dateError.SetText("")
	if _, err := f.parseDate(); err != nil {
		f.dateError.SetText(lang.L("Write the date as YYYY-MM-DD, for example 2026-07-17"))
		ok = false
	}
	return ok
}

// slugProblemText words a refused slug for people.
func slugProblemText(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return lang.L("The slug cannot be used: {{.Reason}}", map[string]any{"Reason": strings.TrimSuffix(msg, ": invalid")})
}

func (f *settingsForm) parseDate() (time.Time, error) {
	s := strings.TrimSpace(f.date.Text)
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.DateOnly, s)
}

// update is the change the form asks for.
func (f *settingsForm) update() storage.PageUpdate {
	title := strings.TrimSpace(f.title.Text())
	slug := storage.NormalizeSlug(strings.TrimSpace(f.slug.Text()))
	lng := strings.TrimSpace(f.lang.Text)
	dir := dirValues[max(0, f.dir.SelectedIndex())]
	num := numberingValues[max(0, f.numbering.SelectedIndex())]
	ds := dateStyleValues[max(0, f.dateStyle.SelectedIndex())]
	date, _ := f.parseDate()
	return storage.PageUpdate{Title: &title, Slug: &slug, Lang: &lng, Dir: &dir, Numbering: &num, DateStyle: &ds, LastUpdated: &date}
}

func (f *settingsForm) onClose(save bool) {
	if !save {
		return
	}
	if !f.validate() {
		f.dlg.Show() // keep what was typed; the errors are shown under the fields
		return
	}
	f.w.savePageSettings(f.update(), f)
}

// savePageSettings writes u after the queued writes; a refused change
// (slug taken, bad language) reopens the form with the reason.
func (w *workbench) savePageSettings(u storage.PageUpdate, f *settingsForm) {
	pageID := w.page.ID
	w.saver.enqueueEdit("", pageID, func(ctx context.Context) error {
		p, err := w.db.UpdatePage(ctx, pageID, u)
		if errors.Is(err, storage.ErrConflict) || errors.Is(err, storage.ErrInvalid) || errors.Is(err, storage.ErrNotFound) {
			fyne.Do(func() { w.settingsRefused(err, f) })
			return nil
		}
		if err != nil {
			return err
		}
		fyne.Do(func() { w.settingsSaved(p) })
		return nil
	})
}

func (w *workbench) settingsRefused(err error, f *settingsForm) {
	msg := describe(err)
	if errors.Is(err, storage.ErrConflict) {
		msg = lang.L("Another page already has this slug; choose another.")
	}
	if f != nil {
		f.slugError.SetText(msg)
		f.dlg.Show()
		return
	}
	w.showError(fmt.Errorf("%s", msg))
}

// settingsSaved takes the stored settings; the sections edited here stay.
func (w *workbench) settingsSaved(p storage.Page) {
	if !w.opened || p.ID != w.page.ID {
		return
	}
	p.Sections = nil
	w.page = p
	for i := range w.pages {
		if w.pages[i].ID == p.ID {
			w.pages[i] = p
		}
	}
	w.filterPages(w.search.Text())
	w.pageList.Refresh()
	w.arrange(p.Dir != storage.LTR)
	w.refreshSections()
	w.setMessage(lang.L("Page settings saved"))
}
