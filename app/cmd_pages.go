package app

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/importer"
	"github.com/qalam/policyeditor/storage/numbering"
	"github.com/qalam/policyeditor/storage/sqlite"
)

func runImport(e *env, args []string) error {
	fs := reviewFlags(e, "import")
	slug := fs.String("slug", "", "slug of the new page (default: from the title)")
	into := fs.String("into", "", "replace the draft of this page with the file's content")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(pos, 1, "FILE to import"); err != nil {
		return err
	}
	if *slug != "" && *into != "" {
		return usagef("--slug and --into do not go together")
	}
	res, err := importFile(pos[0], e.stdin)
	if err != nil {
		return err
	}
	if *into != "" {
		printImportNotes(e, res)
		return importInto(e, *into, res.Page)
	}
	if *slug != "" {
		res.Page.Slug = *slug
	}
	db, err := e.store()
	if err != nil {
		return err
	}
	if _, err := db.ImportPage(e.ctx, &res.Page, e.person(), "import"); err != nil {
		if errors.Is(err, storage.ErrConflict) {
			return fmt.Errorf("a page with the slug %q, or one that differs only in letter case or Unicode form (é/É, ｘ/x), already exists; choose another with --slug", res.Page.Slug)
		}
		return fmt.Errorf("save the imported page: %w", err)
	}
	fmt.Fprintf(e.stdout, "imported %s: %d sections (%s)\n", res.Page.Slug, len(res.Page.Sections), res.Format)
	printImportNotes(e, res)
	return nil
}

// printImportNotes lists what the importer left out or warned about.
func printImportNotes(e *env, res importer.Result) {
	for _, l := range res.LeftOut {
		fmt.Fprintf(e.stdout, "left out line %d (%s): %s\n", l.Number, l.Reason, l.Text)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(e.stdout, "warning: %s\n", w)
	}
}

// importFile reads and parses a regular file, or standard input for "-",
// refusing anything else (a device such as /dev/zero, a FIFO that would
// block, a folder) and reading at most one byte over the size cap.
func importFile(path string, stdin io.Reader) (importer.Result, error) {
	name, data, err := readInput(path, stdin)
	if err != nil {
		return importer.Result{}, err
	}
	// The importer's errors already name the file.
	return importer.Import(name, data)
}

// readInput reads path ("-": stdin) through a limit of MaxInputBytes+1, so
// an oversized input is refused by its size without being read whole.
func readInput(path string, stdin io.Reader) (string, []byte, error) {
	if path == "-" {
		data, err := readCapped("standard input", stdin)
		return "stdin", data, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "", nil, fmt.Errorf("read %s: %w", path, errors.Unwrap(err))
	}
	if err := regularInput(path, fi.Mode()); err != nil {
		return "", nil, err
	}
	if fi.Size() > importer.MaxInputBytes {
		return "", nil, fmt.Errorf("import %s: the file is %d bytes, more than the %d-byte limit", path, fi.Size(), importer.MaxInputBytes)
	}
	// O_NONBLOCK: if the file was swapped for a FIFO since Stat, opening
	// it does not wait for a writer; the check below then refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return "", nil, fmt.Errorf("read %s: %w", path, errors.Unwrap(err))
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return "", nil, fmt.Errorf("read %s: %w", path, err)
	}
	if err := regularInput(path, fi.Mode()); err != nil {
		return "", nil, err
	}
	data, err := readCapped(path, f)
	return path, data, err
}

// regularInput refuses what is not a regular file, saying what it is.
func regularInput(path string, m fs.FileMode) error {
	what := ""
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeNamedPipe != 0:
		what = "a FIFO"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	default:
		what = "not a regular file"
	}
	return fmt.Errorf("read %s: it is %s, not a file: import reads regular files, or - for standard input", path, what)
}

// readCapped reads r up to the import size limit.
func readCapped(name string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, importer.MaxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > importer.MaxInputBytes {
		return nil, fmt.Errorf("import %s: more than the %d-byte limit", name, importer.MaxInputBytes)
	}
	return data, nil
}

