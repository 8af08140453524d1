package target

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Dir is a target that writes into a local folder, typically a web root.
// Its methods are safe for concurrent use.
type Dir struct {
	path string   // the folder as given (absolute), for messages
	real string   // the folder with symlinks resolved
	root *os.Root // every file operation goes through it: no escape, no TOCTOU
	// syncFS: a batch may be made durable by syncfs on the folder's file
	// system (see dirBatch and syncFSSafe).
	syncFS bool
}

// OpenDir opens the folder at dir as a target, creating it (0755) if it does
// not exist, and removes temporary files older than an hour that crashed
// writes left behind.
func OpenDir(dir string) (*Dir, error) {
	if dir == "" {
		return nil, errors.New("open folder target: empty path")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open folder target %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, classify("open folder target", abs, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("open folder target %s: %w", abs, err)
	}
	root, err := os.OpenRoot(real)
	if err != nil {
		return nil, fmt.Errorf("open folder target %s: %w", abs, err)
	}
	d := &Dir{path: abs, real: real, root: root}
	if f, err := root.Open("."); err == nil {
		d.syncFS = syncFSSafe(f)
		f.Close()
	}
	d.removeTemps(time.Now().Add(-staleAfter))
	return d, nil
}

// Path returns the folder's absolute path as given to OpenDir.
func (d *Dir) Path() string { return d.path }

// Close releases the folder handle.
func (d *Dir) Close() error { return d.root.Close() }

// ReadFile returns the contents of rel. A symlink that leaves the folder is
// refused.
func (d *Dir) ReadFile(ctx context.Context, rel string) ([]byte, error) {
	if err := ValidateRel(rel); err != nil {
		return nil, fmt.Errorf("read %s: %w", d.path, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b, err := d.root.ReadFile(filepath.FromSlash(rel))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Join(d.path, rel), err)
	}
	return b, nil
}

// WriteFile atomically replaces rel with data (mode 0644): it writes a
// temporary file in the same folder, fsyncs it, renames it over rel and
// fsyncs the folder. Missing folders are created (0755) and their parents
// fsynced. The path is validated first, and nothing is written if it, or a
// symlink on the way, leads outside the target folder. On error the old
// file is intact and the temporary file is removed.
func (d *Dir) WriteFile(ctx context.Context, rel string, data []byte) error {
	full := filepath.Join(d.path, filepath.FromSlash(rel))
	if err := ValidateRel(rel); err != nil {
		return fmt.Errorf("write %s: %w", d.path, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write %s: %w", full, err)
	}
	dir, dest, err := d.destination(rel, nil)
	if err != nil {
		return fmt.Errorf("write %s: %w", full, err)
	}
	return d.writeAtomic(full, dir, dest, data)
}

// destination prepares the folder of the validated path rel and returns
// it and the destination file, symlink-free and relative to the root. A
// folder in the way and a file symlink leading outside are refused. With
// pending nil new folders are made durable at once, else their parents are
// added to pending for the caller to fsync.
func (d *Dir) destination(rel string, pending map[string]bool) (dir, dest string, err error) {
	dir, err = d.prepareDir(path.Dir(rel), pending)
	if err != nil {
		return "", "", err
	}
	dest = filepath.Join(dir, path.Base(rel))
	if fi, err := d.root.Lstat(dest); err == nil && fi.IsDir() {
		return "", "", errors.New("a folder is in the way")
	} else if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if err := d.checkFileLink(dest); err != nil {
			return "", "", err
		}
	}
	return dir, dest, nil
}

// writeAtomic does the temp-write-fsync-rename-fsync dance inside the root;
// dir and dest are symlink-free paths relative to the root.
func (d *Dir) writeAtomic(full, dir, dest string, data []byte) error {
	tmp, err := d.writeTemp(dir, data, true)
	if err != nil {
		return classify("write", full, err)
	}
	if err := d.root.Rename(tmp, dest); err != nil {
		d.root.Remove(tmp)
		return classify("write", full, err)
	}
	if err := d.syncDir(dir); err != nil {
		return classify("write", full, fmt.Errorf("sync folder: %w", err))
	}
	return nil
}

// createTemp makes a new, empty temporary file in dir with a random name.
func (d *Dir) createTemp(dir string) (*os.File, string, error) {
	for range 10 {
		name := filepath.Join(dir, tempPrefix+randomSuffix())
		f, err := d.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, name, err
	}
	return nil, "", errors.New("create temporary file: too many name collisions")
}

func randomSuffix() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// syncDir fsyncs the folder rel (relative to the root) so a rename or a new
// entry in it survives a power cut.
func (d *Dir) syncDir(rel string) error {
	f, err := d.root.Open(rel)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// prepareDir makes sure the folder relDir (slash-separated, validated)
// exists inside the target and returns its symlink-free path relative to
// the root. Each existing component is checked before anything is created
// below it: a symlink whose real path leaves the target is refused. See
// mkdir for pending.
func (d *Dir) prepareDir(relDir string, pending map[string]bool) (string, error) {
	cur := "." // symlink-free, relative to the root
	if relDir == "." {
		return cur, nil
	}
	for _, c := range strings.Split(relDir, "/") {
		next := filepath.Join(cur, c)
		fi, err := d.root.Lstat(next)
		switch {
		case err == nil && fi.Mode()&fs.ModeSymlink != 0:
			if next, err = d.resolveLink(next); err != nil {
				return "", err
			}
		case err == nil && !fi.IsDir():
			return "", fmt.Errorf("%s is a file, not a folder", filepath.Join(d.path, next))
		case errors.Is(err, fs.ErrNotExist):
			if err := d.mkdir(cur, next, pending); err != nil {
				return "", err
			}
		case err != nil:
			return "", err
		}
		cur = next
	}
	return cur, nil
}

// resolveLink follows the symlink at rel (relative to the root) and returns
// the real folder it names, relative to the root, or an ErrUnsafePath error
// if it lies outside.
func (d *Dir) resolveLink(rel string) (string, error) {
	real, err := filepath.EvalSymlinks(filepath.Join(d.real, rel))
	if err != nil {
		return "", fmt.Errorf("symlink %s: %w", filepath.Join(d.path, rel), err)
	}
	if !within(d.real, real) {
		return "", fmt.Errorf("%w: symlink %s points outside the target (%s)", ErrUnsafePath, filepath.Join(d.path, rel), real)
	}
	fi, err := os.Stat(real)
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("%s is a file, not a folder", filepath.Join(d.path, rel))
	}
	return filepath.Rel(d.real, real)
}

// checkFileLink refuses a page that is a symlink leading outside the
// target (or nowhere). A link that stays inside is replaced by the page
// itself; what it pointed to is left alone.
func (d *Dir) checkFileLink(rel string) error {
	real, err := filepath.EvalSymlinks(filepath.Join(d.real, rel))
	if err != nil || !within(d.real, real) {
		return fmt.Errorf("%w: symlink %s points outside the target or nowhere", ErrUnsafePath, filepath.Join(d.path, rel))
	}
	return nil
}

// mkdir creates the folder next (0755 whatever the umask) in parent and
// fsyncs parent, or, if pending is not nil, adds parent to pending: the
// caller fsyncs it later.
func (d *Dir) mkdir(parent, next string, pending map[string]bool) error {
	if err := d.root.Mkdir(next, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return classify("create folder", filepath.Join(d.path, next), err)
	}
	if err := d.root.Chmod(next, 0o755); err != nil {
		return classify("create folder", filepath.Join(d.path, next), err)
	}
	if pending != nil {
		pending[parent] = true
		return nil
	}
	if err := d.syncDir(parent); err != nil {
		return classify("create folder", filepath.Join(d.path, next), err)
	}
	return nil
}

// staleDepth is how deep stale temporary files are looked for: files in
// the root, in page folders and in their versions folders, which is where
// the writer puts them. The rest of a web root (which may be large) is not
// walked on every open; the SFTP target does the same.
const staleDepth = 3

// RemoveTemps deletes every temporary file in the first staleDepth levels
// of the target, whatever its age: the caller holds the target's Lock, so
// no write is in flight and each one is a leftover of a killed publish
// (with a page's bytes, in a web root). Errors are ignored: the next
// publish tries again.
func (d *Dir) RemoveTemps(ctx context.Context) { d.removeTemps(time.Now().Add(time.Hour)) }

// removeTemps deletes temporary files last modified before cutoff in the
// first staleDepth levels of the target. Errors are ignored: a leftover is
// harmless.
func (d *Dir) removeTemps(cutoff time.Time) {
	fs.WalkDir(d.root.FS(), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if e.IsDir() {
			if p != "." && strings.Count(p, "/")+1 >= staleDepth {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasPrefix(e.Name(), tempPrefix) {
			return nil
		}
		if fi, err := e.Info(); err == nil && fi.ModTime().Before(cutoff) {
			d.root.Remove(filepath.FromSlash(p))
		}
		return nil
	})
}
