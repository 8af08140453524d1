//go:build nogui

package app

import "fmt"

// noVerb says in the help what no command does in this build.
const noVerb = "This build (-tags nogui) has no window: give a command."

// runGUI stands in for the desktop app in a build without Fyne (go build
// -tags nogui), the command line for servers and CI pipelines that have no
// display libraries. It says so in one line and exits 1, without opening
// the database.
func runGUI(e *env) int {
	fmt.Fprintln(e.stderr, "policyeditor: the window is not in this build (built with -tags nogui); run a command, see 'policyeditor help'")
	return 1
}
