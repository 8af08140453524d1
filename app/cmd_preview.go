package app

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/publish/preview"
	"github.com/qalam/policyeditor/publish/snapshot"
)

func runServe(e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	port := fs.Int("port", 0, "port on 127.0.0.1 (default: a free one)")
	targetName := fs.String("target", "site", "preview with this target's options")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(pos, 0, ""); err != nil {
		return err
	}
	db, err := e.store()
	if err != nil {
		return err
	}
	t, err := db.FindTarget(e.ctx, *targetName)
	if err != nil {
		return err
	}
	p, err := e.publisher()
	if err != nil {
		return err
	}
	// Pages show the date publishing would stamp today, as 'publish' writes them.
	srv, err := preview.New(db, preview.Options{Port: *port, Publish: deploy.TargetRenderOptions(t), Render: p.PreviewRender(e.ctx, t.Name)})
	if err != nil {
		return fmt.Errorf("preview server: %w", err)
	}
	url, err := srv.Start(e.ctx)
	if err != nil {
		return fmt.Errorf("start the preview server: %w", err)
	}
	fmt.Fprintf(e.stdout, "previewing drafts at %s (Ctrl+C stops)\n", url)
	waitForInterrupt()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		// Requests still in flight: drop them rather than leave them.
		_ = srv.Close()
		return err
	}
	return nil
}

func runSnapshot(e *env, args []string) error {
	fs := flag.NewFlagSet("snapshot", flag.ContinueOnError)
	out := fs.String("o", "", "output file, - for standard output")
	targetName := fs.String("target", "", "compare with the last publication on this target (default: any)")
	latin := fs.Bool("latin-font", false, "also inline the Latin font (+0.7 MB)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(pos, 1, "SLUG"); err != nil {
		return err
	}
	if *out == "" {
		return usagef("missing -o FILE")
	}
	db, _, err := findPage(e, pos[0])
	if err != nil {
		return err
	}
	opts := snapshot.Options{Target: *targetName, LatinFont: *latin}
	if *targetName != "" {
		t, err := db.FindTarget(e.ctx, *targetName)
		if err != nil {
			return err
		}
		opts.Publish = deploy.TargetRenderOptions(t)
	}
	var res snapshot.Result
	if *out == "-" {
		res, err = snapshot.Write(e.ctx, db, pos[0], e.stdout, opts)
	} else {
		res, err = snapshot.WriteFile(e.ctx, db, pos[0], *out, opts)
	}
	if err != nil {
		return fmt.Errorf("snapshot %s: %w", pos[0], err)
	}
	since := "first publication"
	if res.Since != nil {
		since = fmt.Sprintf("%d changes since version %d on %s", res.Changes, res.Since.Number, res.Since.TargetName)
	}
	if *out == "-" {
		fmt.Fprintf(e.stderr, "wrote the snapshot to standard output (%d KB, %s)\n", res.Size/1024, since)
		return nil
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d KB, %s)\n", *out, res.Size/1024, since)
	return nil
}
