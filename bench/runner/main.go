// Command runner is bench/run: it measures Policy Editor and, in the same
// run, a peer doing the same work, and prints one Markdown table (our
// figure, the peer's, the ratio ours/peer; below 1 is faster or smaller).
//
//	go run ./bench/runner [-runs N] [-pages N] [-only publish,startup]
//
// Peers: goldmark alone (CommonMark + tables + strikethrough, no
// extensions of ours) and pandoc for rendering, Hugo for publishing many
// pages (Hugo does not fsync; we fsync every page), plain SQLite UPDATEs
// through the same driver for autosave, and go-text's own pipeline
// (x/text bidi inside its Segmenter, HarfBuzz shaping, LineWrapper) for
// bidi + layout. pandoc and hugo are Debian packages (scripts/setup bench).
package main

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/image/math/fixed"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/editor/bidi"
	"github.com/qalam/policyeditor/editor/textlayout"
	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/importer"
	"github.com/qalam/policyeditor/storage/numbering"
	"github.com/qalam/policyeditor/storage/sqlite"
	"github.com/qalam/policyeditor/storage/storagetest"
)

type row struct {
	what, ours, peerName, peer string
	ratio                      float64 // 0: no peer
}

var (
	runs  = flag.Int("runs", 5, "runs of each process-level measurement (median)")
	pages = flag.Int("pages", 100, "pages for publish --all")
	only  = flag.String("only", "", "comma-separated rows to run: render, publish, autosave, import, layout, startup (default all)")
	rows  []row
	// publishRuns lists each publish run, ours/Hugo in ms, in run order.
	publishRuns string
)

// startLoad is the load average when the run began: the machine is shared.
var startLoad = loadAverage()

// loadAverage is the 1-minute load average.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Fields(string(data))[0]
}

func main() {
	if len(os.Args) > 2 && os.Args[1] == measureArg {
		measureChild(os.Args[2:])
		return
	}
	flag.Parse()
	work, err := os.MkdirTemp("", "bench-run-")
	check(err)
	defer os.RemoveAll(work)

	if want("render") {
		seed := storagetest.SeedPage()
		renderRow("render the seed page", seed, work)
		renderRow("render a 1 MB page", megabytePage(seed), work)
	}
	if want("publish") {
		publishRows(work)
	}
	if want("autosave") {
		autosaveRows(work)
	}
	if want("import") {
		importRow()
	}
	if want("layout") {
		keystrokeRow(layoutRow())
	}
	if want("startup") {
		firstFrameRow(work)
	}
	printTable()
}

// want reports whether the row group name is to be run (-only).
func want(name string) bool {
	return *only == "" || slices.Contains(strings.Split(*only, ","), name)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/run:", err)
		os.Exit(1)
	}
}

// perOp times f with the testing package's benchmark loop.
func perOp(f func()) time.Duration {
	r := testing.Benchmark(func(b *testing.B) {
		for b.Loop() {
			f()
		}
	})
	return time.Duration(r.NsPerOp())
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/1e6) }

func add(what, peerName string, ours, peer time.Duration) {
	r := row{what: what, ours: ms(ours), peerName: peerName}
	if peer > 0 {
		r.peer, r.ratio = ms(peer), float64(ours)/float64(peer)
	}
	rows = append(rows, r)
}

// markdown is the page as one Markdown document, for the peers.
func markdown(p storage.Page) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", p.Title)
	for i, label := range numbering.Labels(p.Numbering, p.Sections) {
		s := p.Sections[i]
		if s.Heading != "" || label != "" {
			fmt.Fprintf(&b, "## %s\n\n", numbering.Heading(p.Numbering, label, s.Heading))
		}
		fmt.Fprintf(&b, "%s\n\n", s.Body)
	}
	return b.String()
}

// megabytePage is the seed's sections repeated to about 1 MB, in sections
// under the store's size limit.
func megabytePage(seed storage.Page) storage.Page {
	p := seed
	p.Sections = nil
	var body strings.Builder
	for total := 0; total < 1<<20; {
		for _, s := range seed.Sections {
			body.WriteString(s.Body + "\n\n")
			total += len(s.Body) + 2
			if body.Len() > 200<<10 {
				p.Sections = append(p.Sections, storage.Section{Kind: storage.KindNumbered, Heading: fmt.Sprint("قسم ", len(p.Sections)+1), Body: body.String()})
				body.Reset()
			}
		}
	}
	if body.Len() > 0 {
		p.Sections = append(p.Sections, storage.Section{Kind: storage.KindNumbered, Heading: "الأخير", Body: body.String()})
	}
	return p
}

