package deploy

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/qalam/policyeditor/publish/target"
	"github.com/qalam/policyeditor/storage"
)

// This file is the one recording path of every publication (Publish,
// PublishAll, Rollback):
//
//  1. under the target's lock, complete what a killed publish left
//     (reconcile);
//  2. record the intended publication, with its bytes and hash, in one
//     transaction (intendAll) — for a whole batch at once;
//  3. write the file (temporary file, fsync, rename, fsync folder);
//  4. record the publication — page update, revision and publication —
//     in one transaction that also deletes the intent (recordBatch).
//
// A kill between 3 and 4 leaves the file live and the intent pending; the
// next publish to the target finds the live file holding the intent's
// bytes and records it (step 1), so what is live is always in the
// history. A kill before 3 leaves an intent whose bytes are not live: it
// is dropped. The store needs the IntentStore and BatchRecorder roles
// (*sqlite.DB has them); another store is recorded page by page without
// intents.

// intentRecorder is a store with the whole recording path.
type intentRecorder interface {
	BatchRecorder
	storage.IntentStore
}

// recordFor is the record that publishing job j stores, and what happened
// to the page: "written" (new bytes: page update, revision of the page as
// published, publication), "restored" (the last publication's bytes
// written again), "unchanged" (only the page update, maybe empty).
func (p *Publisher) recordFor(t storage.Target, j job) (storage.PublishRecord, string) {
	pr := j.pr
	r := storage.PublishRecord{PageID: pr.page.ID, Intent: j.intent}
	switch {
	case j.live:
		r.Update = unchangedUpdate(pr.page, pr.stored)
		return r, "unchanged"
	case j.same:
		r.Update = unchangedUpdate(pr.page, pr.stored)
		r.Publication = &storage.Publication{PageID: pr.page.ID, Slug: pr.page.Slug, TargetName: t.Name,
			RevisionID: pr.last.RevisionID, Hash: pr.last.Hash, Author: p.Author, Note: NoteRestored,
			At: p.now(), Body: pr.body}
		return r, "restored"
	}
	r.Update = writtenUpdate(pr.page)
	snap := pr.snap
	if snap == nil {
		snap = publishedSnapshot(pr.page)
	}
	note := publishNote(pr.minor)
	r.Revision, r.RevisionNote, r.Snapshot, r.Encoded = true, note, snap, pr.encoded
	hash := pr.hash
	if hash == "" {
		hash = hashOf(pr.body)
	}
	r.Publication = &storage.Publication{PageID: pr.page.ID, Slug: pr.page.Slug, TargetName: t.Name,
		Hash: hash, Author: p.Author, Note: note, At: p.now(), Body: pr.body}
	return r, "written"
}

// intendAll records the intended publication of every job about to be
// written, in one transaction, before anything is renamed into place. If
// that fails, the jobs fail and nothing is written.
func (p *Publisher) intendAll(ctx context.Context, t storage.Target, jobs []job) {
	ir, ok := p.Store.(intentRecorder)
	if !ok {
		return
	}
	var intents []storage.PendingPublication
	var idx []int
	for i, j := range jobs {
		if j.err != nil || j.live {
			continue
		}
		r, _ := p.recordFor(t, j)
		intents = append(intents, storage.PendingPublication{Target: t.Name, Rel: j.pr.rel, Hash: r.Publication.Hash, Record: r})
		idx = append(idx, i)
	}
	if len(intents) == 0 {
		return
	}
	if err := ir.BeginPublications(ctx, intents); err != nil {
		for _, i := range idx {
			jobs[i].err = fmt.Errorf("record the intended publication: %w", err)
		}
		return
	}
	for k, i := range idx {
		jobs[i].intent = intents[k].ID
		jobs[i].pr.hash = intents[k].Hash // the record after the write reuses it
	}
}

// discardFailed drops the intents of jobs whose write failed: their bytes
// did not go live. (If this fails too, the next reconcile drops them.)
func (p *Publisher) discardFailed(ctx context.Context, jobs []job) {
	ir, ok := p.Store.(intentRecorder)
	if !ok {
		return
	}
	var ids []int64
	for i := range jobs {
		if jobs[i].err != nil && jobs[i].intent != 0 {
			ids = append(ids, jobs[i].intent)
			jobs[i].intent = 0
		}
	}
	_ = ir.DiscardPublications(ctx, ids)
}

// reconcile completes the publications a killed publish left pending on
// target t: an intent whose bytes are live is recorded, the others are
// dropped. The caller holds the target's lock.
func (p *Publisher) reconcile(ctx context.Context, t storage.Target, tg target.Target) error {
	ir, ok := p.Store.(intentRecorder)
	if !ok {
		return nil
	}
	pending, err := ir.PendingPublications(ctx, t.Name)
	if err != nil || len(pending) == 0 {
		return err
	}
	var recs []storage.PublishRecord
	var drop []int64
	for _, pp := range pending {
		live, err := tg.ReadFile(ctx, pp.Rel)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("complete an interrupted publication: %w", err)
		}
		if err != nil || hashOf(live) != pp.Hash {
			drop = append(drop, pp.ID) // the rename never happened
			continue
		}
		r := pp.Record
		pub := *r.Publication
		pub.Body = live // the intent's bytes, verified by their hash
		r.Publication, r.Intent = &pub, pp.ID
		recs = append(recs, r)
	}
	if err := ir.DiscardPublications(ctx, drop); err != nil {
		return err
	}
	for k, err := range ir.RecordPublications(ctx, recs) {
		if err != nil {
			return fmt.Errorf("complete the interrupted publication of page %s: %w", recs[k].PageID, err)
		}
	}
	return nil
}

// publishJob publishes one prepared page through the recording path:
// check the live file, record the intent, write, record.
func (p *Publisher) publishJob(ctx context.Context, t storage.Target, tg target.Target, pr prepared) (Result, error) {
	b := batch{jobs: []job{{pr: pr, same: pr.hasLast && hashOf(pr.body) == pr.last.Hash}}, ready: make(chan int, 1)}
	b.ready <- 0
	close(b.ready)
	p.writeBatch(ctx, t, tg, b)
	out := p.recordBatch(ctx, t, tg, b.jobs)
	return out[0].res, out[0].err
}
