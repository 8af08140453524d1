package richview

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/storagetest"
)

var update = flag.Bool("update", false, "rewrite the golden images under testdata/richview")

// assertImage compares img with testdata/richview/name.png (Fyne's
// AssertImageMatches; a mismatch is written to testdata/failed/). With
// -update the golden file is rewritten first.
func assertImage(t *testing.T, name string, img image.Image) {
	t.Helper()
	rel := filepath.Join("richview", name+".png")
	if *update {
		f, err := os.Create(filepath.Join("testdata", rel))
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	test.AssertImageMatches(t, rel, img)
}

// lightTheme pins the light variant (the test app reports no variant).
type lightTheme struct{ fyne.Theme }

func (t lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, theme.VariantLight)
}

// newTestView starts a test app with the application theme and shows v in
// a window of the given width, as tall as the laid-out document.
func newTestView(t *testing.T, width float32) (*View, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	test.ApplyTheme(t, lightTheme{NewTheme()})
	v := NewView()
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(width, 100))
	return v, w
}

// fit makes the window as tall as the view's content.
func fit(v *View, w fyne.Window) {
	w.Resize(fyne.NewSize(w.Canvas().Size().Width, v.MinSize().Height))
}

func mustDoc(t *testing.T, md string, dir storage.Direction) document.Doc {
	t.Helper()
	d, err := document.FromMarkdown(md, dir)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const mixedMD = `من وجهة نظرنا إن إفصاحنا في موقع منصة قلم (www.qlmlearn.com) عن سياسة الخصوصية هو **مبدأ** من مبادئ الشفافية.

العدد 123 هنا، والتاريخ 17/07/2023م، وراسلنا على support@gmail.com أو [الموقع](https://qlmlearn.com).

تحليلات Google Analytic وأمر ` + "`go test ./...`" + ` *مائل* في الجملة و~~نص محذوف~~ هنا.

| البيان | المدة Period |
|---|---|
| سجلات الدخول | 30 يوماً |

Google Analytic collects usage data (see قسم ثانياً) every day.`

const listMD = `> اقتباس من سياسة سابقة يلتف على أكثر من سطر عند العرض الضيق لأنه طويل بما يكفي.
>
> > اقتباس داخل اقتباس

لمنصة قلم الحق في:

1. استخدامها في شبكات التواصل الاجتماعي وغيرها من المنصات.
2. نشر تعليقات المتدربين على مواقع التواصل الاجتماعي وحسابات جوجل المعنية وغيرها من المواقع التي نختارها.
   - عنصر فرعي أول
   - عنصر فرعي ثانٍ أطول قليلاً من الأول حتى يلتف على أكثر من سطر عند العرض الضيق.
3. تتبع تفاعلاتك عبر تحليلاتGoogle Analytic.

- نقطة
- أخرى`

const englishMD = `Privacy matters to us. This paragraph is long enough to wrap onto a second line at the narrow width used by the test.

1. We collect **usage data** through *Google Analytic*.
2. We never see your card number (see [payments](https://example.com/pay)).

Arabic words inside English: منصة قلم stays right-to-left here.`

func englishPage() storage.Page {
	return storage.Page{Title: "Privacy Policy", Lang: "en", Dir: storage.LTR, Numbering: storage.NumberingWestern,
		Sections: []storage.Section{
			{Kind: storage.KindNumbered, Heading: "What we collect", Body: englishMD},
			{Kind: storage.KindNumbered, Heading: "Contact", Body: "Write to support@example.com."},
		}}
}

func TestViewRendering(t *testing.T) {
	tests := []struct {
		name string
		set  func(t *testing.T, v *View)
	}{
		{"seed", func(t *testing.T, v *View) {
			if err := v.SetPage(storagetest.SeedPage()); err != nil {
				t.Fatal(err)
			}
		}},
		{"mixed", func(t *testing.T, v *View) { v.SetDoc(mustDoc(t, mixedMD, storage.RTL)) }},
		{"list", func(t *testing.T, v *View) { v.SetDoc(mustDoc(t, listMD, storage.RTL)) }},
		{"english", func(t *testing.T, v *View) {
			if err := v.SetPage(englishPage()); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		for _, width := range []float32{800, 420} {
			name := fmt.Sprintf("%s-%d", tt.name, int(width))
			t.Run(name, func(t *testing.T) {
				v, w := newTestView(t, width)
				tt.set(t, v)
				fit(v, w)
				assertImage(t, name, w.Canvas().Capture())
			})
		}
	}
}

// TestViewRenderingHiDPI renders at canvas scale 2: the blocks are
// rasterised at twice the resolution (not scaled up), so the capture is
// 840 px wide and sharp.
func TestViewRenderingHiDPI(t *testing.T) {
	v, w := newTestView(t, 420)
	c, ok := w.Canvas().(interface{ SetScale(float32) })
	if !ok {
		t.Fatal("test canvas cannot change scale")
	}
	c.SetScale(2)
	v.SetDoc(mustDoc(t, mixedMD, storage.RTL))
	fit(v, w)
	img := w.Canvas().Capture()
	if got := img.Bounds().Dx(); got != 840 {
		t.Fatalf("capture width = %d, want 840", got)
	}
	assertImage(t, "mixed-420@2x", img)
}
