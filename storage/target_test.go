package storage

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

func mustCreateTarget(tb testing.TB, db *DB, name string) Target {
	tb.Helper()
	t := Target{Name: name, Kind: TargetDir, Location: "/srv/www"}
	if err := db.CreateTarget(context.Background(), &t); err != nil {
		tb.Fatalf("CreateTarget(%q): %v", name, err)
	}
	return t
}

func TestTargetCRUD(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	sftp := Target{Name: "الموقع", Kind: TargetSFTP, Location: "deploy@example.com:22/var/www",
		Options: TargetOptions{Layout: "flat", Archive: true, KeyFile: "/k", KnownHosts: "/kh", Fragment: true, Template: "/t.html"}}
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
	if want := []Target{local, sftp}; !reflect.DeepEqual(all, want) {
		t.Errorf("FindTargets =\n%+v\nwant (by name)\n%+v", all, want)
	}
	if err := db.DeleteTarget(ctx, "local"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindTarget(ctx, "local"); !errors.Is(err, ErrNotFound) {
		t.Errorf("FindTarget(deleted) = %v, want ErrNotFound", err)
	}
	if err := db.DeleteTarget(ctx, "local"); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteTarget(deleted) = %v, want ErrNotFound", err)
	}
}

func TestCreateTargetErrors(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustCreateTarget(t, db, "site")
	for _, c := range []struct {
		name string
		t    Target
		want error
	}{
		{"name taken", Target{Name: "site", Kind: TargetDir, Location: "/x"}, ErrConflict},
		{"empty name", Target{Kind: TargetDir, Location: "/x"}, ErrInvalid},
		{"spaces", Target{Name: " site", Kind: TargetDir, Location: "/x"}, ErrInvalid},
		{"control", Target{Name: "a\u202eb", Kind: TargetDir, Location: "/x"}, ErrInvalid},
		{"bad kind", Target{Name: "f", Kind: "ftp", Location: "/x"}, ErrInvalid},
		{"no location", Target{Name: "f", Kind: TargetDir}, ErrInvalid},
		{"bad layout", Target{Name: "f", Kind: TargetDir, Location: "/x", Options: TargetOptions{Layout: "deep"}}, ErrInvalid},
	} {
		tt := c.t
		if err := db.CreateTarget(ctx, &tt); !errors.Is(err, c.want) {
			t.Errorf("%s: CreateTarget = %v, want %v", c.name, err, c.want)
		}
	}
}
