// Package pgtest runs a private PostgreSQL server for tests: the real
// server from Debian's postgresql package (initdb, pg_ctl under
// /usr/lib/postgresql/*/bin), started as the postgres user when the tests
// run as root (PostgreSQL refuses root), listening only on a unix socket in
// a temporary folder, with a fresh database per test. One server per test
// binary: start it in TestMain with Main.
package pgtest

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Server is one running PostgreSQL server.
type Server struct {
	bin   string // the folder of initdb, pg_ctl, postgres
	dir   string // temporary folder: data/, sock/, log
	runAs []string
	dbSeq atomic.Int64
	admin string // URL of the postgres database
	// template, when set, is the database new ones are copied from.
	template string

	once  sync.Once
	ready chan result // databases made ahead
}

// Bin returns the folder of the newest installed PostgreSQL's programs, or
// "" if there is none.
func Bin() string {
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	sort.Slice(found, func(i, j int) bool { return version(found[i]) > version(found[j]) })
	if len(found) == 0 {
		return ""
	}
	return filepath.Dir(found[0])
}

func version(pgCtl string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(pgCtl))))
	return v
}

// Main starts the server, runs the tests and stops it, for TestMain;
// template, if not nil, prepares the template database (SetTemplate). With
// no PostgreSQL installed the tests are skipped, unless CI=true, where
// that is a failure (scripts/setup test installs it).
func Main(m *testing.M, srv **Server, template func(url string) error) {
	if Bin() == "" {
		if os.Getenv("CI") == "true" {
			fmt.Fprintln(os.Stderr, "pgtest: PostgreSQL is not installed (run scripts/setup test): required under CI=true")
			os.Exit(1)
		}
		fmt.Fprintln(os.Stderr, "pgtest: PostgreSQL is not installed; skipping its tests (scripts/setup test installs it)")
		*srv = nil
		os.Exit(m.Run())
	}
	s, err := Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
		os.Exit(1)
	}
	if template != nil {
		if err := s.SetTemplate(template); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest: prepare the template database:", err)
			s.Stop() //nolint:errcheck // exiting with the first error
			os.Exit(1)
		}
	}
	*srv = s
	code := m.Run()
	if err := s.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// Start initialises a cluster in a new temporary folder and starts it.
func Start() (*Server, error) {
	s := &Server{bin: Bin()}
	if s.bin == "" {
		return nil, fmt.Errorf("no PostgreSQL under /usr/lib/postgresql/*/bin")
	}
	var err error
	if s.dir, err = os.MkdirTemp("", "pgtest"); err != nil {
		return nil, err
	}
	for _, d := range []string{"data", "sock"} {
		if err := os.Mkdir(filepath.Join(s.dir, d), 0o700); err != nil {
			return nil, err
		}
	}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("running as root, and there is no postgres user to run the server as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		for _, d := range []string{"", "data", "sock"} {
			if err := os.Chown(filepath.Join(s.dir, d), uid, gid); err != nil {
				return nil, err
			}
		}
		s.runAs = []string{"runuser", "-u", "postgres", "--"}
	}
	if err := s.run("initdb", "-D", s.data(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
		"--locale=C.UTF-8", "--no-sync", "--no-instructions"); err != nil {
		return nil, err
	}
	if err := s.startServer(); err != nil {
		return nil, err
	}
	s.admin = s.URL("postgres")
	return s, nil
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }
func (s *Server) sock() string { return filepath.Join(s.dir, "sock") }

// Options: no TCP at all, the socket in our folder, and settings for a
// small, short-lived test server. fsync=off: the tests kill processes
// (the server's too), never the machine, and what a killed server had
// written is in the OS's cache; synchronous_commit stays on, so a commit is
// in the write-ahead log before it is acknowledged, and the restart tests
// still show that nothing acknowledged is lost.
func (s *Server) startServer() error {
	opts := fmt.Sprintf("-c listen_addresses='' -k %s -c max_connections=200 -c shared_buffers=32MB"+
		" -c logging_collector=off -c fsync=off -c full_page_writes=off", s.sock())
	return s.run("pg_ctl", "-D", s.data(), "-l", filepath.Join(s.dir, "log"), "-o", opts, "-w", "-t", "60", "start")
}

