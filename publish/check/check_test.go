package check

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

// bodyPage is a one-section Arabic page with a date in the past.
func bodyPage(body string) storage.Page {
	return storage.Page{Title: "سياسة", Lang: "ar", Dir: storage.RTL,
		LastUpdated: time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC),
		Sections:    []storage.Section{{Kind: storage.KindNumbered, Heading: "عنوان", Body: body}}}
}

func checksOf(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Check+":"+f.Text)
	}
	return out
}

// Each case: a body and the findings (check:text) it must give, exactly.
var bodyCases = []struct {
	body string
	want []string
}{
	// errors
	{"", []string{EmptySection + ":"}},
	{" \n\u200f\n", []string{EmptySection + ":", BidiControl + ":\u200f"}},
	{"نص \u202bمضمن\u202c هنا", []string{BidiControl + ":\u202b", BidiControl + ":\u202c"}},
	{"نص \u2067عزل\u2069", []string{BidiControl + ":\u2067", BidiControl + ":\u2069"}},
	{"الإصدار 2.0\u200e فقط", nil},                         // LRM after a number
	{"منتج Google\u200e، ثم", nil},                         // LRM after a Latin name
	{"كلمة\u200f كلمة", []string{BidiControl + ":\u200f"}}, // RLM between Arabic words
	{"راسلنا support@gmail.com.", nil},
	{"راسلنا support@gmail", []string{MalformedEmail + ":support@gmail"}},
	{"راسلنا a@@b.com", []string{MalformedEmail + ":a@@b.com"}},
	{"راسلنا user.@b.com", []string{MalformedEmail + ":user.@b.com"}},
	{"راسلنا mailto:x@y.org", nil},
	{"الموقع (www.qlmlearn.com) هنا", nil},
	{"الموقع https://qlmlearn.com/privacy?x=1#a هنا", nil},
	{"الموقع http://127.0.0.1:8080/ هنا", []string{MalformedURL + ":http://127.0.0.1:8080/"}},
	{"الموقع www.qlmlearn هنا", []string{MalformedURL + ":www.qlmlearn"}},
	{"الموقع http//qlmlearn.com هنا", []string{MalformedURL + ":http//qlmlearn.com"}},
	{"الموقع https:/qlmlearn.com هنا", []string{MalformedURL + ":https:/qlmlearn.com"}},
	{"الموقع https://qlm_learn.com هنا", []string{MalformedURL + ":https://qlm_learn.com"}},
	{"[الرابط](https://qlmlearn.com) هنا", nil},
	{"مثل (نص", []string{Unbalanced + ":("}},
	{"مثل نص)", []string{Unbalanced + ":)"}},
	{"«قول» و«قول", []string{Unbalanced + ":«"}},
	{"قال \"نعم\" ثم \"لا", []string{Unbalanced + ":\""}},
	{"[ نص )", []string{Unbalanced + ":[", Unbalanced + ":)"}},
	{"(فقرة\n\nأخرى)", []string{Unbalanced + ":(", Unbalanced + ":)"}},
	{"(سطر\nتابع)", nil},
	{"1) أولاً\n2) ثانياً", nil},
	{"`(` رمز", nil},
	// typography
	{"عبر تحليلاتGoogle هنا", []string{GluedLatin + ":تحليلاتGoogle"}},
	{"عبر Googleتحليلات هنا", []string{GluedLatin + ":Googleتحليلات"}},
	{"عبر بـGoogle ولGoogle هنا", nil},
	{"عنها ،،، فاعتني", []string{SpaceBeforePunct + ": ", Ellipsis + ":،،،"}},
	{"عنها... فاعتني", []string{Ellipsis + ":..."}},
	{"عنها,,, فاعتني", []string{Ellipsis + ":,,,"}},
	{"عنها… فاعتني", nil},
	{"المتصفح ، ومكان", []string{SpaceBeforePunct + ": "}},
	{"support@gmail.com .", []string{SpaceBeforePunct + ": "}},
	{"الآتي:.", []string{DoubledPunct + "::."}},
	{"حقاً؟!", nil},
	{"ما هذا؟؟", []string{DoubledPunct + ":؟؟"}},
	{"الإصدار 1.5 جديد", nil},
	{"البيانات, والتقارير", []string{LatinPunct + ":,"}},
	{"البيانات; والتقارير", []string{LatinPunct + ":;"}},
	{"ما البيانات?", []string{LatinPunct + ":?"}},
	{"مثل Google, Apple", nil},
	{"الرقم 1,000 ريال", nil},
	{"كلمة  كلمة", []string{DoubleSpace + ":  "}},
	{"سطر  \nسطر", nil},       // Markdown hard break
	{"1. بند\n    تابع", nil}, // indentation
	{"جميـــل جداً", []string{Tatweel + ":ـــ"}},
	{"بـ 5 أيام", nil},
	{"في 17/07/2023م", nil},
	{"في ١٧/٠٧/٢٠٢٣م", nil},
	{"في 17/٠٧/2023م", []string{MixedDigits + ":17/٠٧/2023"}},
	{"الرقم 1٢3", []string{MixedDigits + ":1٢3"}},
	{"`a  b` و ```x,,,y```", nil},
}

