//go:build nogui

package app

import "fmt"

// runGUI reports that this build has the command line only.
func runGUI(e *env) int {
	fmt.Fprintln(e.stderr, "policyeditor: this build has no window (built with -tags nogui); run a verb, see policyeditor help")
	return exitUsage
}