func runPages(e *env, args []string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q", args[0])
	}
	db, err := e.store()
	if err != nil {
		return err
	}
	pages, err := db.FindPages(e.ctx, storage.PageFilter{})
	if err != nil {
		return fmt.Errorf("list pages: %w", err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, p := range pages {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", p.Slug, p.Title, p.Status, p.SectionCount, dateOrDash(p.LastUpdated))
	}
	return tw.Flush()
}

func dateOrDash(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateOnly)
}

// findPage loads a page by slug, wording a missing page for people.
func findPage(e *env, slug string) (*sqlite.DB, storage.Page, error) {
	db, err := e.store()
	if err != nil {
		return nil, storage.Page{}, err
	}
	p, err := db.FindPageBySlug(e.ctx, slug)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, storage.Page{}, fmt.Errorf("no page with the slug %q (see 'policyeditor pages')", slug)
	}
	if err != nil {
		return nil, storage.Page{}, fmt.Errorf("load page %q: %w", slug, err)
	}
	return db, p, nil
}

func runExport(e *env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	format := fs.String("format", "md", "md or json")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(pos, 1, "SLUG"); err != nil {
		return err
	}
	if *format != "md" && *format != "json" {
		return usagef("unknown format %q: use md or json", *format)
	}
	_, p, err := findPage(e, pos[0])
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(exportJSON(p))
	}
	_, err = fmt.Fprint(e.stdout, ExportMarkdown(p))
	return err
}

// ExportMarkdown writes a page as Markdown that imports back to the same
// page: `#` title, the last-updated line, `##` per section with its number.
func ExportMarkdown(p storage.Page) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", p.Title)
	if line := numbering.LastUpdatedLine(p); line != "" {
		fmt.Fprintf(&b, "%s\n\n", line)
	}
	for i, label := range numbering.Labels(p.Numbering, p.Sections) {
		s := p.Sections[i]
		heading := numbering.Heading(p.Numbering, label, s.Heading)
		if s.Kind != storage.KindIntro || heading != "" {
			fmt.Fprintf(&b, "## %s\n\n", heading)
		}
		if body := strings.TrimSpace(s.Body); body != "" {
			fmt.Fprintf(&b, "%s\n\n", body)
		}
	}
	return b.String()
}

type sectionJSON struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Label   string `json:"label,omitempty"`
	Heading string `json:"heading"`
	Body    string `json:"body"`
}

type pageJSON struct {
	ID          string        `json:"id"`
	Slug        string        `json:"slug"`
	Title       string        `json:"title"`
	Lang        string        `json:"lang"`
	Dir         string        `json:"dir"`
	Numbering   string        `json:"numbering"`
	DateStyle   string        `json:"date_style"`
	LastUpdated string        `json:"last_updated,omitempty"`
	Status      string        `json:"status"`
	Sections    []sectionJSON `json:"sections"`
}

func exportJSON(p storage.Page) pageJSON {
	out := pageJSON{
		ID: p.ID.String(), Slug: p.Slug, Title: p.Title, Lang: storage.PageLang(p), Dir: string(storage.PageDir(p)),
		Numbering: string(p.Numbering), DateStyle: string(p.DateStyle), Status: string(p.Status),
		Sections: []sectionJSON{},
	}
	if !p.LastUpdated.IsZero() {
		out.LastUpdated = p.LastUpdated.Format(time.DateOnly)
	}
	for i, label := range numbering.Labels(p.Numbering, p.Sections) {
		s := p.Sections[i]
		out.Sections = append(out.Sections, sectionJSON{
			ID: s.ID.String(), Kind: string(s.Kind), Label: label,
			Heading: s.Heading, Body: s.Body,
		})
	}
	return out
}

func runRender(e *env, args []string) error {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	targetName := fs.String("target", "site", "render with this target's options")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(pos, 1, "SLUG"); err != nil {
		return err
	}
	if _, _, err := findPage(e, pos[0]); err != nil {
		return err
	}
	p, err := e.publisher()
	if err != nil {
		return err
	}
	p.Correction = e.correction(e.db, "") // a correction keeps its date, as publish would
	// Exactly the bytes 'publish' would write now, with the date it stamps.
	out, err := p.RenderSlug(e.ctx, pos[0], *targetName)
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(out)
	return err
}