func TestBodyChecks(t *testing.T) {
	for _, c := range bodyCases {
		got := checksOf(Page(bodyPage(c.body), fixedNow))
		if !slices.Equal(got, c.want) {
			t.Errorf("check(%q) = %q, want %q", c.body, got, c.want)
		}
	}
}

func TestPageChecks(t *testing.T) {
	p := bodyPage("نص")
	p.LastUpdated = time.Time{}
	if got := checksOf(Page(p, fixedNow)); !slices.Equal(got, []string{MissingDate + ":"}) {
		t.Errorf("no date: %q", got)
	}
	p.LastUpdated = time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	fs := Page(p, fixedNow)
	if got := checksOf(fs); !slices.Equal(got, []string{FutureDate + ":2026-12-02"}) || !HasErrors(fs) {
		t.Errorf("tomorrow: %q", got)
	}
	p.LastUpdated = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if got := Page(p, fixedNow); len(got) != 0 {
		t.Errorf("today: %q", checksOf(got))
	}
	p.Sections = append(p.Sections,
		storage.Section{Heading: "عنوانٌ.", Body: "نص"},
		storage.Section{Heading: "من نحن", Body: "نص"},
		storage.Section{Heading: "من  نحن؟", Body: "نص"})
	got := checksOf(Page(p, fixedNow))
	want := []string{DuplicateHeading + ":عنوانٌ.", HeadingPeriod + ":.", DuplicateHeading + ":من  نحن؟", DoubleSpace + ":  "}
	if !slices.Equal(got, want) {
		t.Errorf("headings: %q, want %q", got, want)
	}
}

func TestPositions(t *testing.T) {
	fs := Page(bodyPage("سطر أول\nثم إستخدام ، هنا"), Options{Now: fixedNow.Now, Only: []string{HamzatWasl, SpaceBeforePunct}})
	if len(fs) != 2 {
		t.Fatalf("findings %q", checksOf(fs))
	}
	if f := fs[0]; f.Line != 2 || f.Col != 4 || f.Section != 0 || f.Field != FieldBody {
		t.Errorf("hamza at %d:%d, want 2:4", f.Line, f.Col)
	}
	if f := fs[1]; f.Line != 2 || f.Col != 11 {
		t.Errorf("space at %d:%d, want 2:11", f.Line, f.Col)
	}
}

func TestMessagesInBothLanguages(t *testing.T) {
	for _, name := range Names() {
		for _, lang := range Languages() {
			m := messages[lang][name]
			if m == "" {
				t.Errorf("no %s message for %s", lang, name)
			}
		}
	}
	f := Finding{Key: HamzatWasl, Params: map[string]string{"word": "إستخدام", "fix": "استخدام"}}
	if got := Message(f, "ar-SA"); !strings.Contains(got, "«إستخدام»") || strings.Contains(got, "{") {
		t.Errorf("Message ar = %q", got)
	}
	if got := Message(f, "fr"); !strings.HasPrefix(got, "write استخدام: إستخدام begins") {
		t.Errorf("Message fr = %q, want English", got)
	}
}

func TestFixEach(t *testing.T) {
	for body, want := range map[string]string{
		"عبر تحليلاتGoogle هنا":  "عبر تحليلات Google هنا",
		"عنها ،،، فاعتني":        "عنها… فاعتني",
		"المتصفح ، ومكان":        "المتصفح، ومكان",
		"الآتي:.":                "الآتي:",
		"البيانات, والتقارير?":   "البيانات، والتقارير؟",
		"كلمة   كلمة":            "كلمة كلمة",
		"جميـــل":                "جميل",
		"نص \u202bمضمن\u202c":    "نص مضمن",
		"في إستخدام الإقتراحات":  "في استخدام الاقتراحات",
		"support@gmail.com .":    "support@gmail.com.",
		"ما هذا؟؟ نعم.. (لا) :.": "ما هذا؟ نعم. (لا):",
	} {
		got := Fix(bodyPage(body), fixedNow)
		if b := got.Page.Sections[0].Body; b != want {
			t.Errorf("Fix(%q) = %q, want %q", body, b, want)
		}
	}
	// Only the named checks.
	got := Fix(bodyPage("في إستخدام ، هنا"), fixedNow, HamzatWasl)
	if b := got.Page.Sections[0].Body; b != "في استخدام ، هنا" || got.Applied[HamzatWasl] != 1 || len(got.Applied) != 1 {
		t.Errorf("Fix(hamza only) = %q %v", b, got.Applied)
	}
	// Nothing to fix leaves the page as it was.
	p := bodyPage("نص سليم.")
	if got := Fix(p, fixedNow); len(got.Changed) != 0 || got.Page.Sections[0].Body != p.Sections[0].Body {
		t.Errorf("Fix of a clean page changed %v", got.Changed)
	}
}

