//go:build !nogui

package app

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/qalam/policyeditor/editor/textedit"
	"github.com/qalam/policyeditor/editor/xvfbtest"
)

// guiRun is the real binary running under Xvfb on a home of its own.
type guiRun struct {
	t       *testing.T
	cmd     *exec.Cmd
	out     bytes.Buffer
	exited  chan struct{}
	started time.Time
	mapped  time.Duration // start to window mapped
}

func startGUI(t *testing.T, bin string, env []string, display string) *guiRun {
	t.Helper()
	g := &guiRun{t: t, cmd: exec.Command(bin), exited: make(chan struct{})}
	g.cmd.Env = env
	g.cmd.Stdout, g.cmd.Stderr = &g.out, &g.out
	g.started = time.Now()
	if err := g.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = g.cmd.Wait(); close(g.exited) }()
	t.Cleanup(g.kill)
	if err := xvfbtest.WaitForWindow(display, "Policy Editor", time.Minute, g.exited); err != nil {
		t.Fatalf("%v\napp output:\n%s", err, g.out.String())
	}
	g.mapped = time.Since(g.started)
	return g
}

// kill sends SIGKILL, as a power cut would end the app: no quit handler runs.
func (g *guiRun) kill() {
	_ = g.cmd.Process.Signal(syscall.SIGKILL)
	<-g.exited
}

func screenshot(t *testing.T, display, name string) string {
	t.Helper()
	shot := filepath.Join("..", "out", name)
	if err := os.MkdirAll(filepath.Dir(shot), 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("import", "-display", display, "-window", "root", shot).CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, out)
	}
	t.Logf("screenshot: %s", shot)
	return shot
}

// xtype types text with synthetic key presses. The X keyboard is switched
// to the Arabic layout first, so that every Arabic letter has a key of its
// own: otherwise xdotool remaps one spare key for each letter, and a
// window that reads an event after the next remap gets the wrong letter.
func xtype(t *testing.T, display, text string) {
	t.Helper()
	if out, err := exec.Command("setxkbmap", "-display", display, "ara").CombinedOutput(); err != nil {
		t.Fatalf("setxkbmap ara: %v\n%s", err, out)
	}
	cmd := exec.Command("xdotool", "type", "--delay", "100", text)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xdotool type: %v\n%s", err, out)
	}
}

// firstBody reads the first section's body of the sample page through the CLI.
func firstBody(t *testing.T, bin string, env []string) string {
	t.Helper()
	cmd := exec.Command(bin, "export", sampleSlug, "--format", "json")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	var page struct {
		Sections []struct {
			Body string `json:"body"`
		} `json:"sections"`
	}
	if err := json.Unmarshal(out, &page); err != nil || len(page.Sections) == 0 {
		t.Fatalf("export output %.200q: %v", out, err)
	}
	return page.Sections[0].Body
}

// TestWindowTypeKillRestart is the real window under Xvfb: start the binary
// on a fresh home, type into the first section with synthetic keys, SIGKILL
// it 1.5 s after the last key, start it again: the text is there, and the
// caret is where it was (the next keys land right after the first ones).
// Screenshots of the main window with the seed page are kept under out/.
func TestWindowTypeKillRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real binary")
	}
	requireTools(t, "Xvfb", "xwininfo", "import", "xdotool", "setxkbmap")
	home := t.TempDir()
	bin := buildBinary(t)
	display := xvfbtest.Start(t, 1280, 800)
	env := append(os.Environ(), "DISPLAY="+display, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"POLICYEDITOR_DB=", "LIBGL_ALWAYS_SOFTWARE=1", "LANG=C.UTF-8", "LC_ALL=", "LANGUAGE=")

	g := startGUI(t, bin, env, display)
	t.Logf("start to window mapped: %v (cold binary, fresh home, seeding the sample)", g.mapped)
	time.Sleep(1500 * time.Millisecond) // mapped for a second, first frames drawn
	if n := distinctColours(t, screenshot(t, display, "workbench-seed.png")); n < 16 {
		t.Fatalf("the window shows nothing (%d colours)", n)
	}
	before := firstBody(t, bin, env)

	var editor fyne.CanvasObject = textedit.NewMultiLine()
	if _, ok := editor.(fyne.Focusable); !ok {
		g.kill()
		t.Skip("editor/textedit is still the API skeleton: it takes no keys, so there is nothing to type into yet")
	}
	first, second := "نص جديد ", "ثم هذا "
	xtype(t, display, first)
	time.Sleep(1500 * time.Millisecond)
	g.kill()
	if got := firstBody(t, bin, env); got != first+before {
		t.Fatalf("after SIGKILL 1.5 s after the last key the first body starts %.40q, want %q then the old text", got, first)
	}

	g = startGUI(t, bin, env, display)
	time.Sleep(1500 * time.Millisecond)
	screenshot(t, display, "workbench-restarted.png")
	xtype(t, display, second)
	time.Sleep(1500 * time.Millisecond)
	g.kill()
	if got := firstBody(t, bin, env); !strings.HasPrefix(got, first+second) || got != first+second+before {
		t.Errorf("after the restart the keys did not land where the caret was: body starts %.40q, want %q", got, first+second)
	}
}
