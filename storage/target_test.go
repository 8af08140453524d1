package storage

import (
	"errors"
	"testing"
)

func TestTargetKindsAndLayouts(t *testing.T) {
	for _, k := range TargetKinds() {
		if err := k.Validate(); err != nil {
			t.Errorf("kind %q: %v", k, err)
		}
	}
	for _, l := range append(Layouts(), "") {
		if err := l.Validate(); err != nil {
			t.Errorf("layout %q: %v", l, err)
		}
	}
	for _, bad := range []TargetKind{"", "ftp", "DIR"} {
		if err := bad.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("kind %q: %v, want ErrInvalid", bad, err)
		}
	}
	for _, bad := range []Layout{"tree", "Index"} {
		if err := bad.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("layout %q: %v, want ErrInvalid", bad, err)
		}
	}
	if Layout("").OrDefault() != LayoutIndex || LayoutFlat.OrDefault() != LayoutFlat {
		t.Error("OrDefault: the empty layout is LayoutIndex, others are themselves")
	}
	err := ValidateTarget(Target{Name: "site", Kind: "ftp", Location: "/srv"})
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("ValidateTarget with kind ftp: %v, want ErrInvalid", err)
	}
}
