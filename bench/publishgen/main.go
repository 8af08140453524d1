// Command publishgen prepares and runs the publishing benchmark of
// bench/publish_vs_hugo.sh without the policyeditor CLI:
//
//	publishgen gen MDDIR N        write N Markdown policy pages (from the sample policy)
//	publishgen hugo SITEDIR MDDIR make a Hugo site with the same pages
//	publishgen import DB MDDIR    import every page into a new draft store (+ "site" target next to DB)
//	publishgen publish DB         publish every page to the "site" target
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/importer"
	"github.com/qalam/policyeditor/storage/numbering"
	"github.com/qalam/policyeditor/storage/sqlite"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "publishgen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	switch {
	case len(args) == 3 && args[0] == "gen":
		var n int
		if _, err := fmt.Sscan(args[2], &n); err != nil {
			return err
		}
		return gen(args[1], n)
	case len(args) == 3 && args[0] == "hugo":
		return hugoSite(args[1], args[2])
	case len(args) == 3 && args[0] == "import":
		return importAll(args[1], args[2])
	case len(args) == 2 && args[0] == "publish":
		return publishAll(args[1])
	}
	return fmt.Errorf("usage: publishgen gen MDDIR N | hugo SITEDIR MDDIR | import DB MDDIR | publish DB")
}

// gen writes n Markdown pages made from the sample policy, each with a
// line that makes it unique.
func gen(dir string, n int) error {
	res, err := importer.Import("privacy.txt", assets.SamplePolicy)
	if err != nil {
		return err
	}
	md := toMarkdown(res.Page)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := range n {
		page := strings.Replace(md, "\n\n", fmt.Sprintf("\n\nالصفحة رقم %d.\n\n", i+1), 1)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("policy-%03d.md", i+1)), []byte(page), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// toMarkdown writes a page as the Markdown an administrator would import:
// "# title", the date line, and "## أولاً: heading" sections.
func toMarkdown(p storage.Page) string {
	// Written as an Arabic page with ordinal numbering and numeric dates,
	// whatever p says, as the sample policies are.
	p.Lang, p.Numbering, p.DateStyle = "ar", storage.NumberingOrdinal, storage.DateNumeric
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", p.Title)
	fmt.Fprintf(&b, "%s\n\n", numbering.LastUpdatedLine(p))
	for i, label := range numbering.Labels(p.Numbering, p.Sections) {
		s := p.Sections[i]
		if s.Heading != "" {
			fmt.Fprintf(&b, "## %s\n\n", numbering.Heading(p.Numbering, label, s.Heading))
		}
		fmt.Fprintf(&b, "%s\n\n", strings.TrimSpace(s.Body))
	}
	return b.String()
}

func mdFiles(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	sort.Strings(files)
	return files, err
}

// hugoSite makes a minimal Hugo site whose pages are the Markdown files,
// rendered into a small HTML shell; only single pages are built.
func hugoSite(site, mdDir string) error {
	files, err := mdFiles(mdDir)
	if err != nil {
		return err
	}
	for _, d := range []string{"content", "layouts/_default"} {
		if err := os.MkdirAll(filepath.Join(site, d), 0o755); err != nil {
			return err
		}
	}
	config := `baseURL = "https://example.org/"
languageCode = "ar"
title = "policies"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "home", "section", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = false
`
	layout := `<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<style>body{max-width:46rem;margin:auto;line-height:1.8}</style></head>
<body><article>{{ .Content }}</article></body></html>
`
	for name, data := range map[string]string{"config.toml": config, "layouts/_default/single.html": layout} {
		if err := os.WriteFile(filepath.Join(site, name), []byte(data), 0o644); err != nil {
			return err
		}
	}
	for _, f := range files {
		md, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		title, body, _ := strings.Cut(string(md), "\n")
		page := fmt.Sprintf("---\ntitle: %q\n---\n%s", strings.TrimPrefix(title, "# "), body)
		if err := os.WriteFile(filepath.Join(site, "content", filepath.Base(f)), []byte(page), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// importAll imports every Markdown file as a page (slug = file name) and
// creates the "site" target next to the database.
func importAll(dbPath, mdDir string) error {
	files, err := mdFiles(mdDir)
	if err != nil {
		return err
	}
	db, err := sqlite.Open(dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		res, err := importer.Import(filepath.Base(f), data)
		if err != nil {
			return err
		}
		res.Page.Slug = strings.TrimSuffix(filepath.Base(f), ".md")
		if err := db.CreatePage(ctx, &res.Page); err != nil {
			return err
		}
	}
	return deploy.EnsureDefaultTarget(ctx, db, filepath.Dir(dbPath))
}

// publishAll publishes every page of the store to "site".
func publishAll(dbPath string) error {
	db, err := sqlite.Open(dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	p := &deploy.Publisher{Store: db, Author: "bench"}
	pubs, err := p.PublishAll(context.Background(), deploy.DefaultTargetName)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "published %d pages\n", len(pubs))
	return nil
}
