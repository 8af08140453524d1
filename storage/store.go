package storage

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// PageFilter selects pages for FindPages; nil fields match every page.
type PageFilter struct {
	Status *PageStatus
	Lang   *string
}

// PageUpdate changes the non-nil fields of a page.
type PageUpdate struct {
	Slug        *string
	Title       *string
	Lang        *string
	Dir         *Direction
	Numbering   *NumberingStyle
	DateStyle   *DateStyle
	LastUpdated *time.Time // the time of day is dropped; the zero time clears it
	Status      *PageStatus
}

// SectionUpdate changes the non-nil fields of a section.
type SectionUpdate struct {
	Heading *string
	Body    *string
	Kind    *SectionKind
	// IfVersion, when not 0, is the version the change was made from: if
	// the section is at another version now (someone else saved it), the
	// update is refused with a *SectionConflict (errors.Is ErrConflict)
	// holding the section as it is, and nothing is written.
	IfVersion int64
}

// PublicationFilter selects publications for FindPublications; nil fields
// match all, Limit 0 means no limit.
type PublicationFilter struct {
	PageID *uuid.UUID
	Target *string
	Limit  int
}

// PublishRecord is what publishing one page stores, for
// RecordPublications: in order, a page update, a revision and a
// publication, each optional.
type PublishRecord struct {
	PageID uuid.UUID
	// Update is applied to the page first, as UpdatePage does; an empty
	// update changes nothing.
	Update PageUpdate
	// Revision: make a revision of the page as it is after Update, with
	// the publication's Author and RevisionNote (CreateRevision). The
	// publication, if any, is recorded with its ID as RevisionID.
	Revision     bool
	RevisionNote string
	// Publication, if not nil, is recorded as CreatePublication records it
	// and, on success, updated the same way (ID, Number, At, Slug, Hash).
	Publication *Publication
	// Snapshot, if not nil, is the page the revision records (the page as
	// it was rendered and published) instead of the page as stored when
	// the record is applied, which may have been edited since.
	Snapshot *Page `json:",omitempty"`
	// Encoded, if not nil, is Snapshot encoded ahead (EncodeSnapshot).
	Encoded *EncodedSnapshot `json:"-"`
	// Intent, if not 0, is the PendingPublication this record completes:
	// it is deleted in the same transaction.
	Intent int64 `json:"-"`
	// Rev is set to the revision made, on success, when Revision is set.
	Rev Revision `json:"-"`
}

// PendingPublication is a publication recorded as intended before its
// file is renamed into place on the target (see IntentStore): Rel is the
// file on the target, Hash the SHA-256 of Record.Publication.Body. The
// store keeps the hash, not the bytes: a pending publication is completed
// only when the live file has that hash, and then its bytes are the body.
type PendingPublication struct {
	ID     int64
	Target string
	Rel    string
	Hash   string
	Record PublishRecord
	At     time.Time // when it was begun (filled by Dump)
}

// IntentStore keeps intended publications, so that a publish killed
// between renaming the page into place and recording it can be completed
// by the next one: what is live is then always in the history.
// BeginPublications stores each intent (its Record must have a
// Publication) and sets its ID, in one transaction; PendingPublications
// returns a target's intents, oldest first; DiscardPublications deletes
// intents whose file never went live. Errors: ErrInvalid, ErrNotFound.
type IntentStore interface {
	BeginPublications(ctx context.Context, intents []PendingPublication) error
	PendingPublications(ctx context.Context, target string) ([]PendingPublication, error)
	DiscardPublications(ctx context.Context, ids []int64) error
}

// The store is described by small interfaces, one per role, so that a
// consumer names only what it uses (the publisher the page, revision,
// publication and target roles; the preview server FindPages,
// FindPageBySlug and DataChanged; a snapshot the history readers).
// storage/sqlite.DB implements all of them; Store is their sum.

// PageFinder reads pages. FindPage and FindPageBySlug fill Sections;
// FindPages fills only SectionCount. Errors: ErrNotFound.
type PageFinder interface {
	FindPage(ctx context.Context, id uuid.UUID) (Page, error)
	FindPageBySlug(ctx context.Context, slug string) (Page, error)
	FindPages(ctx context.Context, f PageFilter) ([]Page, error)
}

// PageWriter creates, changes and deletes pages and their sections.
// Errors: ErrNotFound, ErrConflict (slug taken), ErrInvalid.
type PageWriter interface {
	CreatePage(ctx context.Context, p *Page) error
	UpdatePage(ctx context.Context, id uuid.UUID, u PageUpdate) (Page, error)
	DeletePage(ctx context.Context, id uuid.UUID) error
	SaveSectionBody(ctx context.Context, id uuid.UUID, body string) error
	UpdateSection(ctx context.Context, id uuid.UUID, u SectionUpdate) (Section, error)
	InsertSection(ctx context.Context, pageID uuid.UUID, pos int, s Section) (Section, error)
	DeleteSection(ctx context.Context, id uuid.UUID) error
	ReorderSections(ctx context.Context, pageID uuid.UUID, order []uuid.UUID) error
}

// PageTrash keeps deleted pages, whole, until the trash is emptied. The
// finders (FindPage, FindPages, …) do not see trashed pages; a trashed page
// keeps its slug. Errors: ErrNotFound (no such page, or not in the trash
// for RestorePage), ErrConflict never.
type PageTrash interface {
	TrashPage(ctx context.Context, id uuid.UUID) error
	RestorePage(ctx context.Context, id uuid.UUID) error
	// FindTrashedPages returns the trashed pages, most recently trashed
	// first, without sections, with TrashedAt set.
	FindTrashedPages(ctx context.Context) ([]Page, error)
	// EmptyTrash deletes the trashed pages for good, with their sections,
	// revisions and publication history.
	EmptyTrash(ctx context.Context) error
}

// ChangeCounter tells readers that something changed since they last
// looked: DataChanged returns a number that changes whenever a page or
// section changes, also when another process writes.
type ChangeCounter interface {
	DataChanged(ctx context.Context) (int64, error)
}

// RevisionStore makes and reads the immutable revisions of a page.
type RevisionStore interface {
	CreateRevision(ctx context.Context, pageID uuid.UUID, author, note string) (Revision, error)
	FindRevisions(ctx context.Context, pageID uuid.UUID) ([]Revision, error)
	FindRevision(ctx context.Context, pageID uuid.UUID, number int) (Revision, error)
}

// PublicationStore records and reads the publication history.
type PublicationStore interface {
	CreatePublication(ctx context.Context, p *Publication) error
	FindPublications(ctx context.Context, f PublicationFilter) ([]Publication, error)
	FindPublication(ctx context.Context, pageID uuid.UUID, target string, number int) (Publication, error)
}

// TargetStore keeps the publish targets. Errors: ErrNotFound, ErrConflict,
// ErrInvalid (ValidateTarget).
type TargetStore interface {
	CreateTarget(ctx context.Context, t *Target) error
	FindTarget(ctx context.Context, name string) (Target, error)
	FindTargets(ctx context.Context) ([]Target, error)
	DeleteTarget(ctx context.Context, name string) error
}

// TargetUpdater changes a target in place. A new name carries the
// target's publication history along. Errors: ErrNotFound (no target
// called name), ErrConflict (the new name is taken), ErrInvalid.
type TargetUpdater interface {
	UpdateTarget(ctx context.Context, name string, t *Target) error
}

// Store is the whole draft store, as the app opens it.
type Store interface {
	PageFinder
	PageWriter
	PageTrash
	ChangeCounter
	RevisionStore
	PublicationStore
	TargetStore
	Close() error
}
