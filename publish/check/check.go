// Package check runs the content checks that guard publishing: errors that
// block a publication (an empty section, stray bidi controls, a date in the
// future, a malformed e-mail address or URL, unbalanced brackets or quotes)
// and Arabic typography warnings (hamza written on a hamzat al-wasl, Latin
// punctuation in Arabic text, spacing, tatweel, mixed digits, …).
//
// Each Finding says where it is (section, field, line:column and the byte
// range in the field's text), which check found it, a message key with its
// parameters (worded in Arabic or English by Message) and, where a fix is
// safe, the replacement text. Fix applies the safe fixes of a page.
//
// Everything here is pure (a page in, findings out), never fails, and is
// linear in the size of the page.
package check

import (
	"slices"
	"time"

	"github.com/qalam/policyeditor/storage"
)

// Severity says whether a finding blocks publishing.
type Severity uint8

// Severities.
const (
	Warning Severity = iota // does not block publishing
	Error                   // blocks publishing
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText writes "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Field names the part of the page a finding is in.
type Field string

// Fields.
const (
	FieldTitle   Field = "title"   // the page title (Section is -1)
	FieldDate    Field = "date"    // the last-updated date (Section is -1)
	FieldHeading Field = "heading" // a section heading
	FieldBody    Field = "body"    // a section body (Markdown)
)

// Check names. Fix and Options.Only take these.
const (
	EmptySection     = "empty-section"
	BidiControl      = "bidi-control"
	FutureDate       = "future-date"
	MalformedEmail   = "malformed-email"
	MalformedURL     = "malformed-url"
	Unbalanced       = "unbalanced"
	HamzatWasl       = "hamzat-wasl"
	GluedLatin       = "glued-latin"
	Ellipsis         = "ellipsis"
	SpaceBeforePunct = "space-before-punct"
	DoubledPunct     = "doubled-punct"
	LatinPunct       = "latin-punct"
	DoubleSpace      = "double-space"
	Tatweel          = "tatweel"
	MixedDigits      = "mixed-digits"
	HeadingPeriod    = "heading-period"
	DuplicateHeading = "duplicate-heading"
	MissingDate      = "missing-date"
)

// Finding is one problem found in a page.
type Finding struct {
	Check    string   `json:"check"`
	Severity Severity `json:"severity"`
	// Section is the index in Page.Sections, -1 for the title and date.
	Section int   `json:"section"`
	Field   Field `json:"field"`
	// Line and Col are 1-based; Col counts characters (runes). Both are 0
	// for the date.
	Line int `json:"line"`
	Col  int `json:"column"`
	// Offset and End are the byte range in the field's text that the
	// finding is about (and that Fix replaces).
	Offset int `json:"offset"`
	End    int `json:"end"`
	// Text is the text of the range (for an insertion: the word around it).
	Text string `json:"text"`
	// Key and Params are the message: see Message.
	Key    string            `json:"key"`
	Params map[string]string `json:"params,omitempty"`
	// Fix is the safe replacement for [Offset, End), nil when no fix is safe.
	Fix *string `json:"fix,omitempty"`
}

// Options tune a run.
type Options struct {
	// Now is today for the future-date check (default time.Now).
	Now func() time.Time
	// Only keeps the findings of these checks (all when empty).
	Only []string
}

func (o Options) today() time.Time {
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	t := now()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Names lists every check, errors first.
func Names() []string {
	return []string{EmptySection, BidiControl, FutureDate, MalformedEmail, MalformedURL, Unbalanced,
		HamzatWasl, GluedLatin, Ellipsis, SpaceBeforePunct, DoubledPunct, LatinPunct, DoubleSpace,
		Tatweel, MixedDigits, HeadingPeriod, DuplicateHeading, MissingDate}
}

// Known reports whether name is a check.
func Known(name string) bool { return slices.Contains(Names(), name) }

// Page runs every check (or those of opt.Only) on p and returns the
// findings in page order: title and date first, then section by section,
// field by field, by position.
func Page(p storage.Page, opt Options) []Finding { return page(p, opt, true) }

// Errors returns the findings of Page(p, opt) that block publishing
// (Severity Error), in the same order, without running the checks that
// only warn (Arabic typography, hamza, headings): what publishing asks of
// every page it writes, at about a quarter of the cost of Page
// (BenchmarkChecks).
func Errors(p storage.Page, opt Options) []Finding {
	out := page(p, opt, false)
	// Every check that warns was skipped; a warning still found (a check
	// that can give both) is dropped here.
	return slices.DeleteFunc(out, func(f Finding) bool { return f.Severity != Error })
}

// page is Page, with the checks that only warn run when warn is set.
func page(p storage.Page, opt Options, warn bool) []Finding {
	var out []Finding
	out = append(out, pageFindings(p, opt.today())...)
	out = append(out, textFindings(p.Title, -1, FieldTitle, p.Dir, p.Lang, warn)...)
	for i, s := range p.Sections {
		if isBlank(s.Body) {
			out = append(out, Finding{Check: EmptySection, Severity: Error, Section: i, Field: FieldBody,
				Line: 1, Col: 1, Key: EmptySection})
		}
		out = append(out, textFindings(s.Heading, i, FieldHeading, p.Dir, p.Lang, warn)...)
		if warn {
			out = append(out, headingFindings(s.Heading, i)...)
		}
		out = append(out, textFindings(s.Body, i, FieldBody, p.Dir, p.Lang, warn)...)
	}
	if warn {
		out = append(out, duplicateHeadings(p.Sections)...)
	}
	if len(opt.Only) > 0 {
		out = slices.DeleteFunc(out, func(f Finding) bool { return !slices.Contains(opt.Only, f.Check) })
	}
	sortFindings(out)
	return out
}

// HasErrors reports whether any finding blocks publishing.
func HasErrors(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == Error })
}

// fieldOrder is the order of the fields of a section in Page's findings.
func fieldOrder(f Field) int {
	switch f {
	case FieldTitle:
		return 0
	case FieldDate:
		return 1
	case FieldHeading:
		return 2
	case FieldBody:
		return 3
	}
	return 0
}

func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if a.Section != b.Section {
			return a.Section - b.Section
		}
		if a.Field != b.Field {
			return fieldOrder(a.Field) - fieldOrder(b.Field)
		}
		return a.Offset - b.Offset
	})
}

func fixOf(s string) *string { return &s }
