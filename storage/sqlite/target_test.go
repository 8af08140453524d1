package sqlite

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

func mustCreateTarget(tb testing.TB, db *DB, name string) storage.Target {
	tb.Helper()
	t := storage.Target{Name: name, Kind: storage.TargetDir, Location: "/srv/www"}
	if err := db.CreateTarget(context.Background(), &t); err != nil {
		tb.Fatalf("CreateTarget(%q): %v", name, err)
	}
	return t
}

func TestTargetCRUD(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	sftp := storage.Target{Name: "الموقع", Kind: storage.TargetSFTP, Location: "deploy@example.com:22/var/www",
		Options: storage.TargetOptions{Layout: "flat", Archive: true, KeyFile: "/k", KnownHosts: "/kh", Fragment: true, Template: "/t.html"},
		URL:     "https://example.com/{slug}/"}
	if err := db.CreateTarget(ctx, &sftp); err != nil {
		t.Fatal(err)
	}
	if sftp.Created.IsZero() || sftp.Created.Location() != time.UTC {
		t.Errorf("Created = %v, want a UTC time from Now", sftp.Created)
	}
	local := mustCreateTarget(t, db, "local")

	got, err := db.FindTarget(ctx, "الموقع")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, sftp) {
		t.Errorf("FindTarget =\n%+v\nwant\n%+v", got, sftp)
	}
	all, err := db.FindTargets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []storage.Target{local, sftp}; !reflect.DeepEqual(all, want) {
		t.Errorf("FindTargets =\n%+v\nwant (by name)\n%+v", all, want)
	}
	if err := db.DeleteTarget(ctx, "local"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindTarget(ctx, "local"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("FindTarget(deleted) = %v, want ErrNotFound", err)
	}
	if err := db.DeleteTarget(ctx, "local"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("DeleteTarget(deleted) = %v, want ErrNotFound", err)
	}
}

func TestCreateTargetErrors(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustCreateTarget(t, db, "site")
	for _, c := range []struct {
		name string
		t    storage.Target
		want error
	}{
		{"name taken", storage.Target{Name: "site", Kind: storage.TargetDir, Location: "/x"}, storage.ErrConflict},
		{"empty name", storage.Target{Kind: storage.TargetDir, Location: "/x"}, storage.ErrInvalid},
		{"spaces", storage.Target{Name: " site", Kind: storage.TargetDir, Location: "/x"}, storage.ErrInvalid},
		{"control", storage.Target{Name: "a\u202eb", Kind: storage.TargetDir, Location: "/x"}, storage.ErrInvalid},
		{"bad kind", storage.Target{Name: "f", Kind: "ftp", Location: "/x"}, storage.ErrInvalid},
		{"no location", storage.Target{Name: "f", Kind: storage.TargetDir}, storage.ErrInvalid},
		{"bad layout", storage.Target{Name: "f", Kind: storage.TargetDir, Location: "/x", Options: storage.TargetOptions{Layout: "deep"}}, storage.ErrInvalid},
		{"URL scheme", storage.Target{Name: "f", Kind: storage.TargetDir, Location: "/x", URL: "javascript:alert(1)//{slug}"}, storage.ErrInvalid},
		{"URL relative", storage.Target{Name: "f", Kind: storage.TargetDir, Location: "/x", URL: "/{slug}/"}, storage.ErrInvalid},
		{"URL space", storage.Target{Name: "f", Kind: storage.TargetDir, Location: "/x", URL: "https://example.com/{slug} x"}, storage.ErrInvalid},
	} {
		tt := c.t
		if err := db.CreateTarget(ctx, &tt); !errors.Is(err, c.want) {
			t.Errorf("%s: CreateTarget = %v, want %v", c.name, err, c.want)
		}
	}
}

// TestUpdateTarget changes a target in place and renames it with its
// publication history; the creation time stays.
func TestUpdateTarget(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	site := mustCreateTarget(t, db, "site")
	mustCreateTarget(t, db, "other")
	page := storage.Page{Slug: "privacy", Title: "Privacy", Lang: "en", Dir: storage.LTR}
	if err := db.CreatePage(ctx, &page); err != nil {
		t.Fatal(err)
	}
	pub := storage.Publication{PageID: page.ID, TargetName: "site", Body: []byte("<p>v1</p>")}
	if err := db.CreatePublication(ctx, &pub); err != nil {
		t.Fatal(err)
	}

	upd := storage.Target{Name: "live", Kind: storage.TargetSFTP, Location: "deploy@example.com:22/var/www",
		Options: storage.TargetOptions{Layout: "flat"}, URL: "https://example.com/{slug}.html"}
	if err := db.UpdateTarget(ctx, "site", &upd); err != nil {
		t.Fatal(err)
	}
	got, err := db.FindTarget(ctx, "live")
	if err != nil {
		t.Fatal(err)
	}
	want := upd
	want.Created = site.Created
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(upd, want) {
		t.Errorf("after UpdateTarget: stored %+v, returned %+v; want %+v", got, upd, want)
	}
	if _, err := db.FindTarget(ctx, "site"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("the old name still finds a target: %v", err)
	}
	live := "live"
	pubs, err := db.FindPublications(ctx, storage.PublicationFilter{PageID: &page.ID, Target: &live})
	if err != nil || len(pubs) != 1 {
		t.Errorf("publications under the new name = %d (%v), want the one made under the old name", len(pubs), err)
	}

	taken := upd
	taken.Name = "other"
	if err := db.UpdateTarget(ctx, "live", &taken); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("rename onto a taken name = %v, want ErrConflict", err)
	}
	missing := upd
	if err := db.UpdateTarget(ctx, "nope", &missing); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("update of a missing target = %v, want ErrNotFound", err)
	}
	bad := upd
	bad.URL = "ftp://example.com/"
	if err := db.UpdateTarget(ctx, "live", &bad); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("update with an ftp URL = %v, want ErrInvalid", err)
	}
}
