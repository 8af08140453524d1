//go:build !nogui

package app

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/publish/diff"
	"github.com/qalam/policyeditor/storage"
)

// reviewStore is what the window's publishing screens read and write
// through; *storage.DB satisfies it.
type reviewStore interface {
	deploy.Store
	FindTargets(ctx context.Context) ([]storage.Target, error)
}

// publisherService implements the publish dialog, the history view and
// publish-all on the draft store and deploy's Publisher, the same steps
// the CLI's publish, history and rollback take.
type publisherService struct {
	store reviewStore
	pub   *deploy.Publisher
	now   func() time.Time
	// check runs the content checks on a page; nil until the checks
	// package is wired in, and the dialog then says they did not run.
	check func(storage.Page) []finding
}

func newPublisherService(store reviewStore, author string) *publisherService {
	return &publisherService{store: store, pub: &deploy.Publisher{Store: store, Author: author, Now: time.Now}, now: time.Now}
}

func (p *publisherService) Targets(ctx context.Context) ([]storage.Target, error) {
	return p.store.FindTargets(ctx)
}

// Review gathers what publishing slug to the target would do.
func (p *publisherService) Review(ctx context.Context, slug, targetName string) (publishReview, error) {
	page, err := p.store.FindPageBySlug(ctx, slug)
	if err != nil {
		return publishReview{}, fmt.Errorf("read page %q: %w", slug, err)
	}
	t, err := p.store.FindTarget(ctx, targetName)
	if err != nil {
		return publishReview{}, err
	}
	r := publishReview{Page: page, Target: t, Today: civilToday(p.now()), URL: pageURL(t, slug)}
	live, old, err := p.live(ctx, page.ID, targetName)
	if err != nil {
		return publishReview{}, fmt.Errorf("read what is live of %q on %q: %w", slug, targetName, err)
	}
	r.Live, r.Old = live, old
	r.Changes = changedSections(diff.Sections(old, page))
	// The review workflow (approval bound to the content hash, checks,
	// comments, corrections) is not in the store yet: say so.
	r.Approval = approvalState{Known: false, Approved: page.Status == storage.StatusApproved}
	if p.check != nil {
		r.Checks = checkState{Known: true, Findings: p.check(page)}
	}
	return r, nil
}

// live returns the last publication of the page to the target and the
// page as it was then (empty for none).
func (p *publisherService) live(ctx context.Context, pageID uuid.UUID, targetName string) (*storage.Publication, storage.Page, error) {
	pubs, err := p.store.FindPublications(ctx, storage.PublicationFilter{PageID: &pageID, Target: &targetName, Limit: 1})
	if err != nil || len(pubs) == 0 {
		return nil, storage.Page{}, err
	}
	old, err := p.revisionPage(ctx, pageID, pubs[0].RevisionID)
	return &pubs[0], old, err
}

// revisionPage is the page as revision id kept it; empty when id is nil
// or the revision is gone.
func (p *publisherService) revisionPage(ctx context.Context, pageID, id uuid.UUID) (storage.Page, error) {
	if id == uuid.Nil {
		return storage.Page{}, nil
	}
	revs, err := p.store.FindRevisions(ctx, pageID)
	if err != nil {
		return storage.Page{}, err
	}
	for _, r := range revs {
		if r.ID == id {
			return r.Page, nil
		}
	}
	return storage.Page{}, nil
}

func (p *publisherService) Publish(ctx context.Context, req publishRequest) (deploy.Result, error) {
	return p.pub.PublishResult(ctx, req.Slug, req.Target)
}

// PublishAll publishes every page to the target, calling progress(done,
// total) after each page from the publishing goroutine.
func (p *publisherService) PublishAll(ctx context.Context, targetName string, progress func(done, total int)) ([]deploy.Result, error) {
	pages, err := p.store.FindPages(ctx, storage.PageFilter{})
	if err != nil {
		return nil, fmt.Errorf("list pages: %w", err)
	}
	pub := *p.pub
	pub.Progress = &lineCounter{total: len(pages), report: progress}
	return pub.PublishAllResults(ctx, targetName)
}

// lineCounter counts the progress lines deploy writes, one per page.
type lineCounter struct {
	mu     sync.Mutex
	done   int
	total  int
	report func(done, total int)
}

func (c *lineCounter) Write(b []byte) (int, error) {
	c.mu.Lock()
	c.done += bytes.Count(b, []byte{'\n'})
	done := c.done
	c.mu.Unlock()
	if c.report != nil {
		c.report(done, c.total)
	}
	return len(b), nil
}

// History lists the publications of slug, newest first.
func (p *publisherService) History(ctx context.Context, slug string) ([]storage.Publication, error) {
	return p.pub.History(ctx, slug)
}

// RollbackDiff is the word diff from what is live on the publication's
// target to the version pub would restore.
func (p *publisherService) RollbackDiff(ctx context.Context, pub storage.Publication) (live, restored storage.Page, changes []diff.SectionChange, err error) {
	_, live, err = p.live(ctx, pub.PageID, pub.TargetName)
	if err != nil {
		return storage.Page{}, storage.Page{}, nil, err
	}
	to, err := p.revisionPage(ctx, pub.PageID, pub.RevisionID)
	if err != nil {
		return storage.Page{}, storage.Page{}, nil, err
	}
	return live, to, changedSections(diff.Sections(live, to)), nil
}

func (p *publisherService) Rollback(ctx context.Context, pub storage.Publication) (storage.Publication, error) {
	return p.pub.Rollback(ctx, pub.Slug, pub.TargetName, pub.Number)
}

// pageURL is the public address of slug on t: its URL with {slug}
// replaced, "" when the target has none.
func pageURL(t storage.Target, slug string) string {
	return strings.ReplaceAll(t.URL, "{slug}", url.PathEscape(slug))
}

// civilToday is the local calendar date of now, as pages store dates.
func civilToday(now time.Time) time.Time {
	y, m, d := now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
