//go:build !nogui

package app

import (
	"go/ast"
	"strings"
	"testing"
	"unicode"
)

// fyneTextSinks are the Fyne widgets that draw their text with Fyne's own
// text layout, which puts brackets, quotes, Latin words and digits on the
// wrong side of Arabic (see uiText). Their Arabic text must be Arabic
// words and Arabic punctuation only; a sentence with more goes into a
// uiText or a richview.Label.
var fyneTextSinks = map[string]bool{
	"NewLabel": true, "NewLabelWithStyle": true, "NewButton": true, "NewButtonWithIcon": true,
	"NewCheck": true, "NewRadioGroup": true, "NewSelect": true, "NewMenuItem": true,
	"heading": true, // a Fyne label made in rtl.go
}

// bidiRisk names what in an Arabic UI text Fyne's label would misplace,
// "" when the text is safe (a text with no Arabic letter is one
// left-to-right run, which Fyne draws right).
func bidiRisk(s string) string {
	if !hasArabic(s) {
		return ""
	}
	if strings.Contains(s, "{{") {
		return "a placeholder (a name or number inserted)"
	}
	for _, r := range s {
		switch {
		case strings.ContainsRune("()[]{}«»\"'“”‘’<>/\\", r):
			return "the bracket or quote " + string(r)
		case r < 0x80 && unicode.IsLetter(r):
			return "a Latin word"
		case unicode.IsDigit(r):
			return "a number"
		}
	}
	return ""
}

// TestFyneWidgetsShowPlainArabic scans this package for Fyne labels,
// buttons, checks, options and menu items whose Arabic text has something
// Fyne's text layout would put on the wrong side.
func TestFyneWidgetsShowPlainArabic(t *testing.T) {
	ar := readTranslations(t, langArabic)
	fset, files := parseApp(t)
	checked := 0
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || !fyneTextSinks[calleeName(call)] || !fromFyne(call) {
				return true
			}
			for _, arg := range call.Args {
				ast.Inspect(arg, func(n ast.Node) bool {
					lc, ok := n.(*ast.CallExpr)
					if !ok || langFunc(lc) == "" || len(lc.Args) == 0 {
						return true
					}
					key, ok := stringLit(lc.Args[0])
					if !ok {
						return true
					}
					checked++
					if risk := bidiRisk(ar[key]); risk != "" {
						t.Errorf("%s: %s shows the Arabic %q, which has %s: Fyne draws it left to right; use uiText or richview.Label",
							fset.Position(lc.Pos()), calleeName(call), ar[key], risk)
					}
					return false
				})
			}
			return true
		})
	}
	if checked < 40 {
		t.Errorf("checked %d translated widget texts; the scan is broken", checked)
	}
}

// fromFyne reports whether call is widget.X or fyne.X (richview.NewLabel
// lays its text out with the bidi engine), or heading.
func fromFyne(call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return true // heading, a Fyne label
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && (pkg.Name == "widget" || pkg.Name == "fyne")
}

func TestBidiRisk(t *testing.T) {
	for s, risky := range map[string]bool{
		"نشر…": false, "الحالة: مسودة": false, "إغلاق": false, "هل تريد الحذف؟": false,
		"غير معتمدة (والوجهة لا تشترط الاعتماد).": true, "نشر {{.Name}}": true, "حفظ PDF": true, "الإصدار 3": true, "«قلم»": true, "English": false,
	} {
		if got := bidiRisk(s) != ""; got != risky {
			t.Errorf("bidiRisk(%q) = %q, want risky %v", s, bidiRisk(s), risky)
		}
	}
}
