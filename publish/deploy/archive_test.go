package deploy

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/qalam/policyeditor/publish/target"
	"github.com/qalam/policyeditor/storage"
)

// countingTarget records every path read and written.
type countingTarget struct {
	target.Target
	mu            sync.Mutex
	reads, writes []string
}

func (c *countingTarget) ReadFile(ctx context.Context, rel string) ([]byte, error) {
	c.mu.Lock()
	c.reads = append(c.reads, rel)
	c.mu.Unlock()
	return c.Target.ReadFile(ctx, rel)
}

func (c *countingTarget) WriteFile(ctx context.Context, rel string, data []byte) error {
	c.mu.Lock()
	c.writes = append(c.writes, rel)
	c.mu.Unlock()
	return c.Target.WriteFile(ctx, rel, data)
}

// Old versions never change: publishing again neither reads nor rewrites
// them, only the new version and the index.
func TestArchiveLeavesOldVersionsAlone(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		f := newFixture(t, s, storage.TargetOptions{Archive: true})
		p := f.page(t, "privacy")
		for i := 1; i <= 3; i++ {
			if i > 1 {
				f.edit(t, p, 2, fmt.Sprintf("نص رقم %d", i))
			}
			if _, err := f.pub.Publish(f.ctx, "privacy", "site"); err != nil {
				t.Fatal(err)
			}
		}
		var ct *countingTarget
		f.pub.Open = func(ctx context.Context, st storage.Target) (target.Target, error) {
			tg, err := target.Open(ctx, st)
			if err != nil {
				return nil, err
			}
			ct = &countingTarget{Target: tg}
			return ct, nil
		}
		olds, err := f.pub.History(f.ctx, "privacy")
		if err != nil {
			t.Fatal(err)
		}
		isOld := func(rel string) bool {
			for _, o := range olds {
				if rel == versionPath("privacy", o.Number, o.Hash) {
					return true
				}
			}
			return false
		}
		check := func(what string) {
			t.Helper()
			for _, rel := range append(append([]string{}, ct.reads...), ct.writes...) {
				if isOld(rel) {
					t.Errorf("%s: old version %s was read or written (reads %q, writes %q)", what, rel, ct.reads, ct.writes)
				}
			}
		}

		// Unchanged page: nothing of the archive is written.
		if _, err := f.pub.Publish(f.ctx, "privacy", "site"); err != nil {
			t.Fatal(err)
		}
		check("unchanged publish")
		for _, rel := range ct.writes {
			if strings.Contains(rel, "/versions/") {
				t.Errorf("unchanged publish wrote %s", rel)
			}
		}

		// A new version: only it and the index are written.
		f.edit(t, p, 2, "نص رقم 4")
		fourth, err := f.pub.Publish(f.ctx, "privacy", "site")
		if err != nil {
			t.Fatal(err)
		}
		check("fourth publish")
		if fourth.Number != 4 {
			t.Fatalf("fourth publication is number %d", fourth.Number)
		}
		if got := f.read(t, versionPath("privacy", 4, fourth.Hash)); !bytes.Equal(got, fourth.Body) {
			t.Error("versions/4-….html differs from publication 4")
		}
		index := string(f.read(t, "privacy/versions/index.html"))
		for _, o := range append(olds, fourth) {
			if !strings.Contains(index, `href="`+versionName(o.Number, o.Hash)+`"`) {
				t.Errorf("index lacks version %d:\n%s", o.Number, index)
			}
		}
	})
}

func TestListedVersions(t *testing.T) {
	for in, want := range map[string]string{
		"":                                     "",
		`<a href="1-0123456789ab.html">`:       "1-0123456789ab.html",
		`<a href="1.html"><a href="2-x.html">`: "",
		`<a href="x.html"><a href="index.html"><a href="12-aaaaaaaaaaaa.html">`: "12-aaaaaaaaaaaa.html",
	} {
		got := listedVersions([]byte(in))
		if (want == "" && len(got) != 0) || (want != "" && (len(got) != 1 || !got[want])) {
			t.Errorf("listedVersions(%q) = %v, want {%s}", in, got, want)
		}
	}
}
