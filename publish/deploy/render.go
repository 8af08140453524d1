package deploy

import (
	"context"
	"fmt"
	"time"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/storage"
)

// prepared is a page made ready for a target exactly as publishing it now
// would write it. Publish, PublishAll and Render all go through prepare,
// so what is shown and what is written cannot drift apart.
// (The Render field is the render hook; RenderSlug and RenderPage are the
// methods that show a page as it would be published.)
type prepared struct {
	page    storage.Page // LastUpdated as it will be published
	stored  time.Time    // the draft's date before stamping
	rel     string       // where the page goes on the target
	last    storage.Publication
	hasLast bool
	body    []byte // the exact bytes to publish
	// hash is the SHA-256 of body once computed (by stampAll, or by
	// intendAll for the record after the write); "" until then.
	hash string
	// snap is the revision a written page gets (the page as rendered,
	// published) and encoded its encoding, when made ahead (ahead); nil
	// otherwise, and recordFor makes snap.
	snap    *storage.Page
	encoded *storage.EncodedSnapshot
	// minor: a correction of the last publication (Publisher.Correction):
	// the date is kept and the publication is noted NoteCorrection.
	minor bool
}

// load finds the page's last publication on the target and checks its
// path (an unsafe slug is refused here, before anything is written); the
// rendering is left to stamp.
func (p *Publisher) load(ctx context.Context, t storage.Target, page storage.Page) (prepared, error) {
	pr := prepared{page: page, stored: page.LastUpdated}
	var err error
	if pr.rel, err = pagePath(page, t); err != nil {
		return pr, err
	}
	pr.last, pr.hasLast, err = p.lastPublication(ctx, page.ID, t.Name)
	if err != nil {
		return pr, err
	}
	pr.minor = p.isCorrection(ctx, pr)
	return pr, nil
}

// stamp renders the page with the target's options and stamps its date
// (see renderStamped). It reads nothing but the Now clock.
func (p *Publisher) stamp(pr *prepared, opt storage.TargetOptions) error {
	var err error
	pr.body, err = p.renderStamped(&pr.page, opt, pr.last.Hash, pr.minor)
	return err
}

// prepare is load then stamp.
func (p *Publisher) prepare(ctx context.Context, t storage.Target, page storage.Page) (prepared, error) {
	pr, err := p.load(ctx, t, page)
	if err != nil {
		return pr, err
	}
	return pr, p.stamp(&pr, t.Options)
}

// RenderSlug returns the exact bytes Publish(ctx, slug, targetName) would
// write now (with the date it would stamp), writing and recording nothing.
// When the page is unchanged since its last publication on the target,
// these are the bytes of that publication.
//
// Errors wrap storage.ErrNotFound (no such page or target),
// target.ErrUnsafePath and render errors (publish.ErrTooLarge).
func (p *Publisher) RenderSlug(ctx context.Context, slug, targetName string) ([]byte, error) {
	t, err := p.Store.FindTarget(ctx, targetName)
	if err != nil {
		return nil, fmt.Errorf("render %q for %q: %w", slug, targetName, err)
	}
	page, err := p.Store.FindPageBySlug(ctx, slug)
	if err != nil {
		return nil, fmt.Errorf("render %q for %q: %w", slug, targetName, err)
	}
	pr, err := p.prepare(ctx, t, page)
	if err != nil {
		return nil, fmt.Errorf("render %q for %q: %w", slug, targetName, err)
	}
	return pr.body, nil
}

// RenderPage renders page (as stored, or a draft not yet saved) with the
// date publishing it to targetName now would stamp. With opt equal to the
// target's own options (TargetRenderOptions) the bytes are exactly those
// Publish would write; other options (a preview's LiveReload, a banner)
// are passed to publish.Render with the stamped page. The date is decided
// with the Publisher's Render hook and the target's options, as Publish
// decides it. RenderPage only reads, so it may be called from several
// goroutines if the Store allows it (*sqlite.DB does).
//
// Errors are those of RenderSlug.
func (p *Publisher) RenderPage(ctx context.Context, page storage.Page, targetName string, opt publish.Options) ([]byte, error) {
	t, err := p.Store.FindTarget(ctx, targetName)
	if err != nil {
		return nil, fmt.Errorf("render %q for %q: %w", page.Slug, targetName, err)
	}
	pr, err := p.prepare(ctx, t, page)
	if err != nil {
		return nil, fmt.Errorf("render %q for %q: %w", page.Slug, targetName, err)
	}
	if opt == TargetRenderOptions(t) {
		return pr.body, nil
	}
	out, err := publish.Render(pr.page, opt)
	if err != nil {
		return nil, fmt.Errorf("render %q for %q: %w", page.Slug, targetName, err)
	}
	return out, nil
}

// PreviewRender returns a render function for the preview server
// (preview.Options.Render): each page is rendered by RenderPage for the
// target targetName, with ctx, so the preview shows the date publishing
// would stamp.
func (p *Publisher) PreviewRender(ctx context.Context, targetName string) func(storage.Page, publish.Options) ([]byte, error) {
	return func(page storage.Page, opt publish.Options) ([]byte, error) {
		return p.RenderPage(ctx, page, targetName, opt)
	}
}

// TargetRenderOptions are the render options pages are published to t
// with.
func TargetRenderOptions(t storage.Target) publish.Options {
	return publish.Options{Fragment: t.Options.Fragment, Template: t.Options.Template}
}

// StampedPage returns page with the last-updated date that publishing it
// to targetName now would stamp (today's date when its content differs from
// the last publication there, else the date it was published with), so the
// in-app preview and the published page show the same date. It only reads.
//
// Errors are those of RenderSlug.
func (p *Publisher) StampedPage(ctx context.Context, page storage.Page, targetName string) (storage.Page, error) {
	t, err := p.Store.FindTarget(ctx, targetName)
	if err != nil {
		return page, fmt.Errorf("stamp %q for %q: %w", page.Slug, targetName, err)
	}
	pr, err := p.prepare(ctx, t, page)
	if err != nil {
		return page, fmt.Errorf("stamp %q for %q: %w", page.Slug, targetName, err)
	}
	return pr.page, nil
}

// ahead makes the revision the page gets if it is written, encoded
// (storage.EncodeSnapshot), so that the store need not encode it while it
// holds its one writer.
func (pr *prepared) ahead() {
	pr.snap = publishedSnapshot(pr.page)
	pr.encoded = storage.EncodeSnapshot(pr.snap)
}

// publishedSnapshot is the revision of a written page: the page as
// rendered, even if edited since, marked published.
func publishedSnapshot(page storage.Page) *storage.Page {
	page.Status = storage.StatusPublished
	return &page
}
