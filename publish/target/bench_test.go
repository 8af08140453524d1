package target

import (
	"bytes"
	"context"
	"fmt"
	"testing"
)

// BenchmarkDirWriteFile: one atomic 50 KB page write (temp file, fsync,
// rename, fsync folder) on the test's temp folder.
func BenchmarkDirWriteFile(b *testing.B) {
	d, err := OpenDir(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	page := bytes.Repeat([]byte("<p>سياسة الخصوصية</p>\n"), 50<<10/30)
	b.SetBytes(int64(len(page)))
	i := 0
	for b.Loop() {
		if err := d.WriteFile(context.Background(), fmt.Sprintf("p%d/index.html", i%100), page); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
