//go:build !nogui

package app

import (
	"fmt"
	"os"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/qalam/policyeditor/assets"
)

// UI languages. Every key is in assets/translations/<code>.json for each.
const (
	langEnglish = "en"
	langArabic  = "ar"
)

// prefLanguage is the preference holding the chosen UI language: "" (follow
// the system locale), "en" or "ar".
const prefLanguage = "ui.language"

// uiRTL is true while the UI language is written right to left. Screens
// read it when they lay themselves out (see rtl.go).
var uiRTL atomic.Bool

// chooseLanguage picks the UI language: the preference when it names one
// we have, else the first system locale (such as "ar-SA" or "ar_SA.UTF-8")
// whose language we have, else English.
func chooseLanguage(pref string, system []string) string {
	if pref == langEnglish || pref == langArabic {
		return pref
	}
	for _, loc := range system {
		code := strings.ToLower(loc)
		if i := strings.IndexAny(code, "-_.@"); i >= 0 {
			code = code[:i]
		}
		if code == langEnglish || code == langArabic {
			return code
		}
	}
	return langEnglish
}

// systemLocales lists the user's locales as the environment gives them,
// most preferred first (LANGUAGE, then LC_ALL, LC_MESSAGES, LANG).
func systemLocales() []string {
	var out []string
	for _, l := range strings.Split(os.Getenv("LANGUAGE"), ":") {
		if l != "" {
			out = append(out, l)
		}
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			return append(out, v)
		}
	}
	return out
}

// setUILanguage loads the translations and makes lang.L and lang.X answer
// in code ("en" or "ar"). Fyne's lang package takes the language from the
// environment (LANGUAGE first, as gettext does), so the choice is put
// there before the translations are (re)loaded; LC_MESSAGES is set only
// when the locale is "C", for which gettext ignores LANGUAGE.
func setUILanguage(code string) error {
	os.Setenv("LANGUAGE", code)
	if messagesLocale() == "C" || messagesLocale() == "POSIX" {
		os.Setenv("LC_MESSAGES", code)
		if os.Getenv("LC_ALL") != "" {
			os.Unsetenv("LC_ALL")
		}
	}
	uiRTL.Store(code == langArabic)
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		return fmt.Errorf("load the translations: %w", err)
	}
	return nil
}

func messagesLocale() string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			return v
		}
	}
	return ""
}

// startLanguage applies the language preference of a (or the system
// locale) before the first window is built.
func startLanguage(a fyne.App) {
	code := chooseLanguage(a.Preferences().String(prefLanguage), systemLocales())
	if err := setUILanguage(code); err != nil {
		fyne.LogError("translations", err)
	}
}
