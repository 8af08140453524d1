// Package deploy publishes pages from the draft store to targets and keeps
// their history: it renders a page, stamps its last-updated date when the
// content changed, writes it atomically, records the exact bytes as a
// publication, and can roll a target back to any earlier publication.
//
// RenderSlug, RenderPage and PreviewRender show a page exactly as
// publishing it now would write it (stamped date included) without
// writing anything: Publish and PublishAll go through the same steps.
package deploy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/publish/target"
	"github.com/qalam/policyeditor/storage"
)

// Store is the part of *sqlite.DB the publisher uses.
type Store interface {
	TargetStore
	FindPageBySlug(ctx context.Context, slug string) (storage.Page, error)
	FindPages(ctx context.Context, f storage.PageFilter) ([]storage.Page, error)
	UpdatePage(ctx context.Context, id uuid.UUID, u storage.PageUpdate) (storage.Page, error)
	CreateRevision(ctx context.Context, pageID uuid.UUID, author, note string) (storage.Revision, error)
	FindRevisions(ctx context.Context, pageID uuid.UUID) ([]storage.Revision, error)
	CreatePublication(ctx context.Context, p *storage.Publication) error
	FindPublications(ctx context.Context, f storage.PublicationFilter) ([]storage.Publication, error)
	FindPublication(ctx context.Context, pageID uuid.UUID, target string, number int) (storage.Publication, error)
}

// TargetStore is the part of *sqlite.DB EnsureDefaultTarget uses.
type TargetStore interface {
	FindTarget(ctx context.Context, name string) (storage.Target, error)
	CreateTarget(ctx context.Context, t *storage.Target) error
}

// RenderFunc renders a page with the options of a target.
type RenderFunc func(page storage.Page, opt storage.TargetOptions) ([]byte, error)

// OpenFunc opens a target for writing.
type OpenFunc func(ctx context.Context, t storage.Target) (target.Target, error)

// LockFunc takes a target's cross-process lock and returns its release.
type LockFunc func(ctx context.Context, t storage.Target) (release func(), err error)

// Publisher publishes pages of Store to its targets. The zero values of
// the optional fields are: Now = time.Now, Render = publish.Render with the
// target's Fragment and Template, Open = target.Open, Lock = target.Lock,
// no Progress. A
// Publisher may be used by one goroutine at a time, except RenderPage and
// PreviewRender, which only read. PublishAll calls Render from several
// goroutines.
type Publisher struct {
	Store    Store
	Author   string           // recorded on revisions and publications
	Now      func() time.Time // the clock; its local date is the date stamped on pages
	Progress io.Writer        // PublishAll writes one line per page here
	Render   RenderFunc
	Open     OpenFunc
	Lock     LockFunc // default target.Lock
	// Correction says whether publishing page again, after its last
	// publication on the target, is a correction (typography only): then
	// its last-updated date is kept and the publication and its revision
	// are noted NoteCorrection. nil: every change is material.
	Correction func(ctx context.Context, page storage.Page, last storage.Publication) bool
	// Guard, if set, may refuse a page before anything is rendered or
	// written (the app refuses pages with content-check errors).
	Guard func(page storage.Page) error
}

// NoteCorrection is the note of a publication (and its revision) that only
// corrected the last one: the date was kept and the archive lists no
// changes for it.
const NoteCorrection = "correction"

// ApprovalReader is implemented by stores that keep the review flow
// (*sqlite.DB). A target with RequireApproval refuses a page unless the
// store's newest approval is for the page as it is (storage.Approved); a
// store without approvals can publish to no such target.
type ApprovalReader interface {
	Approval(ctx context.Context, pageID uuid.UUID) (storage.Review, bool, error)
}

// NotApprovedError is the refusal to publish a page that is not approved
// to a target that requires approval. It wraps storage.ErrWorkflow.
type NotApprovedError struct {
	Target string
	Status storage.PageStatus
	// Changed: the page was approved once, but its content changed since.
	Changed bool
}

func (e *NotApprovedError) Error() string {
	if e.Changed {
		return fmt.Sprintf("target %q requires approval and the page changed since it was approved (it is %s now)", e.Target, e.Status)
	}
	return fmt.Sprintf("target %q requires approval and the page is %s, not approved", e.Target, e.Status)
}

