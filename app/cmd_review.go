package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/qalam/policyeditor/publish/check"
	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// reviewFlags starts the flags of a verb that records who acted: --as
// names the person after the verb too (policyeditor approve SLUG --as rana).
func reviewFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Func("as", "the person acting", func(v string) error { e.as = v; return nil })
	return fs
}

func runSubmit(e *env, args []string) error  { return reviewStep(e, storage.ActionSubmit, args) }
func runApprove(e *env, args []string) error { return reviewStep(e, storage.ActionApprove, args) }
func runReject(e *env, args []string) error  { return reviewStep(e, storage.ActionReject, args) }

func reviewStep(e *env, action storage.ReviewAction, args []string) error {
	fs := reviewFlags(e, string(action))
	note := fs.String("note", "", "why (required for reject)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(pos, 1, "SLUG"); err != nil {
		return err
	}
	if action == storage.ActionReject && strings.TrimSpace(*note) == "" {
		return usagef("say why with --note")
	}
	db, p, err := findPage(e, pos[0])
	if err != nil {
		return err
	}
	if action == storage.ActionSubmit || action == storage.ActionApprove {
		if errs := blockingFindings(p); len(errs) > 0 {
			return fmt.Errorf("%s has %d content errors, which block publishing: fix them first (see 'policyeditor check %s')", p.Slug, len(errs), p.Slug)
		}
	}
	r, err := db.Review(e.ctx, p.ID, action, e.person(), strings.TrimSpace(*note))
	if err != nil {
		return describeReviewError(p, action, err)
	}
	switch action {
	case storage.ActionSubmit:
		fmt.Fprintf(e.stdout, "%s is in review (submitted by %s)\n", p.Slug, r.Person)
	case storage.ActionApprove:
		fmt.Fprintf(e.stdout, "%s is approved by %s as revision %d (%s); any edit returns it to draft\n", p.Slug, r.Person, r.RevisionNumber, r.Hash[:12])
	case storage.ActionReject:
		fmt.Fprintf(e.stdout, "%s is back to draft (rejected by %s: %s)\n", p.Slug, r.Person, r.Note)
	}
	return openCommentsNote(e, db, p, false)
}

func describeReviewError(p storage.Page, action storage.ReviewAction, err error) error {
	if !errors.Is(err, storage.ErrWorkflow) {
		return fmt.Errorf("%s %s: %w", action, p.Slug, err)
	}
	hint := map[storage.ReviewAction]string{
		storage.ActionSubmit:  "only a draft can be submitted; an edit makes a published or approved page a draft again",
		storage.ActionApprove: "only a page in review can be approved: submit it first (policyeditor submit " + p.Slug + ")",
		storage.ActionReject:  "only a page in review or approved can be rejected",
	}[action]
	if strings.Contains(err.Error(), "another person") {
		hint = "another person must approve it (the distinct-approver setting is on)"
	}
	return fmt.Errorf("cannot %s %s, which is %s: %s", action, p.Slug, p.Status, hint)
}

// openCommentsNote tells how many comments are still open and, with list,
// lists them (after publishing, so nobody misses one).
func openCommentsNote(e *env, db store, p storage.Page, list bool) error {
	cs, err := db.FindComments(e.ctx, p.ID, false)
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		return nil
	}
	fmt.Fprintf(e.stdout, "%d open comments on %s (see 'policyeditor comments %s'):\n", len(cs), p.Slug, p.Slug)
	for _, c := range cs {
		if list {
			fmt.Fprintf(e.stdout, "  %d\t%s\t%s\t%s\n", c.ID, commentPlace(c), c.Author, c.Text)
		}
	}
	return nil
}

func commentPlace(c storage.Comment) string {
	if c.SectionPosition < 0 {
		return "(section deleted)"
	}
	return fmt.Sprintf("section %d", c.SectionPosition+1)
}

