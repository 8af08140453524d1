package sqlite

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/storage"
)

func mustStatus(t *testing.T, db *DB, p storage.Page, want storage.PageStatus) {
	t.Helper()
	got, err := db.FindPage(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != want {
		t.Fatalf("status = %s, want %s", got.Status, want)
	}
}

func TestReviewFlowAndEditsReturnToDraft(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	p := mustCreatePage(t, db, "p", 2)
	if _, err := db.Review(ctx, p.ID, storage.ActionApprove, "rana", ""); !errors.Is(err, storage.ErrWorkflow) {
		t.Fatalf("approve a draft: %v", err)
	}
	if _, err := db.Review(ctx, p.ID, storage.ActionSubmit, "mona", ""); err != nil {
		t.Fatal(err)
	}
	mustStatus(t, db, p, storage.StatusInReview)
	r, err := db.Review(ctx, p.ID, storage.ActionApprove, "rana", "ok")
	if err != nil {
		t.Fatal(err)
	}
	mustStatus(t, db, p, storage.StatusApproved)
	if r.RevisionNumber != 1 || r.Hash != storage.ApprovalHash(p) {
		t.Errorf("approval = %+v", r)
	}
	a, ok, err := db.Approval(ctx, p.ID)
	if err != nil || !ok || a.ID != r.ID || a.Person != "rana" {
		t.Fatalf("Approval = %+v %v %v", a, ok, err)
	}
	// Publishing stamps the date and the status: not an edit.
	published, date := storage.StatusPublished, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if _, err := db.UpdatePage(ctx, p.ID, storage.PageUpdate{Status: &published, LastUpdated: &date}); err != nil {
		t.Fatal(err)
	}
	mustStatus(t, db, p, storage.StatusPublished)
	if _, err := db.UpdatePage(ctx, p.ID, storage.PageUpdate{LastUpdated: &date}); err != nil {
		t.Fatal(err)
	}
	mustStatus(t, db, p, storage.StatusPublished)
	// Every kind of edit returns the page to draft.
	edits := []func() error{
		func() error { return db.SaveSectionBody(ctx, p.Sections[0].ID, "تعديل") },
		func() error {
			h := "عنوان"
			_, err := db.UpdateSection(ctx, p.Sections[0].ID, storage.SectionUpdate{Heading: &h})
			return err
		},
		func() error {
			_, err := db.InsertSection(ctx, p.ID, 0, storage.Section{Body: "جديد"})
			return err
		},
		func() error {
			title := "عنوان جديد"
			_, err := db.UpdatePage(ctx, p.ID, storage.PageUpdate{Title: &title})
			return err
		},
		func() error { return db.ReorderSections(ctx, p.ID, reversedIDs(t, db, p)) },
		func() error { return db.DeleteSection(ctx, p.Sections[1].ID) },
	}
	for i, edit := range edits {
		if err := edit(); err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
		mustStatus(t, db, p, storage.StatusDraft)
		for _, step := range []storage.ReviewAction{storage.ActionSubmit, storage.ActionApprove} {
			if _, err := db.Review(ctx, p.ID, step, "rana", ""); err != nil {
				t.Fatalf("edit %d: %s: %v", i, step, err)
			}
		}
	}
	// An unchanged save is not an edit.
	cur, _ := db.FindPage(ctx, p.ID)
	if err := db.SaveSectionBody(ctx, cur.Sections[0].ID, cur.Sections[0].Body); err != nil {
		t.Fatal(err)
	}
	mustStatus(t, db, p, storage.StatusApproved)
	if _, err := db.Review(ctx, p.ID, storage.ActionReject, "rana", "wording"); err != nil {
		t.Fatal(err)
	}
	mustStatus(t, db, p, storage.StatusDraft)
	if revs, _ := db.FindReviews(ctx, p.ID); len(revs) != 15 || revs[0].Note != "wording" {
		t.Errorf("%d reviews, newest %+v", len(revs), revs[0])
	}
}

func reversedIDs(t *testing.T, db *DB, p storage.Page) []uuid.UUID {
	cur, err := db.FindPage(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []uuid.UUID
	for i := len(cur.Sections) - 1; i >= 0; i-- {
		ids = append(ids, cur.Sections[i].ID)
	}
	return ids
}

func TestDistinctApprover(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	p := storage.Page{Slug: "p", Sections: []storage.Section{{Body: "b"}}}
	if _, err := db.ImportPage(ctx, &p, "mona", "import"); err != nil {
		t.Fatal(err)
	}
	if who, _ := db.LastEditor(ctx, p.ID); who != "mona" {
		t.Fatalf("LastEditor = %q", who)
	}
	if err := db.SetSetting(ctx, SettingDistinctApprover, "true"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Review(ctx, p.ID, storage.ActionSubmit, "mona", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Review(ctx, p.ID, storage.ActionApprove, "Mona", ""); !errors.Is(err, storage.ErrWorkflow) {
		t.Fatalf("self-approval: %v", err)
	}
	mustStatus(t, db, p, storage.StatusInReview)
	if _, err := db.Review(ctx, p.ID, storage.ActionApprove, "rana", ""); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, SettingDistinctApprover, ""); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.Setting(ctx, SettingDistinctApprover); v != "" {
		t.Errorf("setting after removal = %q", v)
	}
}

func TestComments(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	p := mustCreatePage(t, db, "p", 2)
	c := storage.Comment{PageID: p.ID, SectionID: p.Sections[1].ID, Author: "rana", Text: "صياغة غير واضحة"}
	if err := db.CreateComment(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateComment(ctx, &storage.Comment{PageID: p.ID, SectionID: p.Sections[0].ID, Text: " "}); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("empty comment: %v", err)
	}
	other := mustCreatePage(t, db, "q", 1)
	if err := db.CreateComment(ctx, &storage.Comment{PageID: p.ID, SectionID: other.Sections[0].ID, Text: "x"}); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("comment on another page's section: %v", err)
	}
	// The comment follows its section when sections move.
	if err := db.ReorderSections(ctx, p.ID, reversedIDs(t, db, p)); err != nil {
		t.Fatal(err)
	}
	cs, err := db.FindComments(ctx, p.ID, false)
	if err != nil || len(cs) != 1 || cs[0].SectionPosition != 0 || cs[0].Text != c.Text || cs[0].Resolved {
		t.Fatalf("FindComments = %+v %v", cs, err)
	}
	if err := db.ResolveComment(ctx, p.ID, c.ID, "mona"); err != nil {
		t.Fatal(err)
	}
	if err := db.ResolveComment(ctx, p.ID, c.ID, "mona"); err != nil {
		t.Errorf("resolve twice: %v", err)
	}
	if err := db.ResolveComment(ctx, p.ID, 999, "mona"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("resolve a missing comment: %v", err)
	}
	if cs, _ := db.FindComments(ctx, p.ID, false); len(cs) != 0 {
		t.Errorf("open comments after resolve: %d", len(cs))
	}
	all, _ := db.FindComments(ctx, p.ID, true)
	if len(all) != 1 || !all[0].Resolved || all[0].ResolvedBy != "mona" {
		t.Fatalf("all comments = %+v", all)
	}
	// A deleted section leaves its comment.
	if err := db.DeleteSection(ctx, p.Sections[1].ID); err != nil {
		t.Fatal(err)
	}
	if all, _ := db.FindComments(ctx, p.ID, true); len(all) != 1 || all[0].SectionPosition != -1 || all[0].SectionID != [16]byte{} {
		t.Errorf("comment of a deleted section = %+v", all)
	}
}
