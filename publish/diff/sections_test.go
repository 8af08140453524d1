package diff

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/qalam/policyeditor/storage"
)

func sec(id byte, heading, body string) storage.Section {
	var u uuid.UUID
	if id != 0 {
		u[15] = id
	}
	return storage.Section{ID: u, Kind: storage.KindNumbered, Heading: heading, Body: body}
}

func summary(cs []SectionChange) string {
	var parts []string
	for _, c := range cs {
		h := ""
		if c.New != nil {
			h = c.New.Heading
		} else {
			h = c.Old.Heading
		}
		parts = append(parts, fmt.Sprintf("%s:%s(%d→%d)", h, c.Kind, c.OldIndex, c.NewIndex))
	}
	return strings.Join(parts, " ")
}

func TestSections(t *testing.T) {
	a := sec(1, "أهمية السياسة", "نص أول.")
	b := sec(2, "البيانات", "نقوم بجمع البيانات.")
	c := sec(3, "الأمان", "نحمي بياناتك.")
	d := sec(4, "ختام", "شكراً.")
	bEdited := b
	bEdited.Body = "نقوم بجمع وحفظ البيانات."
	bRenamed := b
	bRenamed.Heading = "ما البيانات التي نجمعها"
	noID := sec(0, "الأمان!", "نحمي بياناتك.") // matched by heading when IDs are missing
	closing := d
	closing.Kind = storage.KindClosing

	tests := []struct {
		name     string
		old, new []storage.Section
		want     string
	}{
		{"same", []storage.Section{a, b}, []storage.Section{a, b},
			"أهمية السياسة:unchanged(0→0) البيانات:unchanged(1→1)"},
		{"body edit", []storage.Section{a, b}, []storage.Section{a, bEdited},
			"أهمية السياسة:unchanged(0→0) البيانات:changed(1→1)"},
		{"renamed keeps identity", []storage.Section{a, b}, []storage.Section{a, bRenamed},
			"أهمية السياسة:unchanged(0→0) ما البيانات التي نجمعها:changed(1→1)"},
		{"added", []storage.Section{a, c}, []storage.Section{a, b, c},
			"أهمية السياسة:unchanged(0→0) البيانات:added(-1→1) الأمان:unchanged(1→2)"},
		{"removed in the middle", []storage.Section{a, b, c}, []storage.Section{a, c},
			"أهمية السياسة:unchanged(0→0) البيانات:removed(1→-1) الأمان:unchanged(2→1)"},
		{"removed first", []storage.Section{a, b}, []storage.Section{b},
			"أهمية السياسة:removed(0→-1) البيانات:unchanged(1→0)"},
		{"moved", []storage.Section{a, b, c, d}, []storage.Section{a, c, d, b},
			"أهمية السياسة:unchanged(0→0) الأمان:unchanged(2→1) ختام:unchanged(3→2) البيانات:moved(1→3)"},
		{"moved and changed", []storage.Section{a, b, c}, []storage.Section{bEdited, a, c},
			"البيانات:changed+moved(1→0) أهمية السياسة:unchanged(0→1) الأمان:unchanged(2→2)"},
		{"kind change", []storage.Section{a, d}, []storage.Section{a, closing},
			"أهمية السياسة:unchanged(0→0) ختام:changed(1→1)"},
		{"match by heading", []storage.Section{a, c}, []storage.Section{noID},
			"أهمية السياسة:removed(0→-1) الأمان!:changed(1→0)"},
		{"all new", nil, []storage.Section{a},
			"أهمية السياسة:added(-1→0)"},
	}
	for _, tt := range tests {
		got := Sections(storage.Page{Sections: tt.old}, storage.Page{Sections: tt.new})
		if s := summary(got); s != tt.want {
			t.Errorf("%s: Sections = %s\nwant %s", tt.name, s, tt.want)
		}
	}
}

func TestSectionsBodyOps(t *testing.T) {
	b := sec(2, "البيانات", "نقوم بجمع البيانات.")
	e := b
	e.Body = "نقوم بجمع وحفظ البيانات."
	got := Sections(storage.Page{Sections: []storage.Section{b}}, storage.Page{Sections: []storage.Section{e}})
	if len(got) != 1 {
		t.Fatalf("Sections: %d changes, want 1", len(got))
	}
	if s := opsString(got[0].Body); s != "=نقوم بجمع |+وحفظ |=البيانات." {
		t.Errorf("Body ops = %q", s)
	}
	if HasChanges(got[0].Heading) {
		t.Errorf("Heading ops = %q, want no change", opsString(got[0].Heading))
	}
	removed := Sections(storage.Page{Sections: []storage.Section{b}}, storage.Page{})
	if s := opsString(removed[0].Body); s != "-نقوم بجمع البيانات." {
		t.Errorf("removed Body ops = %q", s)
	}
}
