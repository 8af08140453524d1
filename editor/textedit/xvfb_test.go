//go:build !nogui

package textedit

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qalam/policyeditor/editor/xvfbtest"
)

// TestRealWindowXvfb builds internal/demo (GLFW, not the test driver),
// opens it under Xvfb, types into it with xdotool once the window has
// been mapped for a second, presses arrows and Backspace, and checks the
// text the editor stored and a screenshot (kept in out/textedit.png).
func TestRealWindowXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a real window")
	}
	requireTools(t, "Xvfb", "xwininfo", "xdotool", "import")
	bin := buildDemo(t)
	const initial = "سياسة الخصوصية" // the demo writes the file at the first edit
	d := startDemo(t, bin, initial)
	display, win, appOut := d.display, d.win, d.out
	xdo := d.xdo
	xdo("windowfocus", "--sync", win)
	stored, waitFor := d.stored, d.waitFor
	// xdotool types a character missing from the keymap (Arabic, here) by
	// remapping a spare key for it; on a loaded machine the window can
	// see the key before the new mapping and drop it. So type one
	// character at a time, wait for the editor to store it, and send it
	// again if it was dropped (never if something else arrived).
	text := initial
	for _, r := range " لمنصة Qalam" {
		want := text + string(r)
		for try := 0; ; try++ {
			xdo("type", "--delay", "100", string(r))
			if waitFor(want, 3*time.Second) {
				break
			}
			got := stored()
			dropped := got == text || got == "" && text == initial
			if !dropped || try == 2 {
				t.Fatalf("typing %q: stored text %q, want %q\n%s", string(r), got, want, appOut.String())
			}
		}
		text = want
	}
	// Left ×4 moves visually into "Qalam" (an LTR run at the left end of
	// the RTL line): from after "m" to after "Q"; Backspace deletes "Q".
	xdo("key", "--delay", "100", "Left", "Left", "Left", "Left", "BackSpace")
	xdo("key", "--delay", "100", "End", "Return")
	xdo("type", "--delay", "100", "1. test")

	want := "سياسة الخصوصية لمنصة alam\n1. test"
	waitFor(want, 10*time.Second)
	got := stored()
	shot := filepath.Join("..", "..", "out", "textedit.png")
	if err := os.MkdirAll(filepath.Dir(shot), 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("import", "-display", display, "-window", win, shot).CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, out)
	}
	t.Logf("screenshot: %s", shot)
	if got != want {
		t.Errorf("stored text = %q, want %q\napp output:\n%s", got, want, appOut.String())
	}
	checkShot(t, shot)
}

// TestRealWindowClickFocuses starts the demo with an Entry focused above
// the editor, clicks left of the editor's first (right-to-left) line and
// types: the click must focus the editor (Fyne does not by itself) and move
// the caret from the start to the line's end, where the letters then go.
func TestRealWindowClickFocuses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a real window")
	}
	requireTools(t, "Xvfb", "xwininfo", "xdotool", "import")
	bin := buildDemo(t)
	const initial = "سياسة الخصوصية"
	d := startDemo(t, bin, initial, "-entry", "-caret", "0")
	d.xdo("windowfocus", "--sync", d.win)
	// The Entry is about 37 px high; the editor's first line starts 8 px
	// (its padding) below it and is 22 px high.
	d.xdo("mousemove", "--window", d.win, "40", "58")
	d.xdo("click", "1")
	time.Sleep(300 * time.Millisecond)
	d.xdo("type", "--delay", "100", "ok")
	want := initial + "ok"
	if !d.waitFor(want, 10*time.Second) {
		t.Errorf("after a click and typing: stored text %q, want %q\n%s", d.stored(), want, d.out.String())
	}
}

// demo is a running internal/demo under its own Xvfb.
type demo struct {
	display, win, textFile string
	out                    *bytes.Buffer
	xdo                    func(args ...string)
	stored                 func() string
	waitFor                func(want string, d time.Duration) bool
}

func buildDemo(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "demo")
	if out, err := exec.Command("go", "build", "-o", bin, "./internal/demo").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startDemo starts the demo with text on a new Xvfb and waits until its
// window has been mapped for a second (then synthetic keys arrive).
func startDemo(t *testing.T, bin, text string, args ...string) *demo {
	t.Helper()
	dir := t.TempDir()
	d := &demo{display: xvfbtest.Start(t, 1024, 768), textFile: filepath.Join(dir, "text.txt"), out: &bytes.Buffer{}}
	gui := exec.Command(bin, append([]string{"-out", d.textFile, "-text", text}, args...)...)
	gui.Env = append(os.Environ(), "DISPLAY="+d.display, "XDG_CONFIG_HOME="+dir, "LIBGL_ALWAYS_SOFTWARE=1")
	gui.Stdout, gui.Stderr = d.out, d.out
	if err := gui.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = gui.Wait(); close(exited) }()
	t.Cleanup(func() { _ = gui.Process.Kill(); <-exited })
	win, err := waitForWindowID(d.display, "textedit demo", exited)
	if err != nil {
		t.Fatalf("%v\n%s", err, d.out.String())
	}
	d.win = win
	time.Sleep(time.Second)
	d.xdo = func(args ...string) {
		t.Helper()
		cmd := exec.Command("xdotool", args...)
		cmd.Env = append(os.Environ(), "DISPLAY="+d.display)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("xdotool %v: %v\n%s", args, err, out)
		}
	}
	d.stored = func() string { b, _ := os.ReadFile(d.textFile); return string(b) }
	d.waitFor = func(want string, timeout time.Duration) bool {
		for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if d.stored() == want {
				return true
			}
		}
		return false
	}
	return d
}

// checkShot checks that the screenshot shows text: dark-on-light or
// light-on-dark ink in the upper right (where the first, Arabic, line is
// right-aligned) and in the upper left (where the second, English, line
// starts).
func checkShot(t *testing.T, path string) {
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
	b := img.Bounds()
	bg := img.At(b.Min.X+b.Dx()/2, b.Max.Y-20)
	ink := func(x0, y0, x1, y1 int) int {
		n := 0
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				if differs(img.At(x, y), bg) {
					n++
				}
			}
		}
		return n
	}
	w := b.Dx()
	if n := ink(b.Min.X+w*2/3, b.Min.Y+8, b.Max.X-8, b.Min.Y+40); n < 50 {
		t.Errorf("screenshot: %d ink pixels where the Arabic line ends on the right, want text", n)
	}
	if n := ink(b.Min.X+8, b.Min.Y+40, b.Min.X+w/4, b.Min.Y+80); n < 30 {
		t.Errorf("screenshot: %d ink pixels where the English line starts on the left, want text", n)
	}
}

func differs(a, b color.Color) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := func(x, y uint32) uint32 {
		if x > y {
			return x - y
		}
		return y - x
	}
	return d(r1, r2)+d(g1, g2)+d(b1, b2) > 0x6000
}

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

// waitForWindowID waits up to a minute for a top-level window with the
// title and returns its id.
func waitForWindowID(display, title string, exited <-chan struct{}) (string, error) {
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return "", fmt.Errorf("the demo exited before showing a window")
		default:
		}
		out, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
		for _, line := range strings.Split(string(out), "\n") {
			if strings.Contains(line, `"`+title+`"`) {
				if f := strings.Fields(line); len(f) > 0 {
					return f[0], nil
				}
			}
		}
		time.Sleep(250 * time.Millisecond)
	}
	return "", fmt.Errorf("no window titled %q within a minute", title)
}