func renderRow(what string, page storage.Page, work string) {
	ours := perOp(func() {
		if _, err := publish.Render(page, publish.Options{}); err != nil {
			check(err)
		}
	})
	md := []byte(markdown(page))
	gm := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	var buf bytes.Buffer
	peer := perOp(func() {
		buf.Reset()
		check(gm.Convert(md, &buf))
	})
	add(what+fmt.Sprintf(" (%d KB of Markdown)", len(md)>>10), "goldmark alone", ours, peer)
	if _, err := exec.LookPath("pandoc"); err != nil {
		rows = append(rows, row{what: what, ours: ms(ours), peerName: "pandoc", peer: "— (not installed: scripts/setup bench)"})
		return
	}
	in := filepath.Join(work, "page.md")
	check(os.WriteFile(in, md, 0o644))
	pd := median(*runs, func() time.Duration {
		t0 := time.Now()
		out, err := exec.Command("pandoc", "-f", "commonmark", "-t", "html", in).Output()
		check(err)
		_ = out
		return time.Since(t0)
	})
	add(what, "pandoc (a process per page)", ours, pd)
}

func median(n int, f func() time.Duration) time.Duration {
	ds := make([]time.Duration, n)
	for i := range ds {
		ds[i] = f()
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[n/2]
}

// publishRows times `publish --all` of N imported pages (each run on a
// fresh copy of the store, every page written and fsynced) against
// `hugo` building the same pages into an empty folder, both as processes,
// and their peak memory.
func publishRows(work string) {
	if _, err := exec.LookPath("hugo"); err != nil {
		rows = append(rows, row{what: "publish --all", ours: "—", peerName: "Hugo", peer: "— (not installed: scripts/setup bench)"})
		return
	}
	pe := filepath.Join(work, "policyeditor")
	gen := filepath.Join(work, "publishgen")
	build := func(out string, args ...string) {
		cmd := exec.Command("go", append([]string{"build", "-o", out}, args...)...)
		cmd.Stderr = os.Stderr
		check(cmd.Run())
	}
	build(pe, "-tags", "nogui", ".")
	build(gen, "./bench/publishgen")
	md, site := filepath.Join(work, "md"), filepath.Join(work, "hugo")
	runQuiet(gen, "gen", md, fmt.Sprint(*pages))
	runQuiet(gen, "hugo", site, md)
	base := filepath.Join(work, "base")
	check(os.MkdirAll(base, 0o755))
	files, _ := filepath.Glob(filepath.Join(md, "*.md"))
	for _, f := range files {
		runQuiet(pe, "--db", filepath.Join(base, "drafts.db"), "import", f, "--slug", strings.TrimSuffix(filepath.Base(f), ".md"))
	}
	var peRSS, hugoRSS int64
	// What a run leaves is moved aside, into used, not deleted until every
	// run is done: on ext4 without a journal (these machines' disks) a new
	// inode is not taken from those freed in the last minute or more, and
	// every file or folder created steps over each of them in turn, so
	// deleting the last run's 200-odd files made every create of the next
	// run cost about 0.5 ms instead of 0.08 ms (200 creates: 75-100 ms
	// against 15 ms). Both tools paid it, which made the run a test of that
	// scan more than of either tool; a site published for real is not
	// deleted a moment before.
	used := filepath.Join(work, "used")
	check(os.MkdirAll(used, 0o755))
	moveAside := func(path string) {
		if _, err := os.Lstat(path); err == nil {
			check(os.Rename(path, filepath.Join(used, fmt.Sprintf("%d-%s", time.Now().UnixNano(), filepath.Base(path)))))
		}
	}
	// Alternate the two, so that a change in the shared machine's load
	// falls on both.
	var ours, peer []time.Duration
	for range *runs {
		run := filepath.Join(work, "run")
		moveAside(run)
		moveAside(filepath.Join(base, "site"))
		check(os.MkdirAll(run, 0o755))
		for _, f := range []string{"drafts.db", "drafts.db-wal", "drafts.db-shm"} {
			if data, err := os.ReadFile(filepath.Join(base, f)); err == nil {
				check(os.WriteFile(filepath.Join(run, f), data, 0o600))
			}
		}
		// The copies above are dirty page cache; flush them now so that
		// neither run writes back what the preparation left (ours would:
		// a syncfs flushes the whole file system).
		syscall.Sync()
		d, rss := timedProcess(pe, "--db", filepath.Join(run, "drafts.db"), "publish", "--all", "--target", "site")
		peRSS = max(peRSS, rss)
		ours = append(ours, d)
		moveAside(filepath.Join(site, "public"))
		syscall.Sync()
		d, rss = timedProcess("hugo", "--quiet", "--source", site, "--destination", filepath.Join(site, "public"))
		hugoRSS = max(hugoRSS, rss)
		peer = append(peer, d)
	}
	var pairs []string
	for i := range ours {
		pairs = append(pairs, fmt.Sprintf("%.0f/%.0f", float64(ours[i])/1e6, float64(peer[i])/1e6))
	}
	publishRuns = strings.Join(pairs, ", ")
	add(fmt.Sprintf("publish --all, %d pages (process; ours makes every page durable)", *pages), "Hugo (no fsync)", medianOf(ours), medianOf(peer))
	rows = append(rows, row{what: fmt.Sprintf("peak memory, publish --all of %d pages", *pages),
		ours: fmt.Sprintf("%.1f MB", float64(peRSS)/1024), peerName: "Hugo", peer: fmt.Sprintf("%.1f MB", float64(hugoRSS)/1024),
		ratio: float64(peRSS) / float64(hugoRSS)})
}

func runQuiet(name string, args ...string) {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		check(fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out))
	}
}

