// Command policyeditor edits, previews and publishes website policy pages
// (privacy policy, terms of use), right-to-left first. With no arguments it
// opens the desktop app; with a verb it runs the command line (see
// `policyeditor help`).
package main

import (
	_ "embed"
	"fmt"
	"os"

	"github.com/qalam/policyeditor/app"
)

// fyneApp is the application metadata (name, ID, version) that `fyne
// package` also reads.
//
//go:embed FyneApp.toml
var fyneApp []byte

func main() {
	if err := app.SetMetadata(fyneApp); err != nil {
		fmt.Fprintln(os.Stderr, "policyeditor:", err)
	}
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr))
}
