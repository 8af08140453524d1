package preview

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// waitingStore is a store that can wait for changes (as PostgreSQL can,
// by LISTEN/NOTIFY): WaitDataChanged returns the values sent on changes.
type waitingStore struct {
	*fakeStore
	changes chan int64
}

func (w waitingStore) WaitDataChanged(ctx context.Context, since int64) (int64, error) {
	select {
	case v := <-w.changes:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// TestEventsFollowChangeWaiter: with the poll an hour apart, a change the
// store announces still reaches the browser at once.
func TestEventsFollowChangeWaiter(t *testing.T) {
	store := waitingStore{newFakeStore(samplePage()), make(chan int64)}
	s, ts := newTestServer(t, store, Options{Poll: time.Hour})
	resp, err := http.Get(ts.URL + "/" + s.Token() + "/events?v=1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	select {
	case store.changes <- 7:
	case <-time.After(5 * time.Second):
		t.Fatal("the event stream does not wait on the store")
	}
	if data := readEvent(t, resp.Body, 5*time.Second); data != "data: 7" {
		t.Errorf("reload event data = %q, want %q", data, "data: 7")
	}
}
