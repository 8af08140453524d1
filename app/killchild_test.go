//go:build !nogui

package app

import (
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// startChild runs this test binary again as a child that runs no test,
// with env added (the variable that makes TestMain dispatch to it), and
// returns its marks, its standard error and stop, which kills the child
// and waits for it (once; later calls do nothing). The marks written
// before the kill can still be read after stop.
func startChild(t testing.TB, env ...string) (marks <-chan string, stderr *strings.Builder, stop func()) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), env...)
	stderr = &strings.Builder{}
	cmd.Stderr = stderr
	if marks, err = startWithMarks(cmd); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	return marks, stderr, func() {
		once.Do(func() {
			_ = cmd.Process.Signal(syscall.SIGKILL)
			_ = cmd.Wait()
		})
	}
}
