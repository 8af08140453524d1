package snapshot

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.html")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test -update and review the diff):\n got: %s\nwant: %s", path, got, want)
	}
}

// TestChangesGolden pins the "what changed" block for an Arabic and an
// English page: one section edited, one added and one removed.
func TestChangesGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		page storage.Page
	}{
		{"changes-ar.golden.html", arabicPage()},
		{"changes-en.golden.html", storage.Page{Slug: slug, Title: "Privacy policy", Lang: "en", Dir: storage.LTR,
			Numbering: storage.NumberingWestern, DateStyle: storage.DateLong, Status: storage.StatusDraft,
			Sections: []storage.Section{
				{Kind: storage.KindIntro, Body: "This policy explains what we collect."},
				{Kind: storage.KindNumbered, Heading: "Data we collect", Body: "We collect:\n\n1. your name;\n2. your e-mail address."},
				{Kind: storage.KindClosing, Heading: "Contact", Body: "Write to privacy@example.com."},
			}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := openDB(t)
			p := createPage(t, db, tc.page)
			publishTo(t, db, p, "site")
			db.Now = func() time.Time { return time.Date(2026, 11, 25, 8, 30, 0, 0, time.UTC) }
			ctx := t.Context()
			s1 := p.Sections[1]
			body := strings.Replace(s1.Body, "البيانات التي تزودنا بها", "البيانات التي تقدمها لنا", 1)
			body = strings.Replace(body, "your e-mail address", "your e-mail address and phone number", 1)
			if err := db.SaveSectionBody(ctx, s1.ID, body); err != nil {
				t.Fatal(err)
			}
			if err := db.DeleteSection(ctx, p.Sections[0].ID); err != nil {
				t.Fatal(err)
			}
			if _, err := db.InsertSection(ctx, p.ID, 0, storage.Section{Kind: storage.KindNumbered,
				Heading: map[bool]string{true: "Cookies", false: "ملفات تعريف الارتباط"}[p.Lang == "en"],
				Body:    map[bool]string{true: "We use no cookies.", false: "لا نستخدم ملفات تعريف الارتباط."}[p.Lang == "en"]}); err != nil {
				t.Fatal(err)
			}
			out, _ := build(t, db, Options{})
			golden(t, tc.name, changesBlock(t, out)+"\n")
		})
	}
}
