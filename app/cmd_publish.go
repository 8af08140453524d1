package app

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/storage"
)

func runTargets(e *env, args []string) error {
	if len(args) == 0 || args[0] == "list" {
		return listTargets(e)
	}
	switch args[0] {
	case "add":
		return addTarget(e, args[1:])
	case "remove":
		if err := wantArgs(args[1:], 1, "NAME"); err != nil {
			return err
		}
		db, err := e.store()
		if err != nil {
			return err
		}
		if err := db.DeleteTarget(e.ctx, args[1]); err != nil {
			return fmt.Errorf("remove target %q: %w", args[1], err)
		}
		fmt.Fprintf(e.stdout, "removed target %s\n", args[1])
		return nil
	}
	return usagef("unknown targets command %q", args[0])
}

func listTargets(e *env) error {
	db, err := e.store()
	if err != nil {
		return err
	}
	ts, err := db.FindTargets(e.ctx)
	if err != nil {
		return fmt.Errorf("list targets: %w", err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, t := range ts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.Name, t.Kind, t.Location, layoutOf(t), t.URL)
	}
	return tw.Flush()
}

func layoutOf(t storage.Target) storage.Layout { return t.Options.Layout.OrDefault() }

// oneOf lists choices for a usage message: "dir or sftp".
func oneOf[T ~string](choices []T) string {
	s := make([]string, len(choices))
	for i, c := range choices {
		s[i] = string(c)
	}
	return strings.Join(s, " or ")
}

func addTarget(e *env, args []string) error {
	fs := flag.NewFlagSet("targets add", flag.ContinueOnError)
	var t storage.Target
	var layout, kind string
	fs.StringVar(&layout, "layout", string(storage.LayoutIndex), fmt.Sprintf("%s (<slug>/index.html) or %s (<slug>.html)",
		storage.LayoutIndex, storage.LayoutFlat))
	fs.BoolVar(&t.Options.Archive, "archive", false, "keep earlier versions under <slug>/versions/")
	fs.BoolVar(&t.Options.Fragment, "fragment", false, "write only the policy body")
	fs.StringVar(&t.Options.Template, "template", "", "html/template file to use instead of the default")
	fs.StringVar(&t.Options.KeyFile, "key", "", "SSH private key (default: ssh-agent)")
	fs.StringVar(&t.Options.KnownHosts, "known-hosts", "", "known_hosts file (default: ~/.ssh/known_hosts)")
	fs.BoolVar(&t.Options.RequireApproval, "require-approval", false, "publish only pages approved as they are")
	fs.StringVar(&t.URL, "url", "", "public address of a page, {slug} standing for its slug (https://example.com/{slug}/)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(pos, 3, "NAME, KIND ("+oneOf(storage.TargetKinds())+") and PATH"); err != nil {
		return err
	}
	t.Name, kind, t.Location = pos[0], pos[1], pos[2]
	t.Kind, t.Options.Layout = storage.TargetKind(kind), storage.Layout(layout)
	if t.Kind.Validate() != nil {
		return usagef("unknown target kind %q: use %s", t.Kind, oneOf(storage.TargetKinds()))
	}
	// Relative paths mean "from here": store them absolute, or a publish run
	// from another folder would write a second site there.
	paths := []*string{&t.Options.Template, &t.Options.KeyFile, &t.Options.KnownHosts}
	if t.Kind == storage.TargetDir {
		paths = append(paths, &t.Location)
	}
	for _, p := range paths {
		if *p == "" {
			continue
		}
		abs, err := filepath.Abs(*p)
		if err != nil {
			return fmt.Errorf("target %q: %w", t.Name, err)
		}
		*p = abs
	}
	if t.Options.Layout == "" || t.Options.Layout.Validate() != nil {
		return usagef("unknown layout %q: use %s", t.Options.Layout, oneOf(storage.Layouts()))
	}
	db, err := e.store()
	if err != nil {
		return err
	}
	if err := db.CreateTarget(e.ctx, &t); err != nil {
		if errors.Is(err, storage.ErrConflict) {
			return fmt.Errorf("a target named %q already exists", t.Name)
		}
		return fmt.Errorf("add target %q: %w", t.Name, err)
	}
	approval := ""
	if t.Options.RequireApproval {
		approval = ", approval required"
	}
	fmt.Fprintf(e.stdout, "added target %s (%s %s%s)\n", t.Name, t.Kind, t.Location, approval)
	return nil
}

