package publish

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/storagetest"
)

func TestHeadingID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"أهمية سياسة الخصوصية لمنصة قلم.", "أهمية-سياسة-الخصوصية-لمنصة-قلم"},
		{"فيما تستخدم منصة قلم البيانات التي تجمعها؟", "فيما-تستخدم-منصة-قلم-البيانات-التي-تجمعها"},
		{"أولاً", "أولا"},
		{"مَرْحَبًا  بِكُم", "مرحبا-بكم"},
		{"كـــلمة", "كلمة"},
		{"Google Analytics & You", "google-analytics-you"},
		{"  Hello -- World__x  ", "hello-world-x"},
		{"القسم ٣ و 4", "القسم-٣-و-4"},
		{"؟!", "section"},
		{"", "section"},
		{"a\u200cb\u202Ec", "abc"},
	}
	for _, tt := range tests {
		if got := HeadingID(tt.in); got != tt.want {
			t.Errorf("HeadingID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeadingIDsUniqueAcrossSections(t *testing.T) {
	p := smallPage(storage.NumberingOrdinal)
	p.Sections[2].Heading = "التعريفات"
	p.Sections[3].Body = "### التعريفات\n"
	out, err := Render(p, Options{Fragment: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{`id="التعريفات"`, `id="التعريفات-2"`, `id="التعريفات-3"`} {
		if bytes.Count(out, []byte(id)) != 1 {
			t.Errorf("Render: %s appears %d times, want once:\n%s", id, bytes.Count(out, []byte(id)), out)
		}
	}
}

func TestRenderDeterministic(t *testing.T) {
	a, err := Render(storagetest.SeedPage(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		b, err := Render(storagetest.SeedPage(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("Render(seed) gave different bytes for the same page")
		}
	}
}

func TestRenderTooLarge(t *testing.T) {
	p := storagetest.SeedPage()
	p.Sections[2].Body = strings.Repeat("[a](b", MaxBodyBytes/5+1)
	out, err := Render(p, Options{})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Render(huge section) error = %v, want ErrTooLarge", err)
	}
	if out != nil {
		t.Errorf("Render(huge section) returned %d bytes with the error", len(out))
	}
	if msg := err.Error(); !strings.Contains(msg, "section 3") || !strings.Contains(msg, p.Sections[2].Heading) {
		t.Errorf("error %q does not name section 3 %q", msg, p.Sections[2].Heading)
	}
	for _, body := range []string{strings.Repeat("[a](b", maxLinkOpeners+1), strings.Repeat("> ", maxNesting+1) + "x", strings.Repeat("[a](b", 100) + strings.Repeat("x", maxLinkScan/50), strings.Repeat("[a](<b "+strings.Repeat("y ", 500), 200), strings.Repeat("- ", maxNesting+1) + "x", strings.Repeat("1. ", maxNesting+1) + "x", strings.Repeat("> * ", maxNesting/2+1) + "x"} {
		p.Sections[2].Body = body
		_, err := Render(p, Options{})
		if !errors.Is(err, ErrTooComplex) || !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "section 3") {
			t.Errorf("Render(%.20q…) error = %v, want ErrTooComplex (and ErrTooLarge) naming section 3", body, err)
		}
	}
	p.Sections[2].Body = strings.Repeat("[a](b", maxLinkOpeners) + strings.Repeat("> ", maxNesting/2) + strings.Repeat("- ", maxNesting/2) + "x\n\n- - -\n1) 2. x"
	if _, err := Render(p, Options{Fragment: true}); err != nil {
		t.Errorf("Render(at the complexity limits) = %v, want nil", err)
	}
	p.Sections[2].Body = strings.Repeat("ب", MaxBodyBytes/2) // exactly MaxBodyBytes bytes
	if _, err := Render(p, Options{Fragment: true}); err != nil {
		t.Errorf("Render(section of exactly MaxBodyBytes) = %v, want nil", err)
	}
}

func TestRenderFragment(t *testing.T) {
	out, err := Render(storagetest.SeedPage(), Options{Fragment: true, Banner: "x", LiveReload: "/e"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte(`<article class="policy" lang="ar" dir="rtl"`)) || !bytes.HasSuffix(out, []byte("</article>\n")) {
		t.Errorf("fragment is not one <article>:\n%s", out)
	}
	for _, s := range []string{"<html", "<style", "<script", "banner"} {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("fragment contains %q", s)
		}
	}
}

func TestRenderPageShell(t *testing.T) {
	out, err := Render(storagetest.SeedPage(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">",
		"<title>سياسة الخصوصية لموقع منصة قلم</title>",
		`"Noto Naskh Arabic", "Amiri", "Geeza Pro", "Segoe UI", Tahoma, sans-serif`,
		"prefers-color-scheme: dark", "@media print", "list-style-type: arabic-indic",
		`آخر تحديث في <bdi><time datetime="2023-07-17">17/07/2023م</time></bdi>`,
		`<span class="section-label">أولاً</span><span class="section-sep">: </span>`,
		`<span class="section-label">ختاماً</span>`,
		`(<bdi dir="ltr">www.qlmlearn.com</bdi>)`,
		`<bdi dir="ltr">support@gmail.com</bdi>`,
		`تحليلات<bdi dir="ltr">Google Analytic</bdi>`,
	} {
		if !bytes.Contains(out, []byte(s)) {
			t.Errorf("Render(seed) lacks %q", s)
		}
	}
	for _, s := range []string{"<script", "<link", "raw HTML omitted", "<!--"} {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("Render(seed) contains %q", s)
		}
	}
}

func TestRawHTMLDroppedNotCommented(t *testing.T) {
	p := storagetest.SeedPage()
	p.Sections[0].Body = "<div>كتلة</div>\n\nنص <span>داخلي</span>.\n"
	out, err := Render(p, Options{Fragment: true})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("omitted")) || bytes.Contains(out, []byte("<div")) || bytes.Contains(out, []byte("<span>")) {
		t.Errorf("raw HTML survived:\n%s", out)
	}
	if !bytes.Contains(out, []byte("<p>نص داخلي.</p>")) {
		t.Errorf("text around inline raw HTML lost:\n%s", out)
	}
}

func TestUserTemplate(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.html")
	writeFile(t, good, `<!DOCTYPE html><html lang="{{.Lang}}" dir="{{.Dir}}"><head><title>{{.Title}}</title><style>{{.CSS}}</style></head>`+
		`<body><p class="date" data-iso="{{.LastUpdatedISO}}">{{.LastUpdated}}</p>{{.Body}}{{.LiveReloadScript}}</body></html>`)
	out, err := Render(storagetest.SeedPage(), Options{Template: good})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, out, false)
	for _, s := range []string{`<html lang="ar" dir="rtl">`, `data-iso="2023-07-17">17/07/2023م</p><article class="policy"`, "Noto Naskh Arabic"} {
		if !bytes.Contains(out, []byte(s)) {
			t.Errorf("user template output lacks %q:\n%s", s, out)
		}
	}
	bad := map[string]string{
		"parse.html":   `<html>{{.Body}`,
		"field.html":   `<html>{{.Nope}}</html>`,
		"missing.html": "",
	}
	for name, src := range bad {
		path := filepath.Join(dir, name)
		if src != "" {
			writeFile(t, path, src)
		}
		_, err := Render(storagetest.SeedPage(), Options{Template: path})
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("Render(template %s) error = %v, want one naming the file", name, err)
		}
	}
}

func TestLiveReloadOnlyWhenAsked(t *testing.T) {
	out, err := Render(storagetest.SeedPage(), Options{LiveReload: "/__events"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte(`<script>new EventSource("/__events")`)) {
		t.Errorf("no live reload script with LiveReload set")
	}
	checkInvariants(t, out, true)
}

func TestAllowedURL(t *testing.T) {
	tests := []struct {
		url   string
		image bool
		want  bool
	}{
		{"https://qlmlearn.com", false, true},
		{"HTTP://x.y", true, true},
		{"mailto:a@b.c", false, true},
		{"mailto:a@b.c", true, false},
		{"#أولا", false, true},
		{"../x.html", false, true},
		{"//cdn.example/x.png", true, true},
		{"javascript:alert(1)", false, false},
		{" \x01JaVaScRiPt:alert(1)", false, false},
		{"jav\tascript:alert(1)", false, false},
		{"jav&#x09;ascript:alert(1)", false, false},
		{"&#106;avascript:alert(1)", false, false},
		{"data:image/png;base64,AA", true, false},
		{"vbscript:x", false, false},
		{"ftp://x.y", false, false},
		{"%6aavascript:alert(1)", false, false},
		{"a\x00b", false, false},
	}
	for _, tt := range tests {
		if got := allowedURL([]byte(tt.url), tt.image); got != tt.want {
			t.Errorf("allowedURL(%q, image=%v) = %v, want %v", tt.url, tt.image, got, tt.want)
		}
	}
}

func TestIslands(t *testing.T) {
	tests := []struct {
		in   string
		dir  storage.Direction
		want []string
	}{
		{"البريد support@gmail.com .", storage.RTL, []string{"support@gmail.com"}},
		{"(www.qlmlearn.com) منصة", storage.RTL, []string{"www.qlmlearn.com"}},
		{"تحليلاتGoogle Analytic وإعداد", storage.RTL, []string{"Google Analytic"}},
		{"في 17/07/2023م و2023-07-17", storage.RTL, []string{"17/07/2023", "2023-07-17"}},
		{"العدد 123 هنا، 3.5", storage.RTL, nil},
		{"AT&amp;T و a\\_b", storage.RTL, []string{"AT&amp;T", "a\\_b"}},
		{"&#x202E;x", storage.RTL, []string{"x"}},
		{"called منصة قلم in", storage.LTR, []string{"منصة قلم"}},
		{"year عام 2023 ok", storage.LTR, []string{"عام 2023"}},
		{"support@gmail.com", storage.LTR, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range islands(tt.in, tt.dir) {
			got = append(got, tt.in[s.start:s.end])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("islands(%q, %s) = %q, want %q", tt.in, tt.dir, got, tt.want)
		}
	}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRenderConcurrent renders from several goroutines at once (the one
// goldmark instance is shared); run with -race.
func TestRenderConcurrent(t *testing.T) {
	want, err := Render(storagetest.SeedPage(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			got, err := Render(storagetest.SeedPage(), Options{})
			if err == nil && !bytes.Equal(got, want) {
				err = errors.New("concurrent Render gave different bytes")
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestUserTemplateChanged: a user template is parsed again when its file
// changes (templates are kept parsed between renders).
func TestUserTemplateChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "page.html")
	for _, want := range []string{"first", "second", "first"} {
		writeFile(t, path, `<html><body><p>`+want+`</p>{{.Body}}</body></html>`)
		out, err := Render(storagetest.SeedPage(), Options{Template: path})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(out, []byte("<p>"+want+"</p>")) {
			t.Errorf("Render with template %q: output lacks %q:\n%s", path, want, out)
		}
	}
	writeFile(t, path, `<html>{{.Body}`)
	if _, err := Render(storagetest.SeedPage(), Options{Template: path}); err == nil {
		t.Errorf("Render with a template that no longer parses: no error")
	}
}
