package deploy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/publish/target"
	"github.com/qalam/policyeditor/storage"
)

// Batch sizes of PublishAll; see batchSizes. aheadBatches is how many
// batches a stage may hand on before the next stage takes them, so at most
// about 2*aheadBatches+4 batches of rendered pages are held at once.
const (
	minBatch     = 8
	maxBatch     = 256
	aheadBatches = 3
)

// job is one page of PublishAll on its way through the steps.
type job struct {
	pr   prepared
	same bool  // the bytes equal the last publication on the target
	live bool  // … and so does the live file: nothing to write
	err  error // the step that failed; later steps skip the page
	// intent is the pending publication recorded before the write (0
	// without an IntentStore); the record that completes it deletes it.
	intent int64
}

// PublishAll publishes every page (in slug order) to the target, opening it
// once. It goes on past a page that fails and returns the publications made
// (or found unchanged) with a joined error naming every failed page. With
// Progress set it writes one line per page: "[3/100] slug … written"
// (or unchanged, restored, FAILED: reason). See PublishAllResults.
func (p *Publisher) PublishAll(ctx context.Context, targetName string) ([]storage.Publication, error) {
	results, err := p.PublishAllResults(ctx, targetName)
	pubs := make([]storage.Publication, len(results))
	for i, r := range results {
		pubs[i] = r.Publication
	}
	return pubs, err
}

// PublishAllResults is PublishAll returning what happened to each page
// published (failed pages are left out). Each page goes through the steps
// of PublishResult, with the same outcome, but in batches that flow
// through four stages running at the same time:
//
//  0. read the batch's pages from the store (while the batch before
//     renders);
//  1. render them in parallel (the Render hook must allow it), handing
//     each page to stage 2 as soon as it is rendered;
//  2. check the live file of each page as it comes and start writing it
//     (target.Batch: its bytes go to disk while the others render); once
//     the batch is rendered, record the intended publications, then make
//     the batch live (renames, and what makes them durable);
//  3. record each page written (or found unchanged), in slug order.
//
// So the renders overlap the disk's flushes of the same batch, and the
// store's work and the renders of one batch overlap the last flushes of
// another. A Store that is a BatchLoader and a BatchRecorder (*sqlite.DB
// is) reads a batch in one read transaction and records it in one write
// transaction; another Store is used page by page, with the same outcome.
// A page is recorded only once it is durably on the target, and it is
// renamed into place only once its intent is recorded. The target is used
// from two goroutines (stage 2 and the archive of stage 3); Dir and SFTP
// allow it.
func (p *Publisher) PublishAllResults(ctx context.Context, targetName string) ([]Result, error) {
	t, tg, closeTarget, err := p.openTarget(ctx, targetName)
	if err != nil {
		return nil, fmt.Errorf("publish all to %q: %w", targetName, err)
	}
	defer closeTarget()
	pages, err := p.Store.FindPages(ctx, storage.PageFilter{})
	if err != nil {
		return nil, fmt.Errorf("publish all to %q: %w", targetName, err)
	}
	loaded := make(chan loadedBatch, 1)
	go func() { // stage 0: read each batch while the one before renders
		defer close(loaded)
		start := 0
		for _, size := range batchSizes(len(pages)) {
			if ctx.Err() != nil {
				return
			}
			jobs, batched := p.loadAll(ctx, t, pages[start:start+size])
			loaded <- loadedBatch{jobs, batched}
			start += size
		}
	}()
	// Stages 2 and 3 wait for the disk and the store; stage 1 may run
	// ahead of them by a few batches, so that the renders never stand
	// waiting for them.
	rendering := make(chan batch, aheadBatches)
	written := make(chan []job, aheadBatches)
	go func() { // stage 1
		defer close(rendering)
		for lb := range loaded {
			b := batch{jobs: lb.jobs, ready: make(chan int, len(lb.jobs))}
			rendering <- b
			p.stampAll(ctx, t, b, lb.batched)
		}
	}()
	go func() { // stage 2
		defer close(written)
		for b := range rendering {
			p.writeBatch(ctx, t, tg, b)
			written <- b.jobs
		}
	}()
	var results []Result
	var errs []error
	done := 0
	for jobs := range written { // stage 3
		r, e := p.recordAll(ctx, t, tg, jobs, done, len(pages))
		results, errs = append(results, r...), append(errs, e...)
		done += len(jobs)
	}
	if err := ctx.Err(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return results, fmt.Errorf("publish all to %q: %d of %d pages failed: %w", targetName, len(errs), len(pages), errors.Join(errs...))
	}
	return results, nil
}

// batch is a batch of PublishAll between stages 1 and 2: its jobs, and
// the index of each job on ready once stage 1 is done with it (rendered or
// failed); ready is closed after the last.
type batch struct {
	jobs  []job
	ready chan int
}

// loadedBatch is a batch of PublishAll between stages 0 and 1: its jobs,
// read, and whether they were read as a batch (see loadAll).
type loadedBatch struct {
	jobs    []job
	batched bool
}

