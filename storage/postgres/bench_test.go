package postgres

import (
	"testing"

	"github.com/qalam/policyeditor/storage/storetest"
)

// The shared store benchmarks on the test server (unix socket, the same
// machine), beside storage/sqlite's BenchmarkStore*.
func BenchmarkStoreAutosave(b *testing.B) { storetest.BenchAutosave(b, mustOpen(b)) }
func BenchmarkStorePageLoad(b *testing.B) { storetest.BenchPageLoad(b, mustOpen(b)) }