func (s *Server) run(prog string, args ...string) error {
	argv := append(append(append([]string{}, s.runAs...), filepath.Join(s.bin, prog)), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = s.dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		log, _ := os.ReadFile(filepath.Join(s.dir, "log"))
		return fmt.Errorf("%s %v: %w\n%s\n%s", prog, args, err, out.Bytes(), log)
	}
	return nil
}

// URL returns the address of database name on this server.
func (s *Server) URL(name string) string {
	return "postgres://postgres@/" + url.PathEscape(name) + "?host=" + url.QueryEscape(s.sock()) + "&sslmode=disable"
}

// Socket returns the folder of the server's unix socket.
func (s *Server) Socket() string { return s.sock() }

// NewDatabase returns the URL of a new database for this test (made from
// the template, if one is set). The next one is made in the background
// while this test runs; databases are not dropped, the whole cluster goes
// at Stop.
func (s *Server) NewDatabase(tb testing.TB) string {
	tb.Helper()
	s.once.Do(func() {
		s.ready = make(chan result, 1)
		go func() {
			for {
				name := fmt.Sprintf("t%d", s.dbSeq.Add(1))
				create := `CREATE DATABASE ` + name
				if s.template != "" {
					create += ` TEMPLATE ` + s.template + ` STRATEGY WAL_LOG`
				}
				// A restart test may have the server down for a moment.
				err := s.exec(create)
				for try := 0; err != nil && try < 20; try++ {
					time.Sleep(250 * time.Millisecond)
					if err = s.exec(create); err != nil && strings.Contains(err.Error(), "already exists") {
						err = nil // the first try did create it
					}
				}
				s.ready <- result{name, err}
			}
		}()
	})
	r := <-s.ready
	if r.err != nil {
		tb.Fatalf("create database: %v", r.err)
	}
	return s.URL(r.name)
}

type result struct {
	name string
	err  error
}

func (s *Server) exec(sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.admin)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// SetTemplate creates a database, lets prepare fill it (apply the
// migrations) and makes it the template of every database NewDatabase
// creates from now on, which is much faster than migrating each.
func (s *Server) SetTemplate(prepare func(url string) error) error {
	const name = "pgtest_template"
	if err := s.exec(`CREATE DATABASE ` + name); err != nil {
		return err
	}
	if err := prepare(s.URL(name)); err != nil {
		return err
	}
	s.template = name
	return nil
}

// Restart stops the server as a crash would (immediate mode: no
// checkpoint, every connection cut) and starts it again; what was
// committed comes back from the write-ahead log.
func (s *Server) Restart() error {
	if err := s.run("pg_ctl", "-D", s.data(), "-m", "immediate", "-w", "stop"); err != nil {
		return err
	}
	return s.startServer()
}

// Stop stops the server and deletes its folder.
func (s *Server) Stop() error {
	err := s.run("pg_ctl", "-D", s.data(), "-m", "fast", "-w", "stop")
	if rmErr := os.RemoveAll(s.dir); err == nil {
		err = rmErr
	}
	return err
}

var shared struct {
	once sync.Once
	srv  *Server
	err  error
}

// Shared returns the test binary's server, starting it on first use, for
// packages whose other tests do not need PostgreSQL; the TestMain of such a
// package calls StopShared after m.Run. With no PostgreSQL installed the
// test is skipped, unless CI=true, where it fails.
func Shared(tb testing.TB) *Server {
	tb.Helper()
	if Bin() == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("PostgreSQL is not installed (run scripts/setup test): required under CI=true")
		}
		tb.Skip("PostgreSQL is not installed (scripts/setup test installs it)")
	}
	shared.once.Do(func() { shared.srv, shared.err = Start() })
	if shared.err != nil {
		tb.Fatal(shared.err)
	}
	return shared.srv
}

// StopShared stops the server Shared started, if any.
func StopShared() error {
	if shared.srv == nil {
		return nil
	}
	return shared.srv.Stop()
}
