package sqlite

import (
	"testing"

	"github.com/qalam/policyeditor/storage/storetest"
)

// TestStore runs the shared store suite on SQLite files.
func TestStore(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		Open:    func(tb testing.TB) storetest.Store { return MustOpenDB(tb) },
		Another: func(tb testing.TB, s storetest.Store) storetest.Store { return MustOpenDBAt(tb, s.(*DB).Path()) },
		Exec: func(tb testing.TB, s storetest.Store, q string, args ...any) (any, error) {
			return s.(*DB).writer.Exec(q, args...)
		},
		QueryString: func(tb testing.TB, s storetest.Store, q string, args ...any) string {
			return queryString(tb, s.(*DB).reader, q, args...)
		},
	})
}
