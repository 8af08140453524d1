package storage

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// slugCases is shared by TestValidateSlug and the fuzz seed corpus. reason
// is a fragment the error must contain ("" = valid).
var slugCases = []struct {
	slug, reason string
}{
	{"سياسة-الخصوصية", ""},
	{"privacy-policy", ""},
	{"terms2024", ""},
	{"الشروط-والأحكام-٢٠٢٤", ""},
	{"سِياسة", ""}, // combining mark after a letter
	{"a--b-", ""},
	{strings.Repeat("ب", MaxSlugLen), ""},
	{"", "empty"},
	{strings.Repeat("ب", MaxSlugLen+1), "longer than 100"},
	{"../x", "path separator"},
	{"a/b", "path separator"},
	{`a\b`, "path separator"},
	{"a..b", `".."`},
	{"..", `".."`},
	{".hidden", "starts with a dot"},
	{"-x", "starts with a hyphen"},
	{"a\u202eb", "bidi control U+202E"},
	{"a\u200fb", "bidi control U+200F"},
	{"a\u200eb", "bidi control U+200E"},
	{"\u2067x", "bidi control U+2067"},
	{"a\u061cb", "bidi control U+061C"},
	{"a\x00b", "control character U+0000"},
	{"a\nb", "control character U+000A"},
	{"a b", "whitespace U+0020"},
	{"a\u00a0b", "whitespace U+00A0"},
	{"سياسة الخصوصية", "whitespace"},
	{"a\u200db", "format character U+200D"},
	{"a.html", `'.'`},
	{"a?b", `'?'`},
	{"a%2fb", `'%'`},
	{"\u0650x", `only letters, digits and hyphens`}, // mark without a letter
	{"a\xffb", "UTF-8"},
	{"CON", "reserved file name on Windows"},
	{"nul", "reserved file name on Windows"},
	{"Com7", "reserved file name on Windows"},
	{"com10", ""},
	{"console", ""},
}

func TestValidateSlug(t *testing.T) {
	for _, c := range slugCases {
		err := ValidateSlug(c.slug)
		switch {
		case c.reason == "" && err != nil:
			t.Errorf("ValidateSlug(%q) = %v, want nil", c.slug, err)
		case c.reason != "" && !errors.Is(err, ErrInvalid):
			t.Errorf("ValidateSlug(%q) = %v, want ErrInvalid", c.slug, err)
		case c.reason != "" && !strings.Contains(err.Error(), c.reason):
			t.Errorf("ValidateSlug(%q) = %q, want a reason containing %q", c.slug, err, c.reason)
		}
	}
}

// FuzzValidateSlug checks the promise behind ValidateSlug: whatever it
// accepts is a single safe path element made only of letters, marks after
// letters, digits and hyphens.
func FuzzValidateSlug(f *testing.F) {
	for _, c := range slugCases {
		f.Add(c.slug)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ValidateSlug(s) != nil {
			return
		}
		if s == "" || !utf8.ValidString(s) || utf8.RuneCountInString(s) > MaxSlugLen {
			t.Fatalf("accepted %q: empty, invalid or too long", s)
		}
		if strings.ContainsAny(s, `/\.`) || s[0] == '-' {
			t.Fatalf("accepted %q: path syntax", s)
		}
		for _, r := range s {
			ok := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || unicode.Is(unicode.Mn, r)
			if !ok || isBidiControl(r) || unicode.IsSpace(r) || unicode.IsControl(r) {
				t.Fatalf("accepted %q with %U", s, r)
			}
		}
	})
}
