//go:build !nogui

package app

import (
	"bytes"
	"go/ast"
	"go/token"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/qalam/policyeditor/editor/textlayout"
)

// TestUITextHasGlyphs: every character of every UI translation and of
// every string literal in the window's files (those built without nogui;
// the command line writes to a terminal) is in one of the bundled fonts,
// so none is drawn as a missing-glyph box (the diff view's "⋯" was one).
func TestUITextHasGlyphs(t *testing.T) {
	fonts := textlayout.DefaultFonts()
	check := func(where, s string) {
		for _, r := range s {
			if r < 0x20 || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) && r < 0x300 {
				continue // controls and bidi marks are not drawn
			}
			if !fonts.Covers(r) {
				t.Errorf("%s: %q has %q (U+%04X), which no bundled font can draw", where, s, r, r)
				return
			}
		}
	}
	for _, code := range []string{langEnglish, langArabic} {
		for k, v := range readTranslations(t, code) {
			check(code+".json "+k, v)
		}
	}
	fset, files := parseApp(t)
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(fset.File(f.Pos()).Name())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(src, []byte("//go:build !nogui\n")) {
			continue
		}
		ast.Inspect(f, func(node ast.Node) bool {
			lit, ok := node.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING && lit.Kind != token.CHAR {
				return true
			}
			s, ok := stringLit(lit)
			if lit.Kind == token.CHAR {
				s, ok = strings.Trim(lit.Value, "'"), true
			}
			if ok {
				n++
				check(fset.Position(lit.Pos()).String(), s)
			}
			return true
		})
	}
	if n < 300 {
		t.Errorf("checked %d string literals; the scan is broken", n)
	}
}