func runComment(e *env, args []string) error {
	pos, err := parseArgs(reviewFlags(e, "comment"), args)
	if err != nil {
		return err
	}
	if len(pos) < 3 {
		return usagef("want SLUG SECTION TEXT")
	}
	db, p, err := findPage(e, pos[0])
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(pos[1])
	if err != nil || n < 1 || n > len(p.Sections) {
		return usagef("SECTION is a section's position, 1 to %d", len(p.Sections))
	}
	text := strings.TrimSpace(strings.Join(pos[2:], " "))
	if text == "" {
		return usagef("the comment is empty")
	}
	c := storage.Comment{PageID: p.ID, SectionID: p.Sections[n-1].ID, Author: e.person(), Text: text}
	if err := db.CreateComment(e.ctx, &c); err != nil {
		return fmt.Errorf("comment on %s: %w", p.Slug, err)
	}
	fmt.Fprintf(e.stdout, "comment %d on section %d of %s\n", c.ID, n, p.Slug)
	return nil
}

func runComments(e *env, args []string) error {
	fs := flag.NewFlagSet("comments", flag.ContinueOnError)
	all := fs.Bool("all", false, "resolved comments too")
	db, p, _, err := pageCommand(e, fs, args, 1, "SLUG")
	if err != nil {
		return err
	}
	cs, err := db.FindComments(e.ctx, p.ID, *all)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, c := range cs {
		sec := commentPlace(c)
		state := "open"
		if c.Resolved {
			state = "resolved by " + c.ResolvedBy
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", c.ID, sec, c.At.Local().Format("2006-01-02 15:04"), c.Author, state, c.Text)
	}
	if len(cs) == 0 {
		fmt.Fprintf(tw, "%s: no open comments\n", p.Slug)
	}
	return tw.Flush()
}

func runResolve(e *env, args []string) error {
	db, p, pos, err := pageCommand(e, reviewFlags(e, "resolve"), args, 2, "SLUG and comment ID")
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(pos[1], 10, 64)
	if err != nil {
		return usagef("%q is not a comment number (see 'policyeditor comments %s')", pos[1], p.Slug)
	}
	if err := db.ResolveComment(e.ctx, p.ID, id, e.person()); errors.Is(err, storage.ErrNotFound) {
		return fmt.Errorf("%s has no comment %d (see 'policyeditor comments %s --all')", p.Slug, id, p.Slug)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "resolved comment %d on %s\n", id, p.Slug)
	return nil
}

// settings the CLI knows, with the values they take.
var knownSettings = map[string][]string{sqlite.SettingDistinctApprover: {"true", "false"}}

func runSettings(e *env, args []string) error {
	db, err := e.store()
	if err != nil {
		return err
	}
	switch len(args) {
	case 0:
		for k := range knownSettings {
			v, err := db.Setting(e.ctx, k)
			if err != nil {
				return err
			}
			if v == "" {
				v = "false"
			}
			fmt.Fprintf(e.stdout, "%s\t%s\n", k, v)
		}
		return nil
	case 2:
		vals, ok := knownSettings[args[0]]
		if !ok {
			return usagef("unknown setting %q (known: %s)", args[0], sqlite.SettingDistinctApprover)
		}
		if args[1] != vals[0] && args[1] != vals[1] {
			return usagef("%s is true or false", args[0])
		}
		if err := db.SetSetting(e.ctx, args[0], args[1]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s = %s\n", args[0], args[1])
		return nil
	}
	return usagef("want no arguments or KEY VALUE")
}

// publishKind is how publish decides between a correction and a material
// change: "" (automatic), "minor" or "material".
func (e *env) correction(db store, kind string) func(context.Context, storage.Page, storage.Publication) bool {
	return func(ctx context.Context, page storage.Page, last storage.Publication) bool {
		switch kind {
		case "minor":
			return true
		case "material":
			return false
		}
		revs, err := db.FindRevisions(ctx, page.ID)
		if err != nil {
			return false // unknown: stamp the date, the safe side
		}
		for _, r := range revs {
			if r.ID == last.RevisionID {
				return check.IsCorrection(r.Page, page)
			}
		}
		return false
	}
}

// guard refuses pages with content-check errors.
func guard(page storage.Page) error {
	if errs := blockingFindings(page); len(errs) > 0 {
		return fmt.Errorf("%d content errors block publishing %s (see 'policyeditor check %s'): %w", len(errs), page.Slug, page.Slug, storage.ErrWorkflow)
	}
	return nil
}

// describePublishError words a refused publication.
func describePublishError(slug string, err error) error {
	var na *deploy.NotApprovedError
	if errors.As(err, &na) {
		return fmt.Errorf("%w; nothing was written. Submit and approve it first: policyeditor submit %s; policyeditor approve %s --as REVIEWER", err, slug, slug)
	}
	return err
}
