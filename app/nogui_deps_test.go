package app

import (
	"os/exec"
	"strings"
	"testing"
)

// guiPackages are the import paths that must not reach the nogui build:
// Fyne, its GL/GLFW drivers and our Fyne widgets.
var guiPackages = []string{
	"fyne.io/",
	"github.com/go-gl/",
	"github.com/fyne-io/",
	"github.com/qalam/policyeditor/editor/richview",
	"github.com/qalam/policyeditor/editor/textedit",
}

// TestNoGUIBuildHasNoFyne asserts that `go build -tags nogui` links no Fyne,
// and that the CLI tests build without it too: every file of app/ that
// imports Fyne, richview or textedit must start with //go:build !nogui.
func TestNoGUIBuildHasNoFyne(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, args := range [][]string{
		{"-tags", "nogui", "github.com/qalam/policyeditor"},
		{"-test", "-tags", "ci nogui", "github.com/qalam/policyeditor/app"},
	} {
		cmd := exec.Command("go", append([]string{"list", "-deps"}, args...)...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", strings.Join(args, " "), err)
		}
		pkgs := strings.Fields(string(out))
		if len(pkgs) < 10 {
			t.Fatalf("go list -deps %s listed only %q", strings.Join(args, " "), pkgs)
		}
		for _, p := range pkgs {
			for _, gui := range guiPackages {
				if strings.HasPrefix(p, gui) {
					t.Errorf("go list -deps %s includes %s: a file importing it lacks //go:build !nogui", strings.Join(args, " "), p)
				}
			}
		}
	}
}
