package snapshot

import (
	"testing"

	"github.com/qalam/policyeditor/publish/diff"
)

func TestCondense(t *testing.T) {
	tests := []struct{ old, new, want string }{
		{"a\nb\nc", "a\nB\nc", "<span class=\"elided\">…</span>\n<del>b</del><ins>B</ins>\n<span class=\"elided\">…</span>"},
		{"a\nb", "x\nb", "<del>a</del><ins>x</ins>\n<span class=\"elided\">…</span>"},
		{"a b\nc", "a b\nc d", "<span class=\"elided\">…</span>\nc<ins> d</ins>"},
		// a change across a line break keeps both lines together
		{"a\nb\nc", "a\nc", "<span class=\"elided\">…</span>\n<del>b\n</del>c"},
		{"<x>\ny", "<x>\nz", "<span class=\"elided\">…</span>\n<del>y</del><ins>z</ins>"},
		{"same", "same", "<span class=\"elided\">…</span>"},
	}
	for _, tt := range tests {
		if got := string(condense(diff.Words(tt.old, tt.new))); got != tt.want {
			t.Errorf("condense(Words(%q, %q)) = %q, want %q", tt.old, tt.new, got, tt.want)
		}
	}
}
