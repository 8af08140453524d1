package richview

import (
	"strings"
	"testing"
	"time"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/storage"
)

// ordinals are the heading prefixes of the sample policy; the last one
// starts the closing section.
var ordinals = []string{"أولاً", "ثانياً", "ثالثا", "رابعاً", "خامساً", "سادساً", "سابعاً", "ختاماً"}

// seedPage builds the sample privacy policy (assets.SamplePolicy) as a
// page, in a simple way that does not depend on the importer: the first six
// lines are page chrome, then the title, the date line, and sections whose
// headings start with an ordinal word; indented "N. " lines are list items.
func seedPage(tb testing.TB) storage.Page {
	tb.Helper()
	lines := strings.Split(strings.ReplaceAll(string(assets.SamplePolicy), "\r", ""), "\n")[6:]
	p := storage.Page{Slug: "privacy", Lang: "ar", Dir: storage.RTL, Numbering: storage.NumberingOrdinal,
		DateStyle: storage.DateNumeric, LastUpdated: time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC)}
	var body []string
	flush := func() {
		if n := len(p.Sections); n > 0 {
			p.Sections[n-1].Body = strings.Join(body, "\n\n")
		}
		body = nil
	}
	for _, raw := range lines {
		line := strings.TrimSpace(raw)
		switch {
		case line == "":
		case p.Title == "":
			p.Title = line
		case strings.HasPrefix(line, "آخر تحديث"):
		case isHeading(line):
			flush()
			word, rest, _ := strings.Cut(line, ":")
			s := storage.Section{Position: len(p.Sections), Kind: storage.KindNumbered, Heading: strings.TrimSpace(rest)}
			if strings.TrimSpace(word) == "ختاماً" {
				s.Kind, s.Heading = storage.KindClosing, ""
				body = append(body, strings.TrimSpace(rest))
			}
			p.Sections = append(p.Sections, s)
		default:
			body = append(body, line)
		}
	}
	flush()
	if len(p.Sections) != 8 {
		tb.Fatalf("seed page has %d sections, want 7 numbered + closing", len(p.Sections))
	}
	return p
}

func isHeading(line string) bool {
	word, _, ok := strings.Cut(line, ":")
	if !ok {
		return false
	}
	for _, o := range ordinals {
		if strings.TrimSpace(word) == o {
			return true
		}
	}
	return false
}

func TestSeedPage(t *testing.T) {
	p := seedPage(t)
	if p.Title != "سياسة الخصوصية لموقع منصة قلم" {
		t.Errorf("title = %q", p.Title)
	}
	if got := p.Sections[1].Heading; got != "فيما تستخدم منصة قلم البيانات التي تجمعها؟" {
		t.Errorf("section 2 heading = %q", got)
	}
	if !strings.Contains(p.Sections[1].Body, "\n\n4. التواصل معك") {
		t.Errorf("section 2 body lacks list item 4: %q", p.Sections[1].Body)
	}
}