// measureArg makes the runner a small go-between that runs the command
// after it and prints its wall time and peak RSS; see timedProcess.
const measureArg = "-measure-child"

// timedProcess runs a command and returns its wall time and peak RSS (KB).
// The command is started by a fresh copy of the runner (measureArg), not by
// this process: a child's peak RSS as Linux reports it includes the memory
// of the process it was forked from (fork copies the high-water mark, exec
// folds the old one in), and this runner grows large in the render rows.
func timedProcess(name string, args ...string) (time.Duration, int64) {
	self, err := os.Executable()
	check(err)
	cmd := exec.Command(self, append([]string{measureArg, name}, args...)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		check(fmt.Errorf("%s: %v: %s", name, err, errOut.String()))
	}
	var ns, rss int64
	if _, err := fmt.Sscan(out.String(), &ns, &rss); err != nil {
		check(fmt.Errorf("%s: measuring go-between said %q: %v", name, out.String(), err))
	}
	return time.Duration(ns), rss
}

// measureChild is the go-between of timedProcess: it runs argv, prints
// "wall-ns peak-rss-KB" and exits with argv's failure, if any.
func measureChild(argv []string) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stderr = os.Stderr
	t0 := time.Now()
	err := cmd.Run()
	d := time.Since(t0)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	fmt.Println(d.Nanoseconds(), rss)
}

// autosaveRows measures SaveSectionBody (the editor's autosave: one write
// transaction, change counter, page touch) against a bare UPDATE of the
// same row through the same driver and pragmas.
func autosaveRows(work string) {
	path := filepath.Join(work, "autosave.db")
	db, err := sqlite.Open(path)
	check(err)
	defer db.Close()
	ctx := context.Background()
	p := storagetest.SeedPage()
	check(db.CreatePage(ctx, &p))
	id := p.Sections[1].ID
	body := p.Sections[1].Body
	const n = 400
	ours := make([]time.Duration, n)
	for i := range ours {
		t0 := time.Now()
		check(db.SaveSectionBody(ctx, id, fmt.Sprintf("%s %d", body, i)))
		ours[i] = time.Since(t0)
	}
	raw, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=NORMAL&_busy_timeout=10000")
	check(err)
	defer raw.Close()
	peer := make([]time.Duration, n)
	for i := range peer {
		t0 := time.Now()
		_, err := raw.Exec(`UPDATE sections SET body = ? WHERE id = ?`, fmt.Sprintf("%s %d", body, -i), id.String())
		check(err)
		peer[i] = time.Since(t0)
	}
	pct := func(ds []time.Duration, q float64) time.Duration {
		s := append([]time.Duration(nil), ds...)
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
		return s[int(q*float64(len(s)-1))]
	}
	add("autosave p50 (SaveSectionBody)", "bare SQLite UPDATE", pct(ours, 0.5), pct(peer, 0.5))
	add("autosave p99", "bare SQLite UPDATE", pct(ours, 0.99), pct(peer, 0.99))
}

func importRow() {
	ours := perOp(func() {
		if _, err := importer.Import("privacy.txt", assets.SamplePolicy); err != nil {
			check(err)
		}
	})
	rows = append(rows, row{what: fmt.Sprintf("import the seed (%d KB of text, parse only)", len(assets.SamplePolicy)>>10), ours: ms(ours), peerName: "— (no tool reads a pasted policy page)"})
}

