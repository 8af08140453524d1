//go:build !nogui

package app

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/lang"
)

// fyneKeys are keys of Fyne's own widgets and dialogs (its base.en.json)
// that our files translate into Arabic, which Fyne does not ship.
var fyneKeys = map[string]bool{
	"Cancel": true, "Confirm": true, "Copy": true, "Create Folder": true, "Cut": true, "Enter filename": true,
	"Error": true, "Favourites": true, "File": true, "Folder": true, "New Folder": true, "No": true, "OK": true,
	"Open": true, "Paste": true, "Quit": true, "Redo": true, "Save": true, "Select all": true,
	"Show Hidden Files": true, "Undo": true, "Yes": true,
}

// readTranslations reads every file of a language, as Fyne's lang loads
// them (assets/translations/[prefix.]<code>.json), into one key → text.
func readTranslations(t *testing.T, code string) map[string]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "assets", "translations", "*"+code+".json"))
	m := map[string]string{}
	for _, f := range files {
		if base := filepath.Base(f); base != code+".json" && !strings.HasSuffix(base, "."+code+".json") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var part map[string]string
		if err := json.Unmarshal(b, &part); err != nil {
			t.Fatalf("%s: %v (every value must be a plain string)", f, err)
		}
		for k, v := range part {
			if _, dup := m[k]; dup {
				t.Errorf("%s: key %q is in two files of the language", f, k)
			}
			m[k] = v
		}
	}
	if len(m) == 0 {
		t.Fatalf("no translations for %s", code)
	}
	return m
}

// translators are this package's helpers that look a literal key up
// (tr("review.fix", n) translates and formats): their key argument is
// checked like lang.L's, and the lang call inside them takes a variable.
var translators = map[string]bool{"tr": true}

// sourceString is a string used in the UI code.
type sourceString struct {
	key, fallback string
	pos           string
}

// parseApp parses the non-test Go files of this package.
func parseApp(t *testing.T) (*token.FileSet, []*ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	names, _ := filepath.Glob("*.go")
	var files []*ast.File
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return fset, files
}

// langCalls finds every lang.L / lang.X call and its key and fallback. A
// key that is not a literal is reported: it could not be checked.
func langCalls(t *testing.T) []sourceString {
	fset, files := parseApp(t)
	var out []sourceString
	for _, f := range files {
		inTranslator := map[ast.Node]bool{}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && translators[fd.Name.Name] {
				ast.Inspect(fd, func(n ast.Node) bool { inTranslator[n] = true; return true })
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || inTranslator[n] {
				return true
			}
			fn := langFunc(call)
			if id, ok := call.Fun.(*ast.Ident); ok && translators[id.Name] && len(call.Args) > 0 {
				fn = "L"
			}
			if fn == "" {
				return true
			}
			pos := fset.Position(call.Pos()).String()
			key, ok := stringLit(call.Args[0])
			if !ok {
				t.Errorf("%s: lang.%s with a key that is not a string literal", pos, fn)
				return true
			}
			s := sourceString{key: key, fallback: key, pos: pos}
			if fn == "X" || fn == "LocalizeKey" {
				if s.fallback, ok = stringLit(call.Args[1]); !ok {
					t.Errorf("%s: lang.X(%q) with a fallback that is not a string literal", pos, key)
				}
			}
			out = append(out, s)
			return true
		})
	}
	return out
}

func langFunc(call *ast.CallExpr) string {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" {
		return ""
	}
	switch sel.Sel.Name {
	case "L", "X", "Localize", "LocalizeKey":
		return sel.Sel.Name
	}
	return ""
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

var printfVerbs = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return out
}

func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

// TestTranslationsComplete: en.json and ar.json have the same keys; every
// key the code asks for is in both, and en.json says what the code's
// fallback says; each Arabic text is Arabic and has the same placeholders;
// no file keeps keys nobody uses.
func TestTranslationsComplete(t *testing.T) {
	en, ar := readTranslations(t, langEnglish), readTranslations(t, langArabic)
	for k := range en {
		if _, ok := ar[k]; !ok {
			t.Errorf("key %q is in en.json but not in ar.json", k)
		}
	}
	for k := range ar {
		if _, ok := en[k]; !ok {
			t.Errorf("key %q is in ar.json but not in en.json", k)
		}
	}
	used := map[string]bool{}
	for _, s := range langCalls(t) {
		used[s.key] = true
		e, inEN := en[s.key]
		_, inAR := ar[s.key]
		switch {
		case !inEN || !inAR:
			t.Errorf("%s: key %q missing from en.json (%v) or ar.json (%v)", s.pos, s.key, inEN, inAR)
		case e != s.fallback && s.fallback != s.key:
			t.Errorf("%s: key %q: en.json says %q but the code's fallback is %q", s.pos, s.key, e, s.fallback)
		}
	}
	if len(used) < 50 {
		t.Errorf("found %d translated keys in the code; the scan is broken", len(used))
	}
	for k, a := range ar {
		if strings.TrimSpace(a) == "" || strings.TrimSpace(en[k]) == "" {
			t.Errorf("key %q has an empty text", k)
			continue
		}
		if !hasArabic(a) {
			t.Errorf("ar.json %q = %q: not Arabic", k, a)
		}
		if pe, pa := placeholders(en[k]), placeholders(a); strings.Join(pe, ",") != strings.Join(pa, ",") {
			t.Errorf("key %q: placeholders %v in English but %v in Arabic", k, pe, pa)
		}
		if ve, va := printfVerbs.FindAllString(en[k], -1), printfVerbs.FindAllString(a, -1); strings.Join(ve, ",") != strings.Join(va, ",") {
			t.Errorf("key %q: verbs %v in English but %v in Arabic", k, ve, va)
		}
		if !used[k] && !fyneKeys[k] {
			t.Errorf("key %q is in the translation files but no code uses it", k)
		}
	}
}

