package importer

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/numbering"
)

// draft is what a format reader collects before it becomes a Result.
type draft struct {
	title     string
	date      time.Time
	dateStyle storage.DateStyle
	lang      string
	dir       storage.Direction
	numbering storage.NumberingStyle
	sections  []draftSection
	leftOut   []Line
	warnings  []string
}

// draftSection is one section being built; blocks are Markdown blocks.
type draftSection struct {
	kind    storage.SectionKind
	heading string
	number  int // the number typed in the input, 0 if none
	blocks  []string
}

// section returns the section that text currently goes to, opening an
// intro section if none is open yet.
func (d *draft) section() *draftSection {
	if len(d.sections) == 0 {
		d.sections = append(d.sections, draftSection{kind: storage.KindIntro})
	}
	return &d.sections[len(d.sections)-1]
}

func (d *draft) addBlock(md string) {
	if strings.TrimSpace(md) == "" {
		return
	}
	s := d.section()
	s.blocks = append(s.blocks, md)
}

func (d *draft) openSection(kind storage.SectionKind, heading string, number int) {
	d.sections = append(d.sections, draftSection{kind: kind, heading: heading, number: number})
}

func (d *draft) leave(number int, text, reason string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	d.leftOut = append(d.leftOut, Line{Number: number, Text: text, Reason: reason})
}

// setDate takes the last-updated date from a line; it reports whether the
// line was a date line.
func (d *draft) setDate(line string) bool {
	if !d.date.IsZero() || len(strings.Fields(line)) > 12 {
		return false
	}
	t, ok := numbering.ParseDate(line)
	if !ok {
		return false
	}
	d.date = t
	d.dateStyle = dateStyleOf(line)
	return true
}

// dateStyleOf guesses how the page writes its date, so it is kept.
func dateStyleOf(line string) storage.DateStyle {
	switch {
	case strings.Contains(line, "هـ"):
		return storage.DateHijri
	case strings.ContainsAny(line, "٠١٢٣٤٥٦٧٨٩"):
		return storage.DateArabicIndic
	}
	for _, r := range line {
		if unicode.IsLetter(r) {
			// a month name between digits
			if hasMonthName(line) {
				return storage.DateLong
			}
			break
		}
	}
	return storage.DateNumeric
}

func hasMonthName(line string) bool {
	l := strings.ToLower(line)
	for _, m := range []string{"يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس", "اغسطس", "سبتمبر", "أكتوبر", "اكتوبر", "نوفمبر", "ديسمبر",
		"كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين",
		"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}

// result turns the draft into a Result.
func (d *draft) result(format string) Result {
	p := storage.Page{
		Title:       d.title,
		Lang:        d.lang,
		Dir:         d.dir,
		Numbering:   d.numbering,
		DateStyle:   d.dateStyle,
		LastUpdated: d.date,
		Status:      storage.StatusDraft,
	}
	if p.Numbering == "" {
		p.Numbering = storage.NumberingNone
	}
	if p.DateStyle == "" {
		p.DateStyle = storage.DateNumeric
	}
	expect := 1
	for _, s := range d.sections {
		if s.kind == storage.KindIntro && s.heading == "" && len(s.blocks) == 0 {
			continue
		}
		if s.kind == storage.KindNumbered && s.number > 0 {
			if s.number != expect {
				d.warnings = append(d.warnings, fmt.Sprintf("section %q is numbered %d in the input but is number %d by position; it will be numbered %d", s.heading, s.number, expect, expect))
			}
		}
		if s.kind == storage.KindNumbered {
			expect++
		}
		body := strings.Join(s.blocks, "\n\n")
		if body != "" {
			body += "\n"
		}
		p.Sections = append(p.Sections, storage.Section{Kind: s.kind, Heading: s.heading, Body: body})
	}
	p.SectionCount = len(p.Sections)
	if p.Lang == "" || p.Dir == "" {
		lang, dir := scriptOf(pageText(p))
		if p.Lang == "" {
			p.Lang = lang
		}
		if p.Dir == "" {
			p.Dir = dir
		}
	}
	if p.Title == "" {
		d.warnings = append(d.warnings, "no title found; please type one")
	}
	if p.LastUpdated.IsZero() {
		d.warnings = append(d.warnings, "no last-updated date found")
	}
	return Result{Page: p, Format: format, LeftOut: d.leftOut, Warnings: d.warnings}
}

func pageText(p storage.Page) string {
	var b strings.Builder
	b.WriteString(p.Title)
	for _, s := range p.Sections {
		b.WriteString(s.Heading)
		b.WriteString(s.Body)
	}
	return b.String()
}

// scriptOf returns ar/rtl when Arabic-script letters are at least as many
// as Latin ones, else en/ltr.
func scriptOf(s string) (string, storage.Direction) {
	arabic, latin := 0, 0
	for _, r := range s {
		switch {
		case r < 0x80:
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				latin++
			}
		case r >= 0x0621 && r <= 0x064A, r >= 0x066E && r <= 0x06D3: // the common Arabic letters
			arabic++
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			arabic++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	if arabic > 0 && arabic >= latin {
		return "ar", storage.RTL
	}
	return "en", storage.LTR
}

// finish fills what every format needs: the slug suggestion and a title
// when none was found.
func finish(res *Result, name string) {
	base, _ := baseName(name)
	if res.Page.Title == "" {
		res.Page.Title = strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(base))
	}
	res.Page.Slug = SuggestSlug(base, res.Page.Title)
}
