// Package xvfbtest starts a virtual X server for tests that open a real
// window (GLFW, not Fyne's test driver).
//
// Xvfb picks the display itself (-displayfd), so test binaries that run at
// the same time (go test runs packages in parallel) never race for one
// display number, as probing /tmp/.X*-lock and then starting did.
package xvfbtest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Start starts Xvfb with one screen of width×height×24 on a display it
// chooses, waits until it answers, stops it when the test ends, and returns
// the display name (":N"). It fails the test if Xvfb cannot start.
func Start(tb testing.TB, width, height int) string {
	tb.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", width, height), "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		w.Close()
		tb.Fatalf("start Xvfb: %v", err)
	}
	w.Close()
	tb.Cleanup(func() { stop(x) })

	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	var n string
	select {
	case n = <-got:
	case <-time.After(30 * time.Second):
		tb.Fatal("Xvfb did not report its display within 30 s")
	}
	if n == "" {
		tb.Fatal("Xvfb exited without reporting a display")
	}
	display := ":" + n
	for i := 0; i < 100; i++ {
		if exec.Command("xwininfo", "-display", display, "-root").Run() == nil {
			return display
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.Fatalf("Xvfb on %s does not answer", display)
	return ""
}

// stop ends Xvfb with SIGTERM, so that it removes its lock file and
// socket (a killed server leaves both in /tmp for the next one to trip
// on), and kills it if it has not gone within five seconds.
func stop(x *exec.Cmd) {
	done := make(chan struct{})
	go func() { _ = x.Wait(); close(done) }()
	_ = x.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = x.Process.Kill()
		<-done
	}
}

// WaitForWindow waits up to timeout for a top-level window with the title
// on display, or until exited is closed (the program ended first).
func WaitForWindow(display, title string, timeout time.Duration, exited <-chan struct{}) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return fmt.Errorf("the program exited before showing a window titled %q", title)
		default:
		}
		out, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
		if bytes.Contains(out, []byte(`"`+title+`"`)) {
			return nil
		}
		time.Sleep(250 * time.Millisecond)
	}
	return fmt.Errorf("no window titled %q within %s", title, timeout)
}
