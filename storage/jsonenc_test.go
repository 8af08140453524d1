package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// The encoders of jsonenc.go against what encoding/json writes for the
// structs they stand for (the implementations they replaced, kept here as
// the oracle).

type refHashedContent struct {
	Title       string             `json:"title"`
	Lang        string             `json:"lang"`
	Dir         Direction          `json:"dir"`
	Numbering   NumberingStyle     `json:"numbering"`
	DateStyle   DateStyle          `json:"date_style"`
	LastUpdated string             `json:"last_updated"`
	Sections    []refHashedSection `json:"sections"`
}

type refHashedSection struct {
	Kind    SectionKind `json:"kind"`
	Heading string      `json:"heading"`
	Body    string      `json:"body"`
}

func refContentHash(p Page) string {
	c := refHashedContent{
		Title: p.Title, Lang: p.Lang, Dir: p.Dir, Numbering: p.Numbering, DateStyle: p.DateStyle,
		Sections: make([]refHashedSection, len(p.Sections)),
	}
	if !p.LastUpdated.IsZero() {
		c.LastUpdated = p.LastUpdated.Format(DateLayout)
	}
	for i, s := range p.Sections {
		c.Sections[i] = refHashedSection{Kind: s.Kind, Heading: s.Heading, Body: s.Body}
	}
	sum := sha256.Sum256(CanonicalJSON(c))
	return hex.EncodeToString(sum[:])
}

func refRevisionContent(p Page) []byte {
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

func refEncodeIntentRecord(rec PublishRecord) (string, error) {
	if rec.Publication != nil {
		meta := *rec.Publication
		meta.Body = nil
		rec.Publication = &meta
	}
	b, err := json.Marshal(rec)
	return string(b), err
}

// textPieces are the kinds of text the encoders must escape as
// encoding/json does: Arabic, ASCII, the HTML characters, control
// characters, quote and backslash, 3- and 4-byte runes, U+2028/U+2029,
// invalid and truncated UTF-8.
var textPieces = []string{
	"سياسة الخصوصية", "منصة قلم ١٧/٠٧/٢٠٢٣م", "## أهمية\n\n", "plain ASCII ", "<b>&amp;</b>",
	"\"quoted\" \\ back", "\t\r\n\b\f\x00\x01\x1f\x7f", "€ \u2010 \u200f \u200e", "😀𝄞", "\u2028\u2029",
	"\xff", "\xd8", "\xe2\x80", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "é", "\u200f",
}

func randText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(8) {
		b.WriteString(textPieces[r.IntN(len(textPieces))])
	}
	return b.String()
}

func randTime(r *rand.Rand) time.Time {
	switch r.IntN(5) {
	case 0:
		return time.Time{}
	case 1:
		return time.Date(2026, 12, 2, 3, 4, 5, r.IntN(1e9), time.FixedZone("x", 3*3600+1800))
	}
	return time.Date(1990+r.IntN(60), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(3)*r.IntN(1e9), time.UTC)
}

func randID(r *rand.Rand) uuid.UUID {
	if r.IntN(4) == 0 {
		return uuid.Nil
	}
	var id uuid.UUID
	for i := range id {
		id[i] = byte(r.IntN(256))
	}
	return id
}

func randStrPtr(r *rand.Rand) *string {
	if r.IntN(2) == 0 {
		return nil
	}
	s := randText(r)
	return &s
}

func randPage(r *rand.Rand) Page {
	p := Page{ID: randID(r), Slug: randText(r), Title: randText(r), Lang: randText(r), Dir: Direction(randText(r)),
		Numbering: NumberingStyle(randText(r)), DateStyle: DateStyle(randText(r)), LastUpdated: randTime(r),
		Status: PageStatus(randText(r)), CreatedAt: randTime(r), UpdatedAt: randTime(r), TrashedAt: randTime(r),
		SectionCount: r.IntN(5) - 1}
	if n := r.IntN(5) - 1; n >= 0 {
		p.Sections = make([]Section, n)
		for i := range p.Sections {
			p.Sections[i] = Section{ID: randID(r), PageID: randID(r), Position: r.IntN(20) - 2, Kind: SectionKind(randText(r)),
				Heading: randText(r), Body: randText(r), UpdatedAt: randTime(r), Version: int64(r.IntN(4) - 1)}
		}
	}
	return p
}

