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
		Options: storage.TargetOptions{Layout: "flat", Archive: true, KeyFile: "/k", KnownHosts: "/kh", Fragment: true, Template: "/t.html"}}
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
	} {
		tt := c.t
		if err := db.CreateTarget(ctx, &tt); !errors.Is(err, c.want) {
			t.Errorf("%s: CreateTarget = %v, want %v", c.name, err, c.want)
		}
	}
}
