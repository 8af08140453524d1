//go:build !nogui

package app

import (
	"image"
	"image/color"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/editor/richview"
)

// TestHistoryDiffXvfb starts the real binary under Xvfb in Arabic on a
// database whose sample page was fixed from the command line (so revision
// 1 holds the seed as imported and the draft has the hamza and
// punctuation fixes), opens Review → History… with Ctrl+Shift+R and keeps
// the screenshot of the diff view in out/diff-view.png. The picture must
// differ from the window before, have something drawn, and show the
// insertion and deletion highlight colours of the theme.
func TestHistoryDiffXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real binary")
	}
	requireTools(t, "Xvfb", "xdotool", "import")
	bin := buildBinary(t)
	outDir := shotsDir(t)
	display, env := appSession(t, "ar_SA.UTF-8", "POLICYEDITOR_USER=mona")
	fix := exec.Command(bin, "fix", sampleSlug)
	fix.Env = env
	if out, err := fix.CombinedOutput(); err != nil {
		t.Fatalf("fix: %v\n%s", err, out)
	}

	win := startApp(t, bin, env, display, "محرر السياسات")
	before := shootStable(t, display, filepath.Join(outDir, "diff-view-window.png"), "")
	pressKey(t, display, win, "ctrl+shift+r")
	path := filepath.Join(outDir, "diff-view.png")
	shootStable(t, display, path, before)
	os.Remove(filepath.Join(outDir, "diff-view-window.png"))
	win.stop()

	img := decodePNG(t, path)
	if n := distinctColours(t, path); n < 64 {
		t.Errorf("%s has %d colours: the diff view shows nothing", path, n)
	}
	for _, h := range []struct {
		name string
		kind document.Highlight
	}{{"inserted", document.HighlightInserted}, {"deleted", document.HighlightDeleted}} {
		n := highlightPixels(img, h.kind)
		t.Logf("%s highlight: %d pixels", h.name, n)
		if n < 300 {
			t.Errorf("%s: %d pixels of the %s highlight colour; the diff view does not highlight the %s words", path, n, h.name, h.name)
		}
	}
}

func decodePNG(t *testing.T, path string) image.Image {
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
	return img
}

// highlightPixels counts the pixels of img in the colour a highlight of
// kind takes on screen: the app theme's highlight composited over its
// background or its dialog background, in the light or the dark variant
// (whichever the system gave the app).
func highlightPixels(img image.Image, kind document.Highlight) int {
	th := richview.NewTheme()
	var want []color.NRGBA
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		c := richview.HighlightColour(th, variant, kind)
		for _, bg := range []color.Color{th.Color(theme.ColorNameBackground, variant), th.Color(theme.ColorNameOverlayBackground, variant)} {
			want = append(want, blendOver(c, bg))
		}
	}
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			px := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			for _, w := range want {
				if near(px, w, 6) {
					n++
					break
				}
			}
		}
	}
	return n
}

// blendOver is top composited over an opaque bottom.
func blendOver(top color.NRGBA, bottom color.Color) color.NRGBA {
	b := color.NRGBAModel.Convert(bottom).(color.NRGBA)
	mix := func(t, u uint8) uint8 { return uint8((int(t)*int(top.A) + int(u)*(255-int(top.A)) + 127) / 255) }
	return color.NRGBA{mix(top.R, b.R), mix(top.G, b.G), mix(top.B, b.B), 0xff}
}

func near(a, b color.NRGBA, tol int) bool {
	d := func(p, q uint8) int {
		if p > q {
			return int(p - q)
		}
		return int(q - p)
	}
	return d(a.R, b.R) <= tol && d(a.G, b.G) <= tol && d(a.B, b.B) <= tol
}
