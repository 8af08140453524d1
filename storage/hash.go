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

// ContentHash returns the hex SHA-256 of the canonical JSON of p's content:
// title, language, direction, numbering, date style, last-updated date and
// the sections' kind, heading and body in slice order. Ids, slug, status
// and times are left out, so two pages that would publish the same text
// have the same hash.
func ContentHash(p Page) string {
	sum := sha256.Sum256(hashedContent(p))
	return hex.EncodeToString(sum[:])
}

// hashedContent is what ContentHash covers, as the canonical JSON of
// {title, lang, dir, numbering, date_style, last_updated, sections:
// [{kind, heading, body}]}: what a reader of the published page sees,
// and nothing about ids, slugs or times.
func hashedContent(p Page) []byte {
	n := len(p.Title) + 160
	for _, s := range p.Sections {
		n += len(s.Heading) + len(s.Body) + 40
	}
	w := jsonWriter{b: make([]byte, 0, n+n/16)}
	w.raw(`{"title":`)
	w.str(p.Title)
	w.raw(`,"lang":`)
	w.str(p.Lang)
	w.raw(`,"dir":`)
	w.str(string(p.Dir))
	w.raw(`,"numbering":`)
	w.str(string(p.Numbering))
	w.raw(`,"date_style":`)
	w.str(string(p.DateStyle))
	w.raw(`,"last_updated":`)
	w.str(lastUpdated(p))
	w.raw(`,"sections":[`)
	for i, s := range p.Sections {
		if i > 0 {
			w.raw(",")
		}
		w.raw(`{"kind":`)
		w.str(string(s.Kind))
		w.raw(`,"heading":`)
		w.str(s.Heading)
		w.raw(`,"body":`)
		w.str(s.Body)
		w.raw("}")
	}
	w.raw("]}")
	return w.b
}

// lastUpdated is p's last-updated date as stored content writes it, ""
// for none.
func lastUpdated(p Page) string {
	if p.LastUpdated.IsZero() {
		return ""
	}
	return p.LastUpdated.Format(DateLayout)
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
