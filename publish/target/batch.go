package target

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// File is one file of a batch write: its path relative to the target root
// (slash-separated) and its new contents.
type File struct {
	Rel  string
	Data []byte
}

// BatchWriter is implemented by targets that write many files faster
// together than one WriteFile each, with the same guarantee per file.
type BatchWriter interface {
	// WriteFiles replaces each file atomically, as WriteFile does, and
	// returns one error per file (nil for a file written), in order. A
	// failing file does not stop the others.
	WriteFiles(ctx context.Context, files []File) []error
}

// syncWorkers bounds the goroutines that fsync at the same time. Their
// work is waiting for the disk, not the CPU, so there are more of them
// than cores: concurrent fsyncs share the file system's journal commits.
const syncWorkers = 32

// staged is a file of a batch on its way: the temporary file holding the
// new bytes and where it goes.
type staged struct {
	full, dir, dest, tmp string
}

// WriteFiles writes the files in four steps, each over the whole batch:
//
//  1. validate every path and create missing folders (not yet fsynced);
//  2. write every temporary file and fsync it, in parallel;
//  3. rename every temporary file over its destination;
//  4. fsync every folder that got a new entry (a renamed page or a new
//     folder), in parallel.
//
// Durability and atomicity are those of WriteFile: a temporary file is on
// disk before it is renamed (step 2 ends before step 3 starts), so a
// rename that survives a crash names complete bytes; a rename is durable
// once its folder is fsynced (step 4). A crash before step 4 leaves each
// page either old or new, complete; a reader never sees a partial page,
// since rename replaces the name atomically. WriteFiles returns only after
// step 4, so every file reported written is durable. Only the fsyncs are
// batched: 2 per page become 1 per page plus 1 per folder, all in flight
// together instead of one after the other.
func (d *Dir) WriteFiles(ctx context.Context, files []File) []error {
	errs := make([]error, len(files))
	st := make([]staged, len(files))
	pending := map[string]bool{} // folders to fsync in step 4
	for i, f := range files {
		st[i].full = filepath.Join(d.path, filepath.FromSlash(f.Rel))
		errs[i] = d.stage(ctx, f.Rel, &st[i], pending)
	}
	parallel(len(files), func(i int) {
		if errs[i] == nil {
			st[i].tmp, errs[i] = d.writeTemp(st[i].dir, files[i].Data)
		}
	})
	for i := range st {
		if errs[i] == nil {
			errs[i] = d.root.Rename(st[i].tmp, st[i].dest)
		}
		if errs[i] != nil && st[i].tmp != "" {
			d.root.Remove(st[i].tmp)
		}
		if errs[i] == nil {
			pending[st[i].dir] = true
		}
	}
	d.syncDirs(pending, st, errs)
	for i, err := range errs {
		if err != nil {
			errs[i] = classify("write", st[i].full, err)
		}
	}
	return errs
}

// stage validates rel and prepares its folder (step 1).
func (d *Dir) stage(ctx context.Context, rel string, s *staged, pending map[string]bool) error {
	if err := ValidateRel(rel); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var err error
	s.dir, s.dest, err = d.destination(rel, pending)
	return err
}

// writeTemp writes data to a new temporary file in dir, fsyncs and closes
// it (step 2). On error nothing is left behind.
func (d *Dir) writeTemp(dir string, data []byte) (string, error) {
	f, tmp, err := d.createTemp(dir)
	if err != nil {
		return "", err
	}
	if err := fillTemp(f, data); err != nil {
		f.Close()
		d.root.Remove(tmp)
		return "", err
	}
	if err := f.Close(); err != nil {
		d.root.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// fillTemp writes data to the temporary file (created 0600: a dot file in a
// web root that some servers serve, so a publish killed before it wrote
// the page leaves nothing readable), makes it readable by the web server
// whatever the umask, then fsyncs it. The mode change goes before the
// fsync so that it is as durable as the bytes: a folder's fsync does not
// make a file's mode durable on every filesystem (ext4 without a journal),
// and a live page that came back 0600 after a power cut would be
// unreadable to the web server. The file is readable only while it holds
// the complete page about to go live; a killed publish's temporary file is
// removed by the next publish to the target.
func fillTemp(f *os.File, data []byte) error {
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	return f.Sync()
}

// syncDirs fsyncs the folders in parallel (step 4); a folder that fails
// fails every file renamed into it or below it (its rename, or the folder
// holding it, may not survive a crash).
func (d *Dir) syncDirs(dirs map[string]bool, st []staged, errs []error) {
	list := make([]string, 0, len(dirs))
	for dir := range dirs {
		list = append(list, dir)
	}
	failed := make([]error, len(list))
	parallel(len(list), func(i int) { failed[i] = d.syncDir(list[i]) })
	for i, err := range failed {
		if err == nil {
			continue
		}
		for j := range st {
			if errs[j] == nil && within(list[i], st[j].dir) {
				errs[j] = fmt.Errorf("sync folder: %w", err)
			}
		}
	}
}

// parallel calls fn(0) … fn(n-1) on up to syncWorkers goroutines and
// waits for them.
func parallel(n int, fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, syncWorkers) {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
