package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

// TestConcurrentSaves: 8 goroutines × 200 autosaves with a revision every
// 10 saves, through two handles on the same file (like two app instances),
// while 4 readers poll. No error at all may occur ("database is locked"
// included), every writer reads its own save back at once, and at the end
// every save is accounted for: final bodies, revision numbers 1..160
// without gaps, and the change counter moved by exactly 2 per save.
func TestConcurrentSaves(t *testing.T) {
	const writers, saves, revEvery = 8, 200, 10
	ctx := context.Background()
	db := MustOpenDB(t)
	other := MustOpenDBAt(t, db.Path())
	p := mustCreatePage(t, db, "p", writers)
	counter0, err := db.DataChanged(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pad := strings.Repeat("نص عربي للحفظ التلقائي ", 40)

	errs := make(chan error, 1000)
	var locked atomic.Int64
	report := func(err error) {
		if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy") {
			locked.Add(1)
		}
		select {
		case errs <- err:
		default:
		}
	}
	var wg, readers sync.WaitGroup
	done := make(chan struct{})
	for r := range 4 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				var err error
				switch (r + i) % 4 {
				case 0:
					_, err = db.FindPage(ctx, p.ID)
				case 1:
					_, err = other.FindPages(ctx, storage.PageFilter{})
				case 2:
					_, err = db.DataChanged(ctx)
				case 3:
					_, err = other.FindRevision(ctx, p.ID, 1)
					if errors.Is(err, storage.ErrNotFound) {
						err = nil // not created yet
					}
				}
				if err != nil {
					report(fmt.Errorf("reader %d: %w", r, err))
				}
				time.Sleep(time.Millisecond) // a busy UI, not a spin loop

			}
		}()
	}
	for g := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := db
			if g%2 == 1 {
				h = other
			}
			id := p.Sections[g].ID
			for i := range saves {
				body := fmt.Sprintf("%d:%d\n%s", g, i, pad)
				if err := h.SaveSectionBody(ctx, id, body); err != nil {
					report(fmt.Errorf("writer %d save %d: %w", g, i, err))
					return
				}
				got, err := h.FindPage(ctx, p.ID)
				if err != nil {
					report(fmt.Errorf("writer %d read %d: %w", g, i, err))
					return
				}
				if got.Sections[g].Body != body {
					report(fmt.Errorf("writer %d: read back %.10q after saving %.10q", g, got.Sections[g].Body, body))
				}
				if (i+1)%revEvery == 0 {
					if _, err := h.CreateRevision(ctx, p.ID, fmt.Sprint(g), ""); err != nil {
						report(fmt.Errorf("writer %d revision at %d: %w", g, i, err))
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := locked.Load(); n != 0 {
		t.Errorf("%d locked/busy errors, want 0", n)
	}

	final, err := db.FindPage(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	for g, s := range final.Sections {
		if want := fmt.Sprintf("%d:%d\n", g, saves-1); !strings.HasPrefix(s.Body, want) {
			t.Errorf("section %d body starts %.12q, want %q", g, s.Body, want)
		}
	}
	revs, err := db.FindRevisions(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := writers * saves / revEvery; len(revs) != want {
		t.Errorf("%d revisions, want %d", len(revs), want)
	}
	for i, r := range revs {
		if want := len(revs) - i; r.Number != want {
			t.Errorf("revision at index %d has number %d, want %d", i, r.Number, want)
			break
		}
	}
	counter, err := db.DataChanged(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := counter-counter0, int64(2*writers*saves); got != want {
		t.Errorf("change counter moved by %d, want %d (2 rows per save)", got, want)
	}
}
