package storage

import (
	"errors"
	"testing"
	"time"
)

func TestNextStatus(t *testing.T) {
	for _, c := range []struct {
		from PageStatus
		a    ReviewAction
		to   PageStatus
		err  error
	}{
		{StatusDraft, ActionSubmit, StatusInReview, nil},
		{StatusInReview, ActionApprove, StatusApproved, nil},
		{StatusInReview, ActionReject, StatusDraft, nil},
		{StatusApproved, ActionReject, StatusDraft, nil},
		{StatusDraft, ActionApprove, StatusDraft, ErrWorkflow},
		{StatusPublished, ActionApprove, StatusPublished, ErrWorkflow},
		{StatusInReview, ActionSubmit, StatusInReview, ErrWorkflow},
		{StatusDraft, ActionReject, StatusDraft, ErrWorkflow},
		{StatusDraft, "merge", StatusDraft, ErrInvalid},
	} {
		got, err := NextStatus(c.from, c.a)
		if got != c.to || !errors.Is(err, c.err) || (c.err == nil) != (err == nil) {
			t.Errorf("NextStatus(%s, %s) = %s, %v; want %s, %v", c.from, c.a, got, err, c.to, c.err)
		}
	}
}

func TestApproved(t *testing.T) {
	p := Page{Title: "t", Status: StatusApproved, Sections: []Section{{Body: "b"}}}
	a := Review{Action: ActionApprove, Hash: ApprovalHash(p)}
	if !Approved(p, a, true) {
		t.Error("approved page refused")
	}
	p.LastUpdated = time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC) // stamped by publishing
	p.Status = StatusPublished
	if !Approved(p, a, true) {
		t.Error("published page with a new date refused")
	}
	if Approved(p, a, false) {
		t.Error("approved without an approval")
	}
	edited := p
	edited.Sections = []Section{{Body: "b2"}}
	if Approved(edited, a, true) {
		t.Error("edited content approved")
	}
	p.Status = StatusDraft
	if Approved(p, a, true) {
		t.Error("draft approved")
	}
}
