// Package storetest is the behaviour every draft store must have, as one
// test suite that runs on each implementation: storage/sqlite and
// storage/postgres call Run with a Harness that opens a fresh, empty store
// per test. Tests of what only one implementation has (SQLite's WAL and
// crash behaviour, PostgreSQL's listener and advisory locks) stay in that
// implementation's package.
package storetest

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// Store is what the suite tests: the domain's store with the batch roles
// that the publisher uses (both implementations have them).
type Store interface {
	storage.Store
	FindPagesByID(ctx context.Context, ids []uuid.UUID) ([]storage.Page, error)
	LatestPublications(ctx context.Context, target string, pageIDs []uuid.UUID) ([]storage.Publication, error)
	RecordPublications(ctx context.Context, recs []storage.PublishRecord) []error
	storage.Dumper
	storage.Loader
	storage.IntentStore
	storage.TargetUpdater
	ReviewStore
}

// settingDistinctApprover is the setting both stores name so.
const settingDistinctApprover = "distinct-approver"

// ReviewStore is the review flow's part of the store.
type ReviewStore interface {
	ImportPage(ctx context.Context, p *storage.Page, author, note string) (storage.Revision, error)
	KeepRevision(ctx context.Context, pageID uuid.UUID, author, note string) (storage.Revision, bool, error)
	ReplaceContent(ctx context.Context, pageID uuid.UUID, c storage.Page, expect, author, note string) (storage.Page, storage.Revision, error)
	Review(ctx context.Context, pageID uuid.UUID, action storage.ReviewAction, person, note string) (storage.Review, error)
	FindReviews(ctx context.Context, pageID uuid.UUID) ([]storage.Review, error)
	Approval(ctx context.Context, pageID uuid.UUID) (storage.Review, bool, error)
	CreateComment(ctx context.Context, c *storage.Comment) error
	FindComments(ctx context.Context, pageID uuid.UUID, all bool) ([]storage.Comment, error)
	ResolveComment(ctx context.Context, pageID uuid.UUID, id int64, person string) error
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	NoteEditor(ctx context.Context, pageID uuid.UUID, person string) error
	LastEditor(ctx context.Context, pageID uuid.UUID) (string, error)
}

// Harness opens stores for the suite and reaches under them where a test
// must check what the interface cannot show (rows left behind, a refused
// raw UPDATE). Queries use $1, $2 … placeholders, which both SQLite and
// PostgreSQL accept.
type Harness struct {
	// Open returns a new empty store whose clock (if it has one) advances
	// 1 ms per call from 2026-11-24 10:00:00.123456789 UTC, closed when
	// the test ends.
	Open func(tb testing.TB) Store
	// Another opens a second client of s's database, as another person's
	// app would (closed when the test ends).
	Another func(tb testing.TB, s Store) Store
	// Exec runs a statement directly on s's database.
	Exec func(tb testing.TB, s Store, query string, args ...any) (any, error)
	// QueryString runs a one-value query on s's database and returns the
	// value as text (fatal on error).
	QueryString func(tb testing.TB, s Store, query string, args ...any) string
}

// Run runs every test of the suite as a subtest of t.
func Run(t *testing.T, h Harness) {
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) { c.fn(t, h) })
	}
}

var tests = []struct {
	name string
	fn   func(*testing.T, Harness)
}{
	{"CreatePageAndFind", testCreatePageAndFind},
	{"CreatePageErrors", testCreatePageErrors},
	{"CreatePageEnglishDefaultsLTR", testCreatePageEnglishDefaultsLTR},
	{"FindPageNotFound", testFindPageNotFound},
	{"FindPagesFilterAndOrder", testFindPagesFilterAndOrder},
	{"UpdatePage", testUpdatePage},
	{"DeletePageCascades", testDeletePageCascades},
	{"SlugNFCAndCase", testSlugNFCAndCase},
	{"SaveSectionBody", testSaveSectionBody},
	{"UpdateSection", testUpdateSection},
	{"InsertSection", testInsertSection},
	{"DeleteSection", testDeleteSection},
	{"ReorderSections", testReorderSections},
	{"RevisionsNumberedAndImmutable", testRevisionsNumberedAndImmutable},
	{"Publications", testPublications},
	{"CreatePublicationErrors", testCreatePublicationErrors},
	{"TargetCRUD", testTargetCRUD},
	{"CreateTargetErrors", testCreateTargetErrors},
	{"UpdateTarget", testUpdateTarget},
	{"RecordPublications", testRecordPublications},
	{"RecordPublicationsCancelled", testRecordPublicationsCancelled},
	{"FindPagesByIDAndLatestPublications", testFindPagesByIDAndLatestPublications},
	{"DumpLoad", testDumpLoad},
	{"SectionVersions", testSectionVersions},
	{"StaleSaveIsConflict", testStaleSaveIsConflict},
	{"IntendedPublications", testIntendedPublications},
	{"DataChangedAcrossClients", testDataChangedAcrossClients},
	{"WaitDataChangedAcrossClients", testWaitDataChangedAcrossClients},
	{"ConcurrentSaves", testConcurrentSaves},
	{"ReviewFlowAndEditsReturnToDraft", testReviewFlowAndEditsReturnToDraft},
	{"DistinctApprover", testDistinctApprover},
	{"Comments", testComments},
	{"ImportPageKeepsRevisionOne", testImportPageKeepsRevisionOne},
	{"Trash", testTrash},
	{"KeepRevisionSkipsSameContent", testKeepRevisionSkipsSameContent},
	{"ReplaceContent", testReplaceContent},
}
