package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// firstFrameRow times the real desktop binary from exec to its first
// drawn frame under Xvfb, against a minimal Fyne window (bench/hello)
// built and started the same way, alternating the two.
//
// "First frame" is read from the X server, the same way for both: the
// window (found by title with xwininfo) is fetched with the X protocol's
// GetImage every few milliseconds, and the first image that is not one
// flat colour is the first frame: the window exists, is mapped and
// something beyond a cleared background has been drawn into it. Polling
// costs a little CPU on the shared cores and rounds each figure up by up
// to one poll (about 5 ms plus the fetch of a 1200×800 image). Policy
// Editor starts on an existing database (the first start, which seeds the
// sample policy, is run once before the timed ones).
func firstFrameRow(work string) {
	const what = "start-up to first frame (Xvfb, existing database)"
	for _, tool := range []string{"Xvfb", "xwininfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			rows = append(rows, row{what: what, ours: "— (" + tool + " not installed: scripts/setup test)"})
			return
		}
	}
	pe, hello := filepath.Join(work, "policyeditor-gui"), filepath.Join(work, "hello")
	for out, pkg := range map[string]string{pe: ".", hello: "./bench/hello"} {
		cmd := exec.Command("go", "build", "-o", out, pkg)
		cmd.Stderr = os.Stderr
		check(cmd.Run())
	}
	display, stop, err := startXvfb()
	check(err)
	defer stop()
	x, err := dialX(display)
	check(err)
	defer x.Close()
	cfg := filepath.Join(work, "gui-config")
	env := append(os.Environ(), "DISPLAY="+display, "XDG_CONFIG_HOME="+cfg, "POLICYEDITOR_DB=", "LIBGL_ALWAYS_SOFTWARE=1", "LANG=en_US.UTF-8")
	_, err = firstFrame(x, display, env, pe, "Policy Editor") // creates and seeds the database
	check(err)
	var ours, peer []time.Duration
	for range *runs {
		d, err := firstFrame(x, display, env, pe, "Policy Editor")
		check(err)
		ours = append(ours, d)
		d, err = firstFrame(x, display, env, hello, "Hello")
		check(err)
		peer = append(peer, d)
	}
	add(what, "Fyne hello world, same way", medianOf(ours), medianOf(peer))
}

func medianOf(ds []time.Duration) time.Duration {
	i := 0
	return median(len(ds), func() time.Duration { i++; return ds[i-1] })
}

// startXvfb starts a virtual X server on a display it chooses and
// returns the display and a function that stops it. -noreset: a server
// whose last client left resets, and drops a client connecting meanwhile.
func startXvfb() (string, func(), error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err
	}
	defer r.Close()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp", "-noreset")
	x.ExtraFiles = []*os.File{w}
	err = x.Start()
	w.Close()
	if err != nil {
		return "", nil, fmt.Errorf("start Xvfb: %w", err)
	}
	stop := func() {
		_ = x.Process.Signal(syscall.SIGTERM) // it removes its socket and lock
		_ = x.Wait()
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		stop()
		return "", nil, fmt.Errorf("read the display Xvfb chose: %w", err)
	}
	return ":" + strings.TrimSpace(line), stop, nil
}

// firstFrame starts bin and returns the time from its start to the first
// image of its window titled title that is not one flat colour.
func firstFrame(x *xconn, display string, env []string, bin, title string) (time.Duration, error) {
	cmd := exec.Command(bin)
	cmd.Env = env
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	}()
	deadline := t0.Add(time.Minute)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return 0, fmt.Errorf("%s exited before drawing a frame: %s", bin, out.String())
		default:
		}
		if id, w, h, ok := findWindow(display, title); ok {
			img, err := x.getImage(id, w, h)
			if err == nil && !flat(img) {
				return time.Since(t0), nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	return 0, fmt.Errorf("%s drew no frame within a minute: %s", bin, out.String())
}

var (
	windowID = regexp.MustCompile(`Window id: (0x[0-9a-f]+)`)
	widthRe  = regexp.MustCompile(`Width: ([0-9]+)`)
	heightRe = regexp.MustCompile(`Height: ([0-9]+)`)
)

// findWindow returns the id and size of the mapped window titled title.
func findWindow(display, title string) (id uint32, w, h uint16, ok bool) {
	out, err := exec.Command("xwininfo", "-display", display, "-name", title).Output()
	if err != nil || !strings.Contains(string(out), "IsViewable") {
		return 0, 0, 0, false
	}
	m, mw, mh := windowID.FindSubmatch(out), widthRe.FindSubmatch(out), heightRe.FindSubmatch(out)
	if m == nil || mw == nil || mh == nil {
		return 0, 0, 0, false
	}
	n, _ := strconv.ParseUint(string(m[1][2:]), 16, 32)
	wi, _ := strconv.Atoi(string(mw[1]))
	he, _ := strconv.Atoi(string(mh[1]))
	return uint32(n), uint16(wi), uint16(he), true
}

// flat reports whether every 32-bit pixel of a ZPixmap image of depth 24
// has the colour of the first.
func flat(img []byte) bool {
	if len(img) < 4 {
		return true
	}
	first := binary.LittleEndian.Uint32(img) & 0xffffff
	for i := 4; i+4 <= len(img); i += 4 {
		if binary.LittleEndian.Uint32(img[i:])&0xffffff != first {
			return false
		}
	}
	return true
}

// xconn is a bare X11 connection: enough of the protocol for GetImage.
type xconn struct{ net.Conn }

// dialX connects to the local X server of display (":N") without
// authorisation, which Xvfb started without -auth accepts.
func dialX(display string) (*xconn, error) {
	c, err := net.Dial("unix", "/tmp/.X11-unix/X"+strings.TrimPrefix(display, ":"))
	if err != nil {
		return nil, err
	}
	// Setup: little-endian, protocol 11.0, no authorisation.
	if _, err := c.Write([]byte{'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0}); err != nil {
		c.Close()
		return nil, err
	}
	head := make([]byte, 8)
	if _, err := io.ReadFull(c, head); err != nil {
		c.Close()
		return nil, err
	}
	rest := make([]byte, 4*int(binary.LittleEndian.Uint16(head[6:])))
	if _, err := io.ReadFull(c, rest); err != nil || head[0] != 1 {
		c.Close()
		return nil, fmt.Errorf("the X server on %s refused the connection", display)
	}
	return &xconn{c}, nil
}

// getImage fetches the w×h ZPixmap image of window id (an error if the
// window is not viewable).
func (x *xconn) getImage(id uint32, w, h uint16) ([]byte, error) {
	req := make([]byte, 20)
	req[0], req[1] = 73, 2 // GetImage, ZPixmap
	binary.LittleEndian.PutUint16(req[2:], 5)
	binary.LittleEndian.PutUint32(req[4:], id)
	binary.LittleEndian.PutUint16(req[12:], w)
	binary.LittleEndian.PutUint16(req[14:], h)
	binary.LittleEndian.PutUint32(req[16:], 0xffffffff)
	if _, err := x.Write(req); err != nil {
		return nil, err
	}
	head := make([]byte, 32)
	if _, err := io.ReadFull(x, head); err != nil {
		return nil, err
	}
	if head[0] == 0 {
		return nil, errors.New("GetImage: X error " + strconv.Itoa(int(head[1])))
	}
	data := make([]byte, 4*int(binary.LittleEndian.Uint32(head[4:])))
	_, err := io.ReadFull(x, data)
	return data, err
}
