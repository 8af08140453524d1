package app

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage/postgres/pgtest"
)

// cliChildEnv makes the test binary run the command line (its arguments
// after "--") instead of the tests: the fault and concurrency tests run
// real processes and kill them, which an in-process Main cannot show.
const cliChildEnv = "POLICYEDITOR_TEST_CLI"

// cliHoldEnv, if "1" in a child, makes it report on file descriptor 3
// when the command starts ("start") and when it has finished ("end CODE"),
// and then wait to be killed instead of exiting: a fault test's kill then
// always lands on a live process, mid-way or after the end, and the test
// knows which (see faultRun).
const cliHoldEnv = "POLICYEDITOR_TEST_HOLD"

// autosaveChildEnv, if "1", makes the test binary run autosaveChild
// instead of the tests.
const autosaveChildEnv = "POLICYEDITOR_TEST_AUTOSAVE"

// autosaveChild, if set (by a test file of the window build), runs the
// window's autosave in a child process for the fault tests: see
// autosaveChildEnv.
var autosaveChild func() int

// recoveryChildEnv, if "1", makes the test binary run recoveryChild (a
// window holding a conflict, set by the window build's tests) instead of
// the tests.
const recoveryChildEnv = "POLICYEDITOR_TEST_RECOVERY"

var recoveryChild func() int

// cliFileSizeEnv, if set in a child, limits the size of every file it
// writes to that many bytes (RLIMIT_FSIZE).
const cliFileSizeEnv = "POLICYEDITOR_TEST_FSIZE"

func TestMain(m *testing.M) {
	if os.Getenv(cliChildEnv) == "1" {
		if n, err := strconv.ParseUint(os.Getenv(cliFileSizeEnv), 10, 64); err == nil {
			// A full disk for every file the command writes (SIGXFSZ is
			// ignored by Go programs: the write fails with EFBIG).
			if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
				os.Exit(98)
			}
		}
		args := os.Args[1:]
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		if os.Getenv(cliHoldEnv) != "1" {
			os.Exit(Main(args, os.Stdout, os.Stderr))
		}
		marks := os.NewFile(3, "marks")
		fmt.Fprintln(marks, "start")
		code := Main(args, os.Stdout, os.Stderr)
		fmt.Fprintln(marks, "end", code)
		time.Sleep(time.Hour) // until the test kills us
		os.Exit(code)
	}
	if os.Getenv(autosaveChildEnv) == "1" && autosaveChild != nil {
		os.Exit(autosaveChild())
	}
	if os.Getenv(recoveryChildEnv) == "1" && recoveryChild != nil {
		os.Exit(recoveryChild())
	}
	code := m.Run()
	// The PostgreSQL server the team tests started on first use.
	if err := pgtest.StopShared(); err != nil && code == 0 {
		code = 1
	}
	os.Exit(code)
}

// cliCommand is the command line `policyeditor --db db args…` as a child
// process of the test binary.
func cliCommand(t testing.TB, db string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, append([]string{"-test.run=^$", "--", "--db", db}, args...)...)
	cmd.Env = append(os.Environ(), cliChildEnv+"=1")
	return cmd
}

// runChild runs the command line in a child process to the end.
func runChild(t testing.TB, db string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := cliCommand(t, db, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errOut.String()
	}
	if err != nil {
		t.Fatalf("run policyeditor %s: %v", strings.Join(args, " "), err)
	}
	return 0, out.String(), errOut.String()
}

// waitFor polls ok until it holds or d has passed.
func waitFor(t testing.TB, what string, d time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
