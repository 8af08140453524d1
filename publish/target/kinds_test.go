package target

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qalam/policyeditor/storage"
)

// TestEveryKindAndLayout: every kind and layout the domain defines has a
// writer and a page path here, and anything else is refused as invalid.
func TestEveryKindAndLayout(t *testing.T) {
	ctx := context.Background()
	for _, k := range storage.TargetKinds() {
		// Locations that cannot be opened: the error must come from the
		// writer of the kind, not from a missing case in Open.
		tg, err := Open(ctx, storage.Target{Name: "t", Kind: k, Location: filepath.Join(t.TempDir(), "missing", "\x00")})
		if err == nil {
			_ = tg.Close()
		}
		if err != nil && (strings.Contains(err.Error(), "no writer") || errors.Is(err, storage.ErrInvalid)) {
			t.Errorf("Open kind %q: %v", k, err)
		}
	}
	if _, err := Open(ctx, storage.Target{Name: "t", Kind: "ftp", Location: t.TempDir()}); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("Open kind ftp: %v, want ErrInvalid", err)
	}
	for _, l := range storage.Layouts() {
		if _, err := PagePath("privacy", l); err != nil {
			t.Errorf("PagePath layout %q: %v", l, err)
		}
	}
	if _, err := PagePath("privacy", "tree"); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("PagePath layout tree: %v, want ErrInvalid", err)
	}
}
