package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// DateLayout is how a civil date (Page.LastUpdated) is written in hashed
// and stored content.
const DateLayout = "2006-01-02"

// CivilDate drops the time of day and zone: the date as written on the page.
func CivilDate(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// hashedContent is what ContentHash covers: what a reader of the published
// page sees, and nothing about ids, slugs or times.
type hashedContent struct {
	Title       string          `json:"title"`
	Lang        string          `json:"lang"`
	Dir         Direction       `json:"dir"`
	Numbering   NumberingStyle  `json:"numbering"`
	DateStyle   DateStyle       `json:"date_style"`
	LastUpdated string          `json:"last_updated"`
	Sections    []hashedSection `json:"sections"`
}

type hashedSection struct {
	Kind    SectionKind `json:"kind"`
	Heading string      `json:"heading"`
	Body    string      `json:"body"`
}

// ContentHash returns the hex SHA-256 of the canonical JSON of p's content:
// title, language, direction, numbering, date style, last-updated date and
// the sections' kind, heading and body in slice order. Ids, slug, status
// and times are left out, so two pages that would publish the same text
// have the same hash.
func ContentHash(p Page) string {
	c := hashedContent{
		Title: p.Title, Lang: p.Lang, Dir: p.Dir, Numbering: p.Numbering, DateStyle: p.DateStyle,
		Sections: make([]hashedSection, len(p.Sections)),
	}
	if !p.LastUpdated.IsZero() {
		c.LastUpdated = p.LastUpdated.Format(DateLayout)
	}
	for i, s := range p.Sections {
		c.Sections[i] = hashedSection{Kind: s.Kind, Heading: s.Heading, Body: s.Body}
	}
	sum := sha256.Sum256(CanonicalJSON(c))
	return hex.EncodeToString(sum[:])
}

// CanonicalJSON encodes v (structs with fixed field order only) without
// HTML escaping and without a trailing newline.
func CanonicalJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("storage: canonical JSON: %v", err)) // only plain structs of strings reach here
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
