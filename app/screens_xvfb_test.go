//go:build !nogui

package app

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qalam/policyeditor/editor/xvfbtest"
)

// TestScreensXvfb starts the real binary under Xvfb in Arabic
// (LANG=ar_SA.UTF-8) and in English (LANG=en_US.UTF-8) and keeps
// screenshots of the main window, the publish dialog (Ctrl+Shift+P), the
// findings tab (F7) and the targets dialog (Ctrl+Shift+T) in out/:
// window-ar.png, publish-ar.png, findings-ar.png, targets-ar.png and the
// same with -en. The window title must be in the
// language of the locale, and each dialog must change the picture.
func TestScreensXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real binary")
	}
	requireTools(t, "Xvfb", "xdotool", "import")
	bin := buildBinary(t)
	outDir := shotsDir(t)
	for _, c := range []struct{ code, locale, title string }{
		{"ar", "ar_SA.UTF-8", "محرر السياسات"},
		{"en", "en_US.UTF-8", "Policy Editor"},
	} {
		t.Run(c.code, func(t *testing.T) {
			display, env := appSession(t, c.locale)
			// A second target, so the targets dialog shows both kinds.
			add := exec.Command(bin, "targets", "add", "server", "sftp", "deploy@example.com:22/var/www/policies", "--url", "https://example.com/{slug}/")
			add.Env = env
			if out, err := add.CombinedOutput(); err != nil {
				t.Fatalf("targets add: %v\n%s", err, out)
			}

			win := startApp(t, bin, env, display, c.title)
			main := shootStable(t, display, filepath.Join(outDir, "window-"+c.code+".png"), "")
			pressKey(t, display, win, "ctrl+shift+p")
			shootStable(t, display, filepath.Join(outDir, "publish-"+c.code+".png"), main)
			win.stop()

			win = startApp(t, bin, env, display, c.title)
			second := shootStable(t, display, filepath.Join(outDir, "window2-"+c.code+".png"), "")
			pressKey(t, display, win, "F7") // the findings tab beside the editor
			shootStable(t, display, filepath.Join(outDir, "findings-"+c.code+".png"), second)
			pressKey(t, display, win, "ctrl+shift+t")
			shootStable(t, display, filepath.Join(outDir, "targets-"+c.code+".png"), main)
			os.Remove(filepath.Join(outDir, "window2-"+c.code+".png"))
		})
	}
}

// buildBinary builds the real binary into a temporary folder of t, with
// extra go build flags.
func buildBinary(t *testing.T, flags ...string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "policyeditor")
	build := exec.Command("go", append(append([]string{"build", "-o", bin}, flags...), ".")...)
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// shotsDir is the folder the window tests keep their screenshots in (out/
// at the top of the repository).
func shotsDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "out")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// appSession starts an Xvfb screen for t and returns it with the
// environment of the app run there in locale: a fresh home of its own
// (configuration and default database in it), software GL, plus extra.
func appSession(t *testing.T, locale string, extra ...string) (display string, env []string) {
	t.Helper()
	display = xvfbtest.Start(t, 1280, 800)
	home := t.TempDir()
	env = localeEnv(os.Environ(), locale, append([]string{"DISPLAY=" + display, "XDG_CONFIG_HOME=" + home, "HOME=" + home,
		"POLICYEDITOR_DB=", "LIBGL_ALWAYS_SOFTWARE=1"}, extra...)...)
	return display, env
}

// localeEnv is env with every locale variable replaced by locale, plus extra.
func localeEnv(env []string, locale string, extra ...string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "DISPLAY", "XDG_CONFIG_HOME", "HOME", "POLICYEDITOR_DB":
			continue
		}
		out = append(out, kv)
	}
	return append(append(out, "LANG="+locale), extra...)
}

// runningApp is the binary running under Xvfb with its window id.
type runningApp struct {
	cmd    *exec.Cmd
	id     string
	exited chan struct{}
	out    *bytes.Buffer
}

func (a *runningApp) stop() {
	_ = a.cmd.Process.Kill()
	<-a.exited
}

// startApp starts the binary and waits for its window, whose title must
// be title; it gives the window two seconds to draw.
func startApp(t *testing.T, bin string, env []string, display, title string) *runningApp {
	t.Helper()
	a := &runningApp{cmd: exec.Command(bin), exited: make(chan struct{}), out: &bytes.Buffer{}}
	a.cmd.Env = env
	a.cmd.Stdout, a.cmd.Stderr = a.out, a.out
	if err := a.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { a.cmd.Wait(); close(a.exited) }()
	t.Cleanup(a.stop)
	deadline := time.Now().Add(time.Minute)
	for a.id == "" {
		select {
		case <-a.exited:
			t.Fatalf("the app exited before showing a window:\n%s", a.out)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no window within a minute:\n%s", a.out)
		}
		time.Sleep(250 * time.Millisecond)
		out, _ := xdotool(display, "search", "--onlyvisible", "--pid", strconv.Itoa(a.cmd.Process.Pid))
		if f := strings.Fields(out); len(f) > 0 {
			a.id = f[0]
		}
	}
	got, err := xdotool(display, "getwindowname", a.id)
	if err != nil || strings.TrimSpace(got) != title {
		t.Errorf("window title = %q (%v), want %q", strings.TrimSpace(got), err, title)
	}
	return a
}

func xdotool(display string, args ...string) (string, error) {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// pressKey focuses the window and sends the key chord.
func pressKey(t *testing.T, display string, a *runningApp, chord string) {
	t.Helper()
	if out, err := xdotool(display, "windowfocus", "--sync", a.id); err != nil {
		t.Fatalf("focus the window: %v %s", err, out)
	}
	time.Sleep(300 * time.Millisecond)
	if out, err := xdotool(display, "key", "--clearmodifiers", chord); err != nil {
		t.Fatalf("xdotool key %s: %v %s", chord, err, out)
	}
}

// shootStable takes screenshots until two in a row, a second apart, show
// the same pixels (the window has finished drawing: on a busy machine the
// software renderer can take seconds) and, when unlike is not "", differ
// from the pixels unlike (the key did open a dialog). It saves the last to
// path and returns its pixels' hash.
func shootStable(t *testing.T, display, path, unlike string) string {
	t.Helper()
	prev := ""
	for deadline := time.Now().Add(45 * time.Second); time.Now().Before(deadline); time.Sleep(time.Second) {
		if out, err := exec.Command("import", "-display", display, "-window", "root", path).CombinedOutput(); err != nil {
			t.Fatalf("screenshot: %v\n%s", err, out)
		}
		cur := pixelHash(t, path)
		if cur == prev && cur != unlike {
			if n := distinctColours(t, path); n < 16 {
				t.Errorf("%s has %d colours: the window shows nothing", path, n)
			}
			t.Logf("screenshot: %s", path)
			return cur
		}
		prev = cur
	}
	if prev == unlike {
		t.Fatalf("%s: the window did not change: the key opened no dialog", path)
	}
	t.Fatalf("%s: the window kept changing for 45 s", path)
	return ""
}

// pixelHash hashes the decoded pixels of a PNG (the files carry a time
// stamp, so their bytes differ even for the same picture).
func pixelHash(t *testing.T, path string) string {
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
	h := sha256.New()
	b := img.Bounds()
	var px [16]byte
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			binary.LittleEndian.PutUint32(px[0:], r)
			binary.LittleEndian.PutUint32(px[4:], g)
			binary.LittleEndian.PutUint32(px[8:], bl)
			binary.LittleEndian.PutUint32(px[12:], a)
			h.Write(px[:])
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
