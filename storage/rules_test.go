package storage

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestCheckPermutation(t *testing.T) {
	a, b, c := uuid.New(), uuid.New(), uuid.New()
	cur := []Section{{ID: a}, {ID: b}, {ID: c}}
	for _, tc := range []struct {
		order []uuid.UUID
		ok    bool
	}{
		{[]uuid.UUID{c, a, b}, true},
		{[]uuid.UUID{a, b}, false},
		{[]uuid.UUID{a, a, b}, false},
		{[]uuid.UUID{a, b, uuid.New()}, false},
	} {
		err := CheckPermutation(cur, tc.order)
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrInvalid)) {
			t.Errorf("CheckPermutation(%v) = %v, want ok %v", tc.order, err, tc.ok)
		}
	}
}

func TestKeptSections(t *testing.T) {
	a, b := uuid.New(), uuid.New()
	keep, err := KeptSections([]Section{{ID: a}, {ID: b}}, []Section{{ID: b}, {ID: uuid.New()}})
	if err != nil || !keep[b] || keep[a] || len(keep) != 1 {
		t.Errorf("KeptSections = %v, %v; want only b", keep, err)
	}
	if _, err := KeptSections([]Section{{ID: a}}, []Section{{ID: a}, {ID: a}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("a section twice = %v, want ErrInvalid", err)
	}
}

func TestPreparePublication(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.FixedZone("AST", 3*3600))
	p, err := PreparePublication(Publication{Body: []byte("x")}, now)
	if err != nil || !p.At.Equal(now) || p.At.Location() != time.UTC ||
		p.Hash != "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881" {
		t.Errorf("PreparePublication = %+v, %v", p, err)
	}
	if _, err := PreparePublication(Publication{Body: []byte("x"), Hash: "00"}, now); !errors.Is(err, ErrInvalid) {
		t.Errorf("a wrong hash = %v, want ErrInvalid", err)
	}
	if _, err := IntentRecords([]PendingPublication{{Hash: "00", Record: PublishRecord{Publication: &Publication{Body: []byte("x")}}}},
		func(p Publication) (Publication, error) { return PreparePublication(p, now) }); !errors.Is(err, ErrInvalid) {
		t.Errorf("an intent whose hash is not its body's = %v, want ErrInvalid", err)
	}
}

func TestAttachSectionsInOrder(t *testing.T) {
	a, b, missing := uuid.New(), uuid.New(), uuid.New()
	pages := []Page{{ID: a}, {ID: b}}
	AttachSections(pages, []Section{{PageID: b, Position: 0}, {PageID: b, Position: 1}, {PageID: uuid.New()}})
	if pages[0].Sections != nil || pages[0].SectionCount != 0 || len(pages[1].Sections) != 2 || pages[1].SectionCount != 2 ||
		pages[1].Sections[1].Position != 1 {
		t.Fatalf("AttachSections = %+v", pages)
	}
	out := make([]Page, 3)
	PagesInOrder([]uuid.UUID{b, missing, a}, pages, out)
	if out[0].ID != b || out[1].ID != uuid.Nil || out[2].ID != a {
		t.Errorf("PagesInOrder = %v %v %v", out[0].ID, out[1].ID, out[2].ID)
	}
}
