//go:build !nogui

// Command demo opens a window with one multi-line editor, for the real
// window test (xvfb_test.go): it writes the editor's text to the -out file
// after every edit (to a temporary file renamed over it, so a reader never
// sees half of it).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/editor/textedit"
)

func main() {
	out := flag.String("out", "", "file the text is written to after every edit")
	text := flag.String("text", "", "initial text")
	caret := flag.Int("caret", -1, "caret offset at the start (-1: the end)")
	entryFirst := flag.Bool("entry", false, "put a focused Entry above the editor (the editor gets the focus by a click)")
	flag.Parse()
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
	}
	a := fyneapp.NewWithID("com.qalam.policyeditor.textedit-demo")
	a.Settings().SetTheme(richview.NewTheme())
	w := a.NewWindow("textedit demo")
	e := textedit.NewMultiLine()
	e.SetText(*text)
	if *caret < 0 {
		*caret = len([]rune(*text))
	}
	e.SetCaretOffset(*caret)
	e.OnChanged = func(s string) {
		if *out == "" {
			return
		}
		if err := writeFile(*out, s); err != nil {
			fmt.Fprintln(os.Stderr, "demo:", err)
		}
	}
	w.Resize(fyne.NewSize(640, 360))
	if *entryFirst {
		entry := widget.NewEntry()
		w.SetContent(container.NewBorder(entry, nil, nil, nil, e))
		w.Canvas().Focus(entry)
	} else {
		w.SetContent(e)
		w.Canvas().Focus(e)
	}
	w.ShowAndRun()
}

func writeFile(path, s string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".demo-*")
	if err != nil {
		return err
	}
	if _, err := tmp.WriteString(s); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