// batchSizes splits n pages into batches. The first has minBatch pages,
// so the renders start as soon as a few pages are read (stage 0 reads the
// next batch meanwhile); each of the others takes half the pages left, at
// least minBatch and at most maxBatch (which bounds the memory held by
// rendered pages), and a rest under minBatch joins the last. So 100 pages
// go as 8, 46, 23, 12 and 11. Every batch but the last has its store work
// and its durability round done while later ones render; what is left
// after the last render is the last batch's, so the batches shrink
// towards the end. Each batch costs a durability round and two
// transactions whatever its size, which is why they stay at or above
// minBatch.
func batchSizes(n int) []int {
	var sizes []int
	for left := n; left > 0; {
		size := min(maxBatch, max(minBatch, (left+1)/2))
		if len(sizes) == 0 {
			size = minBatch
		}
		if left-size < minBatch {
			size = left
		}
		sizes = append(sizes, size)
		left -= size
	}
	return sizes
}

// BatchLoader is implemented by stores that read many pages and their
// latest publications together (*sqlite.DB: one read transaction and a
// few queries for a batch instead of a few per page). PublishAll uses it
// when the Store has it.
type BatchLoader interface {
	FindPagesByID(ctx context.Context, ids []uuid.UUID) ([]storage.Page, error)
	LatestPublications(ctx context.Context, target string, pageIDs []uuid.UUID) ([]storage.Publication, error)
}

// loadAll reads each page with its sections and last publication, and
// reports whether they were read as a batch.
func (p *Publisher) loadAll(ctx context.Context, t storage.Target, pages []storage.Page) ([]job, bool) {
	if bl, ok := p.Store.(BatchLoader); ok {
		return loadBatch(ctx, bl, t, pages), true
	}
	jobs := make([]job, len(pages))
	for i, pg := range pages {
		jobs[i].pr.page = pg
		page, err := p.Store.FindPageBySlug(ctx, pg.Slug)
		if err != nil {
			jobs[i].err = err
			continue
		}
		jobs[i].pr, jobs[i].err = p.load(ctx, t, page)
	}
	return jobs, false
}

// gate checks a loaded page's approval (and content, with Guard), as
// publishTo does for one page; a batch-loaded page is also asked whether
// it is a correction, as load does.
func (p *Publisher) gate(ctx context.Context, t storage.Target, j *job, batched bool) error {
	if err := p.checkApproval(ctx, t, j.pr.page); err != nil {
		return err
	}
	if batched {
		j.pr.minor = p.isCorrection(ctx, j.pr)
	}
	return nil
}

// loadBatch is loadAll through a BatchLoader: the same pages, paths and
// last publications as load, read together.
func loadBatch(ctx context.Context, bl BatchLoader, t storage.Target, pages []storage.Page) []job {
	jobs := make([]job, len(pages))
	ids := make([]uuid.UUID, len(pages))
	for i, pg := range pages {
		ids[i] = pg.ID
		jobs[i].pr.page = pg
	}
	full, err := bl.FindPagesByID(ctx, ids)
	var last []storage.Publication
	if err == nil {
		last, err = bl.LatestPublications(ctx, t.Name, ids)
	}
	for i, pg := range pages {
		j := &jobs[i]
		switch {
		case err != nil:
			j.err = err
			continue
		case full[i].ID == uuid.Nil:
			j.err = fmt.Errorf("find page %q: %w", pg.Slug, storage.ErrNotFound)
			continue
		}
		j.pr = prepared{page: full[i], stored: full[i].LastUpdated}
		if j.pr.rel, j.err = pagePath(full[i], t); j.err != nil {
			continue
		}
		if last[i].ID != 0 {
			j.pr.last, j.pr.hasLast = last[i], true
		}
	}
	return jobs
}

// stampAll gates and renders the batch's pages on GOMAXPROCS goroutines
// and sends each job's index on b.ready once it is done; it closes b.ready.
// The same goroutines also hash each page's bytes and encode the revision
// a written page will get (see ahead), work that would otherwise wait for
// the store's one writer after the last render.
func (p *Publisher) stampAll(ctx context.Context, t storage.Target, b batch, batched bool) {
	defer close(b.ready)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(len(b.jobs), runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				j := &b.jobs[i]
				if j.err = p.gate(ctx, t, j, batched); j.err == nil {
					j.err = p.stamp(&j.pr, t.Options)
				}
				if j.err == nil {
					j.pr.hash = hashOf(j.pr.body)
					j.same = j.pr.hasLast && j.pr.hash == j.pr.last.Hash
					if !j.same {
						j.pr.ahead()
					}
				}
				b.ready <- i
			}
		})
	}
	for i := range b.jobs {
		if b.jobs[i].err == nil {
			next <- i
		} else {
			b.ready <- i
		}
	}
	close(next)
	wg.Wait()
}