// TestSpaceBeforePunctFrench: in French a no-break space (U+00A0 before
// the colon, the narrow U+202F before ; ! ?) is right and not flagged; an
// ordinary space there is replaced by the no-break one; a space before
// . , … is wrong in French too. In other languages every space before
// punctuation goes, no-break ones included.
func TestSpaceBeforePunctFrench(t *testing.T) {
	for _, c := range []struct {
		lang, body string
		want       []string // check:text
		fixed      string   // the body after Fix
	}{
		{"fr", "Vos droits\u00a0: accès", nil, "Vos droits\u00a0: accès"},
		{"fr", "Vos droits\u202f: accès", nil, "Vos droits\u202f: accès"},
		{"fr", "Pourquoi\u202f? Parce que\u202f! Ainsi\u202f; enfin", nil, "Pourquoi\u202f? Parce que\u202f! Ainsi\u202f; enfin"},
		{"fr-CA", "Pourquoi\u00a0?", nil, "Pourquoi\u00a0?"},
		{"fr", "Vos droits : accès", []string{SpaceBeforePunct + ": "}, "Vos droits\u00a0: accès"},
		{"fr", "Pourquoi ? Parce que !", []string{SpaceBeforePunct + ": ", SpaceBeforePunct + ": "}, "Pourquoi\u202f? Parce que\u202f!"},
		{"fr", "Pourquoi  ?", []string{SpaceBeforePunct + ":  ", DoubleSpace + ":  "}, "Pourquoi\u202f?"},
		{"fr", "Vos droits\u00a0\u00a0: accès", []string{SpaceBeforePunct + ":\u00a0\u00a0"}, "Vos droits\u00a0: accès"},
		{"fr", "Fin de phrase .", []string{SpaceBeforePunct + ": "}, "Fin de phrase."},
		{"fr", "Fin de phrase\u00a0.", []string{SpaceBeforePunct + ":\u00a0"}, "Fin de phrase."},
		{"fr", "un , deux", []string{SpaceBeforePunct + ": "}, "un, deux"},
		{"fr", "Pourquoi?", nil, "Pourquoi?"},
		{"en", "Why ?", []string{SpaceBeforePunct + ": "}, "Why?"},
		{"en", "Why\u202f?", []string{SpaceBeforePunct + ":\u202f"}, "Why?"},
		{"en", "Your rights\u00a0: access", []string{SpaceBeforePunct + ":\u00a0"}, "Your rights: access"},
		{"ar", "المتصفح\u00a0، ومكان", []string{SpaceBeforePunct + ":\u00a0"}, "المتصفح، ومكان"},
	} {
		p := bodyPage(c.body)
		p.Lang, p.Dir = c.lang, storage.LTR
		if c.lang == "ar" {
			p.Dir = storage.RTL
		}
		fs := Page(p, Options{Now: fixedNow.Now, Only: []string{SpaceBeforePunct, DoubleSpace}})
		if got := checksOf(fs); !slices.Equal(got, c.want) {
			t.Errorf("%s: check(%q) = %q, want %q", c.lang, c.body, got, c.want)
		}
		for _, f := range fs {
			if m := Message(f, "en"); f.Check == SpaceBeforePunct && (m == "" || strings.Contains(m, "{")) {
				t.Errorf("%s: message %q", c.body, m)
			}
		}
		if got := Fix(p, Options{Now: fixedNow.Now}, SpaceBeforePunct, DoubleSpace).Page.Sections[0].Body; got != c.fixed {
			t.Errorf("%s: fix(%q) = %q, want %q", c.lang, c.body, got, c.fixed)
		}
	}
	f := Page(func() storage.Page { p := bodyPage("Vos droits : accès"); p.Lang = "fr"; return p }(), Options{Now: fixedNow.Now, Only: []string{SpaceBeforePunct}})
	if len(f) != 1 || !strings.Contains(Message(f[0], "en"), "no-break space") || !strings.Contains(Message(f[0], "ar"), "غير فاصلة") {
		t.Errorf("French ordinary space: %+v", f)
	}
}
