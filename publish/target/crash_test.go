package target

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	crashChildEnv = "POLICYEDITOR_CRASH_CHILD_ROOT"
	crashBatchEnv = "POLICYEDITOR_CRASH_CHILD_BATCH" // "1": the child writes with WriteFiles
)

// crashPages are the pages the children write: one with WriteFile, several
// (two in one folder) with WriteFiles.
func crashPages(batch bool) []string {
	if !batch {
		return []string{"privacy/index.html"}
	}
	return []string{"privacy/index.html", "terms/index.html", "cookies/index.html", "cookies/en.html", "refunds.html"}
}

// crashVersions are two 200 KB pages that differ everywhere, so a mix of
// them, a prefix or an empty file is never mistaken for either.
func crashVersions() (a, b []byte) {
	a = bytes.Repeat([]byte("<p>النسخة أ — version A</p>\n"), 200<<10/32)
	b = bytes.Repeat([]byte("<p>النسخة ب — version B!</p>\n"), 200<<10/33)
	return a, b
}

// TestMain lets the test binary play the publishing child of
// TestCrashDuringPublish: it writes A and B alternately until killed.
func TestMain(m *testing.M) {
	if root := os.Getenv(crashChildEnv); root != "" {
		crashChild(root)
		return
	}
	os.Exit(m.Run())
}

func crashChild(root string) {
	d, err := OpenDir(root)
	if err != nil {
		os.Exit(3)
	}
	a, b := crashVersions()
	batch := os.Getenv(crashBatchEnv) == "1"
	pages := crashPages(batch)
	os.Stdout.WriteString("ready\n") // the parent kills only after this
	for i := 0; ; i++ {
		v := a
		if i%2 == 1 {
			v = b
		}
		if err := crashWrite(d, batch, pages, v); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(4)
		}
	}
}

// crashWrite writes v to every page, with WriteFile or in one WriteFiles.
func crashWrite(d *Dir, batch bool, pages []string, v []byte) error {
	if !batch {
		return d.WriteFile(context.Background(), pages[0], v)
	}
	files := make([]File, len(pages))
	for i, p := range pages {
		files[i] = File{Rel: p, Data: v}
	}
	return errors.Join(d.WriteFiles(context.Background(), files)...)
}

// TestCrashDuringPublish SIGKILLs a publishing process at random moments
// while reading the page in a loop: every read must be exactly A or B.
func TestCrashDuringPublish(t *testing.T) { testCrash(t, false) }

// TestCrashDuringBatchPublish is TestCrashDuringPublish for WriteFiles (the
// write path of PublishAll): the reader goes round several pages, two of
// them in one folder.
func TestCrashDuringBatchPublish(t *testing.T) { testCrash(t, true) }

func batchFlag(batch bool) int {
	if batch {
		return 1
	}
	return 0
}

func testCrash(t *testing.T, batch bool) {
	root := t.TempDir()
	a, b := crashVersions()
	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	pages := crashPages(batch)
	if err := crashWrite(d, batch, pages, a); err != nil {
		t.Fatal(err)
	}
	d.Close()

	var stop atomic.Bool
	var reads, sawA, sawB, bad atomic.Int64
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; !stop.Load(); i++ {
			page := filepath.Join(root, filepath.FromSlash(pages[i%len(pages)]))
			got, err := os.ReadFile(page)
			reads.Add(1)
			switch {
			case err != nil:
				bad.Add(1)
				t.Errorf("read %d: %v", reads.Load(), err)
			case bytes.Equal(got, a):
				sawA.Add(1)
			case bytes.Equal(got, b):
				sawB.Add(1)
			default:
				bad.Add(1)
				t.Errorf("read %d: %d bytes that are neither A (%d) nor B (%d)", reads.Load(), len(got), len(a), len(b))
			}
			if bad.Load() > 5 {
				return
			}
		}
	})

	const kills = 25
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	for i := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+root, fmt.Sprintf("%s=%v", crashBatchEnv, batchFlag(batch)))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if line, err := bufio.NewReader(out).ReadString('\n'); line != "ready\n" {
			cmd.Process.Kill()
			t.Fatalf("child %d did not start publishing: %q, %v", i, line, err)
		}
		time.Sleep(time.Duration(rng.IntN(40)) * time.Millisecond) // a random moment of the loop
		if err := cmd.Process.Kill(); err != nil {
			t.Fatalf("kill %d: %v", i, err)
		}
		err = cmd.Wait()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != -1 {
			t.Fatalf("child %d did not die by SIGKILL while publishing: %v", i, err)
		}
	}
	stop.Store(true)
	wg.Wait()
	t.Logf("%d kills, %d reads: %d A, %d B", kills, reads.Load(), sawA.Load(), sawB.Load())
	if sawB.Load() == 0 {
		t.Error("never read version B: the children did not publish")
	}
	var leftovers []string
	for _, dir := range []string{root, filepath.Join(root, "privacy"), filepath.Join(root, "cookies")} {
		l, _ := filepath.Glob(filepath.Join(dir, tempPrefix+"*"))
		leftovers = append(leftovers, l...)
	}
	t.Logf("%d temporary files left by kills between creating and renaming them", len(leftovers))
	// Leftover temp files of killed writers are cleaned once stale.
	old := staleAfter
	staleAfter = -time.Second
	defer func() { staleAfter = old }()
	d, err = OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	assertNoTemps(t, root)
}
