//go:build !nogui

package app

import (
	"bytes"
	"image"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qalam/policyeditor/editor/xvfbtest"
)

// requireTools fails in CI, and skips elsewhere, when a program is missing.
func requireTools(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed (scripts/setup test installs it)", n)
			}
			t.Skipf("%s is not installed; run scripts/setup test", n)
		}
	}
}

// TestSmokeXvfb builds the real binary (GLFW, not the test driver), starts
// it on a fresh default database under Xvfb, and checks that the window
// appears, shows something, stays up, and that the sample policy was seeded.
// The screenshot is kept in out/smoke.png.
func TestSmokeXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real binary")
	}
	requireTools(t, "Xvfb", "xwininfo", "import")
	dir := t.TempDir()
	bin := buildBinary(t)

	display := xvfbtest.Start(t, 1280, 800)
	env := append(os.Environ(), "DISPLAY="+display, "XDG_CONFIG_HOME="+dir, "POLICYEDITOR_DB=", "LIBGL_ALWAYS_SOFTWARE=1")
	var appErr bytes.Buffer
	gui := exec.Command(bin)
	gui.Env = env
	gui.Stdout, gui.Stderr = &appErr, &appErr
	if err := gui.Start(); err != nil {
		t.Fatal(err)
	}
	var waitErr error
	exited := make(chan struct{})
	go func() { waitErr = gui.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = gui.Process.Kill()
		<-exited
	})

	if err := xvfbtest.WaitForWindow(display, "Policy Editor", time.Minute, exited); err != nil {
		t.Fatalf("%v\napp output:\n%s", err, appErr.String())
	}
	time.Sleep(3 * time.Second) // let the first frames render
	shot := filepath.Join("..", "out", "smoke.png")
	if err := os.MkdirAll(filepath.Dir(shot), 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("import", "-display", display, "-window", "root", shot).CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, out)
	}
	t.Logf("screenshot: %s", shot)
	if n := distinctColours(t, shot); n < 16 {
		t.Errorf("screenshot has %d colours: the window shows nothing", n)
	}
	select {
	case <-exited:
		t.Fatalf("the app exited early: %v\n%s", waitErr, appErr.String())
	default:
	}

	pages := exec.Command(bin, "pages")
	pages.Env = env
	out, err := pages.CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), sampleSlug+" ") {
		t.Errorf("pages on the new default database = %q (%v), want the sample policy", out, err)
	}
}

func distinctColours(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}
