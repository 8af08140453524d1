package publish

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/qalam/policyeditor/publish/chromiumtest"
	"github.com/qalam/policyeditor/storage/storagetest"
)

// The tests in this file load rendered pages in a real Chromium (Debian
// package "chromium", run by chromiumtest) and ask it, through the DevTools
// protocol, what it laid out. Without chromium they fail when CI=true and
// skip otherwise.

// xssAttempts would change document.title if any script ran.
const xssAttempts = "\n\n<script>document.title='pwned'</script>\n\n" +
	"نص <img src=x onerror=\"document.title='pwned'\"> و<svg onload=\"document.title='pwned'\"></svg>\n\n" +
	"![x](javascript:document.title='pwned') [x](javascript:document.title='pwned')\n\n" +
	"<iframe srcdoc=\"<script>parent.document.title='pwned'</script>\"></iframe>\n"

// browserPage is the result of probePage.
type browserPage struct {
	Dir        string   `json:"dir"`
	Title      string   `json:"title"`
	Scripts    int      `json:"scripts"`
	EmailDirs  []string `json:"emailDirs"`
	URLDirs    []string `json:"urlDirs"`
	LatinDirs  []string `json:"latinDirs"`
	HeadingDir string   `json:"headingDir"`
	Font       string   `json:"font"`
	ListStyle  string   `json:"listStyle"`
	ListSide   string   `json:"listSide"` // side of the list's marker gutter
}

const probeJS = `(() => {
  const dirOf = sel => [...document.querySelectorAll('bdi')].filter(sel).map(e => getComputedStyle(e).direction);
  const li = document.querySelector('ol li'), ol = li && li.parentElement;
  const lr = li && li.getBoundingClientRect(), or = ol && ol.getBoundingClientRect();
  return JSON.stringify({
    dir: getComputedStyle(document.documentElement).direction,
    title: document.title,
    scripts: document.scripts.length,
    emailDirs: dirOf(e => e.textContent.includes('@')),
    urlDirs: dirOf(e => e.textContent.includes('www.')),
    latinDirs: dirOf(e => e.textContent.includes('Google')),
    headingDir: getComputedStyle(document.querySelector('h2')).direction,
    font: getComputedStyle(document.body.querySelector('p')).fontFamily,
    listStyle: ol ? getComputedStyle(ol).listStyleType : '',
    listSide: !lr ? '' : (or.right - lr.right > lr.left - or.left ? 'right' : 'left'),
  });
})()`

func TestChromiumSeedPage(t *testing.T) {
	chromiumtest.Path(t)
	p := storagetest.SeedPage()
	p.Sections[6].Body += xssAttempts
	html, err := Render(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "seed.html")
	writeFile(t, page, string(html))

	got := probe(t, page)
	if got.Dir != "rtl" {
		t.Errorf("document direction = %q, want rtl", got.Dir)
	}
	if got.Title != p.Title {
		t.Errorf("document.title = %q after load, want %q (a script ran)", got.Title, p.Title)
	}
	if got.Scripts != 0 {
		t.Errorf("document.scripts.length = %d, want 0", got.Scripts)
	}
	wantAll(t, "e-mail <bdi> directions", got.EmailDirs, "ltr")
	wantAll(t, "URL <bdi> directions", got.URLDirs, "ltr")
	wantAll(t, "Latin name <bdi> directions", got.LatinDirs, "ltr")
	if got.HeadingDir != "rtl" {
		t.Errorf("h2 direction = %q, want rtl", got.HeadingDir)
	}
	if !strings.Contains(got.Font, "Noto Naskh Arabic") {
		t.Errorf("paragraph font-family = %q, want the Arabic stack", got.Font)
	}
	if got.ListSide != "right" {
		t.Errorf("ordered list marker gutter is on the %q, want right", got.ListSide)
	}

	shot := screenshot(t, page)
	t.Logf("screenshot of the seed page: %s", shot)
}

// TestChromiumHarnessSeesScript makes sure the probe would notice a script
// that ran: a page that is not from Render changes its title.
func TestChromiumHarnessSeesScript(t *testing.T) {
	chromiumtest.Path(t)
	page := filepath.Join(t.TempDir(), "control.html")
	writeFile(t, page, `<!DOCTYPE html><html lang="en" dir="ltr"><head><title>before</title></head><body><h2>x</h2><p>p</p><script>document.title='pwned'</script></body></html>`)
	if got := probe(t, page); got.Title != "pwned" || got.Dir != "ltr" {
		t.Errorf("control page: title %q dir %q, want pwned ltr (the harness cannot see scripts)", got.Title, got.Dir)
	}
}

func TestChromiumEnglishPage(t *testing.T) {
	chromiumtest.Path(t)
	html, err := Render(englishPage(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "en.html")
	writeFile(t, page, string(html))
	got := probe(t, page)
	if got.Dir != "ltr" || got.HeadingDir != "ltr" {
		t.Errorf("English page: document %q, h2 %q, want ltr", got.Dir, got.HeadingDir)
	}
	if got.Title != englishPage().Title {
		t.Errorf("English page title = %q", got.Title)
	}
}

// TestChromiumArabicIndicLists checks that ordered lists of a page numbered
// in Arabic-Indic digits get arabic-indic markers, on the right.
func TestChromiumArabicIndicLists(t *testing.T) {
	chromiumtest.Path(t)
	html, err := Render(listsPage(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "lists.html")
	writeFile(t, page, string(html))
	got := probe(t, page)
	if got.ListStyle != "arabic-indic" || got.ListSide != "right" {
		t.Errorf("ordered list: list-style-type %q on the %q, want arabic-indic on the right", got.ListStyle, got.ListSide)
	}
}

func wantAll(t *testing.T, what string, got []string, want string) {
	t.Helper()
	if len(got) == 0 {
		t.Errorf("%s: no elements found", what)
	}
	for _, d := range got {
		if d != want {
			t.Errorf("%s = %q, want all %q", what, got, want)
			return
		}
	}
}

// probe loads file in a headless Chromium and evaluates probeJS once the
// document is complete.
func probe(t *testing.T, file string) browserPage {
	t.Helper()
	page := chromiumtest.Open(t, chromiumtest.FileURL(file))
	// Let any (unwanted) deferred script or error handler run.
	if _, err := page.Eval("new Promise(r => setTimeout(() => r('ok'), 300))"); err != nil {
		t.Fatal(err)
	}
	raw, err := page.Eval(probeJS)
	if err != nil {
		t.Fatal(err)
	}
	var got browserPage
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatalf("probe result %q: %v", raw, err)
	}
	return got
}

// screenshot saves a 1000×2000 screenshot of file to testdata/out/ (git
// ignored) and returns its path.
func screenshot(t *testing.T, file string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", "out"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(file), ".html")+".png")
	_ = os.Remove(out)
	ctx, cancel := context.WithTimeout(context.Background(), chromiumtest.Timeout)
	defer cancel()
	args := chromiumtest.Args(t, "--hide-scrollbars", "--screenshot="+out, "--window-size=1000,2000", chromiumtest.FileURL(file))
	cmd := exec.CommandContext(ctx, chromiumtest.Path(t), args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium --screenshot: %v\n%s", err, msg)
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("no screenshot written to %s: %v", out, err)
	}
	return out
}
