package deploy

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// fakeStore is an in-memory Store that follows the storage contract
// (numbers per page and target, newest first, ErrNotFound, ErrConflict).
type fakeStore struct {
	mu      sync.Mutex
	pages   map[uuid.UUID]storage.Page
	revs    []storage.Revision
	targets map[string]storage.Target
	pubs    []storage.Publication
	nextID  int64
}

func newFakeStore() *fakeStore {
	return &fakeStore{pages: map[uuid.UUID]storage.Page{}, targets: map[string]storage.Target{}}
}

func clonePage(p storage.Page) storage.Page {
	p.Sections = slices.Clone(p.Sections)
	return p
}

func (f *fakeStore) CreatePage(_ context.Context, p *storage.Page) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, q := range f.pages {
		if q.Slug == p.Slug {
			return storage.ErrConflict
		}
	}
	p.ID = uuid.Must(uuid.NewV7())
	p.Lang = cmp.Or(p.Lang, "ar")
	p.Dir = cmp.Or(p.Dir, storage.RTL)
	p.Numbering = cmp.Or(p.Numbering, storage.NumberingOrdinal)
	p.DateStyle = cmp.Or(p.DateStyle, storage.DateNumeric)
	p.Status = cmp.Or(p.Status, storage.StatusDraft)
	for i := range p.Sections {
		p.Sections[i].ID = uuid.Must(uuid.NewV7())
		p.Sections[i].PageID, p.Sections[i].Position = p.ID, i
		p.Sections[i].Kind = cmp.Or(p.Sections[i].Kind, storage.KindNumbered)
	}
	p.SectionCount = len(p.Sections)
	f.pages[p.ID] = clonePage(*p)
	return nil
}

func (f *fakeStore) SaveSectionBody(_ context.Context, id uuid.UUID, body string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for pid, p := range f.pages {
		for i := range p.Sections {
			if p.Sections[i].ID == id {
				p.Sections[i].Body = body
				f.pages[pid] = p
				return nil
			}
		}
	}
	return storage.ErrNotFound
}

func (f *fakeStore) FindPageBySlug(_ context.Context, slug string) (storage.Page, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.pages {
		if p.Slug == slug {
			return clonePage(p), nil
		}
	}
	return storage.Page{}, fmt.Errorf("page %q: %w", slug, storage.ErrNotFound)
}

func (f *fakeStore) FindPages(_ context.Context, _ storage.PageFilter) ([]storage.Page, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []storage.Page
	for _, p := range f.pages {
		p.Sections = nil
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b storage.Page) int { return cmp.Compare(a.Slug, b.Slug) })
	return out, nil
}

func (f *fakeStore) UpdatePage(_ context.Context, id uuid.UUID, u storage.PageUpdate) (storage.Page, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.pages[id]
	if !ok {
		return storage.Page{}, storage.ErrNotFound
	}
	if u.LastUpdated != nil {
		y, m, d := u.LastUpdated.Date()
		p.LastUpdated = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	if u.Status != nil {
		p.Status = *u.Status
	}
	if u.Title != nil {
		p.Title = *u.Title
	}
	f.pages[id] = p
	return clonePage(p), nil
}

func (f *fakeStore) CreateRevision(_ context.Context, pageID uuid.UUID, author, note string) (storage.Revision, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.pages[pageID]
	if !ok {
		return storage.Revision{}, storage.ErrNotFound
	}
	n := 1
	for _, r := range f.revs {
		if r.PageID == pageID {
			n++
		}
	}
	r := storage.Revision{ID: uuid.Must(uuid.NewV7()), PageID: pageID, Number: n, Author: author, Note: note,
		Hash: storage.ContentHash(p), Page: clonePage(p)}
	f.revs = append(f.revs, r)
	return r, nil
}

func (f *fakeStore) FindRevisions(_ context.Context, pageID uuid.UUID) ([]storage.Revision, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []storage.Revision
	for i := len(f.revs) - 1; i >= 0; i-- {
		if f.revs[i].PageID == pageID {
			out = append(out, f.revs[i])
		}
	}
	return out, nil
}

func (f *fakeStore) FindTarget(_ context.Context, name string) (storage.Target, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.targets[name]
	if !ok {
		return t, fmt.Errorf("target %q: %w", name, storage.ErrNotFound)
	}
	return t, nil
}

func (f *fakeStore) CreateTarget(_ context.Context, t *storage.Target) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.targets[t.Name]; ok {
		return storage.ErrConflict
	}
	f.targets[t.Name] = *t
	return nil
}

func (f *fakeStore) CreatePublication(_ context.Context, p *storage.Publication) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.pages[p.PageID]; !ok {
		return storage.ErrNotFound
	}
	if _, ok := f.targets[p.TargetName]; !ok {
		return storage.ErrNotFound
	}
	sum := sha256.Sum256(p.Body)
	if h := hex.EncodeToString(sum[:]); p.Hash == "" {
		p.Hash = h
	} else if p.Hash != h {
		return storage.ErrInvalid
	}
	p.Number = 1
	for _, q := range f.pubs {
		if q.PageID == p.PageID && q.TargetName == p.TargetName {
			p.Number++
		}
	}
	f.nextID++
	p.ID = f.nextID
	p.Body = slices.Clone(p.Body)
	f.pubs = append(f.pubs, *p)
	return nil
}

func (f *fakeStore) FindPublications(_ context.Context, flt storage.PublicationFilter) ([]storage.Publication, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []storage.Publication
	for i := len(f.pubs) - 1; i >= 0; i-- {
		p := f.pubs[i]
		if (flt.PageID == nil || *flt.PageID == p.PageID) && (flt.Target == nil || *flt.Target == p.TargetName) {
			out = append(out, p)
		}
		if flt.Limit > 0 && len(out) == flt.Limit {
			break
		}
	}
	return out, nil
}

func (f *fakeStore) FindPublication(_ context.Context, pageID uuid.UUID, target string, number int) (storage.Publication, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.pubs {
		if p.PageID == pageID && p.TargetName == target && p.Number == number {
			return p, nil
		}
	}
	return storage.Publication{}, fmt.Errorf("publication %d: %w", number, storage.ErrNotFound)
}