func randRecord(r *rand.Rand) PublishRecord {
	rec := PublishRecord{PageID: randID(r), Revision: r.IntN(2) == 0, RevisionNote: randText(r), Intent: int64(r.IntN(9))}
	rec.Update = PageUpdate{Slug: randStrPtr(r), Title: randStrPtr(r), Lang: randStrPtr(r),
		Dir: (*Direction)(randStrPtr(r)), Numbering: (*NumberingStyle)(randStrPtr(r)),
		DateStyle: (*DateStyle)(randStrPtr(r)), Status: (*PageStatus)(randStrPtr(r))}
	if r.IntN(2) == 0 {
		t := randTime(r)
		rec.Update.LastUpdated = &t
	}
	if r.IntN(4) > 0 {
		rec.Publication = &Publication{ID: int64(r.IntN(100)) - 1, Number: r.IntN(10), PageID: randID(r), Slug: randText(r),
			TargetName: randText(r), RevisionID: randID(r), Hash: randText(r), Author: randText(r), Note: randText(r),
			At: randTime(r), Body: []byte(randText(r))}
	}
	if r.IntN(4) > 0 {
		p := randPage(r)
		rec.Snapshot = &p
	}
	return rec
}

// checkEncoders compares the three encoders with their oracles on p and rec.
func checkEncoders(t *testing.T, p Page, rec PublishRecord) {
	t.Helper()
	if got, want := ContentHash(p), refContentHash(p); got != want {
		t.Errorf("ContentHash = %s, want %s; hashed content:\n%s", got, want, hashedContent(p))
	}
	if got, want := RevisionContent(p), refRevisionContent(p); !bytes.Equal(got, want) {
		t.Errorf("RevisionContent =\n%s\nwant\n%s", got, want)
	}
	if content, hash := RevisionContentAndHash(p); !bytes.Equal(content, refRevisionContent(p)) || hash != refContentHash(p) {
		t.Errorf("RevisionContentAndHash =\n%s, %s\nwant\n%s, %s", content, hash, refRevisionContent(p), refContentHash(p))
	}
	got, err := EncodeIntentRecord(rec)
	want, wantErr := refEncodeIntentRecord(rec)
	if (err != nil) != (wantErr != nil) || got != want {
		t.Errorf("EncodeIntentRecord =\n%s, %v\nwant\n%s, %v", got, err, want, wantErr)
	}
	// The same record with its snapshot encoded ahead stores the same.
	if rec.Snapshot == nil {
		return
	}
	rec.Encoded = EncodeSnapshot(rec.Snapshot)
	if rec.Encoded == nil {
		if wantErr == nil {
			t.Errorf("EncodeSnapshot = nil for a snapshot EncodeIntentRecord encodes")
		}
		return
	}
	if got, err := EncodeIntentRecord(rec); err != nil || got != want {
		t.Errorf("EncodeIntentRecord, snapshot encoded ahead =\n%s, %v\nwant\n%s", got, err, want)
	}
	if content, hash := rec.SnapshotContent(); content != string(refRevisionContent(*rec.Snapshot)) || hash != refContentHash(*rec.Snapshot) {
		t.Errorf("SnapshotContent, encoded ahead =\n%s, %s\nwant\n%s, %s", content, hash, refRevisionContent(*rec.Snapshot), refContentHash(*rec.Snapshot))
	}
}

// TestEncodedSnapshotOfAnotherPage: an EncodedSnapshot made of another
// page than the record's Snapshot (even an equal copy) is not used.
func TestEncodedSnapshotOfAnotherPage(t *testing.T) {
	p, q := benchPage(), benchPage()
	rec := PublishRecord{PageID: q.ID, Revision: true, Snapshot: &q, Encoded: EncodeSnapshot(&p),
		Publication: &Publication{PageID: q.ID, At: time.Now()}}
	want, err := refEncodeIntentRecord(rec)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := EncodeIntentRecord(rec); err != nil || got != want {
		t.Errorf("EncodeIntentRecord with another page's encoding =\n%s, %v\nwant\n%s", got, err, want)
	}
	if content, hash := rec.SnapshotContent(); content != string(RevisionContent(q)) || hash != ContentHash(q) {
		t.Errorf("SnapshotContent with another page's encoding took it: %s", hash)
	}
	if EncodeSnapshot(&Page{CreatedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}) != nil {
		t.Errorf("EncodeSnapshot(year 10000) is not nil")
	}
}

func TestJSONEncodersMatchEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		checkEncoders(t, randPage(r), randRecord(r))
	}
}

func TestEncodeIntentRecordBadTime(t *testing.T) {
	rec := PublishRecord{Publication: &Publication{At: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}
	if _, err := EncodeIntentRecord(rec); err == nil {
		t.Errorf("EncodeIntentRecord(year 10000) = nil error, want one")
	}
	defer func() {
		if recover() == nil {
			t.Errorf("RevisionContent(year 10000) did not panic, as CanonicalJSON does")
		}
	}()
	RevisionContent(Page{CreatedAt: rec.Publication.At})
}

// TestJSONEncodersKnowEveryField fails when a field is added to a type
// the hand encoders write: they must learn it (json.Marshal would write it).
func TestJSONEncodersKnowEveryField(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int
	}{{PublishRecord{}, 9}, {PageUpdate{}, 8}, {Publication{}, 11}, {Page{}, 14}, {Section{}, 8}} {
		if n := reflect.TypeOf(c.v).NumField(); n != c.want {
			t.Errorf("%T has %d fields, the encoders of jsonenc.go and intent.go know %d: teach them the new ones", c.v, n, c.want)
		}
	}
}

func FuzzJSONEncoders(f *testing.F) {
	for _, s := range textPieces {
		f.Add(s, "عنوان", int64(3), uint64(7))
	}
	f.Fuzz(func(t *testing.T, text, heading string, version int64, seed uint64) {
		r := rand.New(rand.NewPCG(seed, 0))
		p := randPage(r)
		p.Title = text
		p.Sections = append(p.Sections, Section{Heading: heading, Body: text + heading, Version: version, Kind: SectionKind(text)})
		rec := randRecord(r)
		rec.RevisionNote = text
		rec.Snapshot = &p
		checkEncoders(t, p, rec)
	})
}

func BenchmarkRevisionContent(b *testing.B) {
	p := benchPage()
	b.SetBytes(int64(len(RevisionContent(p))))
	for b.Loop() {
		RevisionContent(p)
	}
}

func BenchmarkRevisionContentAndHash(b *testing.B) {
	p := benchPage()
	for b.Loop() {
		RevisionContentAndHash(p)
	}
}

func BenchmarkContentHash(b *testing.B) {
	p := benchPage()
	for b.Loop() {
		ContentHash(p)
	}
}

func BenchmarkEncodeIntentRecord(b *testing.B) {
	p := benchPage()
	rec := PublishRecord{PageID: p.ID, Revision: true, Snapshot: &p, Publication: &Publication{PageID: p.ID, At: time.Now()}}
	for b.Loop() {
		if _, err := EncodeIntentRecord(rec); err != nil {
			b.Fatal(err)
		}
	}
}

// benchPage is a page of 8 sections of Arabic Markdown, 6 KB in all.
func benchPage() Page {
	const para = "تلتزم منصة قلم بحماية خصوصية المستخدمين (www.qlmlearn.com) وفق الأنظمة المعمول بها في ١٧/٠٧/٢٠٢٣م، **ولا** نشارك بياناتك.\n\n"
	p := Page{ID: uuid.New(), Slug: "privacy", Title: "سياسة الخصوصية", Lang: "ar", Dir: "rtl", Status: "published",
		CreatedAt: time.Now().UTC(), UpdatedAt: time.Now().UTC(), LastUpdated: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)}
	for i := range 8 {
		p.Sections = append(p.Sections, Section{ID: uuid.New(), PageID: p.ID, Position: i, Kind: "text",
			Heading: fmt.Sprintf("القسم %d", i), Body: strings.Repeat(para, 3), UpdatedAt: time.Now().UTC(), Version: 2})
	}
	return p
}
