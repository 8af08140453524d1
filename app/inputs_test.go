package app

import (
	"bytes"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage/importer"
)

// runIn is run with stdin.
func runIn(t *testing.T, db string, stdin []byte, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := MainIO(append([]string{"--db", db}, args...), bytes.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestImportRefusesNonRegularInputs: devices, FIFOs (which would block),
// sockets and folders are refused by name, at once, with exit 1.
func TestImportRefusesNonRegularInputs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	fifo := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	for path, what := range map[string]string{"/dev/zero": "a device", "/dev/null": "a device", fifo: "a FIFO", sock: "a socket", dir: "a folder"} {
		done := make(chan struct{})
		var code int
		var errOut string
		go func() {
			defer close(done)
			code, _, errOut = run(t, db, "import", path)
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("import %s has not returned after 20 s", path)
		}
		if code != 1 || !strings.Contains(errOut, path) || !strings.Contains(errOut, what) || strings.Contains(errOut, "goroutine") {
			t.Errorf("import %s: exit %d, stderr %q; want 1 and a line naming it as %s", path, code, errOut, what)
		}
	}
}

func TestImportStandardInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "drafts.db")
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runIn(t, db, seed, "import", "-", "--slug", "from-stdin")
	if code != 0 || !strings.Contains(out, "imported from-stdin: 8 sections") {
		t.Fatalf("import - (the seed): exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	big := bytes.Repeat([]byte("سياسة "), importer.MaxInputBytes/11+1)
	code, _, errOut = runIn(t, db, big, "import", "-", "--slug", "big")
	if code != 1 || !strings.Contains(errOut, "standard input") || !strings.Contains(errOut, "limit") {
		t.Errorf("import - of %d bytes: exit %d, stderr %q; want 1 naming the limit", len(big), code, errOut)
	}
	if _, out, _ := run(t, db, "pages"); strings.Contains(out, "big") {
		t.Errorf("an oversized standard input left a page:\n%s", out)
	}
}

// TestSnapshotOutputs: -o - writes the snapshot to standard output; a
// device, FIFO or symbolic link is refused and left as it was.
func TestSnapshotOutputs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	mustRun(t, db, "import", seedPath, "--slug", "privacy")
	code, out, errOut := run(t, db, "snapshot", "privacy", "-o", "-")
	if code != 0 || !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.Contains(errOut, "standard output") {
		t.Errorf("snapshot -o -: exit %d, stdout starts %.40q, stderr %q", code, out, errOut)
	}
	fifo := filepath.Join(dir, "fifo.html")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "elsewhere.html")
	if err := os.WriteFile(target, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.html")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for path, what := range map[string]string{"/dev/null": "device", fifo: "FIFO", link: "symbolic link"} {
		before, err := os.Lstat(path)
		if err != nil {
			t.Fatal(err)
		}
		code, _, errOut := run(t, db, "snapshot", "privacy", "-o", path)
		if code != 1 || !strings.Contains(errOut, path) || !strings.Contains(errOut, what) {
			t.Errorf("snapshot -o %s: exit %d, stderr %q; want 1 naming it a %s", path, code, errOut, what)
		}
		after, err := os.Lstat(path)
		if err != nil || after.Mode() != before.Mode() {
			t.Errorf("snapshot -o %s changed it: mode %v -> %v (%v)", path, before.Mode(), after.Mode(), err)
		}
	}
	if data, _ := os.ReadFile(target); string(data) != "keep" {
		t.Errorf("the file behind the symbolic link was written: %.40q", data)
	}
}

// TestEmptyDatabaseFileIsNew: an existing empty file is a new database,
// with the default "site" target.
func TestEmptyDatabaseFileIsNew(t *testing.T) {
	db := filepath.Join(t.TempDir(), "drafts.db")
	if err := os.WriteFile(db, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, db, "targets"); !strings.Contains(out, "site") {
		t.Errorf("targets of an empty database file = %q, want the default site target", out)
	}
}

// TestReadCommandsWhileAnotherProcessWrites: pages and render work while
// another process holds the database's write lock.
func TestReadCommandsWhileAnotherProcessWrites(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	mustRun(t, db, "import", seedPath, "--slug", "privacy")
	hold := exec.Command("sqlite3", db)
	stdin, err := hold.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var holdOut bytes.Buffer
	hold.Stdout = &holdOut
	if err := hold.Start(); err != nil {
		t.Fatalf("sqlite3 (Debian package sqlite3): %v", err)
	}
	defer func() { stdin.Close(); hold.Wait() }()
	io.WriteString(stdin, "BEGIN IMMEDIATE;\nUPDATE data_changes SET n = n + 1 WHERE id = 1;\nSELECT 'locked';\n")
	waitFor(t, "sqlite3 to hold the write lock", 10*time.Second, func() bool { return strings.Contains(holdOut.String(), "locked") })
	for _, args := range [][]string{{"pages"}, {"render", "privacy"}, {"export", "privacy"}} {
		code, _, errOut := runChild(t, db, args...)
		if code != 0 {
			t.Errorf("%s while another process writes: exit %d, %s", args[0], code, errOut)
		}
	}
}
