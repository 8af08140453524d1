//go:build !nogui

package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFynePackageLinux runs `fyne package` (fyne.io/tools, pinned as a
// go.mod tool) on the real binary, as scripts/package does, and checks
// that the installable archive holds the binary, the icon and a .desktop
// file that starts the binary with that icon. The archive is kept as
// out/policyeditor-linux.tar.xz.
func TestFynePackageLinux(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real binary")
	}
	requireTools(t, "tar", "xz")
	bin := buildBinary(t, "-ldflags", "-s -w") // -trimpath would miss the build cache and recompile Fyne
	pkg := exec.Command("go", "tool", "fyne", "package", "-os", "linux", "-exe", bin)
	pkg.Dir = ".."
	pkg.Env = append(os.Environ(), "XZ_OPT=-1 -T0") // xz's default level takes half a minute on 2 cores
	if out, err := pkg.CombinedOutput(); err != nil {
		t.Fatalf("fyne package: %v\n%s", err, out)
	}
	archive := filepath.Join("..", "out", "policyeditor-linux.tar.xz")
	if err := os.MkdirAll(filepath.Dir(archive), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join("..", "Policy Editor.tar.xz"), archive); err != nil {
		t.Fatalf("fyne package wrote no archive: %v", err)
	}
	list, err := exec.Command("tar", "-tJf", archive).Output()
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	for _, f := range strings.Fields(string(list)) {
		files[strings.TrimPrefix(f, "./")] = true
	}
	for _, want := range []string{
		"policyeditor/Makefile",
		"policyeditor/usr/local/bin/policyeditor",
		"policyeditor/usr/local/share/pixmaps/com.qalam.policyeditor.png",
		"policyeditor/usr/local/share/applications/com.qalam.policyeditor.desktop",
	} {
		if !files[want] {
			t.Errorf("the package lacks %s; it holds:\n%s", want, list)
		}
	}
	desktop, err := exec.Command("tar", "-xJOf", archive, "policyeditor/usr/local/share/applications/com.qalam.policyeditor.desktop").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Name=Policy Editor", "Exec=policyeditor", "Icon=com.qalam.policyeditor", "Categories=Office;"} {
		if !strings.Contains(string(desktop), want) {
			t.Errorf(".desktop file lacks %q:\n%s", want, desktop)
		}
	}
	packed, err := exec.Command("tar", "-xJOf", archive, "policyeditor/usr/local/bin/policyeditor").Output()
	if err != nil || len(packed) < 1<<20 {
		t.Fatalf("packaged binary: %d bytes, %v", len(packed), err)
	}
	run := filepath.Join(t.TempDir(), "policyeditor")
	if err := os.WriteFile(run, packed, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(run, "--db", filepath.Join(t.TempDir(), "d.db"), "pages").CombinedOutput()
	if err != nil {
		t.Errorf("the packaged binary does not run: %v\n%s", err, out)
	}
	t.Logf("package: %s", archive)
}
