package storage

import (
	"encoding/json"
	"fmt"
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
// keeps for a revision.
func RevisionContent(p Page) []byte {
	s := revisionSnapshot{
		ID: p.ID, Slug: p.Slug, Title: p.Title, Lang: p.Lang, Dir: p.Dir, Numbering: p.Numbering,
		DateStyle: p.DateStyle, Status: p.Status, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
		Sections: make([]revisionSnapshotSection, len(p.Sections)),
	}
	if !p.LastUpdated.IsZero() {
		s.LastUpdated = p.LastUpdated.Format(DateLayout)
	}
	for i, sec := range p.Sections {
		s.Sections[i] = revisionSnapshotSection{ID: sec.ID, Position: sec.Position, Kind: sec.Kind,
			Heading: sec.Heading, Body: sec.Body, UpdatedAt: sec.UpdatedAt, Version: sec.Version}
	}
	return CanonicalJSON(s)
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