// uiSinks are the calls whose string arguments people read.
var uiSinks = map[string]bool{
	"NewLabel": true, "NewLabelWithStyle": true, "NewButton": true, "NewButtonWithIcon": true, "NewCheck": true,
	"NewHyperlink": true, "NewCard": true, "NewFormItem": true, "NewAccordionItem": true, "NewTabItem": true,
	"NewTabItemWithIcon": true, "NewMenu": true, "NewMenuItem": true, "NewWindow": true, "SetText": true,
	"SetTitle": true, "SetPlaceHolder": true, "NewInformation": true, "NewConfirm": true, "ShowInformation": true,
	"ShowConfirm": true, "NewCustom": true, "NewCustomConfirm": true, "NewCustomWithoutButtons": true,
	"NewNotification": true, "NewBoldLabel": true, "NewSelect": true, "NewRadioGroup": true, "SetOptions": true,
	"newDialog": true, "heading": true, "field": true, "newRadioGroup": true, "newCheckBox": true,
	"newUIText": true, "newBoldUIText": true, "SetPlaceholder": true,
}

// TestNoUntranslatedUIStrings scans this package for text given to a
// widget, dialog, menu or window without going through lang: a string
// literal with a letter in it, or fmt.Sprintf, as an argument (or inside
// a []string argument, or joined with +).
func TestNoUntranslatedUIStrings(t *testing.T) {
	fset, files := parseApp(t)
	checked := 0
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || !uiSinks[calleeName(call)] {
				return true
			}
			checked++
			for _, arg := range call.Args {
				if bad := untranslated(arg); bad != "" {
					t.Errorf("%s: %s(%s): UI text must come from lang.X", fset.Position(arg.Pos()), calleeName(call), bad)
				}
			}
			return true
		})
	}
	if checked < 50 {
		t.Errorf("checked %d UI calls; the scan is broken", checked)
	}
}

func calleeName(call *ast.CallExpr) string {
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		return fn.Name
	case *ast.SelectorExpr:
		return fn.Sel.Name
	}
	return ""
}

// untranslated returns the offending text of e, "" if e is fine.
func untranslated(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.BasicLit:
		if s, ok := stringLit(e); ok && strings.IndexFunc(s, unicode.IsLetter) >= 0 {
			return strconv.Quote(s)
		}
	case *ast.BinaryExpr:
		if bad := untranslated(e.X); bad != "" {
			return bad
		}
		return untranslated(e.Y)
	case *ast.CompositeLit:
		for _, el := range e.Elts {
			if bad := untranslated(el); bad != "" {
				return bad
			}
		}
	case *ast.CallExpr:
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" {
			return "fmt.Sprintf(…)"
		}
	case *ast.ParenExpr:
		return untranslated(e.X)
	}
	return ""
}

// TestScanCatchesBypass: the scan finds a literal given to a widget.
func TestScanCatchesBypass(t *testing.T) {
	src := `package x
func f() { widget.NewButton("Publish", nil); l.SetText(fmt.Sprintf("%d pages", 3)); w.SetText(lang.X("k", "K")); g.SetOptions([]string{"a", lang.X("b", "B")}) }`
	f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && uiSinks[calleeName(call)] {
			for _, a := range call.Args {
				if b := untranslated(a); b != "" {
					bad = append(bad, b)
				}
			}
		}
		return true
	})
	if want := []string{`"Publish"`, "fmt.Sprintf(…)", `"a"`}; strings.Join(bad, " ") != strings.Join(want, " ") {
		t.Errorf("scan found %q, want %q", bad, want)
	}
}

// TestLanguageChoice: a preference wins, then the system locale, then English.
func TestLanguageChoice(t *testing.T) {
	for _, c := range []struct {
		pref   string
		system []string
		want   string
	}{
		{"", []string{"ar_SA.UTF-8"}, "ar"},
		{"", []string{"en_US.UTF-8"}, "en"},
		{"", []string{"fr_FR", "ar-EG"}, "ar"},
		{"", []string{"C"}, "en"},
		{"", nil, "en"},
		{"en", []string{"ar_SA.UTF-8"}, "en"},
		{"ar", []string{"en_US.UTF-8"}, "ar"},
		{"xx", []string{"ar"}, "ar"},
	} {
		if got := chooseLanguage(c.pref, c.system); got != c.want {
			t.Errorf("chooseLanguage(%q, %q) = %q, want %q", c.pref, c.system, got, c.want)
		}
	}
}

// TestSetUILanguage: lang answers in the chosen language, Fyne's own
// button labels included, and the layout direction follows.
func TestSetUILanguage(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "C")
	t.Setenv("LC_MESSAGES", "")
	t.Cleanup(func() { setUILanguage(langEnglish) })
	if err := setUILanguage(langArabic); err != nil {
		t.Fatal(err)
	}
	if got := lang.X("app.title", "Policy Editor"); !hasArabic(got) || !uiRTL.Load() {
		t.Errorf("under Arabic: title %q, RTL %v", got, uiRTL.Load())
	}
	if got := lang.L("Cancel"); !hasArabic(got) {
		t.Errorf("Fyne's Cancel under Arabic = %q", got)
	}
	if err := setUILanguage(langEnglish); err != nil {
		t.Fatal(err)
	}
	if got := lang.X("app.title", "Policy Editor"); got != "Policy Editor" || uiRTL.Load() {
		t.Errorf("under English: title %q, RTL %v", got, uiRTL.Load())
	}
}
