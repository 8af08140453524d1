package postgres

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/qalam/policyeditor/storage/internal/changes"
)

// The channel the data_changed trigger notifies.
const changeChannel = "policyeditor_data"

// Defaults of the listener's intervals (tests change them before Open).
var (
	// pollInterval is how often WaitDataChanged reads the counter while
	// the listener is not connected (server restarting, network down).
	pollInterval = 500 * time.Millisecond
	// listenPoll is how often it reads it while the listener is connected.
	listenPoll = 5 * time.Second
	// reconnectDelay is the listener's first wait before reconnecting; it
	// doubles up to maxReconnectDelay.
	reconnectDelay    = 100 * time.Millisecond
	maxReconnectDelay = 2 * time.Second
)

// listener holds one connection of its own (outside the pool, as LISTEN
// belongs to a session) on which it LISTENs to changeChannel, and wakes
// the WaitDataChanged callers whenever a notification arrives or the
// connection is lost or regained. It reconnects forever until stopped.
type listener struct {
	cancel context.CancelFunc
	done   chan struct{}

	wake      changes.Signal // notified on every event
	mu        sync.Mutex
	listening bool

	// The intervals, as they were when the DB was opened.
	poll, listenPoll, reconnect, maxReconnect time.Duration
}

func newListener(_ *pgxpool.Pool, cfg *pgx.ConnConfig) *listener {
	ctx, cancel := context.WithCancel(context.Background())
	l := &listener{cancel: cancel, done: make(chan struct{}),
		poll: pollInterval, listenPoll: listenPoll, reconnect: reconnectDelay, maxReconnect: maxReconnectDelay}
	go l.run(ctx, cfg.Copy())
	return l
}

// arm returns a channel closed at the next event and how long to wait
// for it before reading the counter anyway: listenPoll while the listener
// is connected, poll while it is not.
func (l *listener) arm() (<-chan struct{}, time.Duration) {
	wake := l.wake.C()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.listening {
		return wake, l.listenPoll
	}
	return wake, l.poll
}

// isListening reports whether the listener is connected now.
func (l *listener) isListening() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.listening
}

func (l *listener) signal(listening bool) {
	l.mu.Lock()
	l.listening = listening
	l.mu.Unlock()
	l.wake.Notify()
}

func (l *listener) stop() {
	l.cancel()
	<-l.done
}

func (l *listener) run(ctx context.Context, cfg *pgx.ConnConfig) {
	defer close(l.done)
	delay := l.reconnect
	for ctx.Err() == nil {
		if l.listen(ctx, cfg) {
			delay = l.reconnect // it had worked: retry soon
		}
		l.signal(false)
		select {
		case <-ctx.Done():
		case <-time.After(delay):
		}
		delay = min(2*delay, l.maxReconnect)
	}
}

// listen connects, LISTENs and waits for notifications until the
// connection fails or ctx ends; it reports whether LISTEN had succeeded.
func (l *listener) listen(ctx context.Context, cfg *pgx.ConnConfig) bool {
	connectCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	conn, err := pgx.ConnectConfig(connectCtx, cfg)
	cancel()
	if err != nil {
		return false
	}
	defer func() {
		closeCtx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		conn.Close(closeCtx) //nolint:errcheck // the connection is dropped either way
	}()
	if _, err := conn.Exec(ctx, `LISTEN `+changeChannel); err != nil {
		return false
	}
	// Whatever committed while we were away is picked up by the waiters'
	// own read of the counter, which this wakes.
	l.signal(true)
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return true
		}
		l.signal(true)
	}
}
