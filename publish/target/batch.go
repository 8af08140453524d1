package target

import (
	"context"
	"errors"
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

// Batch is a batch write whose files are added as they are ready: the
// bytes of each go to disk while the caller prepares the next, and Commit
// makes them live together, with the guarantee of WriteFile per file. A
// Batch is used by one goroutine; the data of a file added must not change
// until Commit returns.
type Batch interface {
	// Add starts writing f and returns its index in the batch. It does not
	// wait for the disk.
	Add(f File) int
	// Drop makes Commit leave file i alone: its temporary file is removed
	// and the destination is not touched (its error is ErrDropped).
	Drop(i int)
	// Commit waits for every file added, replaces each destination
	// atomically and durably, as WriteFile does, and returns one error per
	// file (nil for a file written), in the order added. A failing file
	// does not stop the others.
	Commit() []error
}

// ErrDropped is the error Commit gives a file of a Batch that was dropped.
var ErrDropped = errors.New("dropped before the batch was committed")

// BatchWriter is implemented by targets that write many files faster
// together than one WriteFile each, with the same guarantee per file.
type BatchWriter interface {
	// BeginBatch starts a Batch on the target.
	BeginBatch(ctx context.Context) Batch
}

// NewBatch starts a batch write on tg: the target's own (BatchWriter)
// or one that writes each file with WriteFile at Commit.
func NewBatch(ctx context.Context, tg Target) Batch {
	if bw, ok := tg.(BatchWriter); ok {
		return bw.BeginBatch(ctx)
	}
	return &fileByFile{ctx: ctx, tg: tg}
}

// fileByFile is the Batch of a target that writes one file at a time.
type fileByFile struct {
	ctx     context.Context
	tg      Target
	files   []File
	dropped map[int]bool
}

func (b *fileByFile) Add(f File) int {
	b.files = append(b.files, f)
	return len(b.files) - 1
}

func (b *fileByFile) Drop(i int) {
	if b.dropped == nil {
		b.dropped = map[int]bool{}
	}
	b.dropped[i] = true
}

func (b *fileByFile) Commit() []error {
	errs := make([]error, len(b.files))
	for i, f := range b.files {
		if b.dropped[i] {
			errs[i] = ErrDropped
			continue
		}
		errs[i] = b.tg.WriteFile(b.ctx, f.Rel, f.Data)
	}
	return errs
}

// syncWorkers bounds the files of a Dir batch being written and fsynced
// at the same time. Their work is waiting for the disk, not the CPU, so
// there are more of them than cores: concurrent fsyncs share the file
// system's journal commits.
const syncWorkers = 32

// staged is a file of a batch on its way: the temporary file holding the
// new bytes and where it goes.
type staged struct {
	full, dir, dest, tmp string
	err                  error
	dropped              bool
}

// dirBatch is the Batch of a Dir. Each file goes through four steps:
//
//  1. Add validates the path and creates missing folders (not yet
//     durable), on the caller's goroutine;
//  2. the temporary file is written and made durable;
//  3. Commit waits for every step 2, then renames every temporary file
//     over its destination, in the order added;
//  4. and makes the renames and new folders durable.
//
// Steps 2 and 4 are done one of two ways. Where one syncfs(2) of the file
// system is known to make its data durable and to report write-back
// errors, and little else waits to be written back (see syncFSSafe and
// fewDirty), Add writes the temporary file without an fsync and Commit
// calls syncfs before the renames and once after them: two flushes of the
// disk's cache for the batch. Otherwise (the fsync way) Add writes and
// fsyncs the temporary file on a goroutine of its own, at most syncWorkers
// at a time, while more files are added, and Commit fsyncs every folder
// that got a new entry (a renamed page or a new folder) in parallel.
//
// Durability and atomicity are those of WriteFile either way: a temporary
// file is on disk before it is renamed (step 2 ends before step 3
// starts), so a rename that survives a crash names complete bytes; a
// rename is durable once step 4 is done. A crash before that leaves each
// page either old or new, complete; a reader never sees a partial page,
// since rename replaces the name atomically. Commit returns only after
// step 4, so every file reported written is durable.
type dirBatch struct {
	d       *Dir
	ctx     context.Context
	st      []*staged
	pending map[string]bool // folders to fsync in step 4 (the fsync way)
	slots   chan struct{}   // a token per file in step 2 (the fsync way)
	wg      sync.WaitGroup
	// fs is the target folder, opened when the batch began, when the
	// batch is made durable by syncfs on it (it reports the write-back
	// errors since it was opened); nil: the fsync way.
	fs *os.File
}

// BeginBatch starts a batch write on the folder (see dirBatch).
func (d *Dir) BeginBatch(ctx context.Context) Batch {
	b := &dirBatch{d: d, ctx: ctx, pending: map[string]bool{}, slots: make(chan struct{}, syncWorkers)}
	if d.syncFS && fewDirtyNow() {
		if f, err := d.root.Open("."); err == nil {
			b.fs = f
		}
	}
	return b
}

func (b *dirBatch) Add(f File) int {
	s := &staged{full: filepath.Join(b.d.path, filepath.FromSlash(f.Rel))}
	b.st = append(b.st, s)
	if s.err = b.d.stage(b.ctx, f.Rel, s, b.pending); s.err != nil {
		return len(b.st) - 1
	}
	if b.fs != nil {
		s.tmp, s.err = b.d.writeTemp(s.dir, f.Data, false)
		return len(b.st) - 1
	}
	b.wg.Go(func() {
		b.slots <- struct{}{}
		s.tmp, s.err = b.d.writeTemp(s.dir, f.Data, true)
		<-b.slots
	})
	return len(b.st) - 1
}

func (b *dirBatch) Drop(i int) { b.st[i].dropped = true }

func (b *dirBatch) Commit() []error {
	b.wg.Wait()
	d := b.d
	errs := make([]error, len(b.st))
	for i, s := range b.st {
		errs[i] = s.err
		if errs[i] == nil && s.dropped {
			errs[i] = ErrDropped
		}
	}
	if b.fs != nil {
		defer b.fs.Close()
		b.failAll(errs, b.syncTemps())
	}
	for i, s := range b.st {
		if errs[i] == nil {
			errs[i] = d.root.Rename(s.tmp, s.dest)
		}
		if errs[i] != nil && s.tmp != "" {
			d.root.Remove(s.tmp)
		}
		if errs[i] == nil {
			b.pending[s.dir] = true
		}
	}
	if b.fs != nil {
		b.failAll(errs, syncFSNow(b.fs))
	} else {
		d.syncDirs(b.pending, b.st, errs)
	}
	for i, err := range errs {
		if err != nil && err != ErrDropped {
			errs[i] = classify("write", b.st[i].full, err)
		}
	}
	return errs
}

// syncFSNow and fewDirtyNow are syncFS and fewDirty; tests replace them to
// fail a sync or to take the syncfs way whatever the machine's state.
var (
	syncFSNow   = syncFS
	fewDirtyNow = fewDirty
)

// syncTemps makes the temporary files of a syncfs batch durable (step 2),
// if it has any.
func (b *dirBatch) syncTemps() error {
	for _, s := range b.st {
		if s.tmp != "" {
			return syncFSNow(b.fs)
		}
	}
	return nil
}

// failAll gives err (a failed syncfs: nothing since the batch began may be
// on disk) to every file of the batch not failed yet.
func (b *dirBatch) failAll(errs []error, err error) {
	if err == nil {
		return
	}
	for i := range errs {
		if errs[i] == nil {
			errs[i] = fmt.Errorf("sync the file system: %w", err)
		}
	}
}

// WriteFiles writes the files as one Batch (see dirBatch) and returns one
// error per file, in order.
func (d *Dir) WriteFiles(ctx context.Context, files []File) []error {
	b := d.BeginBatch(ctx)
	for _, f := range files {
		b.Add(f)
	}
	return b.Commit()
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

// writeTemp writes data to a new temporary file in dir, fsyncs it if
// fsync, and closes it (step 2). On error nothing is left behind.
func (d *Dir) writeTemp(dir string, data []byte, fsync bool) (string, error) {
	f, tmp, err := d.createTemp(dir)
	if err != nil {
		return "", err
	}
	if err := fillTemp(f, data, fsync); err != nil {
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
// whatever the umask, then fsyncs it if fsync (else the caller makes it
// durable with the rest of its batch). The mode change goes before the
// fsync so that it is as durable as the bytes: a folder's fsync does not
// make a file's mode durable on every filesystem (ext4 without a journal),
// and a live page that came back 0600 after a power cut would be
// unreadable to the web server. The file is readable only while it holds
// the complete page about to go live; a killed publish's temporary file is
// removed by the next publish to the target.
func fillTemp(f *os.File, data []byte, fsync bool) error {
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if !fsync {
		return nil
	}
	return f.Sync()
}

// syncDirs fsyncs the folders in parallel (step 4); a folder that fails
// fails every file renamed into it or below it (its rename, or the folder
// holding it, may not survive a crash).
func (d *Dir) syncDirs(dirs map[string]bool, st []*staged, errs []error) {
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
