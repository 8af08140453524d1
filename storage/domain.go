// Package storage is the domain of Policy Editor: pages, their sections,
// immutable revisions, publish targets and the history of publications;
// their validation, slug rules and content hash; the sentinel errors; and
// the store interfaces (store.go) that the app, the publisher and the
// preview server use. It has no database code and links no cgo: the SQLite
// implementation is package storage/sqlite, the only package (with app and
// main) that links go-sqlite3 (TestOnlyStoreLinksSQLite in storage/sqlite).
//
// The store speaks the domain: its methods take a context first and return
// plain values (Page, Section, Revision, ...), never rows. Errors are
// wrapped with lowercase context and can be tested with errors.Is against
// ErrNotFound, ErrConflict and ErrInvalid.
package storage

import (
	"errors"
	"time"

	"github.com/google/uuid"
)

// Sentinel errors. Callers test them with errors.Is; the app words them for people.
var (
	// ErrNotFound: the page, section, revision, target or publication does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict: a unique value (slug, target name) is already taken.
	ErrConflict = errors.New("already exists")
	// ErrInvalid: a value was refused by validation (for example a slug with "/").
	ErrInvalid = errors.New("invalid")
)

// Direction is the writing direction of a page or block.
type Direction string

// Directions.
const (
	RTL Direction = "rtl"
	LTR Direction = "ltr"
)

// NumberingStyle says how section headings are numbered when a page is shown
// or published. Numbers come from the section's position, never from typed text.
type NumberingStyle string

// Numbering styles.
const (
	// NumberingOrdinal: Arabic ordinal words أولاً، ثانياً … عاشراً، حادي عشر …; the closing section is ختاماً.
	NumberingOrdinal NumberingStyle = "ordinal"
	// NumberingArabicIndic: Arabic-Indic digits ١، ٢، ٣ …
	NumberingArabicIndic NumberingStyle = "arabic-indic"
	// NumberingWestern: Western digits 1, 2, 3 …
	NumberingWestern NumberingStyle = "western"
	// NumberingNone: headings are shown as typed.
	NumberingNone NumberingStyle = "none"
)

// DateStyle says how the last-updated date is written on the page.
type DateStyle string

// Date styles.
const (
	// DateNumeric: 17/07/2023م in Arabic pages, 07/17/2023 style is never used; LTR pages get 17/07/2023.
	DateNumeric DateStyle = "numeric"
	// DateArabicIndic: ١٧/٠٧/٢٠٢٣م.
	DateArabicIndic DateStyle = "arabic-indic"
	// DateLong: 17 يوليو 2023 / July 17, 2023 (month names in the page's language).
	DateLong DateStyle = "long"
	// DateHijri: the Umm al-Qura (tabular) Hijri date next to the Gregorian one.
	DateHijri DateStyle = "hijri"
)

// PageStatus is where a page stands in the review flow.
type PageStatus string

// Page statuses.
const (
	StatusDraft     PageStatus = "draft"
	StatusInReview  PageStatus = "in-review"
	StatusApproved  PageStatus = "approved"
	StatusPublished PageStatus = "published"
)

// SectionKind is the role of a section in a page.
type SectionKind string

// Section kinds.
const (
	// KindIntro: text before the first numbered section; not numbered.
	KindIntro SectionKind = "intro"
	// KindNumbered: a numbered section (أولاً …).
	KindNumbered SectionKind = "numbered"
	// KindClosing: the closing section (ختاماً), not numbered by position.
	KindClosing SectionKind = "closing"
)

// Page is one policy page: a title, a last-updated date and ordered sections.
type Page struct {
	ID        uuid.UUID // UUIDv7
	Slug      string    // unique; letters (Arabic too), digits and hyphens
	Title     string
	Lang      string // BCP 47 tag, e.g. "ar", "en"
	Dir       Direction
	Numbering NumberingStyle
	DateStyle DateStyle
	// LastUpdated is the civil date shown on the page (time of day is zero, UTC).
	LastUpdated time.Time
	Status      PageStatus
	CreatedAt   time.Time
	UpdatedAt   time.Time

	// Sections in order of Position. Filled by FindPage and FindPageBySlug;
	// empty in the results of FindPages.
	Sections []Section
	// SectionCount is the number of sections, filled by every finder.
	SectionCount int
}

// Section is one part of a page: a heading and a Markdown body.
type Section struct {
	ID        uuid.UUID // UUIDv7
	PageID    uuid.UUID
	Position  int // 0-based order within the page
	Kind      SectionKind
	Heading   string // without numbering: "أهمية سياسة الخصوصية لمنصة قلم"
	Body      string // Markdown
	UpdatedAt time.Time
}

// Revision is an immutable snapshot of a whole page.
type Revision struct {
	ID        uuid.UUID
	PageID    uuid.UUID
	Number    int // 1, 2, 3 … per page
	Author    string
	Note      string
	CreatedAt time.Time
	Hash      string // hex SHA-256 of the canonical JSON of Page (with Sections)
	Page      Page   // the page as it was, with its sections
}

// Target is a place pages are published to.
type Target struct {
	Name string     // unique, chosen by the user
	Kind TargetKind // TargetDir or TargetSFTP
	// Location: a folder path for TargetDir; "user@host:port/path" for TargetSFTP.
	Location string
	Options  TargetOptions
	// URL is the public address of a page published here, with "{slug}"
	// standing for the page's slug (https://example.com/{slug}/); "" when
	// not known. It is not a render option: it only tells people where
	// the published page can be seen.
	URL     string
	Created time.Time
}

// TargetOptions are the per-target publishing choices.
type TargetOptions struct {
	// Layout: LayoutIndex writes <slug>/index.html (the default, also for ""),
	// LayoutFlat writes <slug>.html.
	Layout Layout `json:"layout,omitempty"`
	// Archive keeps earlier versions as <slug>/versions/N.html with a "what changed" list.
	Archive bool `json:"archive,omitempty"`
	// KeyFile is the private key for SFTP; empty means ssh-agent.
	KeyFile string `json:"key_file,omitempty"`
	// KnownHosts is the known_hosts file for SFTP; empty means ~/.ssh/known_hosts.
	KnownHosts string `json:"known_hosts,omitempty"`
	// Fragment writes only the policy body, for sites that wrap it in their own layout.
	Fragment bool `json:"fragment,omitempty"`
	// Template is a user html/template file to use instead of the default.
	Template string `json:"template,omitempty"`
	// RequireApproval refuses to publish a page that is not approved as it
	// is (see Approved).
	RequireApproval bool `json:"require_approval,omitempty"`
}

// Publication records one page written to one target.
type Publication struct {
	ID         int64
	Number     int // 1, 2, 3 … per page and target
	PageID     uuid.UUID
	Slug       string
	TargetName string
	RevisionID uuid.UUID // the revision that was published (uuid.Nil for a rollback of raw bytes)
	Hash       string    // hex SHA-256 of Body
	Author     string
	Note       string // "publish", "rollback to 3", …
	At         time.Time
	Body       []byte // the exact bytes written, so rollback restores them exactly
}
