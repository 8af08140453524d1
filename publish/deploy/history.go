package deploy

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/qalam/policyeditor/publish/target"
	"github.com/qalam/policyeditor/storage"
)

// Rollback writes the exact bytes of publication number to of the page on
// the target (0 means the one before the latest) back to the target,
// atomically, and records them as a new publication with the note
// "rollback to N". The draft is not changed.
//
// Errors wrap storage.ErrNotFound (page, target or publication), an error
// when there is nothing to roll back to, a corrupt stored body (hash
// mismatch) and target write errors.
func (p *Publisher) Rollback(ctx context.Context, slug, targetName string, to int) (storage.Publication, error) {
	return p.RollbackWith(ctx, slug, targetName, to, RollbackOptions{})
}

// RollbackOptions change what Rollback may overwrite.
type RollbackOptions struct {
	// Force overwrites a live page that this database did not publish
	// (see ErrForeignLive).
	Force bool
}

// ErrForeignLive is returned (wrapped) by a rollback when the live page on
// the target holds bytes that no publication of this database to that
// target has: another database (or a restored backup) publishes there, or
// someone edited the file. Rolling back would silently replace their page.
var ErrForeignLive = errors.New("the live page was not published by this database")

// RollbackWith is Rollback with options: without Force it refuses, with
// ErrForeignLive, to overwrite a live page this database did not publish.
func (p *Publisher) RollbackWith(ctx context.Context, slug, targetName string, to int, opt RollbackOptions) (storage.Publication, error) {
	pub, err := p.rollback(ctx, slug, targetName, to, opt)
	if err != nil {
		return pub, fmt.Errorf("rollback %q on %q: %w", slug, targetName, err)
	}
	return pub, nil
}

func (p *Publisher) rollback(ctx context.Context, slug, targetName string, to int, opt RollbackOptions) (storage.Publication, error) {
	t, tg, done, err := p.openTarget(ctx, targetName)
	if err != nil {
		return storage.Publication{}, err
	}
	defer done()
	page, err := p.Store.FindPageBySlug(ctx, slug)
	if err != nil {
		return storage.Publication{}, err
	}
	src, err := p.rollbackSource(ctx, page, targetName, to)
	if err != nil {
		return storage.Publication{}, err
	}
	if hashOf(src.Body) != src.Hash {
		return storage.Publication{}, fmt.Errorf("publication %d: stored body does not match its hash", src.Number)
	}
	rel, err := pagePath(page, t)
	if err != nil {
		return storage.Publication{}, err
	}
	if !opt.Force {
		if err := p.checkLiveIsOurs(ctx, tg, page, t.Name, rel); err != nil {
			return storage.Publication{}, err
		}
	}
	pub := storage.Publication{PageID: page.ID, Slug: page.Slug, TargetName: t.Name, RevisionID: src.RevisionID,
		Hash: src.Hash, Author: p.Author, Note: fmt.Sprintf("rollback to %d", src.Number), At: p.now(), Body: src.Body}
	if err := p.writeAndRecord(ctx, t, tg, rel, &pub); err != nil {
		return storage.Publication{}, err
	}
	return pub, p.archiveIfAsked(ctx, t, tg, page)
}

// rollbackSource finds publication to (0: the one before the latest).
func (p *Publisher) rollbackSource(ctx context.Context, page storage.Page, targetName string, to int) (storage.Publication, error) {
	if to > 0 {
		return p.Store.FindPublication(ctx, page.ID, targetName, to)
	}
	if to < 0 {
		return storage.Publication{}, fmt.Errorf("publication number %d: %w", to, storage.ErrInvalid)
	}
	pubs, err := p.Store.FindPublications(ctx, storage.PublicationFilter{PageID: &page.ID, Target: &targetName, Limit: 2})
	if err != nil {
		return storage.Publication{}, err
	}
	switch len(pubs) {
	case 0:
		return storage.Publication{}, errNothingPublished
	case 1:
		return storage.Publication{}, fmt.Errorf("only one publication (version %d) on %q: nothing before it to roll back to", pubs[0].Number, targetName)
	}
	return pubs[1], nil
}

