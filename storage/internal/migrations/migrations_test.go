package migrations

import (
	"testing"
	"testing/fstest"
)

func TestLoadOrdersByVersion(t *testing.T) {
	fsys := fstest.MapFS{
		"migrations/0010_c.sql": {Data: []byte("C")},
		"migrations/0002_b.sql": {Data: []byte("B")},
		"migrations/0001_a.sql": {Data: []byte("A")},
		"migrations/README":     {Data: []byte("not a migration")},
	}
	migs, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, m := range migs {
		got = append(got, m.Version)
	}
	if len(migs) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 10 || migs[2].Name != "0010_c.sql" || migs[2].SQL != "C" {
		t.Errorf("Load = %+v, want versions 1, 2, 10 with their names and text", migs)
	}
}

func TestLoadRejectsBadNames(t *testing.T) {
	for _, name := range []string{"init.sql", "0000_zero.sql", "x1_a.sql"} {
		fsys := fstest.MapFS{"migrations/" + name: {Data: []byte("SELECT 1;")}}
		if _, err := Load(fsys); err == nil {
			t.Errorf("Load(%s) accepted a bad name", name)
		}
	}
	dup := fstest.MapFS{"migrations/0001_a.sql": {}, "migrations/0001_b.sql": {}}
	if _, err := Load(dup); err == nil {
		t.Error("Load accepted two migrations with version 1")
	}
}
