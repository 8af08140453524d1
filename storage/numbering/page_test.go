package numbering

import (
	"slices"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

func TestLastUpdatedPrefix(t *testing.T) {
	for lang, want := range map[string]string{
		"ar": "آخر تحديث في ", "ar-SA": "آخر تحديث في ", "": "آخر تحديث في ",
		"fa": "آخرین به\u200cروزرسانی: ", "fa-IR": "آخرین به\u200cروزرسانی: ", "ur": "آخری تازہ کاری: ",
		"he": "עודכן לאחרונה: ", "en": "Last updated: ", "en-GB": "Last updated: ",
		"fr": "Dernière mise à jour\u00a0: ", "de": "Last updated: ", "xx": "Last updated: ",
	} {
		if got := LastUpdatedPrefix(lang); got != want {
			t.Errorf("LastUpdatedPrefix(%q) = %q, want %q", lang, got, want)
		}
	}
}

func TestLastUpdatedLine(t *testing.T) {
	day := time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		p    storage.Page
		want string
	}{
		{storage.Page{Lang: "ar", DateStyle: storage.DateNumeric, LastUpdated: day}, "آخر تحديث في 17/07/2023م"},
		{storage.Page{Lang: "", DateStyle: storage.DateArabicIndic, LastUpdated: day}, "آخر تحديث في ١٧/٠٧/٢٠٢٣م"},
		{storage.Page{Lang: "en", DateStyle: storage.DateLong, LastUpdated: day}, "Last updated: July 17, 2023"},
		{storage.Page{Lang: "fa", DateStyle: storage.DateNumeric, LastUpdated: day}, "آخرین به\u200cروزرسانی: 17/07/2023"},
		{storage.Page{Lang: "ar"}, ""},
	}
	for _, tt := range tests {
		if got := LastUpdatedLine(tt.p); got != tt.want {
			t.Errorf("LastUpdatedLine(lang %q, %s) = %q, want %q", tt.p.Lang, tt.p.DateStyle, got, tt.want)
		}
	}
}

func TestLabels(t *testing.T) {
	secs := []storage.Section{
		{Kind: storage.KindIntro}, {Kind: storage.KindNumbered}, {Kind: storage.KindIntro},
		{Kind: storage.KindNumbered}, {Kind: storage.KindClosing},
	}
	tests := []struct {
		style storage.NumberingStyle
		want  []string
	}{
		{storage.NumberingOrdinal, []string{"", "أولاً", "", "ثانياً", "ختاماً"}},
		{storage.NumberingArabicIndic, []string{"", "١", "", "٢", ""}},
		{storage.NumberingWestern, []string{"", "1", "", "2", ""}},
		{storage.NumberingNone, []string{"", "", "", "", ""}},
	}
	for _, tt := range tests {
		var got []string
		for i, l := range Labels(tt.style, secs) {
			if i != len(got) {
				t.Fatalf("Labels(%s) yielded index %d after %d labels", tt.style, i, len(got))
			}
			got = append(got, l)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Labels(%s) = %q, want %q", tt.style, got, tt.want)
		}
		for i := range secs {
			if l := SectionLabel(tt.style, secs, i); l != tt.want[i] {
				t.Errorf("SectionLabel(%s, %d) = %q, want %q", tt.style, i, l, tt.want[i])
			}
		}
	}
}

func TestHeading(t *testing.T) {
	tests := []struct {
		style                storage.NumberingStyle
		label, heading, want string
	}{
		{storage.NumberingOrdinal, "أولاً", "أهمية", "أولاً: أهمية"},
		{storage.NumberingOrdinal, "أولاً", "  ", "أولاً"},
		{storage.NumberingWestern, "2", " Contact ", "2. Contact"},
		{storage.NumberingWestern, "", "Final words", "Final words"},
		{storage.NumberingNone, "", "", ""},
	}
	for _, tt := range tests {
		if got := Heading(tt.style, tt.label, tt.heading); got != tt.want {
			t.Errorf("Heading(%s, %q, %q) = %q, want %q", tt.style, tt.label, tt.heading, got, tt.want)
		}
	}
}
