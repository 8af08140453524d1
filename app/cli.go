// Package app is Policy Editor's application layer: the desktop app (Fyne)
// and the command-line verbs of the same binary. It is the only package that
// wires storage, editor and publish together, and the only one that words
// errors for people.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"sort"
	"strings"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/postgres"
	"github.com/qalam/policyeditor/storage/sqlite"
)

// exitUsage is the exit status for a command line that is not understood;
// other user errors exit with 1.
const exitUsage = 2

// env is what every verb gets: where to write, and how to reach the store.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	dbPath string
	// seedIfNew seeds the sample policy when the database file is created
	// now (true for the default database only).
	seedIfNew bool
	db        store
	// as is the person named by --as (see person).
	as string
}

// store is the draft store as the app uses it: storage/sqlite (a file, one
// administrator) or storage/postgres (a shared database, a team).
type store interface {
	storage.Store
	FindPagesByID(ctx context.Context, ids []uuid.UUID) ([]storage.Page, error)
	LatestPublications(ctx context.Context, target string, pageIDs []uuid.UUID) ([]storage.Publication, error)
	RecordPublications(ctx context.Context, recs []storage.PublishRecord) []error
	storage.IntentStore
	storage.TargetUpdater
	reviewFlow
}

// reviewFlow is the review flow's part of the store (both stores have it).
type reviewFlow interface {
	ImportPage(ctx context.Context, p *storage.Page, author, note string) (storage.Revision, error)
	KeepRevision(ctx context.Context, pageID uuid.UUID, author, note string) (storage.Revision, bool, error)
	ReplaceContent(ctx context.Context, pageID uuid.UUID, c storage.Page, expect, author, note string) (storage.Page, storage.Revision, error)
	Review(ctx context.Context, pageID uuid.UUID, action storage.ReviewAction, person, note string) (storage.Review, error)
	FindReviews(ctx context.Context, pageID uuid.UUID) ([]storage.Review, error)
	Approval(ctx context.Context, pageID uuid.UUID) (storage.Review, bool, error)
	CreateComment(ctx context.Context, c *storage.Comment) error
	FindComments(ctx context.Context, pageID uuid.UUID, all bool) ([]storage.Comment, error)
	ResolveComment(ctx context.Context, pageID uuid.UUID, id int64, person string) error
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	NoteEditor(ctx context.Context, pageID uuid.UUID, person string) error
	LastEditor(ctx context.Context, pageID uuid.UUID) (string, error)
}

// openStore opens the draft store named: a postgres:// or postgresql://
// URL opens the shared PostgreSQL store, anything else is an SQLite file.
func openStore(ctx context.Context, name string) (store, error) {
	if postgres.IsURL(name) {
		return postgres.Open(ctx, name)
	}
	return sqlite.Open(name)
}

// verb is one command-line verb.
type verb struct {
	usage string
	help  string
	run   func(e *env, args []string) error
}

var verbs map[string]verb

