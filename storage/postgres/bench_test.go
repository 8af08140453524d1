package postgres

import (
	"testing"

	"github.com/qalam/policyeditor/storage/storetest"
)

// The shared store benchmarks on the test server (unix socket, the same
// machine), beside storage/sqlite's BenchmarkStore*.
func BenchmarkStoreAutosave(b *testing.B) { storetest.BenchAutosave(b, mustOpen(b)) }
func BenchmarkStorePageLoad(b *testing.B) { storetest.BenchPageLoad(b, mustOpen(b)) }

func BenchmarkStoreDataChanged(b *testing.B) { storetest.BenchDataChanged(b, mustOpen(b)) }

// BenchmarkStoreChangeSeen: another client's save seen by a waiter (the
// window's watcher), through LISTEN/NOTIFY.
func BenchmarkStoreChangeSeen(b *testing.B) {
	db := mustOpen(b)
	storetest.BenchChangeSeen(b, db, mustOpenURL(b, db.url))
}
