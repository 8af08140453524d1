package importer

import (
	"strings"
	"testing"
)

// TestDeepHTMLKeepsText: a page nested past the parser's 512 open elements
// imports with its text and a warning, never as an empty page.
func TestDeepHTMLKeepsText(t *testing.T) {
	for _, depth := range []int{300, 600, 20000} {
		src := "<html><body><main><h1>سياسة الخصوصية</h1><h2>أولاً: مقدمة</h2>" +
			strings.Repeat("<div><span>", depth/2) + "<p>نص عميق جداً</p>" + strings.Repeat("</span></div>", depth/2) +
			"<h2>ثانياً: البيانات</h2><p>نص بعد العمق</p></main></body></html>"
		res, err := Import("deep.html", []byte(src))
		if err != nil {
			t.Fatalf("depth %d: Import: %v", depth, err)
		}
		if len(res.Page.Sections) != 2 || res.Page.Title != "سياسة الخصوصية" ||
			!strings.Contains(res.Page.Sections[0].Body, "نص عميق جداً") || !strings.Contains(res.Page.Sections[1].Body, "نص بعد العمق") {
			t.Errorf("depth %d: title %q, sections %+v; want the title, two sections and both texts", depth, res.Page.Title, res.Page.Sections)
		}
		warned := strings.Contains(strings.Join(res.Warnings, "\n"), "nested more than 256 deep")
		if warned != (depth > 512) {
			t.Errorf("depth %d: warnings %q; want the nesting warning only past 512", depth, res.Warnings)
		}
	}
}

func TestFlattenDeep(t *testing.T) {
	got, n := flattenDeep("<a><b>x<br><c>y</c>z</b></a>", 2)
	if want := "<a><b>x<br>yz</b></a>"; got != want || n != 2 {
		t.Errorf("flattenDeep = %q, %d; want %q, 2", got, n, want)
	}
}
