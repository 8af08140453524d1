package document

import (
	"github.com/qalam/policyeditor/editor/textdir"
	"github.com/qalam/policyeditor/storage"
)

// TextDir is the direction a block (or a one-line label) gets from its
// text: see blockDir. Views use it so that a label and a block with the
// same text go the same way.
func TextDir(text []rune, def storage.Direction) storage.Direction { return blockDir(text, def) }

// blockDir is the direction a block gets from its content: the rule the
// publisher uses for its dir attributes (editor/textdir.Block: first strong
// character, URLs and e-mail addresses skipped), with isolated runs
// (inline code, between LRI/RLI/FSI and PDI) skipped too; def when there
// is none.
func blockDir(text []rune, def storage.Direction) storage.Direction {
	if d, ok := textdir.Block([]byte(string(outsideIsolates(text)))); ok {
		return d
	}
	return def
}

// outsideIsolates returns text with isolated runs replaced by a space.
func outsideIsolates(text []rune) []rune {
	out := make([]rune, 0, len(text))
	depth := 0
	for _, r := range text {
		switch {
		case r == LRI || r == '\u2067' || r == '\u2068': // LRI, RLI, FSI
			if depth == 0 {
				out = append(out, ' ')
			}
			depth++
		case r == PDI:
			depth = max(depth-1, 0)
		case depth == 0:
			out = append(out, r)
		}
	}
	return out
}