func init() {
	verbs = map[string]verb{
		"import":     {"import FILE|- [--slug SLUG | --into SLUG]", "create a page from a text, Markdown or HTML file (- reads standard input), or replace a draft's content with it", runImport},
		"check":      {"check SLUG [--json] [--lang ar|en]", "list content errors and typography warnings (exit 1 on an error)", runCheck},
		"fix":        {"fix SLUG [CHECK...]", "apply the safe fixes (all, or of the named checks); the draft before is kept", runFix},
		"revisions":  {"revisions SLUG", "list the kept revisions of a page", runRevisions},
		"keep":       {"keep SLUG [--note TEXT]", "keep the draft as it is now as a revision", runKeep},
		"diff":       {"diff SLUG [FROM [TO]]", "word diff per section (revision numbers, draft, published; default published → draft)", runDiff},
		"submit":     {"submit SLUG [--as NAME]", "send a draft for review", runSubmit},
		"approve":    {"approve SLUG [--as NAME]", "approve a page in review as it is (any edit returns it to draft)", runApprove},
		"reject":     {"reject SLUG --note TEXT [--as NAME]", "send a page in review back to draft, saying why", runReject},
		"comment":    {"comment SLUG SECTION TEXT [--as NAME]", "comment on a section (by its position, from 1)", runComment},
		"comments":   {"comments SLUG [--all]", "list the open (or all) comments of a page", runComments},
		"resolve":    {"resolve SLUG ID [--as NAME]", "mark a comment resolved", runResolve},
		"settings":   {"settings [distinct-approver true|false]", "show or change the review settings", runSettings},
		"restore":    {"restore SLUG REV", "make revision REV the draft (the draft before is kept)", runRestore},
		"pages":      {"pages", "list pages: slug, title, status, sections, last updated", runPages},
		"export":     {"export SLUG [--format md|json]", "print a draft as Markdown or JSON", runExport},
		"render":     {"render SLUG [--target NAME]", "print the exact HTML publish would write", runRender},
		"serve":      {"serve [--port N]", "preview every draft in a browser (127.0.0.1 only, live reload)", runServe},
		"snapshot":   {"snapshot SLUG -o FILE|-", "write a self-contained review file with a diff", runSnapshot},
		"targets":    {"targets [list | add NAME dir PATH | add NAME sftp USER@HOST:PORT/PATH | remove NAME] [--require-approval]", "manage publish targets", runTargets},
		"publish":    {"publish SLUG|--all [--target NAME] [--minor|--material]", "publish pages atomically (default target: site); a correction keeps the date", runPublish},
		"history":    {"history SLUG", "list the publications of a page", runHistory},
		"copy-store": {"copy-store FROM TO", "copy every page, revision, comment, review, target, publication and pending publication into an empty store (SQLite file <-> postgres:// URL), checked by counts and hashes", runCopyStore},
		"rollback":   {"rollback SLUG [--target NAME] [--to N] [--force]", "restore an earlier publication exactly", runRollback},
	}
}

// Main runs the program with args (without the program name) and returns
// the exit status. No verb starts the desktop app (in a build with -tags
// nogui it says that the window is not in this build, and exits 1). A user error prints one
// line on stderr; a panic is reported as one line, never as a trace.
func Main(args []string, stdout, stderr io.Writer) (status int) {
	return MainIO(args, os.Stdin, stdout, stderr)
}

// MainIO is Main reading standard input (import -) from stdin.
//
// Everything written to stdout and stderr goes through publish.CleanWriter,
// the sanitising of every other output: a title or a left-out line with
// bidi override controls cannot reorder what a terminal shows.
func MainIO(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	cleanOut, cleanErr := publish.CleanWriter(stdout), publish.CleanWriter(stderr)
	defer cleanErr.Flush()
	defer cleanOut.Flush()
	stdout, stderr = cleanOut, cleanErr
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "policyeditor: internal error: %v (please report it)\n", r)
			status = 70
		}
	}()
	e := &env{ctx: context.Background(), stdin: stdin, stdout: stdout, stderr: stderr}
	global := flag.NewFlagSet("policyeditor", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	global.StringVar(&e.dbPath, "db", "", "draft database file or postgres:// URL")
	global.StringVar(&e.as, "as", "", "the person acting (default: $POLICYEDITOR_USER, else the system user)")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printHelp(stdout)
			return 0
		}
		fmt.Fprintf(stderr, "policyeditor: %v (see 'policyeditor help')\n", err)
		return exitUsage
	}
	if postgres.HasPassword(e.dbPath) {
		fmt.Fprintln(stderr, "policyeditor: warning: the password in --db shows in the process list; put it in ~/.pgpass or PGPASSWORD instead")
	}
	rest := global.Args()
	if len(rest) == 0 {
		return runGUI(e)
	}
	name := rest[0]
	if name == "help" || name == "-h" || name == "--help" {
		printHelp(stdout)
		return 0
	}
	v, ok := verbs[name]
	if !ok {
		fmt.Fprintf(stderr, "policyeditor: unknown command %q (see 'policyeditor help')\n", name)
		return exitUsage
	}
	defer e.close()
	if err := v.run(e, rest[1:]); err != nil {
		var u usageError
		if errors.As(err, &u) {
			fmt.Fprintf(stderr, "policyeditor: %s\nusage: policyeditor %s\n", u.msg, v.usage)
			return exitUsage
		}
		fmt.Fprintf(stderr, "policyeditor: %s\n", describe(err))
		return 1
	}
	return 0
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "usage: policyeditor [--db FILE|postgres://USER@HOST/DB] [--as NAME] [COMMAND [ARGS]]")
	fmt.Fprintln(w, noVerb+" The database is FILE, $POLICYEDITOR_DB, or the default in your config folder.")
	fmt.Fprintln(w, "A postgres:// URL opens a team's shared database; its password comes from PGPASSWORD or ~/.pgpass, never the command line.")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(verbs))
	for n := range verbs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-72s %s\n", verbs[n].usage, verbs[n].help)
	}
}

