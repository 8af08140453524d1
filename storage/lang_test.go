package storage

import "testing"

func TestPageDir(t *testing.T) {
	tests := []struct {
		lang string
		dir  Direction
		want Direction
	}{
		{"ar", "", RTL}, {"ar-SA", "", RTL}, {"AR_eg", "", RTL}, {"fa", "", RTL}, {"ur", "", RTL}, {"he", "", RTL},
		{"", "", RTL}, {"en", "", LTR}, {"fr", "bogus", LTR}, {"ar", LTR, LTR}, {"en", RTL, RTL}, {"", LTR, LTR},
	}
	for _, tt := range tests {
		if got := PageDir(Page{Lang: tt.lang, Dir: tt.dir}); got != tt.want {
			t.Errorf("PageDir(lang %q, dir %q) = %q, want %q", tt.lang, tt.dir, got, tt.want)
		}
	}
}

func TestPageLang(t *testing.T) {
	for lang, want := range map[string]string{"": "ar", "ar": "ar", "fa": "fa", "en-GB": "en-GB"} {
		if got := PageLang(Page{Lang: lang}); got != want {
			t.Errorf("PageLang(%q) = %q, want %q", lang, got, want)
		}
	}
}

func TestPrimaryLang(t *testing.T) {
	for lang, want := range map[string]string{"": "", "ar": "ar", "AR-sa": "ar", "ar_EG": "ar", "ckb-IQ": "ckb", "arz": "arz"} {
		if got := PrimaryLang(lang); got != want {
			t.Errorf("PrimaryLang(%q) = %q, want %q", lang, got, want)
		}
	}
	if IsArabic("arz") || !IsArabic("ar-MA") {
		t.Error(`IsArabic: "arz" (Egyptian, its own subtag) is not "ar"; "ar-MA" is`)
	}
}
