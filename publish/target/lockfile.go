package target

import "errors"

// ErrLocked is TryLockFile's error when another process holds the lock.
var ErrLocked = errors.New("the file is locked by another process")
