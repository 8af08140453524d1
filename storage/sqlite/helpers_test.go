package sqlite

import (
	"testing"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/storetest"
)

// The fixtures of the shared suite, on *DB.

func mustCreatePage(tb testing.TB, db *DB, slug string, n int) storage.Page {
	tb.Helper()
	return storetest.MustCreatePage(tb, db, slug, n)
}

func mustCreateTarget(tb testing.TB, db *DB, name string) storage.Target {
	tb.Helper()
	return storetest.MustCreateTarget(tb, db, name)
}

func headings(tb testing.TB, db *DB, pageID uuid.UUID) string {
	tb.Helper()
	return storetest.Headings(tb, db, pageID)
}