// publisher builds the deploy step on the store of e.
func (e *env) publisher() (*deploy.Publisher, error) {
	db, err := e.store()
	if err != nil {
		return nil, err
	}
	return &deploy.Publisher{Store: db, Author: e.person(), Now: time.Now}, nil
}

func runPublish(e *env, args []string) error {
	fs := reviewFlags(e, "publish")
	all := fs.Bool("all", false, "publish every page")
	target := fs.String("target", "site", "target name (see 'policyeditor targets')")
	minor := fs.Bool("minor", false, "a correction: keep the last-updated date")
	material := fs.Bool("material", false, "a material change: stamp today's date")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	kind := ""
	switch {
	case *minor && *material:
		return usagef("--minor and --material do not go together")
	case *minor:
		kind = "minor"
	case *material:
		kind = "material"
	}
	if *all {
		if err := wantArgs(pos, 0, ""); err != nil {
			return err
		}
	} else if err := wantArgs(pos, 1, "SLUG (or --all)"); err != nil {
		return err
	}
	p, err := e.publisher()
	if err != nil {
		return err
	}
	p.Correction, p.Guard = e.correction(e.db, kind), guard
	if *all {
		// Publishing every page allocates a lot of short-lived garbage
		// (renders, SQLite rows) over a small live heap; collecting less
		// often saves about a tenth of the command's time for a few MB.
		defer debug.SetGCPercent(debug.SetGCPercent(400))
		p.Progress = e.stderr
		results, err := p.PublishAllResults(e.ctx, *target)
		if len(results) == 0 && err != nil {
			return err
		}
		written := 0
		for _, r := range results {
			if !r.Unchanged {
				written++
			}
		}
		fmt.Fprintf(e.stdout, "published %d pages to %s: %d written, %d unchanged\n", len(results), *target, written, len(results)-written)
		return err
	}
	res, err := p.PublishResult(e.ctx, pos[0], *target)
	if err != nil {
		return describePublishError(pos[0], err)
	}
	pub := res.Publication
	switch {
	case res.Unchanged:
		fmt.Fprintf(e.stdout, "%s on %s is unchanged: version %d (%s), nothing written\n", pub.Slug, pub.TargetName, pub.Number, pub.Hash[:12])
	case res.Restored:
		fmt.Fprintf(e.stdout, "republished %s to %s (the live file had been changed or deleted): version %d (%s)\n", pub.Slug, pub.TargetName, pub.Number, pub.Hash[:12])
	case pub.Note == deploy.NoteCorrection:
		fmt.Fprintf(e.stdout, "published %s to %s as a correction (the last-updated date is kept): version %d (%s)\n", pub.Slug, pub.TargetName, pub.Number, pub.Hash[:12])
	default:
		fmt.Fprintf(e.stdout, "published %s to %s: version %d (%s)\n", pub.Slug, pub.TargetName, pub.Number, pub.Hash[:12])
	}
	_, page, err := findPage(e, pos[0])
	if err != nil {
		return err
	}
	return openCommentsNote(e, e.db, page, true)
}

func runHistory(e *env, args []string) error {
	pos, err := parseArgs(flag.NewFlagSet("history", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	if err := wantArgs(pos, 1, "SLUG"); err != nil {
		return err
	}
	p, err := e.publisher()
	if err != nil {
		return err
	}
	pubs, err := p.History(e.ctx, pos[0])
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, pub := range pubs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", pub.Number, pub.TargetName, pub.At.Local().Format("2006-01-02 15:04:05"), pub.Hash[:12], pub.Author, pub.Note)
	}
	return tw.Flush()
}

func runRollback(e *env, args []string) error {
	fs := reviewFlags(e, "rollback")
	target := fs.String("target", "site", "target name")
	to := fs.Int("to", 0, "publication number to restore (default: the one before the latest)")
	force := fs.Bool("force", false, "overwrite a live page this database did not publish")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(pos, 1, "SLUG"); err != nil {
		return err
	}
	p, err := e.publisher()
	if err != nil {
		return err
	}
	pub, err := p.RollbackWith(e.ctx, pos[0], *target, *to, deploy.RollbackOptions{Force: *force})
	if errors.Is(err, deploy.ErrForeignLive) {
		return fmt.Errorf("%w; nothing was written: if you mean to replace it, run rollback again with --force", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "rolled %s on %s back: version %d (%s)\n", pub.Slug, pub.TargetName, pub.Number, pub.Note)
	return nil
}

// waitForInterrupt blocks until Ctrl+C.
func waitForInterrupt() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	<-c
	signal.Stop(c)
}
