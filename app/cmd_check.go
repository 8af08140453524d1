package app

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/qalam/policyeditor/publish/check"
	"github.com/qalam/policyeditor/storage"
)

// errFindings is returned by check when a finding blocks publishing; its
// message is the last line of the output.
type errFindings struct{ errors, warnings int }

func (e errFindings) Error() string {
	return fmt.Sprintf("%d errors and %d warnings: the errors block publishing", e.errors, e.warnings)
}

// uiLang is the language findings are worded in: --lang, else the first
// of $POLICYEDITOR_LANG, $LC_ALL, $LC_MESSAGES and $LANG that is set;
// Arabic when it starts with "ar", else English.
func uiLang(flagValue string) string {
	for _, v := range []string{flagValue, os.Getenv("POLICYEDITOR_LANG"), os.Getenv("LC_ALL"), os.Getenv("LC_MESSAGES"), os.Getenv("LANG")} {
		if v != "" {
			if strings.HasPrefix(strings.ToLower(v), "ar") {
				return "ar"
			}
			return "en"
		}
	}
	return "en"
}

// checkOptions are the content checks' options of the CLI: today is the
// local date.
func checkOptions() check.Options { return check.Options{Now: time.Now} }

func runCheck(e *env, args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the findings as JSON")
	lang := fs.String("lang", "", "language of the messages: ar or en (default: from the environment)")
	_, p, _, err := pageCommand(e, fs, args, 1, "SLUG")
	if err != nil {
		return err
	}
	findings := check.Page(p, checkOptions())
	l := uiLang(*lang)
	if *asJSON {
		err = writeFindingsJSON(e.stdout, p, findings, l)
	} else {
		err = writeFindings(e.stdout, p, findings, l)
	}
	if err != nil {
		return err
	}
	if n := countErrors(findings); n > 0 {
		return errFindings{n, len(findings) - n}
	}
	return nil
}

func countErrors(fs []check.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == check.Error {
			n++
		}
	}
	return n
}

// where names a finding's place: "title", "date" or "3 heading" / "3 body"
// (sections by their position, from 1).
func where(f check.Finding) string {
	if f.Section < 0 {
		return string(f.Field)
	}
	return fmt.Sprintf("%d %s", f.Section+1, f.Field)
}

func writeFindings(w io.Writer, p storage.Page, fs []check.Finding, lang string) error {
	for _, f := range fs {
		fix := ""
		if f.Fix != nil {
			fix = "\tfix: " + quoteFix(*f.Fix)
		}
		if _, err := fmt.Fprintf(w, "%s\t%s\t%d:%d\t%s\t%s%s\n", f.Severity, where(f), f.Line, f.Col, f.Check, check.Message(f, lang), fix); err != nil {
			return err
		}
	}
	if len(fs) == 0 {
		_, err := fmt.Fprintf(w, "%s: no findings\n", p.Slug)
		return err
	}
	return nil
}

// quoteFix shows a replacement; an empty one is a deletion.
func quoteFix(s string) string {
	if s == "" {
		return "(delete)"
	}
	return "«" + s + "»"
}

type findingJSON struct {
	check.Finding
	Section int    `json:"section"` // position from 1; 0 for the title and date
	Message string `json:"message"`
}

func writeFindingsJSON(w io.Writer, p storage.Page, fs []check.Finding, lang string) error {
	out := struct {
		Slug     string        `json:"slug"`
		Errors   int           `json:"errors"`
		Warnings int           `json:"warnings"`
		Findings []findingJSON `json:"findings"`
	}{Slug: p.Slug, Errors: countErrors(fs), Warnings: len(fs) - countErrors(fs), Findings: []findingJSON{}}
	for _, f := range fs {
		out.Findings = append(out.Findings, findingJSON{Finding: f, Section: f.Section + 1, Message: check.Message(f, lang)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func runFix(e *env, args []string) error {
	pos, err := parseArgs(reviewFlags(e, "fix"), args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("missing SLUG")
	}
	names := pos[1:]
	for _, n := range names {
		if !check.Known(n) {
			return usagef("unknown check %q: the checks are %s", n, strings.Join(check.Names(), ", "))
		}
	}
	db, p, err := findPage(e, pos[0])
	if err != nil {
		return err
	}
	fixed := check.Fix(p, checkOptions(), names...)
	if len(fixed.Applied) == 0 {
		fmt.Fprintf(e.stdout, "%s: nothing to fix\n", p.Slug)
		return nil
	}
	_, before, err := db.ReplaceContent(e.ctx, p.ID, fixed.Page, storage.ContentHash(p), e.person(), noteBeforeFix)
	if errors.Is(err, storage.ErrConflict) {
		return fmt.Errorf("%s changed while it was being fixed; run fix again", p.Slug)
	}
	if err != nil {
		return fmt.Errorf("save the fixed draft of %s: %w", p.Slug, err)
	}
	fmt.Fprintf(e.stdout, "fixed %s: %s\n", p.Slug, appliedSummary(fixed.Applied))
	fmt.Fprintf(e.stdout, "the draft before the fix is revision %d (undo: policyeditor restore %s %d)\n", before.Number, p.Slug, before.Number)
	return nil
}

func appliedSummary(applied map[string]int) string {
	names := make([]string, 0, len(applied))
	total := 0
	for n, c := range applied {
		names = append(names, fmt.Sprintf("%s %d", n, c))
		total += c
	}
	sort.Strings(names)
	return fmt.Sprintf("%d fixes (%s)", total, strings.Join(names, ", "))
}

// blockingFindings returns the errors that block publishing p.
func blockingFindings(p storage.Page) []check.Finding { return check.Errors(p, checkOptions()) }
