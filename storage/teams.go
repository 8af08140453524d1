package storage

import (
	"context"
	"fmt"

	"github.com/google/uuid"
)

// Roles that a shared (multi-user) store adds. Both stores implement
// them; consumers use them through a type assertion so that a test
// double of the smaller interfaces keeps working.

// ChangeWaiter blocks until DataChanged moves away from since, so a live
// view reacts to another person's save at once instead of at its next
// poll. It returns the new value, or ctx's error.
type ChangeWaiter interface {
	WaitDataChanged(ctx context.Context, since int64) (int64, error)
}

// PublishLocker serialises publishing to one target across every client
// of a shared store: LockPublishing blocks until no other process
// (another person's app, on any machine) holds the target's publish lock,
// and returns the function that releases it. Publishing and rolling back
// hold it from reading the last publication to recording the new one, so
// two publishes of one page never interleave their target writes, and no
// one's in-flight publication is taken for a killed one.
type PublishLocker interface {
	LockPublishing(ctx context.Context, target string) (unlock func(), err error)
}

// Dump is a whole store as plain values: what copy-store moves. Pages
// carry their sections; revisions their snapshot; publications their body.
type Dump struct {
	Pages        []Page
	Revisions    []Revision
	Targets      []Target
	Publications []Publication
	// Pending are the intended publications not yet recorded (a publish
	// killed between going live and recording it), oldest first: the next
	// publish from the copy completes them as it would have here.
	Pending []PendingPublication
	// The review flow: every step, every comment (open and resolved), the
	// settings, and who last edited each page (for the distinct-approver
	// rule).
	Reviews  []Review
	Comments []Comment
	Settings map[string]string
	Editors  map[uuid.UUID]string
}

// Dumper reads the whole store in one read transaction (one snapshot).
type Dumper interface {
	Dump(ctx context.Context) (Dump, error)
}

// Loader writes a Dump into an empty store in one transaction, keeping
// every id, number, time and hash as they are (pending publications
// too). It refuses (ErrConflict) a
// store that already holds pages, revisions, targets or publications.
type Loader interface {
	Load(ctx context.Context, d Dump) error
}

// SectionConflict is the error of an update whose IfVersion is stale:
// someone else saved the section since this client read it. Theirs is the
// section as stored now, so the window can offer to keep mine, take
// theirs or show both. errors.Is(err, ErrConflict) holds.
type SectionConflict struct {
	Mine   int64   // the version the refused change was made from
	Theirs Section // the section as it is now
}

func (e *SectionConflict) Error() string {
	return fmt.Sprintf("section %s was changed by someone else (version %d, this change was made from version %d): %v",
		e.Theirs.ID, e.Theirs.Version, e.Mine, ErrConflict)
}

// Unwrap makes errors.Is(err, ErrConflict) hold.
func (e *SectionConflict) Unwrap() error { return ErrConflict }