func (e *NotApprovedError) Unwrap() error { return storage.ErrWorkflow }

// checkApproval refuses page when Guard does, and on a target that
// requires approval unless it is approved as it is.
func (p *Publisher) checkApproval(ctx context.Context, t storage.Target, page storage.Page) error {
	if p.Guard != nil {
		if err := p.Guard(page); err != nil {
			return err
		}
	}
	if !t.Options.RequireApproval {
		return nil
	}
	ar, ok := p.Store.(ApprovalReader)
	if !ok {
		return &NotApprovedError{Target: t.Name, Status: page.Status}
	}
	a, found, err := ar.Approval(ctx, page.ID)
	if err != nil {
		return err
	}
	if storage.Approved(page, a, found) {
		return nil
	}
	return &NotApprovedError{Target: t.Name, Status: page.Status, Changed: found && a.Hash != storage.ApprovalHash(page)}
}

// isCorrection asks Correction about a page that was published before.
func (p *Publisher) isCorrection(ctx context.Context, pr prepared) bool {
	return p.Correction != nil && pr.hasLast && p.Correction(ctx, pr.page, pr.last)
}

// publishNote is the note of a new publication and its revision.
func publishNote(minor bool) string {
	if minor {
		return NoteCorrection
	}
	return "publish"
}

// Result says what Publish did.
type Result struct {
	// Publication is the new publication, or the latest one when Unchanged.
	Publication storage.Publication
	// Path is where the page lives on the target, relative to its root.
	Path string
	// Unchanged: the rendered page equals the last publication on this
	// target and so does the live file, so nothing was written or
	// recorded.
	Unchanged bool
	// Restored: the rendered page equals the last publication but the live
	// file did not (edited or deleted on the target), so it was written
	// again and recorded with the note NoteRestored.
	Restored bool
}

// Publish publishes the page slug to the target named target and returns
// the publication (the latest one if nothing changed). See PublishResult.
func (p *Publisher) Publish(ctx context.Context, slug, target string) (storage.Publication, error) {
	res, err := p.PublishResult(ctx, slug, target)
	return res.Publication, err
}

// PublishResult renders the page slug with the options of the target; if
// the bytes equal the last publication on that target and the live file
// on the target still holds them, it writes nothing and reports Unchanged
// (a live file edited or deleted since is written again: Restored).
// Otherwise the page's last-updated date becomes
// today (the Now clock's local date), the page is rendered again with it and
// written atomically to PagePath(slug, layout); then the date and the status
// "published" are stored, a revision "publish" is made and the publication
// (with the exact bytes) is recorded. With the target's Archive option the
// version history pages are written too.
//
// Errors wrap storage.ErrNotFound (no such page or target),
// target.ErrUnsafePath (a slug that cannot be a path, refused before any
// write), render errors (publish.ErrTooLarge) and target write errors.
func (p *Publisher) PublishResult(ctx context.Context, slug, targetName string) (Result, error) {
	t, tg, done, err := p.openTarget(ctx, targetName)
	if err != nil {
		return Result{}, fmt.Errorf("publish %q: %w", slug, err)
	}
	defer done()
	res, err := p.publishTo(ctx, t, tg, slug)
	if err != nil {
		return res, fmt.Errorf("publish %q to %q: %w", slug, targetName, err)
	}
	return res, nil
}

// openTarget finds the target by name, takes its lock (see target.Lock)
// and, when the store is shared by a team (storage.PublishLocker:
// PostgreSQL), the store's lock on publishing to it, which holds across
// every person's machine where the file lock holds on this one; then it
// opens the target and removes the temporary files killed writes left on
// it. done closes the target and releases the locks; everything the caller
// reads about the target's last publication it reads after this, under
// the locks (two people publishing one page at once publish it once).
func (p *Publisher) openTarget(ctx context.Context, name string) (t storage.Target, tg target.Target, done func(), err error) {
	if t, err = p.Store.FindTarget(ctx, name); err != nil {
		return t, nil, nil, err
	}
	lock := p.Lock
	if lock == nil {
		lock = target.Lock
	}
	unlock, err := lock(ctx, t)
	if err != nil {
		return t, nil, nil, err
	}
	if l, ok := p.Store.(storage.PublishLocker); ok {
		unlockFile := unlock
		unlockStore, err := l.LockPublishing(ctx, t.Name)
		if err != nil {
			unlockFile()
			return t, nil, nil, err
		}
		unlock = func() { unlockStore(); unlockFile() }
	}
	open := p.Open
	if open == nil {
		open = target.Open
	}
	if tg, err = open(ctx, t); err != nil {
		unlock()
		return t, nil, nil, err
	}
	if r, ok := tg.(target.TempRemover); ok {
		r.RemoveTemps(ctx)
	}
	if err := p.reconcile(ctx, t, tg); err != nil {
		tg.Close()
		unlock()
		return t, nil, nil, err
	}
	return t, tg, func() { tg.Close(); unlock() }, nil
}

