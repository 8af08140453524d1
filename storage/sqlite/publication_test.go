package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

func TestPublications(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := mustCreatePage(t, db, "سياسة", 1)
	q := mustCreatePage(t, db, "terms", 1)
	mustCreateTarget(t, db, "site")
	mustCreateTarget(t, db, "backup")
	rev, err := db.CreateRevision(ctx, p.ID, "", "")
	if err != nil {
		t.Fatal(err)
	}

	at := time.Date(2026, 1, 2, 3, 4, 5, 6, time.FixedZone("x", 3600))
	first := storage.Publication{PageID: p.ID, TargetName: "site", RevisionID: rev.ID, Author: "ليلى", Note: "publish",
		At: at, Body: []byte("<html dir=\"rtl\">أ</html>")}
	if err := db.CreatePublication(ctx, &first); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(first.Body)
	if first.ID == 0 || first.Number != 1 || first.Slug != "سياسة" || first.Hash != hex.EncodeToString(sum[:]) ||
		!first.At.Equal(at) || first.At.Location() != time.UTC {
		t.Errorf("first = %+v", first)
	}
	mk := func(page uuid.UUID, target, body string) storage.Publication {
		t.Helper()
		pub := storage.Publication{PageID: page, TargetName: target, Note: "publish", Body: []byte(body)}
		if err := db.CreatePublication(ctx, &pub); err != nil {
			t.Fatal(err)
		}
		return pub
	}
	second := mk(p.ID, "site", "v2")
	other := mk(p.ID, "backup", "b1")
	terms := mk(q.ID, "site", "t1")
	empty := mk(q.ID, "site", "")
	if second.Number != 2 || other.Number != 1 || terms.Number != 1 || empty.Number != 2 {
		t.Errorf("numbers: second %d, other target %d, other page %d, %d; want 2 1 1 2",
			second.Number, other.Number, terms.Number, empty.Number)
	}
	if second.RevisionID != uuid.Nil || second.At.IsZero() {
		t.Errorf("second: revision %s, at %v", second.RevisionID, second.At)
	}

	all, err := db.FindPublications(ctx, storage.PublicationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []storage.Publication{empty, terms, other, second, first}; !reflect.DeepEqual(all, want) {
		t.Errorf("FindPublications(all) =\n%+v\nwant newest first\n%+v", all, want)
	}
	site, pid := "site", p.ID
	for _, c := range []struct {
		name string
		f    storage.PublicationFilter
		want []int64
	}{
		{"page", storage.PublicationFilter{PageID: &pid}, []int64{other.ID, second.ID, first.ID}},
		{"target", storage.PublicationFilter{Target: &site}, []int64{empty.ID, terms.ID, second.ID, first.ID}},
		{"page+target", storage.PublicationFilter{PageID: &pid, Target: &site}, []int64{second.ID, first.ID}},
		{"limit", storage.PublicationFilter{PageID: &pid, Target: &site, Limit: 1}, []int64{second.ID}},
	} {
		got, err := db.FindPublications(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, g := range got {
			ids = append(ids, g.ID)
		}
		if !reflect.DeepEqual(ids, c.want) {
			t.Errorf("%s: ids %v, want %v", c.name, ids, c.want)
		}
	}

	got, err := db.FindPublication(ctx, p.ID, "site", 1)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, first) || !bytes.Equal(got.Body, first.Body) {
		t.Errorf("FindPublication =\n%+v\nwant\n%+v", got, first)
	}
	if _, err := db.FindPublication(ctx, p.ID, "site", 3); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("FindPublication(3) = %v, want ErrNotFound", err)
	}
	if err := db.DeleteTarget(ctx, "site"); err != nil {
		t.Fatal(err)
	}
	if kept, err := db.FindPublication(ctx, p.ID, "site", 2); err != nil || kept.ID != second.ID {
		t.Errorf("history lost with the target: %v", err)
	}
}

func TestCreatePublicationErrors(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p := mustCreatePage(t, db, "p", 0)
	q := mustCreatePage(t, db, "q", 0)
	mustCreateTarget(t, db, "site")
	revQ, err := db.CreateRevision(ctx, q.ID, "", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		pub  storage.Publication
		want error
	}{
		{"unknown page", storage.Publication{PageID: uuid.Must(uuid.NewV7()), TargetName: "site"}, storage.ErrNotFound},
		{"unknown target", storage.Publication{PageID: p.ID, TargetName: "nope"}, storage.ErrNotFound},
		{"other page's revision", storage.Publication{PageID: p.ID, TargetName: "site", RevisionID: revQ.ID}, storage.ErrNotFound},
		{"wrong hash", storage.Publication{PageID: p.ID, TargetName: "site", Body: []byte("x"), Hash: "00"}, storage.ErrInvalid},
	} {
		pub := c.pub
		if err := db.CreatePublication(ctx, &pub); !errors.Is(err, c.want) {
			t.Errorf("%s: CreatePublication = %v, want %v", c.name, err, c.want)
		}
		if pub.ID != 0 || pub.Number != 0 {
			t.Errorf("%s: failed CreatePublication changed the value", c.name)
		}
	}
}
