package check

import (
	"slices"
	"strings"
	"time"

	"github.com/qalam/policyeditor/storage"
)

// maxFixPasses bounds Fix's rounds: one fix can reveal another (،،، →
// … leaves a space before it), and overlapping fixes wait for the next
// round.
const maxFixPasses = 4

// Apply returns text with the fixes of fs applied (those with a Fix; all
// must be about text). Overlapping fixes after the first are skipped.
func Apply(text string, fs []Finding) (string, int) {
	fs = slices.DeleteFunc(slices.Clone(fs), func(f Finding) bool { return f.Fix == nil })
	slices.SortStableFunc(fs, func(a, b Finding) int { return a.Offset - b.Offset })
	var b strings.Builder
	b.Grow(len(text))
	at, n := 0, 0
	for _, f := range fs {
		if f.Offset < at || f.End > len(text) {
			continue
		}
		b.WriteString(text[at:f.Offset])
		b.WriteString(*f.Fix)
		at = f.End
		n++
	}
	b.WriteString(text[at:])
	return b.String(), n
}

// Fixed is what Fix changed.
type Fixed struct {
	Page storage.Page
	// Applied counts the fixes applied per check.
	Applied map[string]int
	// Changed lists the sections whose heading or body changed.
	Changed []int
	// TitleChanged says the page title changed.
	TitleChanged bool
}

// Fix applies the safe fixes of the named checks (all when none are named)
// to a copy of p, repeating until no fix is left or maxFixPasses rounds.
func Fix(p storage.Page, opt Options, checks ...string) Fixed {
	opt.Only = checks
	out := Fixed{Page: p, Applied: map[string]int{}}
	out.Page.Sections = slices.Clone(p.Sections)
	changed := map[int]bool{}
	for range maxFixPasses {
		fs := slices.DeleteFunc(Page(out.Page, opt), func(f Finding) bool { return f.Fix == nil })
		if len(fs) == 0 {
			break
		}
		for key, group := range groupByText(fs) {
			text := fieldText(out.Page, key.section, key.field)
			fixed, _ := Apply(text, group)
			setFieldText(&out.Page, key.section, key.field, fixed)
			if fixed != text {
				if key.section < 0 {
					out.TitleChanged = true
				} else {
					changed[key.section] = true
				}
			}
			countApplied(text, group, out.Applied)
		}
	}
	for i := range changed {
		out.Changed = append(out.Changed, i)
	}
	slices.Sort(out.Changed)
	return out
}

// countApplied counts the fixes Apply takes from group (the same rule).
func countApplied(text string, group []Finding, applied map[string]int) {
	slices.SortStableFunc(group, func(a, b Finding) int { return a.Offset - b.Offset })
	at := 0
	for _, f := range group {
		if f.Offset < at || f.End > len(text) {
			continue
		}
		applied[f.Check]++
		at = f.End
	}
}

type textKey struct {
	section int
	field   Field
}

func groupByText(fs []Finding) map[textKey][]Finding {
	m := map[textKey][]Finding{}
	for _, f := range fs {
		if f.Field == FieldDate {
			continue
		}
		k := textKey{f.Section, f.Field}
		m[k] = append(m[k], f)
	}
	return m
}

func fieldText(p storage.Page, section int, f Field) string {
	switch {
	case f == FieldTitle:
		return p.Title
	case f == FieldHeading:
		return p.Sections[section].Heading
	default:
		return p.Sections[section].Body
	}
}

func setFieldText(p *storage.Page, section int, f Field, s string) {
	switch {
	case f == FieldTitle:
		p.Title = s
	case f == FieldHeading:
		p.Sections[section].Heading = s
	default:
		p.Sections[section].Body = s
	}
}

// IsCorrection reports whether every difference between two versions of a
// page is one the safe fixes make (punctuation, spacing, hamza, …): both
// fixed give the same content. The last-updated date is not compared.
func IsCorrection(old, new storage.Page) bool {
	a, b := Fix(old, Options{}).Page, Fix(new, Options{}).Page
	a.LastUpdated, b.LastUpdated = time.Time{}, time.Time{}
	return storage.ContentHash(a) == storage.ContentHash(b)
}