func (p *Publisher) publishTo(ctx context.Context, t storage.Target, tg target.Target, slug string) (Result, error) {
	page, err := p.Store.FindPageBySlug(ctx, slug)
	if err != nil {
		return Result{}, err
	}
	if err := p.checkApproval(ctx, t, page); err != nil {
		return Result{}, err // refused before anything is rendered or written
	}
	pr, err := p.prepare(ctx, t, page)
	if err != nil {
		return Result{Path: pr.rel}, err
	}
	if _, ok := p.Store.(intentRecorder); ok {
		return p.publishJob(ctx, t, tg, pr) // the one recording path (record.go)
	}
	if pr.hasLast && hashOf(pr.body) == pr.last.Hash {
		return p.publishSame(ctx, t, tg, pr)
	}
	res := Result{Path: pr.rel, Publication: pr.last}
	if err := tg.WriteFile(ctx, pr.rel, pr.body); err != nil {
		return res, err
	}
	return p.afterWrite(ctx, t, tg, pr)
}

// publishSame handles a page whose bytes equal its last publication: if
// the live file holds them too, nothing is written (Unchanged); if it was
// edited or deleted on the target, the bytes are written again.
func (p *Publisher) publishSame(ctx context.Context, t storage.Target, tg target.Target, pr prepared) (Result, error) {
	res := Result{Path: pr.rel, Publication: pr.last}
	live, err := liveMatches(ctx, tg, pr.rel, pr.last.Hash)
	if err != nil {
		return res, err
	}
	if live {
		res.Unchanged = true
		return res, p.afterUnchanged(ctx, t, tg, pr.page, pr.stored)
	}
	if err := tg.WriteFile(ctx, pr.rel, pr.body); err != nil {
		return res, err
	}
	return p.afterRestore(ctx, t, tg, pr)
}

// liveMatches reads the page on the target and says whether it has the
// hash of the last publication. A missing file does not match; other read
// errors are returned.
func liveMatches(ctx context.Context, tg target.Target, rel, hash string) (bool, error) {
	live, err := tg.ReadFile(ctx, rel)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("check the live page: %w", err)
	}
	return hashOf(live) == hash, nil
}

// afterWrite records a page written with new content.
func (p *Publisher) afterWrite(ctx context.Context, t storage.Target, tg target.Target, pr prepared) (Result, error) {
	res := Result{Path: pr.rel, Publication: pr.last}
	var err error
	res.Publication, err = p.record(ctx, pr.page, t.Name, pr.body, publishNote(pr.minor))
	if err != nil {
		return res, err
	}
	return res, p.archiveIfAsked(ctx, t, tg, pr.page)
}

// afterRestore records a page written again because the live file
// differed from its last publication: a publication with the same bytes
// and revision, noted NoteRestored.
func (p *Publisher) afterRestore(ctx context.Context, t storage.Target, tg target.Target, pr prepared) (Result, error) {
	res := Result{Path: pr.rel, Publication: pr.last, Restored: true}
	pub := storage.Publication{PageID: pr.page.ID, Slug: pr.page.Slug, TargetName: t.Name, RevisionID: pr.last.RevisionID,
		Hash: pr.last.Hash, Author: p.Author, Note: NoteRestored, At: p.now(), Body: pr.body}
	if err := p.Store.CreatePublication(ctx, &pub); err != nil {
		return res, err
	}
	res.Publication = pub
	return res, p.afterUnchanged(ctx, t, tg, pr.page, pr.stored)
}

