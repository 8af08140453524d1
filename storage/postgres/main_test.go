package postgres

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage/postgres/pgtest"
	"github.com/qalam/policyeditor/storage/storetest"
)

// server is this test binary's PostgreSQL server (nil: not installed and
// not under CI, so the tests skip).
var server *pgtest.Server

func TestMain(m *testing.M) {
	if os.Getenv("PE_HELPER") != "" { // a person's process (TestHelperPerson): no server of its own
		os.Exit(m.Run())
	}
	pgtest.Main(m, &server, func(url string) error {
		db, err := Open(context.Background(), url)
		if err == nil {
			err = db.Close()
		}
		return err
	})
}

// mustOpen opens a store on a fresh database with the test clock.
func mustOpen(tb testing.TB) *DB {
	tb.Helper()
	if server == nil {
		tb.Skip("PostgreSQL is not installed")
	}
	return mustOpenURL(tb, server.NewDatabase(tb))
}

// mustOpenURL opens another client of the database at url.
func mustOpenURL(tb testing.TB, url string) *DB {
	tb.Helper()
	db, err := Open(context.Background(), url)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	db.Now = testClock()
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// testClock is the suite's clock: 2026-11-24 10:00:00.123456789 UTC, 1 ms
// more per call.
func testClock() func() time.Time {
	var mu sync.Mutex
	t := time.Date(2026, 11, 24, 10, 0, 0, 123456789, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(time.Millisecond)
		return t
	}
}

// TestStore runs the shared store suite on PostgreSQL.
func TestStore(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		Open:    func(tb testing.TB) storetest.Store { return mustOpen(tb) },
		Another: func(tb testing.TB, s storetest.Store) storetest.Store { return mustOpenURL(tb, s.(*DB).url) },
		Exec: func(tb testing.TB, s storetest.Store, q string, args ...any) (any, error) {
			return s.(*DB).pool.Exec(context.Background(), q, args...)
		},
		QueryString: func(tb testing.TB, s storetest.Store, q string, args ...any) string {
			var v any
			if err := s.(*DB).pool.QueryRow(context.Background(), q, args...).Scan(&v); err != nil {
				tb.Fatalf("%s: %v", q, err)
			}
			return fmt.Sprint(v)
		},
	})
}
