// Command policyeditor edits, previews and publishes website policy pages
// (privacy policy, terms of use), right-to-left first. With no arguments it
// opens the desktop app; with a verb it runs the command line (see
// `policyeditor help`).
package main

import (
	"os"

	"github.com/qalam/policyeditor/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr))
}