// writeBatch is stage 2 of PublishAll for one batch: as each page is
// rendered, it checks the live file of a page whose bytes equal its last
// publication and starts writing the pages that need it; once every page
// is rendered it records the intents of the pages being written and then
// commits the write (a page whose intent could not be recorded is
// dropped). The intents of pages that failed to be written are discarded.
func (p *Publisher) writeBatch(ctx context.Context, t storage.Target, tg target.Target, b batch) {
	w := target.NewBatch(ctx, tg)
	file := map[int]int{} // job index → index in w
	for i := range b.ready {
		j := &b.jobs[i]
		if j.err == nil && j.same {
			j.live, j.err = liveMatches(ctx, tg, j.pr.rel, j.pr.last.Hash)
		}
		if j.err == nil && !j.live {
			file[i] = w.Add(target.File{Rel: j.pr.rel, Data: j.pr.body})
		}
	}
	p.intendAll(ctx, t, b.jobs)
	for i, k := range file {
		if b.jobs[i].err != nil {
			w.Drop(k)
		}
	}
	errs := w.Commit()
	for i, k := range file {
		if b.jobs[i].err == nil {
			b.jobs[i].err = errs[k]
		}
	}
	p.discardFailed(ctx, b.jobs)
}

// BatchRecorder is implemented by stores that record many pages'
// publications in one transaction (*sqlite.DB). PublishAll uses it when
// the Store has it: one commit per batch instead of up to three per page.
type BatchRecorder interface {
	RecordPublications(ctx context.Context, recs []storage.PublishRecord) []error
}

// recordAll records each page written (or found unchanged) in order and
// reports progress; done pages came before this batch, of total.
func (p *Publisher) recordAll(ctx context.Context, t storage.Target, tg target.Target, jobs []job, done, total int) ([]Result, []error) {
	var results []Result
	var errs []error
	var lines bytes.Buffer // the batch's progress, written at once
	batched := p.recordBatch(ctx, t, tg, jobs)
	for i, j := range jobs {
		var res Result
		var what string
		var err error
		if batched != nil {
			res, what, err = batched[i].res, batched[i].what, batched[i].err
		} else {
			res, what, err = p.recordJob(ctx, t, tg, j)
		}
		slug := j.pr.page.Slug
		if err != nil {
			errs = append(errs, fmt.Errorf("publish %q: %w", slug, err))
			fmt.Fprintf(&lines, "[%d/%d] %s … FAILED: %v\n", done+i+1, total, slug, err)
			if batched == nil {
				p.flushProgress(&lines)
			}
			continue
		}
		results = append(results, res)
		fmt.Fprintf(&lines, "[%d/%d] %s … %s\n", done+i+1, total, slug, what)
		if batched == nil { // recorded page by page: report each as it is done
			p.flushProgress(&lines)
		}
	}
	p.flushProgress(&lines)
	return results, errs
}

// flushProgress writes the progress lines in b (in one write) and empties b.
func (p *Publisher) flushProgress(b *bytes.Buffer) {
	if p.Progress != nil && b.Len() > 0 {
		p.Progress.Write(b.Bytes()) //nolint:errcheck // progress is best effort
	}
	b.Reset()
}

// recordJob finishes one page as publishTo would after its write.
func (p *Publisher) recordJob(ctx context.Context, t storage.Target, tg target.Target, j job) (Result, string, error) {
	switch {
	case j.err != nil:
		return Result{}, "", j.err
	case j.live:
		res := Result{Path: j.pr.rel, Publication: j.pr.last, Unchanged: true}
		return res, "unchanged", p.afterUnchanged(ctx, t, tg, j.pr.page, j.pr.stored)
	case j.same:
		res, err := p.afterRestore(ctx, t, tg, j.pr)
		return res, "restored", err
	}
	res, err := p.afterWrite(ctx, t, tg, j.pr)
	return res, "written", err
}

// recorded is the outcome of recording one job.
type recorded struct {
	res  Result
	what string
	err  error
}

// recordBatch records the jobs as recordJob does, page by page in the same
// order and with the same records, but in one transaction of the Store's
// RecordPublications; then it brings the archives up to date. It returns
// nil when the Store cannot record a batch.
func (p *Publisher) recordBatch(ctx context.Context, t storage.Target, tg target.Target, jobs []job) []recorded {
	br, ok := p.Store.(BatchRecorder)
	if !ok {
		return nil
	}
	out := make([]recorded, len(jobs))
	recs := make([]storage.PublishRecord, 0, len(jobs))
	idx := make([]int, 0, len(jobs))
	for i, j := range jobs {
		if out[i].err = j.err; j.err != nil {
			continue
		}
		r, what := p.recordFor(t, j)
		out[i].res = Result{Path: j.pr.rel, Publication: j.pr.last, Unchanged: what == "unchanged", Restored: what == "restored"}
		out[i].what = what
		if r.Publication == nil && r.Update == (storage.PageUpdate{}) {
			continue // unchanged and nothing to store
		}
		recs, idx = append(recs, r), append(idx, i)
	}
	if len(recs) > 0 {
		for k, err := range br.RecordPublications(ctx, recs) {
			i := idx[k]
			if out[i].err = err; err == nil && recs[k].Publication != nil {
				out[i].res.Publication = *recs[k].Publication
			}
		}
	}
	for i, j := range jobs {
		if out[i].err == nil {
			out[i].err = p.archiveIfAsked(ctx, t, tg, j.pr.page)
		}
	}
	return out
}
