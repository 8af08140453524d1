package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

// testSectionVersions: a section starts at version 1; every change of its
// body, heading or kind adds one, a save of the same body and a move
// (reorder) do not; the finders return it.
func testSectionVersions(t *testing.T, h Harness) {
	ctx := context.Background()
	db := h.Open(t)
	p := MustCreatePage(t, db, "p", 2)
	id := p.Sections[0].ID
	version := func() int64 {
		t.Helper()
		got, err := db.FindPage(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range got.Sections {
			if s.ID == id {
				return s.Version
			}
		}
		t.Fatal("section gone")
		return 0
	}
	if p.Sections[0].Version != 1 || version() != 1 {
		t.Fatalf("new section at version %d (stored %d), want 1", p.Sections[0].Version, version())
	}
	if err := db.SaveSectionBody(ctx, id, "نص"); err != nil {
		t.Fatal(err)
	}
	if v := version(); v != 2 {
		t.Errorf("after a save: version %d, want 2", v)
	}
	if err := db.SaveSectionBody(ctx, id, "نص"); err != nil {
		t.Fatal(err)
	}
	if v := version(); v != 2 {
		t.Errorf("after saving the same body: version %d, want 2", v)
	}
	heading := "عنوان"
	s, err := db.UpdateSection(ctx, id, storage.SectionUpdate{Heading: &heading, IfVersion: 2})
	if err != nil || s.Version != 3 {
		t.Errorf("UpdateSection from version 2 = version %d, %v; want 3", s.Version, err)
	}
	if err := db.ReorderSections(ctx, p.ID, []uuid.UUID{p.Sections[1].ID, id}); err != nil {
		t.Fatal(err)
	}
	if v := version(); v != 3 {
		t.Errorf("after a reorder: version %d, want 3", v)
	}
	ins, err := db.InsertSection(ctx, p.ID, 0, storage.Section{Heading: "new"})
	if err != nil || ins.Version != 1 {
		t.Errorf("inserted section at version %d, %v; want 1", ins.Version, err)
	}
	// Replacing the content (restore, fix, import --into) changes the
	// version of a section whose text it changes, and only of that one.
	cur, err := db.FindPage(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	c := cur
	c.Sections = append([]storage.Section(nil), cur.Sections...)
	c.Sections[0].Body = "مستعاد"
	got, _, err := db.ReplaceContent(ctx, p.ID, c, "", "sami", "restore")
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range got.Sections {
		want := cur.Sections[i].Version
		if i == 0 {
			want++
		}
		if s.Version != want {
			t.Errorf("after ReplaceContent section %d is at version %d, want %d", i, s.Version, want)
		}
	}
}

// testStaleSaveIsConflict: two people's clients on one database. A save
// made from the version the other person has already replaced is refused
// with a *SectionConflict holding their text, and writes nothing; of eight
// saves from the same version at once, through both clients, exactly one
// is stored and seven are conflicts.
func testStaleSaveIsConflict(t *testing.T, h Harness) {
	ctx := context.Background()
	alice := h.Open(t)
	bob := h.Another(t, alice)
	p := MustCreatePage(t, alice, "p", 1)
	id := p.Sections[0].ID

	page, err := bob.FindPage(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	base := page.Sections[0].Version
	theirs := "نص ليلى"
	if _, err := alice.UpdateSection(ctx, id, storage.SectionUpdate{Body: &theirs, IfVersion: base}); err != nil {
		t.Fatal(err)
	}
	mine := "نص سامي"
	_, err = bob.UpdateSection(ctx, id, storage.SectionUpdate{Body: &mine, IfVersion: base})
	var conflict *storage.SectionConflict
	if !errors.Is(err, storage.ErrConflict) || !errors.As(err, &conflict) {
		t.Fatalf("stale save = %v, want a *SectionConflict (ErrConflict)", err)
	}
	if conflict.Mine != base || conflict.Theirs.Body != theirs || conflict.Theirs.Version != base+1 || conflict.Theirs.ID != id {
		t.Errorf("conflict = %+v, want their body at version %d", conflict, base+1)
	}
	if got, _ := alice.FindPage(ctx, p.ID); got.Sections[0].Body != theirs {
		t.Errorf("after the refused save the body is %q, want theirs", got.Sections[0].Body)
	}
	// Keep mine: save again from their version.
	if s, err := bob.UpdateSection(ctx, id, storage.SectionUpdate{Body: &mine, IfVersion: conflict.Theirs.Version}); err != nil || s.Body != mine {
		t.Errorf("save from their version = %+v, %v", s, err)
	}

	cur, _ := alice.FindPage(ctx, p.ID)
	from := cur.Sections[0].Version
	var wg sync.WaitGroup
	var mu sync.Mutex
	won, lost := 0, 0
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db := alice
			if i%2 == 1 {
				db = bob
			}
			body := string(rune('a' + i))
			_, err := db.UpdateSection(ctx, id, storage.SectionUpdate{Body: &body, IfVersion: from})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won++
			case errors.Is(err, storage.ErrConflict):
				lost++
			default:
				t.Errorf("save %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	if won != 1 || lost != 7 {
		t.Errorf("8 saves from version %d at once: %d stored, %d conflicts; want 1 and 7", from, won, lost)
	}
	if got, _ := bob.FindPage(ctx, p.ID); got.Sections[0].Version != from+1 {
		t.Errorf("version after the race = %d, want %d", got.Sections[0].Version, from+1)
	}
}

// testDataChangedAcrossClients: another client's save, page change and
// new section move this client's DataChanged as soon as they are
// committed; a read does not.
func testDataChangedAcrossClients(t *testing.T, h Harness) {
	ctx := context.Background()
	alice := h.Open(t)
	bob := h.Another(t, alice)
	p := MustCreatePage(t, alice, "p", 1)
	before, err := bob.DataChanged(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bob.FindPage(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if v, _ := bob.DataChanged(ctx); v != before {
		t.Errorf("a read moved DataChanged %d → %d", before, v)
	}
	steps := []func() error{
		func() error { return alice.SaveSectionBody(ctx, p.Sections[0].ID, "نص ليلى") },
		func() error {
			title := "عنوان جديد"
			_, err := alice.UpdatePage(ctx, p.ID, storage.PageUpdate{Title: &title})
			return err
		},
		func() error {
			_, err := alice.InsertSection(ctx, p.ID, 0, storage.Section{Heading: "جديد"})
			return err
		},
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
		v, err := bob.DataChanged(ctx)
		if err != nil || v == before {
			t.Errorf("step %d: the other client's DataChanged = %d, %v; want a change from %d", i, v, err, before)
		}
		before = v
	}
}
