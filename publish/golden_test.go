package publish

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/storagetest"
)

var july17 = time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC)

// smallPage is an Arabic page with an intro, three numbered sections and a
// closing section, in the given numbering style.
func smallPage(style storage.NumberingStyle) storage.Page {
	return storage.Page{
		Slug: "terms", Title: "الشروط والأحكام", Lang: "ar", Dir: storage.RTL,
		Numbering: style, DateStyle: storage.DateNumeric, LastUpdated: july17,
		Sections: []storage.Section{
			{Kind: storage.KindIntro, Body: "مرحباً بكم في منصة قلم."},
			{Kind: storage.KindNumbered, Heading: "التعريفات", Body: "المنصة: موقع www.qlmlearn.com."},
			{Kind: storage.KindNumbered, Heading: "الاستخدام", Body: "يجب الالتزام بالشروط."},
			{Kind: storage.KindNumbered, Heading: "الخصوصية", Body: "راجع سياسة الخصوصية."},
			{Kind: storage.KindClosing, Heading: "", Body: "شكراً لكم."},
		},
	}
}

func englishPage() storage.Page {
	return storage.Page{
		Slug: "privacy-en", Title: "Qalam Platform Privacy Policy", Lang: "en", Dir: storage.LTR,
		Numbering: storage.NumberingWestern, DateStyle: storage.DateLong, LastUpdated: july17,
		Sections: []storage.Section{
			{Kind: storage.KindIntro, Body: "This policy explains how Qalam (منصة قلم) uses your data."},
			{Kind: storage.KindNumbered, Heading: "What we collect", Body: "- Data you give us.\n- Browsing reports from Google Analytics.\n- قائمة عربية: an Arabic item.\n"},
			{Kind: storage.KindNumbered, Heading: "Contact", Body: "Write to support@gmail.com or visit <https://www.qlmlearn.com>.\n\nفقرة عربية كاملة داخل صفحة إنجليزية.\n"},
			{Kind: storage.KindClosing, Heading: "Final words", Body: "You alone follow changes to this policy."},
		},
	}
}

func mixedPage() storage.Page {
	return storage.Page{
		Slug: "mixed", Title: "سطور مختلطة الاتجاه", Lang: "ar", Dir: storage.RTL,
		Numbering: storage.NumberingOrdinal, DateStyle: storage.DateNumeric, LastUpdated: july17,
		Sections: []storage.Section{
			{Kind: storage.KindNumbered, Heading: "أمثلة Google Analytics", Body: "" +
				"العدد 123 هنا، والتاريخ 17/07/2023م، والبريد support@gmail.com.\n\n" +
				"(www.qlmlearn.com) منصة قلم\n\n" +
				"This whole paragraph is English, with one word عربية inside.\n\n" +
				"- بند فيه [رابط Qalam](https://qlmlearn.com/ar/) و`code`\n" +
				"- English item in an Arabic list\n\n" +
				"> اقتباس: \"Privacy first\" — كما قالوا.\n"},
		},
	}
}

func listsPage() storage.Page {
	return storage.Page{
		Slug: "lists", Title: "قوائم", Lang: "ar", Dir: storage.RTL,
		Numbering: storage.NumberingArabicIndic, DateStyle: storage.DateArabicIndic, LastUpdated: july17,
		Sections: []storage.Section{
			{Kind: storage.KindNumbered, Heading: "قائمة مرقمة", Body: "" +
				"1. الأول\n2. الثاني\n   - فرعي أ\n   - فرعي ب\n3. الثالث\n\n" +
				"فقرة فاصلة.\n\n5. تبدأ من خمسة\n6. ستة\n\n" +
				"* نقطة\n* نقطة أخرى فيها **تأكيد** و*ميل*\n\n" +
				"1. فقرة أولى في بند واسع\n\n   وفقرة ثانية.\n2. بند ثان\n"},
		},
	}
}

// datePages is one page per date style and language.
func datePages() []storage.Page {
	var out []storage.Page
	for _, lang := range []string{"ar", "en"} {
		for _, ds := range []storage.DateStyle{storage.DateNumeric, storage.DateArabicIndic, storage.DateLong, storage.DateHijri} {
			p := storage.Page{Slug: "dates", Title: "Dates " + string(ds), Lang: lang, Dir: storage.LTR,
				Numbering: storage.NumberingNone, DateStyle: ds, LastUpdated: july17}
			if lang == "ar" {
				p.Title, p.Dir = "التاريخ "+string(ds), storage.RTL
			}
			out = append(out, p)
		}
	}
	return out
}

// goldenPages maps a golden file name (testdata/golden/<name>.html) to the
// pages it holds and how they are rendered.
func goldenPages() map[string]struct {
	pages []storage.Page
	opt   Options
} {
	type g = struct {
		pages []storage.Page
		opt   Options
	}
	frag := Options{Fragment: true}
	return map[string]g{
		"seed":                   {[]storage.Page{storagetest.SeedPage()}, Options{}},
		"english":                {[]storage.Page{englishPage()}, Options{}},
		"mixed":                  {[]storage.Page{mixedPage()}, frag},
		"lists":                  {[]storage.Page{listsPage()}, frag},
		"numbering-ordinal":      {[]storage.Page{smallPage(storage.NumberingOrdinal)}, frag},
		"numbering-arabic-indic": {[]storage.Page{smallPage(storage.NumberingArabicIndic)}, frag},
		"numbering-western":      {[]storage.Page{smallPage(storage.NumberingWestern)}, frag},
		"numbering-none":         {[]storage.Page{smallPage(storage.NumberingNone)}, frag},
		"dates":                  {datePages(), frag},
		"snapshot":               {[]storage.Page{smallPage(storage.NumberingOrdinal)}, Options{Banner: "مسودة — للمراجعة", Stylesheet: ".x{color:red}"}},
	}
}

func TestGolden(t *testing.T) {
	for name, g := range goldenPages() {
		t.Run(name, func(t *testing.T) {
			var got bytes.Buffer
			for _, p := range g.pages {
				out, err := Render(p, g.opt)
				if err != nil {
					t.Fatalf("Render(%s): %v", p.Slug, err)
				}
				checkInvariants(t, out, false)
				got.Write(out)
			}
			path := filepath.Join("testdata", "golden", name+".html")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("Render(%s) differs from %s (go test -update, then review the diff):\n%s", name, path, got.Bytes())
			}
		})
	}
}
