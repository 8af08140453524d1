package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// publishLockSpace is the first key of the two-key advisory locks that
// serialise publishing ("PEpb"); the second is derived from the page id.
const publishLockSpace int32 = 0x50457062

// LockPublish takes the page's publish lock, a session advisory lock held
// on a connection set aside from the pool until unlock is called, so that
// two people publishing the same page at once publish one after the other
// (the second sees the first's publication and finds the page unchanged).
// Waiting ends with ctx. If the connection or the server is lost while the
// lock is held, the server releases it; unlock is then harmless.
func (db *DB) LockPublish(ctx context.Context, pageID uuid.UUID) (func(), error) {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock page %s for publishing: %w", pageID, err)
	}
	key := int32(pageID[12])<<24 | int32(pageID[13])<<16 | int32(pageID[14])<<8 | int32(pageID[15])
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1, $2)`, publishLockSpace, key); err != nil {
		conn.Release()
		return nil, fmt.Errorf("lock page %s for publishing: %w", pageID, err)
	}
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, err := conn.Exec(ctx, `SELECT pg_advisory_unlock($1, $2)`, publishLockSpace, key); err != nil {
			// The lock must not stay with a connection that returns to the pool.
			conn.Hijack().Close(ctx) //nolint:errcheck // closing releases the lock
			return
		}
		conn.Release()
	}, nil
}
