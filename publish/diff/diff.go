// Package diff compares policy texts word by word and pages section by
// section, for the review snapshot's "what changed" block and the
// publishing history.
//
// Words tokenises with Arabic in mind (see Tokens): a word keeps its
// tashkeel, and the Arabic comma, semicolon and question mark (، ؛ ؟) are
// tokens of their own, so a changed vowel mark shows as a changed word and
// a changed comma does not swallow the word next to it.
//
// Everything here is pure and never fails.
package diff

import (
	"html/template"
	"strings"
)

// Kind says what an Op does.
type Kind uint8

// Op kinds.
const (
	Equal  Kind = iota // text in both
	Delete             // text only in the old version
	Insert             // text only in the new version
)

func (k Kind) String() string {
	switch k {
	case Equal:
		return "="
	case Delete:
		return "-"
	case Insert:
		return "+"
	}
	return "?"
}

// Op is one step of an edit script.
type Op struct {
	Kind Kind
	Text string
}

// Words returns the word-level edit script from a to b. Concatenating the
// Text of Equal and Delete ops gives a; of Equal and Insert ops gives b.
// Adjacent ops never share a Kind, and in each changed stretch the Delete
// comes before the Insert. Unchanged text without any word (white space,
// punctuation; not a paragraph break) between two changes is folded into
// them, so "the quick" → "a slow" reads as one replacement, not two.
func Words(a, b string) []Op { return words(a, b, costLimit) }

func words(a, b string, limit int) []Op {
	if a == b {
		if a == "" {
			return nil
		}
		return []Op{{Equal, a}}
	}
	ta, tb := Tokens(a), Tokens(b)
	ia, ib := intern(ta, tb)
	edits := diffIDs(ia, ib, limit)
	ops := make([]Op, 0, len(edits))
	for _, e := range edits {
		var text string
		if e.kind == Insert {
			text = strings.Join(tb[e.b0:e.b0+e.n], "")
		} else {
			text = strings.Join(ta[e.a0:e.a0+e.n], "")
		}
		ops = append(ops, Op{e.kind, text})
	}
	return normalize(absorb(normalize(ops)))
}

func intern(a, b []string) ([]int, []int) {
	ids := make(map[string]int, len(a))
	conv := func(toks []string) []int {
		out := make([]int, len(toks))
		for i, t := range toks {
			id, ok := ids[t]
			if !ok {
				id = len(ids)
				ids[t] = id
			}
			out[i] = id
		}
		return out
	}
	return conv(a), conv(b)
}

// normalize merges each stretch between Equal ops into at most one Delete
// followed by one Insert, merges adjacent Equals and drops empty ops.
func normalize(ops []Op) []Op {
	out := ops[:0:0]
	var del, ins strings.Builder
	flush := func() {
		if del.Len() > 0 {
			out = append(out, Op{Delete, del.String()})
			del.Reset()
		}
		if ins.Len() > 0 {
			out = append(out, Op{Insert, ins.String()})
			ins.Reset()
		}
	}
	for _, op := range ops {
		switch {
		case op.Text == "":
		case op.Kind == Delete:
			del.WriteString(op.Text)
		case op.Kind == Insert:
			ins.WriteString(op.Text)
		default:
			flush()
			if n := len(out); n > 0 && out[n-1].Kind == Equal {
				out[n-1].Text += op.Text
			} else {
				out = append(out, op)
			}
		}
	}
	flush()
	return out
}

// absorb turns an Equal op that holds no word (white space, punctuation)
// between two changes into a Delete and an Insert of the
// same text. The caller normalizes again.
func absorb(ops []Op) []Op {
	out := make([]Op, 0, len(ops))
	for i, op := range ops {
		if op.Kind == Equal && i > 0 && i < len(ops)-1 && isSeparator(op.Text) {
			out = append(out, Op{Delete, op.Text}, Op{Insert, op.Text})
			continue
		}
		out = append(out, op)
	}
	return out
}

func isSeparator(s string) bool {
	if strings.Contains(s, "\n\n") {
		return false // paragraph breaks stay as anchors
	}
	for _, t := range Tokens(s) {
		if wordLen(t) > 0 {
			return false
		}
	}
	return true
}

// HasChanges reports whether ops contain any Insert or Delete.
func HasChanges(ops []Op) bool {
	for _, op := range ops {
		if op.Kind != Equal {
			return true
		}
	}
	return false
}

// Stats counts the words (tokens that are words) inserted and deleted.
func Stats(ops []Op) (inserted, deleted int) {
	for _, op := range ops {
		if op.Kind == Equal {
			continue
		}
		n := 0
		for _, t := range Tokens(op.Text) {
			if wordLen(t) > 0 {
				n++
			}
		}
		if op.Kind == Insert {
			inserted += n
		} else {
			deleted += n
		}
	}
	return inserted, deleted
}

// Apply rebuilds the old (new=false) or new (new=true) text from ops.
func Apply(ops []Op, new bool) string {
	var b strings.Builder
	for _, op := range ops {
		if op.Kind == Equal || (op.Kind == Insert) == new {
			b.WriteString(op.Text)
		}
	}
	return b.String()
}

// HTML renders ops as escaped HTML: equal text as is, deletions in <del>,
// insertions in <ins>. White space is kept; show it with
// `white-space: pre-wrap` where line breaks matter.
func HTML(ops []Op) template.HTML {
	var b strings.Builder
	for _, op := range ops {
		switch op.Kind {
		case Equal:
			template.HTMLEscape(&b, []byte(op.Text))
		case Delete:
			b.WriteString("<del>")
			template.HTMLEscape(&b, []byte(op.Text))
			b.WriteString("</del>")
		case Insert:
			b.WriteString("<ins>")
			template.HTMLEscape(&b, []byte(op.Text))
			b.WriteString("</ins>")
		}
	}
	return template.HTML(b.String()) //nolint:gosec // every piece of text is escaped above
}
