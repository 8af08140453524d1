package publish

import (
	"bytes"
	"strings"
	"testing"
)

func TestCleanWriterSplitWrites(t *testing.T) {
	in := "a\u202Eb\u2067ج\u202Cd\u200Fe" // RLO, RLI, PDF stripped; RLM (a mark, not a control) kept
	want := "abجd\u200Fe"
	for split := 0; split <= len(in); split++ {
		var out bytes.Buffer
		c := CleanWriter(&out)
		for _, part := range []string{in[:split], in[split:]} {
			if n, err := c.Write([]byte(part)); err != nil || n != len(part) {
				t.Fatalf("Write = %d, %v", n, err)
			}
		}
		if err := c.Flush(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Errorf("split at %d: %q, want %q", split, out.String(), want)
		}
	}
	var out bytes.Buffer
	c := CleanWriter(&out)
	c.Write([]byte("x\xE2\x80")) // an incomplete sequence at the end is written by Flush
	c.Flush()
	if out.String() != "x\xE2\x80" {
		t.Errorf("Flush wrote %q", out.String())
	}
	if got := CleanText(strings.Repeat("\u2066", 3) + "ok"); got != "ok" {
		t.Errorf("CleanText = %q", got)
	}
}
