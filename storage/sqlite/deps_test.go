package sqlite

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const sqliteDriver = "github.com/mattn/go-sqlite3"

// mayLinkSQLite says whether a package may depend on the cgo SQLite driver:
// this package, the app that opens the store, and programs (package main:
// the binary itself, bench/publishgen). Everything else (the domain, the
// editor, the publisher, the preview server) takes the store interfaces of
// package storage, so it builds without cgo and never opens a database by itself.
func mayLinkSQLite(importPath, name string) bool {
	const mod = "github.com/qalam/policyeditor"
	return name == "main" || importPath == mod+"/storage/sqlite" || importPath == mod+"/app"
}

// TestOnlyStoreLinksSQLite lists every package of the module with its
// dependencies (go list's .Deps: the transitive set `go list -deps` prints,
// without tests) in each build configuration and fails for any package
// outside mayLinkSQLite that reaches go-sqlite3.
func TestOnlyStoreLinksSQLite(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatalf("the go command is needed to list dependencies: %v", err)
	}
	for _, tags := range []string{"", "ci", "nogui"} {
		out, err := exec.Command("go", "list", "-tags", tags,
			"-f", `{{.ImportPath}} {{.Name}} {{join .Deps " "}}`, "github.com/qalam/policyeditor/...").CombinedOutput()
		if err != nil {
			t.Fatalf("go list -tags %q: %v\n%s", tags, err, out)
		}
		linking := 0
		for line := range strings.Lines(string(out)) {
			f := strings.Fields(line)
			if len(f) < 2 || !slices.Contains(f[2:], sqliteDriver) {
				continue
			}
			linking++
			if !mayLinkSQLite(f[0], f[1]) {
				t.Errorf("tags %q: %s links %s; it should take the store interfaces of package storage instead",
					tags, f[0], sqliteDriver)
			}
		}
		// The listing itself must see the driver, or the test could never fail.
		if linking == 0 {
			t.Fatalf("tags %q: no package links %s, not even storage/sqlite: the listing is wrong", tags, sqliteDriver)
		}
	}
}