// History returns the publications of the page slug on every target,
// newest first, with their bodies. Errors wrap storage.ErrNotFound.
func (p *Publisher) History(ctx context.Context, slug string) ([]storage.Publication, error) {
	page, err := p.Store.FindPageBySlug(ctx, slug)
	if err != nil {
		return nil, fmt.Errorf("history of %q: %w", slug, err)
	}
	pubs, err := p.Store.FindPublications(ctx, storage.PublicationFilter{PageID: &page.ID})
	if err != nil {
		return nil, fmt.Errorf("history of %q: %w", slug, err)
	}
	return pubs, nil
}

// DefaultTargetName is the folder target every data directory starts with.
const DefaultTargetName = "site"

// EnsureDefaultTarget creates the folder target "site" at dataDir/site
// (and the folder) unless a target of that name exists. It returns store
// errors other than storage.ErrNotFound.
func EnsureDefaultTarget(ctx context.Context, store TargetStore, dataDir string) error {
	_, err := store.FindTarget(ctx, DefaultTargetName)
	if err == nil {
		return nil
	}
	if !errors.Is(err, storage.ErrNotFound) {
		return fmt.Errorf("default target: %w", err)
	}
	dir, err := filepath.Abs(filepath.Join(dataDir, DefaultTargetName))
	if err != nil {
		return fmt.Errorf("default target: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("default target: %w", err)
	}
	t := storage.Target{Name: DefaultTargetName, Kind: storage.TargetDir, Location: dir,
		Options: storage.TargetOptions{Layout: storage.LayoutIndex}}
	if err := store.CreateTarget(ctx, &t); err != nil && !errors.Is(err, storage.ErrConflict) {
		return fmt.Errorf("default target: %w", err)
	}
	return nil
}

// checkLiveIsOurs returns ErrForeignLive (wrapped, with the live page's
// hash) when the page at rel on the target exists and its bytes are not
// those of any publication of the page to the target in this database.
func (p *Publisher) checkLiveIsOurs(ctx context.Context, tg target.Target, page storage.Page, targetName, rel string) error {
	live, err := tg.ReadFile(ctx, rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // nothing to overwrite
	}
	if err != nil {
		return fmt.Errorf("check the live page: %w", err)
	}
	h := hashOf(live)
	pubs, err := p.Store.FindPublications(ctx, storage.PublicationFilter{PageID: &page.ID, Target: &targetName})
	if err != nil {
		return err
	}
	for _, pub := range pubs {
		if pub.Hash == h {
			return nil
		}
	}
	return fmt.Errorf("%w (%s, SHA-256 %s…)", ErrForeignLive, rel, h[:12])
}

// writeAndRecord writes pub's bytes to rel and records pub, through the
// recording path of record.go when the store has it (intent, write, one
// transaction), else write then CreatePublication.
func (p *Publisher) writeAndRecord(ctx context.Context, t storage.Target, tg target.Target, rel string, pub *storage.Publication) error {
	ir, ok := p.Store.(intentRecorder)
	if !ok {
		if err := tg.WriteFile(ctx, rel, pub.Body); err != nil {
			return err
		}
		return p.Store.CreatePublication(ctx, pub)
	}
	rec := storage.PublishRecord{PageID: pub.PageID, Publication: pub}
	intent := []storage.PendingPublication{{Target: t.Name, Rel: rel, Hash: pub.Hash, Record: rec}}
	if err := ir.BeginPublications(ctx, intent); err != nil {
		return fmt.Errorf("record the intended publication: %w", err)
	}
	if err := tg.WriteFile(ctx, rel, pub.Body); err != nil {
		_ = ir.DiscardPublications(ctx, []int64{intent[0].ID})
		return err
	}
	rec.Intent = intent[0].ID
	return ir.RecordPublications(ctx, []storage.PublishRecord{rec})[0]
}
