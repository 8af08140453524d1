package preview

import (
	"bytes"
	"context"
	"os/exec"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qalam/policyeditor/publish/chromiumtest"
	"github.com/qalam/policyeditor/storage"
)

// countingStore counts page loads, to see a browser reload from the
// server side.
type countingStore struct {
	*fakeStore
	loads atomic.Int32
}

func (c *countingStore) FindPageBySlug(ctx context.Context, slug string) (storage.Page, error) {
	c.loads.Add(1)
	return c.fakeStore.FindPageBySlug(ctx, slug)
}

func waitFor(t *testing.T, what string, d time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestChromiumLiveReload opens a preview page in headless Chromium, saves
// the draft, and sees the browser load the page again: the reload script
// runs under the page's Content-Security-Policy and gets the event.
func TestChromiumLiveReload(t *testing.T) {
	bin := chromiumtest.Path(t)
	store := &countingStore{fakeStore: newFakeStore(samplePage())}
	s, _ := startServer(t, store, Options{Poll: 50 * time.Millisecond})
	var stderr bytes.Buffer
	ctx, cancel := context.WithCancel(t.Context())
	cmd := exec.CommandContext(ctx, bin, chromiumtest.Args(t, "--remote-debugging-address=127.0.0.1",
		"--remote-debugging-port=0", "--enable-logging=stderr", s.PageURL(arabicSlug))...)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	stop := func() {
		cancel()
		_ = cmd.Wait()
	}
	t.Cleanup(stop)
	waitFor(t, "the first page load", 30*time.Second, func() bool { return store.loads.Load() >= 1 })
	// Give the page time to open its event stream, then save.
	time.Sleep(1500 * time.Millisecond)
	if n := store.loads.Load(); n != 1 {
		t.Fatalf("page loaded %d times before any save", n)
	}
	store.setBody(arabicSlug, "نص جديد بعد الحفظ")
	waitFor(t, "a reload after the save", 15*time.Second, func() bool { return store.loads.Load() >= 2 })
	stop() // stderr is complete and no longer written
	if bytes.Contains(stderr.Bytes(), []byte("Content Security Policy")) {
		t.Errorf("chromium reports a CSP violation:\n%s", stderr.String())
	}
}
