package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// DumpSummary is what copy-store compares between the source and the
// copy: how many of each thing there are, and one SHA-256 over what they
// say (each page's slug, status and content hash; each revision's number
// and hash; each target; each publication's number, target and body hash;
// each pending publication's target, file, hash and record),
// in a fixed order. Ids are included, times are not (PostgreSQL keeps
// microseconds, SQLite nanoseconds).
type DumpSummary struct {
	Pages, Sections, Revisions, Targets, Publications, Pending, Reviews, Comments int
	Digest                                                                        string
}

func (s DumpSummary) String() string {
	return fmt.Sprintf("%d pages, %d sections, %d revisions, %d targets, %d publications, %d pending publications, %d reviews, %d comments, digest %s",
		s.Pages, s.Sections, s.Revisions, s.Targets, s.Publications, s.Pending, s.Reviews, s.Comments, s.Digest[:16])
}

// Summarize counts and digests d, and checks that every revision's hash is
// the content hash of its snapshot and every publication's hash is the
// SHA-256 of its body: a copy whose bytes changed on the way is an error
// (ErrInvalid) that names the revision or publication.
func Summarize(d Dump) (DumpSummary, error) {
	var lines []string
	s := DumpSummary{Pages: len(d.Pages), Revisions: len(d.Revisions), Targets: len(d.Targets), Publications: len(d.Publications),
		Pending: len(d.Pending), Reviews: len(d.Reviews), Comments: len(d.Comments)}
	for _, p := range d.Pages {
		s.Sections += len(p.Sections)
		lines = append(lines, fmt.Sprintf("page %s %q %s %s", p.ID, p.Slug, p.Status, ContentHash(p)))
		for _, sec := range p.Sections {
			lines = append(lines, fmt.Sprintf("section %s %s %d", sec.ID, p.ID, sec.Position))
		}
	}
	for _, r := range d.Revisions {
		if got := ContentHash(r.Page); got != r.Hash {
			return s, fmt.Errorf("revision %d of page %s: stored hash %s, its snapshot hashes to %s: %w",
				r.Number, r.PageID, r.Hash, got, ErrInvalid)
		}
		lines = append(lines, fmt.Sprintf("revision %s %s %d %q %q %s", r.ID, r.PageID, r.Number, r.Author, r.Note, r.Hash))
	}
	for _, t := range d.Targets {
		lines = append(lines, fmt.Sprintf("target %q %s %q %s %q", t.Name, t.Kind, t.Location, CanonicalJSON(t.Options), t.URL))
	}
	for _, p := range d.Publications {
		sum := sha256.Sum256(p.Body)
		if got := hex.EncodeToString(sum[:]); got != p.Hash {
			return s, fmt.Errorf("publication %d of page %s to %q: stored hash %s, its body hashes to %s: %w",
				p.Number, p.PageID, p.TargetName, p.Hash, got, ErrInvalid)
		}
		lines = append(lines, fmt.Sprintf("publication %d %d %s %q %q %s %s %q %q", p.ID, p.Number, p.PageID,
			p.Slug, p.TargetName, p.RevisionID, p.Hash, p.Author, p.Note))
	}
	for _, p := range d.Pending {
		record, err := EncodeIntentRecord(p.Record)
		if err != nil {
			return s, err
		}
		lines = append(lines, fmt.Sprintf("pending %d %s %q %q %s %s", p.ID, p.Record.PageID, p.Target, p.Rel, p.Hash, record))
	}
	for _, r := range d.Reviews {
		lines = append(lines, fmt.Sprintf("review %d %s %s %q %q %s %d", r.ID, r.PageID, r.Action, r.Person, r.Note, r.Hash, r.RevisionNumber))
	}
	for _, c := range d.Comments {
		lines = append(lines, fmt.Sprintf("comment %d %s %s %q %q %t %q", c.ID, c.PageID, c.SectionID, c.Author, c.Text, c.Resolved, c.ResolvedBy))
	}
	for k, v := range d.Settings {
		lines = append(lines, fmt.Sprintf("setting %q %q", k, v))
	}
	for id, who := range d.Editors {
		lines = append(lines, fmt.Sprintf("editor %s %q", id, who))
	}
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	s.Digest = hex.EncodeToString(sum[:])
	return s, nil
}
