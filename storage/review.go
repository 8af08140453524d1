package storage

import (
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// ErrWorkflow: the review step is not allowed now (approve a draft that was
// not submitted, approve one's own edit where that is refused, publish an
// unapproved page to a target that requires approval).
var ErrWorkflow = errors.New("not allowed in the review flow")

// ReviewAction is a step of the review flow.
type ReviewAction string

// Review actions.
const (
	ActionSubmit  ReviewAction = "submit"  // draft → in review
	ActionApprove ReviewAction = "approve" // in review → approved
	ActionReject  ReviewAction = "reject"  // in review or approved → draft
)

// Review records one step of the review flow.
type Review struct {
	ID     int64
	PageID uuid.UUID
	Action ReviewAction
	Person string
	Note   string
	// Hash is ApprovalHash of the page when the step was taken.
	Hash string
	// RevisionNumber is the revision that holds the page as it was approved
	// (0 for other steps).
	RevisionNumber int
	At             time.Time
}

// Comment is a reviewer's remark on a section.
type Comment struct {
	ID        int64
	PageID    uuid.UUID
	SectionID uuid.UUID // uuid.Nil once the section was deleted
	// SectionPosition is the section's 0-based position now, -1 once the
	// section was deleted (filled by the finders).
	SectionPosition int
	Author          string
	Text            string
	At              time.Time
	Resolved        bool
	ResolvedBy      string
	ResolvedAt      time.Time
}

// ApprovalHash is what an approval is bound to: the ContentHash of the page
// without its last-updated date, which publishing stamps.
func ApprovalHash(p Page) string {
	p.LastUpdated = time.Time{}
	return ContentHash(p)
}

// NextStatus returns the status a page in status cur moves to with action a.
// Errors: ErrWorkflow (the step does not apply to cur), ErrInvalid (unknown
// action).
func NextStatus(cur PageStatus, a ReviewAction) (PageStatus, error) {
	switch a {
	case ActionSubmit:
		if cur == StatusDraft {
			return StatusInReview, nil
		}
	case ActionApprove:
		if cur == StatusInReview {
			return StatusApproved, nil
		}
	case ActionReject:
		if cur == StatusInReview || cur == StatusApproved {
			return StatusDraft, nil
		}
	default:
		return cur, fmt.Errorf("review action %q: %w", a, ErrInvalid)
	}
	return cur, fmt.Errorf("%s a page that is %s: %w", a, cur, ErrWorkflow)
}

// Approved reports whether p may be published where approval is required:
// it is approved (or published since) and its content is what approval
// (the newest approve step, ok = false when there is none) was given to.
func Approved(p Page, approval Review, ok bool) bool {
	return ok && (p.Status == StatusApproved || p.Status == StatusPublished) && approval.Hash == ApprovalHash(p)
}