// NoteRestored is the note of a publication that wrote the last
// publication's bytes again because the live file had been changed or
// deleted on the target.
const NoteRestored = "republish: live file differed"

// renderStamped renders the page as it is; if that differs from the last
// publication (lastHash, "" for none), the page's date becomes today and it
// is rendered again with it. Unchanged content keeps its date, and so does
// a correction (minor).
func (p *Publisher) renderStamped(page *storage.Page, opt storage.TargetOptions, lastHash string, minor bool) ([]byte, error) {
	today := storage.CivilDate(p.now())
	if minor && lastHash != "" {
		return p.render(*page, opt) // a correction keeps the date
	}
	if lastHash != "" {
		body, err := p.render(*page, opt)
		if err != nil || hashOf(body) == lastHash || page.LastUpdated.Equal(today) {
			return body, err
		}
	}
	page.LastUpdated = today
	return p.render(*page, opt)
}

// afterUnchanged marks the page published (and stores the date the target
// shows, if only the draft's date differed) and brings a missing archive up
// to date; the page itself is not written again.
func (p *Publisher) afterUnchanged(ctx context.Context, t storage.Target, tg target.Target, page storage.Page, stored time.Time) error {
	if u := unchangedUpdate(page, stored); u != (storage.PageUpdate{}) {
		if _, err := p.Store.UpdatePage(ctx, page.ID, u); err != nil {
			return err
		}
	}
	return p.archiveIfAsked(ctx, t, tg, page)
}

// unchangedUpdate is the update of a page not written again: the status
// "published" and the date the target shows, where the draft differs
// (stored is the draft's date). It may be empty.
func unchangedUpdate(page storage.Page, stored time.Time) storage.PageUpdate {
	var u storage.PageUpdate
	if page.Status != storage.StatusPublished {
		status := storage.StatusPublished
		u.Status = &status
	}
	if !page.LastUpdated.Equal(stored) {
		date := page.LastUpdated
		u.LastUpdated = &date
	}
	return u
}

// writtenUpdate is the update of a page written with new content: its
// stamped date and the status "published".
func writtenUpdate(page storage.Page) storage.PageUpdate {
	status := storage.StatusPublished
	date := page.LastUpdated
	return storage.PageUpdate{LastUpdated: &date, Status: &status}
}

// record stores the stamped date and the status, makes the revision and
// records the publication of body, both with note ("publish" or
// NoteCorrection).
func (p *Publisher) record(ctx context.Context, page storage.Page, targetName string, body []byte, note string) (storage.Publication, error) {
	if _, err := p.Store.UpdatePage(ctx, page.ID, writtenUpdate(page)); err != nil {
		return storage.Publication{}, err
	}
	rev, err := p.Store.CreateRevision(ctx, page.ID, p.Author, note)
	if err != nil {
		return storage.Publication{}, err
	}
	pub := storage.Publication{PageID: page.ID, Slug: page.Slug, TargetName: targetName, RevisionID: rev.ID,
		Hash: hashOf(body), Author: p.Author, Note: note, At: p.now(), Body: body}
	if err := p.Store.CreatePublication(ctx, &pub); err != nil {
		return storage.Publication{}, err
	}
	return pub, nil
}

// pagePath is where the page goes on the target; an unsafe slug is refused
// here, before anything is written.
func pagePath(page storage.Page, t storage.Target) (string, error) {
	return target.PagePath(page.Slug, t.Options.Layout)
}

// lastPublication returns the newest publication of the page to the target.
func (p *Publisher) lastPublication(ctx context.Context, pageID uuid.UUID, targetName string) (storage.Publication, bool, error) {
	pubs, err := p.Store.FindPublications(ctx, storage.PublicationFilter{PageID: &pageID, Target: &targetName, Limit: 1})
	if err != nil || len(pubs) == 0 {
		return storage.Publication{}, false, err
	}
	return pubs[0], true, nil
}

func (p *Publisher) render(page storage.Page, opt storage.TargetOptions) ([]byte, error) {
	if p.Render != nil {
		return p.Render(page, opt)
	}
	return publish.Render(page, TargetRenderOptions(storage.Target{Options: opt}))
}

func (p *Publisher) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// errNothingPublished: rollback asked for a page never published to the target.
var errNothingPublished = errors.New("nothing published yet")
