package importer

import (
	"reflect"
	"testing"

	"github.com/qalam/policyeditor/storage/storagetest"
)

// TestImportSeedIsFixture checks that importing the sample policy gives
// exactly storagetest.SeedPage, the page the tests of other packages use
// in its place: the fixture is what a user gets from the real file.
func TestImportSeedIsFixture(t *testing.T) {
	res, err := Import("privacy-policy-qalam.txt", readSeed(t))
	if err != nil {
		t.Fatalf("Import(seed) error: %v", err)
	}
	got, want := res.Page, storagetest.SeedPage()
	got.Slug = want.Slug // the importer derives the slug from the file name
	if len(got.Sections) != len(want.Sections) {
		t.Fatalf("Import(seed) has %d sections, storagetest.SeedPage %d", len(got.Sections), len(want.Sections))
	}
	for i := range want.Sections {
		if g, w := got.Sections[i], want.Sections[i]; !reflect.DeepEqual(g, w) {
			t.Errorf("section %d:\n import  %+v\n fixture %+v", i, g, w)
		}
	}
	if got.SectionCount != len(got.Sections) {
		t.Errorf("SectionCount = %d, want %d", got.SectionCount, len(got.Sections))
	}
	got.Sections, want.Sections, got.SectionCount = nil, nil, 0 // a page value as tests build it
	if !reflect.DeepEqual(got, want) {
		t.Errorf("page:\n import  %+v\n fixture %+v", got, want)
	}
}
