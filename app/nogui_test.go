//go:build nogui

package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Without a verb, the nogui build says in one line that the window is not
// in it, exits 1, and leaves the database alone.
func TestNoGUIWithoutVerb(t *testing.T) {
	db := filepath.Join(t.TempDir(), "drafts.db")
	code, out, errOut := run(t, db)
	if code != 1 {
		t.Errorf("exit status = %d, want 1", code)
	}
	if out != "" {
		t.Errorf("stdout = %q, want nothing", out)
	}
	if !strings.Contains(errOut, "window is not in this build") || strings.Count(errOut, "\n") != 1 || !strings.HasSuffix(errOut, "\n") {
		t.Errorf("stderr = %q, want one line saying the window is not in this build", errOut)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("the database was touched (stat: %v), want it left alone", err)
	}
	if help := mustRun(t, db, "help"); !strings.Contains(help, "has no window") {
		t.Errorf("help = %q, want it to say this build has no window", help)
	}
}