// resolveDB picks the database file: --db, then $POLICYEDITOR_DB, then the
// default in the user's config folder (the only one seeded on first run).
func (e *env) resolveDB() error {
	if e.dbPath == "" {
		e.dbPath = os.Getenv("POLICYEDITOR_DB")
	}
	if e.dbPath != "" {
		return nil
	}
	p, err := sqlite.DefaultPath()
	if err != nil {
		return fmt.Errorf("find the default database: %w", err)
	}
	e.dbPath, e.seedIfNew = p, true
	return nil
}

// store opens the database on first use.
func (e *env) store() (store, error) {
	if e.db != nil {
		return e.db, nil
	}
	if err := e.resolveDB(); err != nil {
		return nil, err
	}
	if postgres.IsURL(e.dbPath) {
		db, err := postgres.Open(e.ctx, e.dbPath)
		if err != nil {
			// The message names the server without the password.
			return nil, fmt.Errorf("open the shared draft database: %w", err)
		}
		e.db = db
		return db, nil
	}
	// New: missing, or an existing empty file (made by touch, or by a
	// program that was killed before writing anything).
	fi, statErr := os.Stat(e.dbPath)
	isNew := errors.Is(statErr, os.ErrNotExist) || (statErr == nil && fi.Mode().IsRegular() && fi.Size() == 0)
	db, err := sqlite.Open(e.dbPath)
	if err != nil {
		return nil, fmt.Errorf("open the draft database %s: %w", e.dbPath, err)
	}
	e.db = db
	if !isNew {
		return db, nil
	}
	if e.seedIfNew {
		if err := seedSample(e.ctx, db); err != nil {
			return nil, fmt.Errorf("add the sample policy to the new database: %w", err)
		}
	}
	if err := ensureDefaultTarget(e.ctx, db, e.dataDir()); err != nil {
		return nil, err
	}
	return db, nil
}

// dataDir is the folder beside the database where the default "site"
// target publishes.
func (e *env) dataDir() string { return filepath.Dir(e.dbPath) }

func (e *env) close() {
	if e.db != nil {
		if err := e.db.Close(); err != nil {
			fmt.Fprintf(e.stderr, "policyeditor: close the database: %v\n", err)
		}
		e.db = nil
	}
}

// author names the person behind revisions and publications.
func author() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "unknown"
}

// person names who is acting, for revisions, approvals and comments:
// --as, else $POLICYEDITOR_USER, else the system user.
func (e *env) person() string { return personNamed(e.as) }

// personNamed is the one rule that names the person acting, in the CLI and
// the window: the name given (--as, or the window's preference), else
// $POLICYEDITOR_USER, else the system user.
func personNamed(given string) string {
	if given = strings.TrimSpace(given); given != "" {
		return given
	}
	return defaultPerson()
}

// usageError is a command line that is not understood.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// parseArgs parses flags that may stand before, between or after the
// positional arguments (`import FILE --slug x` as well as `import --slug x FILE`).
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%v", err)
		}
		rest := fs.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil // everything after "--" is positional
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// wantArgs checks the number of positional arguments.
// pageCommand is the start of every verb on one page: it parses args with
// fs, wants exactly n positional arguments (what names them in the usage
// error), and loads the page whose slug is the first. It returns the store,
// the page and the positional arguments.
func pageCommand(e *env, fs *flag.FlagSet, args []string, n int, what string) (store, storage.Page, []string, error) {
	pos, err := parseArgs(fs, args)
	if err != nil {
		return nil, storage.Page{}, nil, err
	}
	if err := wantArgs(pos, n, what); err != nil {
		return nil, storage.Page{}, nil, err
	}
	db, p, err := findPage(e, pos[0])
	return db, p, pos, err
}

func wantArgs(pos []string, n int, what string) error {
	if len(pos) < n {
		return usagef("missing %s", what)
	}
	if len(pos) > n {
		return usagef("unexpected argument %q", strings.Join(pos[n:], " "))
	}
	return nil
}
