package postgres

import (
	"context"
	"fmt"
	"hash/fnv"
	"time"
)

// publishLockSpace is the first key of the two-key advisory locks that
// serialise publishing ("PEpb"); the second is derived from the target's
// name (a collision only makes two targets wait for each other).
const publishLockSpace int32 = 0x50457062

func targetKey(name string) int32 {
	h := fnv.New32a()
	h.Write([]byte(name))
	return int32(h.Sum32())
}

// LockPublishing takes the target's publish lock: a session advisory lock
// held on a connection set aside from the pool until unlock is called, so
// that two people publishing to the same target at once publish one after
// the other (the second sees the first's publication and finds the page
// unchanged). Waiting ends with ctx. If the holder's connection, process
// or machine is lost, the server releases the lock; unlock is then
// harmless.
func (db *DB) LockPublishing(ctx context.Context, target string) (func(), error) {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock target %q for publishing: %w", target, err)
	}
	key := targetKey(target)
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1, $2)`, publishLockSpace, key); err != nil {
		conn.Release()
		return nil, fmt.Errorf("lock target %q for publishing: %w", target, err)
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
