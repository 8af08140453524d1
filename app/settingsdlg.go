//go:build !nogui

package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/textedit"
)

// settingsScreen is the preferences dialog: language, theme, text size and
// the user's name in reviews. Theme and text size apply at once; the
// language and the name at the next start (every screen is built in one
// language; saves in flight carry the name they were queued with).
type settingsScreen struct {
	app  fyne.App
	win  fyne.Window
	base fyne.Theme // the theme the appearance wraps

	language *widget.Select
	theme    *radioGroup
	size     *widget.Select
	person   *textedit.Editor
	note     *uiText
	dlg      *dialog.CustomDialog
}

var (
	languageCodes = []string{"", langEnglish, langArabic}
	themeCodes    = []string{themeSystem, themeLight, themeDark}
)

func newSettingsScreen(a fyne.App, win fyne.Window, base fyne.Theme) *settingsScreen {
	s := &settingsScreen{app: a, win: win, base: base}
	s.language = widget.NewSelect([]string{
		lang.X("settings.language.system", "As the system"),
		lang.X("settings.language.en", "English"),
		lang.X("settings.language.ar", "العربية"),
	}, nil)
	s.theme = newRadioGroup([]string{
		lang.X("settings.theme.system", "As the system"),
		lang.X("settings.theme.light", "Light"),
		lang.X("settings.theme.dark", "Dark"),
	}, nil)
	s.theme.Horizontal = true
	s.size = widget.NewSelect([]string{
		lang.X("settings.size.small", "Small"), lang.X("settings.size.normal", "Normal"), lang.X("settings.size.large", "Large"),
		lang.X("settings.size.larger", "Larger"), lang.X("settings.size.largest", "Largest"),
	}, nil)
	s.person = textedit.NewSingleLine()
	s.person.SetPlaceholder(personNamed("")) // who the app acts as without a name
	s.note = newUIText("")
	s.load()
	s.language.OnChanged = s.onLanguage
	s.theme.OnChanged = s.onTheme
	s.size.OnChanged = s.onSize
	s.person.OnChanged = s.onPerson
	return s
}

// load shows the stored preferences.
func (s *settingsScreen) load() {
	p := s.app.Preferences()
	s.language.SetSelectedIndex(indexOf(languageCodes, p.String(prefLanguage)))
	s.theme.SetSelected(s.theme.Options[indexOf(themeCodes, p.StringWithFallback(prefTheme, themeSystem))])
	scale := p.FloatWithFallback(prefTextScale, 1)
	best := 1
	for i, f := range textScales {
		if abs(f-scale) < abs(textScales[best]-scale) {
			best = i
		}
	}
	s.size.SetSelectedIndex(best)
	s.person.SetText(p.String(prefPerson))
}

func indexOf(list []string, v string) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return 0
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func (s *settingsScreen) content() fyne.CanvasObject {
	return container.NewVBox(
		heading(lang.X("settings.language", "Language")), s.language,
		heading(lang.X("settings.theme", "Theme")), s.theme,
		heading(lang.X("settings.size", "Text size")), s.size,
		heading(lang.X("settings.person", "Your name in reviews and comments")), s.person,
		s.note,
	)
}

func (s *settingsScreen) show() {
	closeBtn := widget.NewButton(lang.X("common.close", "Close"), s.onClose)
	s.dlg = newDialog(lang.X("settings.title", "Settings"), s.content(), s.win, closeBtn)
	s.dlg.Resize(fyne.NewSize(420, 0))
	s.dlg.Show()
}

func (s *settingsScreen) onClose() { s.dlg.Hide() }

func (s *settingsScreen) onLanguage(string) {
	code := languageCodes[s.language.SelectedIndex()]
	if code == s.app.Preferences().String(prefLanguage) {
		return
	}
	s.app.Preferences().SetString(prefLanguage, code)
	s.note.SetText(lang.X("settings.language.restart", "The new language is used from the next start of the app."))
}

// onPerson stores the name the window acts as (personNamed); empty
// leaves it to $POLICYEDITOR_USER or the system user.
func (s *settingsScreen) onPerson(text string) {
	s.app.Preferences().SetString(prefPerson, strings.TrimSpace(text))
	s.note.SetText(lang.X("settings.person.now", "Your name is used from now on, for edits, comments and review steps."))
}

func (s *settingsScreen) onTheme(string) {
	for i, o := range s.theme.Options {
		if o == s.theme.Selected {
			s.app.Preferences().SetString(prefTheme, themeCodes[i])
		}
	}
	applyAppearance(s.app, s.base)
}

func (s *settingsScreen) onSize(string) {
	if i := s.size.SelectedIndex(); i >= 0 {
		s.app.Preferences().SetFloat(prefTextScale, textScales[i])
	}
	applyAppearance(s.app, s.base)
}
