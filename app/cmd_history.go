package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/google/uuid"
	"github.com/qalam/policyeditor/publish/diff"
	"github.com/qalam/policyeditor/storage"
)

func runRevisions(e *env, args []string) error {
	db, p, _, err := pageCommand(e, flag.NewFlagSet("revisions", flag.ContinueOnError), args, 1, "SLUG")
	if err != nil {
		return err
	}
	revs, err := db.FindRevisions(e.ctx, p.ID)
	if err != nil {
		return fmt.Errorf("list the revisions of %s: %w", p.Slug, err)
	}
	draft := storage.ContentHash(p)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, r := range revs {
		mark := ""
		if r.Hash == draft {
			mark = "= draft"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", r.Number, r.CreatedAt.Local().Format("2006-01-02 15:04:05"), r.Author, r.Hash[:12], r.Note, mark)
	}
	if len(revs) == 0 {
		fmt.Fprintf(tw, "%s has no revisions yet (keep one with 'policyeditor keep %s --note TEXT')\n", p.Slug, p.Slug)
	}
	return tw.Flush()
}

func runKeep(e *env, args []string) error {
	fs := reviewFlags(e, "keep")
	note := fs.String("note", "", "what this revision is")
	db, p, _, err := pageCommand(e, fs, args, 1, "SLUG")
	if err != nil {
		return err
	}
	n := strings.TrimSpace(*note)
	if n == "" {
		n = "snapshot"
	}
	rev, kept, err := db.KeepRevision(e.ctx, p.ID, e.person(), n)
	if err != nil {
		return fmt.Errorf("keep a revision of %s: %w", p.Slug, err)
	}
	if !kept {
		fmt.Fprintf(e.stdout, "revision %d (%s) already holds the draft of %s; nothing kept\n", rev.Number, rev.Note, p.Slug)
		return nil
	}
	fmt.Fprintf(e.stdout, "kept the draft of %s as revision %d\n", p.Slug, rev.Number)
	return nil
}

// version is one side of a diff: a revision or the draft.
type version struct {
	label string
	page  storage.Page
}

// resolveVersion reads "draft", "published" (the last publication to any
// target) or a revision number.
func resolveVersion(e *env, db store, p storage.Page, ref string) (version, error) {
	switch ref {
	case "draft":
		return version{"draft", p}, nil
	case "published":
		pubs, err := db.FindPublications(e.ctx, storage.PublicationFilter{PageID: &p.ID, Limit: 1})
		if err != nil {
			return version{}, fmt.Errorf("find the last publication of %s: %w", p.Slug, err)
		}
		if len(pubs) == 0 || pubs[0].RevisionID == uuid.Nil {
			return version{}, errNeverPublished
		}
		revs, err := db.FindRevisions(e.ctx, p.ID)
		if err != nil {
			return version{}, fmt.Errorf("read the revisions of %s: %w", p.Slug, err)
		}
		for _, r := range revs {
			if r.ID == pubs[0].RevisionID {
				return version{fmt.Sprintf("revision %d (published to %s, version %d)", r.Number, pubs[0].TargetName, pubs[0].Number), r.Page}, nil
			}
		}
		return version{}, errNeverPublished
	}
	n, err := strconv.Atoi(ref)
	if err != nil || n <= 0 {
		return version{}, usagef("%q is not a revision number, draft or published", ref)
	}
	r, err := db.FindRevision(e.ctx, p.ID, n)
	if errors.Is(err, storage.ErrNotFound) {
		return version{}, fmt.Errorf("%s has no revision %d (see 'policyeditor revisions %s')", p.Slug, n, p.Slug)
	}
	if err != nil {
		return version{}, fmt.Errorf("read revision %d of %s: %w", n, p.Slug, err)
	}
	return version{fmt.Sprintf("revision %d (%s)", r.Number, r.Note), r.Page}, nil
}

var errNeverPublished = errors.New("never published")

func runDiff(e *env, args []string) error {
	pos, err := parseArgs(flag.NewFlagSet("diff", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || len(pos) > 3 {
		return usagef("want SLUG [FROM [TO]]")
	}
	db, p, err := findPage(e, pos[0])
	if err != nil {
		return err
	}
	from, to := "published", "draft"
	if len(pos) > 1 {
		from = pos[1]
	}
	if len(pos) > 2 {
		to = pos[2]
	}
	a, err := resolveVersion(e, db, p, from)
	if errors.Is(err, errNeverPublished) && len(pos) == 1 {
		a, err = resolveVersion(e, db, p, "1")
		if err == nil {
			fmt.Fprintf(e.stdout, "%s has not been published: comparing with revision 1\n", p.Slug)
		}
	}
	if errors.Is(err, errNeverPublished) {
		return fmt.Errorf("%s has not been published yet; name a revision to compare with", p.Slug)
	}
	if err != nil {
		return err
	}
	b, err := resolveVersion(e, db, p, to)
	if err != nil {
		return err
	}
	return writeDiff(e.stdout, a, b)
}

// writeDiff prints the word diff of two versions section by section, git
// --word-diff style: [-deleted-] and {+inserted+}.
func writeDiff(w io.Writer, a, b version) error {
	fmt.Fprintf(w, "--- %s\n+++ %s\n", a.label, b.label)
	changes := 0
	if a.page.Title != b.page.Title {
		changes++
		fmt.Fprintf(w, "\n@@ title\n%s\n", wordDiff(diff.Words(a.page.Title, b.page.Title)))
	}
	if !a.page.LastUpdated.Equal(b.page.LastUpdated) {
		changes++
		fmt.Fprintf(w, "\n@@ last updated: %s → %s\n", dateOrDash(a.page.LastUpdated), dateOrDash(b.page.LastUpdated))
	}
	for _, c := range diff.Sections(a.page, b.page) {
		if c.Kind == diff.Unchanged {
			continue
		}
		changes++
		at := c.NewIndex + 1
		if c.NewIndex < 0 {
			at = c.OldIndex + 1
		}
		fmt.Fprintf(w, "\n@@ section %d (%s)", at, c.Kind)
		if c.Kind.Has(diff.Moved) {
			fmt.Fprintf(w, ", was section %d", c.OldIndex+1)
		}
		fmt.Fprintln(w)
		if diff.HasChanges(c.Heading) || c.Kind.Has(diff.Added) || c.Kind.Has(diff.Removed) {
			fmt.Fprintf(w, "## %s\n", wordDiff(c.Heading))
		} else if c.New != nil {
			fmt.Fprintf(w, "## %s\n", c.New.Heading)
		}
		if diff.HasChanges(c.Body) {
			fmt.Fprintln(w, strings.TrimRight(wordDiff(c.Body), "\n"))
		}
	}
	if changes == 0 {
		_, err := fmt.Fprintln(w, "\nno changes")
		return err
	}
	return nil
}

func wordDiff(ops []diff.Op) string {
	var b strings.Builder
	for _, op := range ops {
		switch op.Kind {
		case diff.Equal:
			b.WriteString(op.Text)
		case diff.Delete:
			b.WriteString("[-" + op.Text + "-]")
		case diff.Insert:
			b.WriteString("{+" + op.Text + "+}")
		}
	}
	return b.String()
}

func runRestore(e *env, args []string) error {
	db, p, pos, err := pageCommand(e, reviewFlags(e, "restore"), args, 2, "SLUG and REV")
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(pos[1])
	if err != nil || n <= 0 {
		return usagef("%q is not a revision number", pos[1])
	}
	v, err := resolveVersion(e, db, p, pos[1])
	if err != nil {
		return err
	}
	_, before, changed, err := restoreRevision(e.ctx, db, p.ID, storage.Revision{Number: n, Page: v.page}, e.person())
	if errors.Is(err, errRestoreRace) {
		return fmt.Errorf("%s changed while it was being restored; run restore again", p.Slug)
	}
	if err != nil {
		return fmt.Errorf("restore %s: %w", p.Slug, err)
	}
	if !changed {
		fmt.Fprintf(e.stdout, "%s: %s is the draft already; nothing changed\n", p.Slug, v.label)
		return nil
	}
	fmt.Fprintf(e.stdout, "restored %s to %s; the draft before is revision %d\n", p.Slug, v.label, before.Number)
	return nil
}

// importInto replaces the draft of slug with an imported page, keeping the
// draft before as a revision and section ids where sections match.
func importInto(e *env, slug string, imported storage.Page) error {
	db, p, err := findPage(e, slug)
	if err != nil {
		return err
	}
	c := imported
	if c.LastUpdated.IsZero() {
		c.LastUpdated = p.LastUpdated // the file had no date line: keep the page's
	}
	c.Sections = matchSectionIDs(p.Sections, imported.Sections)
	if storage.ContentHash(c) == storage.ContentHash(p) {
		fmt.Fprintf(e.stdout, "%s: the file holds the draft as it is; nothing changed\n", p.Slug)
		return nil
	}
	got, before, err := db.ReplaceContent(e.ctx, p.ID, c, storage.ContentHash(p), e.person(), noteBeforeImport)
	if errors.Is(err, storage.ErrConflict) {
		return fmt.Errorf("%s changed while the file was being imported; import again", p.Slug)
	}
	if err != nil {
		return fmt.Errorf("import into %s: %w", p.Slug, err)
	}
	fmt.Fprintf(e.stdout, "imported into %s: %d sections; the draft before is revision %d\n", p.Slug, len(got.Sections), before.Number)
	return writeDiff(e.stdout, version{fmt.Sprintf("revision %d (%s)", before.Number, before.Note), before.Page}, version{"draft", got})
}

// matchSectionIDs gives the new sections the ids of the old ones they
// match (by heading, as the diff pairs them; else the unmatched old section
// at the same position), so comments stay with their sections.
func matchSectionIDs(olds, news []storage.Section) []storage.Section {
	out := make([]storage.Section, len(news))
	copy(out, news)
	for i := range out {
		out[i].ID = uuid.Nil
	}
	taken := make([]bool, len(olds))
	for _, c := range diff.Sections(storage.Page{Sections: olds}, storage.Page{Sections: out}) {
		if c.OldIndex >= 0 && c.NewIndex >= 0 {
			out[c.NewIndex].ID = olds[c.OldIndex].ID
			taken[c.OldIndex] = true
		}
	}
	for j := range out {
		if out[j].ID == uuid.Nil && j < len(olds) && !taken[j] {
			out[j].ID, taken[j] = olds[j].ID, true
		}
	}
	return out
}