// paragraph is about n runes of the seed's text with Latin words, numbers
// and an address mixed in.
func paragraph(n int) []rune {
	var out []rune
	extra := []string{" Google Analytics ", " 17/07/2023م ", " support@gmail.com ", " (www.qlmlearn.com) "}
	p := storagetest.SeedPage()
	for k := 0; len(out) < n; k++ {
		for _, s := range p.Sections {
			out = append(out, []rune(strings.ReplaceAll(s.Body, "\n", " "))...)
			out = append(out, []rune(extra[k%len(extra)])...)
		}
	}
	return out[:n]
}

// goTextFonts resolves Arabic runes to Noto Naskh Arabic and the rest to
// Noto Sans, as our layout does.
type goTextFonts struct{ arabic, latin *font.Face }

func (f goTextFonts) ResolveFace(r rune) *font.Face {
	if r >= 0x0600 && r <= 0x06FF || r >= 0xFB50 && r <= 0xFEFF {
		return f.arabic
	}
	return f.latin
}

// keystrokeRow runs editor/textedit's BenchmarkKeystrokeParagraph2000
// (insert a character in a 2,000-character paragraph and lay out what
// changed) and compares it with go-text laying the paragraph out whole.
func keystrokeRow(peer time.Duration) {
	out, err := exec.Command("go", "test", "-tags", "ci", "-run", "^$", "-bench", "BenchmarkKeystrokeParagraph2000/layout$",
		"-benchtime", "300x", "./editor/textedit/").CombinedOutput()
	if err != nil {
		rows = append(rows, row{what: "keystroke", ours: fmt.Sprintf("— (benchmark failed: %v)", err)})
		return
	}
	for _, l := range strings.Split(string(out), "\n") {
		f := strings.Fields(l)
		if len(f) >= 3 && strings.HasPrefix(f[0], "BenchmarkKeystrokeParagraph2000/layout") {
			var ns float64
			if _, err := fmt.Sscan(f[2], &ns); err == nil {
				add("keystroke in a 2,000-character paragraph (edit + layout of what changed)", "go-text laying the paragraph out whole", time.Duration(ns), peer)
				return
			}
		}
	}
	rows = append(rows, row{what: "keystroke", ours: "— (no benchmark line)"})
}

func layoutRow() time.Duration {
	text := paragraph(2000)
	ours := perOp(func() { textlayout.Layout(textlayout.Params{Text: text, Dir: bidi.RTL, Width: 600}) })
	ar, err := font.ParseTTF(bytes.NewReader(assets.ArabicRegular))
	check(err)
	la, err := font.ParseTTF(bytes.NewReader(assets.LatinRegular))
	check(err)
	fonts := goTextFonts{arabic: ar, latin: la}
	var seg shaping.Segmenter
	var shaper shaping.HarfbuzzShaper
	var wrap shaping.LineWrapper
	size := fixed.I(int(textlayout.DefaultSize))
	peer := perOp(func() {
		in := shaping.Input{Text: text, RunStart: 0, RunEnd: len(text), Direction: di.DirectionRTL, Size: size, Language: language.NewLanguage("ar")}
		runs := seg.Split(in, fonts)
		outs := make([]shaping.Output, len(runs))
		for i, r := range runs {
			outs[i] = shaper.Shape(r)
		}
		wrap.WrapParagraph(shaping.WrapConfig{Direction: di.DirectionRTL}, 600, text, shaping.NewSliceIterator(outs))
	})
	add("bidi + layout of a 2,000-character paragraph (ours: word cache warm)", "x/text bidi + go-text shaping and wrapping", ours, peer)
	return peer
}

func printTable() {
	host, _ := os.Hostname()
	cpu := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "model name") {
				_, cpu, _ = strings.Cut(l, ": ")
				break
			}
		}
	}
	fmt.Printf("Machine: %s, %d CPUs (%s), %s/%s, %s; %s; load average %s at the start, %s at the end\n\n", cpu, runtime.NumCPU(), host,
		runtime.GOOS, runtime.GOARCH, runtime.Version(), time.Now().UTC().Format("2006-01-02"), startLoad, loadAverage())
	fmt.Println("| measure | ours | peer | peer's figure | ours / peer |")
	fmt.Println("|---|---|---|---|---|")
	defer func() {
		if publishRuns != "" {
			fmt.Printf("\npublish --all runs, alternating, ours/Hugo in ms: %s\n", publishRuns)
		}
	}()
	for _, r := range rows {
		ratio := "—"
		if r.ratio > 0 {
			ratio = fmt.Sprintf("%.2f", r.ratio)
		}
		peer := r.peer
		if peer == "" {
			peer = "—"
		}
		name := r.peerName
		if name == "" {
			name = "—"
		}
		fmt.Printf("| %s | %s | %s | %s | %s |\n", r.what, r.ours, name, peer, ratio)
	}
}
