package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
)

// revisionSnapshot is the stored content of a revision: the whole page as
// it was, in canonical JSON. Both stores write and read this same form, so
// a revision copied between them (copy-store) keeps its bytes and its hash.
type revisionSnapshot struct {
	ID          uuid.UUID                 `json:"id"`
	Slug        string                    `json:"slug"`
	Title       string                    `json:"title"`
	Lang        string                    `json:"lang"`
	Dir         Direction                 `json:"dir"`
	Numbering   NumberingStyle            `json:"numbering"`
	DateStyle   DateStyle                 `json:"date_style"`
	LastUpdated string                    `json:"last_updated,omitempty"`
	Status      PageStatus                `json:"status"`
	CreatedAt   time.Time                 `json:"created_at"`
	UpdatedAt   time.Time                 `json:"updated_at"`
	Sections    []revisionSnapshotSection `json:"sections"`
}

type revisionSnapshotSection struct {
	ID        uuid.UUID   `json:"id"`
	Position  int         `json:"position"`
	Kind      SectionKind `json:"kind"`
	Heading   string      `json:"heading"`
	Body      string      `json:"body"`
	UpdatedAt time.Time   `json:"updated_at"`
	Version   int64       `json:"version,omitempty"`
}

// RevisionContent encodes p with its sections as the canonical JSON a store
// keeps for a revision: revisionSnapshot's fields, in order, as
// CanonicalJSON would write them. Like CanonicalJSON it panics on a time
// JSON cannot hold (a year outside 0–9999).
func RevisionContent(p Page) []byte {
	content, _ := revisionContent(p, false, nil)
	return content
}

// RevisionContentAndHash returns RevisionContent(p) and ContentHash(p),
// escaping each text once for both (a store making a revision needs both).
func RevisionContentAndHash(p Page) (content []byte, hash string) {
	buf := hashedBufs.Get().(*[]byte)
	content, hashed := revisionContent(p, true, (*buf)[:0])
	sum := sha256.Sum256(hashed)
	*buf = hashed[:0]
	hashedBufs.Put(buf)
	return content, hex.EncodeToString(sum[:])
}

// hashedBufs holds the buffers RevisionContentAndHash writes what it
// hashes to, so that making the revisions of many pages (publish --all)
// does not take a new one, as large as the page, for each.
var hashedBufs = sync.Pool{New: func() any { return new([]byte) }}

// revisionContent writes RevisionContent(p) and, with withHashed, the
// content ContentHash hashes (hashedContent(p)) appended to buf, copying
// each text escaped for the first into the second: both are canonical
// JSON.
func revisionContent(p Page, withHashed bool, buf []byte) (content, hashed []byte) {
	n := len(p.Slug) + len(p.Title) + 300
	for _, s := range p.Sections {
		n += len(s.Heading) + len(s.Body) + 160
	}
	w := jsonWriter{b: make([]byte, 0, n+n/16)}
	h := jsonWriter{b: buf}
	if withHashed {
		h.b = slices.Grow(h.b, n+n/16)
	}
	// both writes s escaped to w and, with withHashed, after raw to h.
	both := func(raw, s string) {
		start := len(w.b)
		w.str(s)
		if withHashed {
			h.raw(raw)
			h.b = append(h.b, w.b[start:]...)
		}
	}
	w.raw(`{"id":`)
	w.id(p.ID)
	w.raw(`,"slug":`)
	w.str(p.Slug)
	w.raw(`,"title":`)
	both(`{"title":`, p.Title)
	w.raw(`,"lang":`)
	both(`,"lang":`, p.Lang)
	w.raw(`,"dir":`)
	both(`,"dir":`, string(p.Dir))
	w.raw(`,"numbering":`)
	both(`,"numbering":`, string(p.Numbering))
	w.raw(`,"date_style":`)
	both(`,"date_style":`, string(p.DateStyle))
	d := lastUpdated(p)
	if d != "" {
		w.raw(`,"last_updated":`)
		w.str(d)
	}
	if withHashed {
		h.raw(`,"last_updated":`)
		h.str(d)
		h.raw(`,"sections":[`)
	}
	w.raw(`,"status":`)
	w.str(string(p.Status))
	w.raw(`,"created_at":`)
	w.stamp(p.CreatedAt)
	w.raw(`,"updated_at":`)
	w.stamp(p.UpdatedAt)
	w.raw(`,"sections":[`)
	for i, s := range p.Sections {
		sep := ""
		if i > 0 {
			sep = ","
			w.raw(sep)
		}
		w.raw(`{"id":`)
		w.id(s.ID)
		w.raw(`,"position":`)
		w.num(int64(s.Position))
		w.raw(`,"kind":`)
		both(sep+`{"kind":`, string(s.Kind))
		w.raw(`,"heading":`)
		both(`,"heading":`, s.Heading)
		w.raw(`,"body":`)
		both(`,"body":`, s.Body)
		w.raw(`,"updated_at":`)
		w.stamp(s.UpdatedAt)
		if s.Version != 0 {
			w.raw(`,"version":`)
			w.num(s.Version)
		}
		w.raw("}")
		if withHashed {
			h.raw("}")
		}
	}
	w.raw("]}")
	h.raw("]}")
	if w.err != nil {
		panic(fmt.Sprintf("storage: canonical JSON: %v", w.err)) // as CanonicalJSON
	}
	return w.b, h.b
}

// ParseRevisionContent decodes what RevisionContent wrote.
func ParseRevisionContent(content []byte) (Page, error) {
	var s revisionSnapshot
	if err := json.Unmarshal(content, &s); err != nil {
		return Page{}, fmt.Errorf("revision content: %w", err)
	}
	p := Page{
		ID: s.ID, Slug: s.Slug, Title: s.Title, Lang: s.Lang, Dir: s.Dir, Numbering: s.Numbering,
		DateStyle: s.DateStyle, Status: s.Status, CreatedAt: s.CreatedAt.UTC(), UpdatedAt: s.UpdatedAt.UTC(),
		Sections: make([]Section, len(s.Sections)), SectionCount: len(s.Sections),
	}
	if s.LastUpdated != "" {
		d, err := time.Parse(DateLayout, s.LastUpdated)
		if err != nil {
			return Page{}, fmt.Errorf("revision content: last updated %q: %w", s.LastUpdated, err)
		}
		p.LastUpdated = d
	}
	for i, sec := range s.Sections {
		p.Sections[i] = Section{ID: sec.ID, PageID: s.ID, Position: sec.Position, Kind: sec.Kind,
			Heading: sec.Heading, Body: sec.Body, UpdatedAt: sec.UpdatedAt.UTC(), Version: sec.Version}
	}
	return p, nil
}
