package textedit

import (
	"strings"
	"unicode"
)

// This file holds the editing commands of the model: typing, deleting,
// Enter with list continuation, indenting list items, formatting, undo and
// redo. It does not import Fyne.

// apply replaces [from, to) with ins in the buffer, updates directions and
// returns the position after ins. It does not touch the history.
func (m *model) apply(from, to pos, ins []rune) pos {
	if len(m.marks) > 0 {
		at := m.buf.offset(from)
		m.shiftMarks(at, m.buf.offset(to)-at, len(ins))
	}
	after, first, last := m.buf.replace(from, to, ins)
	m.resolveDirs(first, last, false)
	m.yValid = false
	m.changed = true
	m.edits++
	return after
}

// edit replaces [from, to) with ins as the user's edit of kind, leaves the
// caret after ins and records the change. Read-only models ignore it.
func (m *model) edit(from, to pos, ins []rune, kind editKind) bool {
	if m.readOnly {
		return false
	}
	if !m.multi {
		ins = []rune(oneLine(ins))
	}
	if to.less(from) {
		from, to = to, from
	}
	del := m.buf.slice(from, to)
	if len(del) == 0 && len(ins) == 0 {
		return false
	}
	before := m.sel()
	at := m.buf.offset(from)
	after := m.snapForward(m.apply(from, to, ins))
	m.caret, m.anchor, m.aff, m.upstream, m.hasGoal = after, after, affPrev, true, false
	m.moved = true
	m.hist.record(change{at: at, del: del, ins: ins}, kind, before, m.sel())
	return true
}

// insert replaces the selection with text.
func (m *model) insert(text []rune, kind editKind) bool {
	from, to := m.selection()
	if from != to {
		// Replacing a selection starts a step of its own; typing over it
		// goes on into that step (CodeMirror), so one undo brings the
		// selected text back.
		m.hist.close()
		if kind != kindInput {
			kind = kindOther
		}
	}
	return m.edit(from, to, text, kind)
}

// typeRune inserts one typed character.
func (m *model) typeRune(r rune) bool { return m.insert([]rune{r}, kindInput) }

// deleteSelection deletes the selected text, if any.
func (m *model) deleteSelection() bool {
	from, to := m.selection()
	if from == to {
		return false
	}
	return m.edit(from, to, nil, kindOther)
}

// isPeelable reports a combining mark that Backspace removes on its own
// (harakat, shadda, other combining accents), but not variation selectors
// or joiners, which belong with the character before them.
func isPeelable(r rune) bool {
	if r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF {
		return false
	}
	return unicode.Is(unicode.Mn, r)
}

// backspace deletes the selection, or the combining mark before the caret
// (so harakat peel off one at a time), or the grapheme cluster before it,
// or joins the paragraph with the one before. With word it deletes to the
// start of the word before the caret.
func (m *model) backspace(word bool) bool {
	if m.deleteSelection() {
		return true
	}
	c := m.caret
	if c.o == 0 {
		if c.p == 0 {
			return false
		}
		return m.edit(pos{c.p - 1, len(m.buf.paras[c.p-1].text)}, c, nil, kindDeleteBack)
	}
	text := m.buf.paras[c.p].text
	from := c.o - 1
	switch {
	case word:
		from = m.snap(pos{c.p, m.layout(c.p).NextWord(c.o, false)}).o
	case !isPeelable(text[c.o-1]):
		from = m.layout(c.p).NextLogical(c.o, false)
	}
	return m.edit(pos{c.p, from}, c, nil, kindDeleteBack)
}

// deleteForward deletes the selection, or the whole grapheme cluster after
// the caret (a letter with its marks), or joins the next paragraph. With
// word it deletes to the end of the word after the caret.
func (m *model) deleteForward(word bool) bool {
	if m.deleteSelection() {
		return true
	}
	c := m.caret
	if c.o == len(m.buf.paras[c.p].text) {
		if c.p == len(m.buf.paras)-1 {
			return false
		}
		return m.edit(c, pos{c.p + 1, 0}, nil, kindDeleteForward)
	}
	l := m.layout(c.p)
	to := l.NextLogical(c.o, true)
	if word {
		to = m.snapForward(pos{c.p, l.NextWord(c.o, true)}).o
	}
	return m.edit(c, pos{c.p, to}, nil, kindDeleteForward)
}

// enter splits the paragraph at the caret. In a Markdown list item it
// starts the next item (the next number, in the same digits, or the same
// bullet); in an empty list item it removes the marker, ending the list.
// In a block quote ("> ") the new line is quoted too (with the next list
// marker for a list inside the quote); Enter on an empty quoted line
// removes its "> ", ending the quote.
// Single-line models ignore it.
func (m *model) enter() bool {
	if !m.multi || m.readOnly {
		return false
	}
	from, to := m.selection()
	line := m.buf.paras[from.p].text
	q := quotePrefix(line)
	it, ok := parseListItem(line[q:])
	content := q
	if ok {
		content += it.content
	}
	if content == 0 || from.o < content {
		return m.edit(from, to, []rune{'\n'}, kindInput)
	}
	if from == to && strings.TrimSpace(string(line[content:])) == "" {
		// An empty item ends the list (staying in the quote); an empty
		// quoted line ends the quote.
		start := 0
		if ok {
			start = q
		}
		return m.edit(pos{from.p, start}, pos{from.p, len(line)}, nil, kindOther)
	}
	ins := append([]rune{'\n'}, line[:q]...)
	if ok {
		ins = append(ins, it.nextMarker()...)
	}
	return m.edit(from, to, ins, kindInput)
}

// listLines returns the paragraphs the selection touches if every one of
// them is a list item.
func (m *model) listLines() (first, last int, ok bool) {
	from, to := m.selection()
	for p := from.p; p <= to.p; p++ {
		if _, isItem := parseListItem(m.buf.paras[p].text); !isItem {
			return 0, 0, false
		}
	}
	return from.p, to.p, true
}

// indent indents (or with out, outdents) the list items the selection
// touches by one level, as one undo step, and reports whether it did:
// outside a list it does nothing (Tab then moves the focus). One level is
// the content column of the item above at the same indentation (CommonMark
// nesting), or the item's own marker width.
func (m *model) indent(out bool) bool {
	first, last, ok := m.listLines()
	if !ok || m.readOnly {
		return false
	}
	before := m.sel()
	caret, anchor := m.caret, m.anchor
	var changes []change
	for p := first; p <= last; p++ {
		it, _ := parseListItem(m.buf.paras[p].text)
		want := m.levelIndent(p, it, out)
		if want == it.indent {
			continue
		}
		d := want - it.indent
		at := m.buf.offset(pos{p, 0})
		var c change
		if d > 0 {
			c = change{at: at, ins: []rune(strings.Repeat(" ", d))}
			m.apply(pos{p, 0}, pos{p, 0}, c.ins)
		} else {
			c = change{at: at, del: m.buf.slice(pos{p, 0}, pos{p, -d})}
			m.apply(pos{p, 0}, pos{p, -d}, nil)
		}
		changes = append(changes, c)
		shift := func(q *pos) {
			if q.p == p {
				q.o = max(q.o+d, want)
			}
		}
		shift(&caret)
		shift(&anchor)
	}
	if len(changes) == 0 {
		return true
	}
	m.caret, m.anchor, m.upstream, m.hasGoal = caret, anchor, false, false
	m.moved = true
	m.hist.undo = append(m.hist.undo, &step{changes: changes, before: before, after: m.sel(), kind: kindOther, last: m.hist.now()})
	m.hist.redo, m.hist.open = nil, false
	return true
}

// levelIndent returns the indentation item it of paragraph p gets one level
// deeper (or shallower with out).
func (m *model) levelIndent(p int, it listItem, out bool) int {
	for q := p - 1; q >= 0; q-- {
		above, ok := parseListItem(m.buf.paras[q].text)
		if !ok {
			if len(m.buf.paras[q].text) == 0 {
				break
			}
			continue
		}
		switch {
		case out && above.indent < it.indent:
			return above.indent
		case !out && above.indent == it.indent:
			return it.indent + above.markerWidth()
		case !out && above.indent < it.indent:
			return it.indent // already nested under it
		}
	}
	if out {
		return 0
	}
	return it.indent + it.markerWidth()
}

// wrap puts left and right around the selection (Ctrl+B: "**", Ctrl+I:
// "*"), or removes them when they are already just around it, and keeps
// the inner text selected. One undo step.
func (m *model) wrap(left, right string) bool {
	if m.readOnly {
		return false
	}
	from, to := m.selection()
	if from.p != to.p {
		return false // Markdown emphasis does not span paragraphs
	}
	text := m.buf.paras[from.p].text
	l, r := []rune(left), []rune(right)
	if n := wrapped(text, from.o, to.o, l[0]); n >= len(l) && (len(l) == 2 || n%2 == 1) {
		inner := m.buf.slice(from, to)
		m.edit(pos{from.p, from.o - len(l)}, pos{to.p, to.o + len(r)}, inner, kindOther)
		m.anchor = pos{from.p, from.o - len(l)}
		m.fixStep()
		return true
	}
	inner := m.buf.slice(from, to)
	ins := append(append(append([]rune{}, l...), inner...), r...)
	m.edit(from, to, ins, kindOther)
	m.anchor = pos{from.p, from.o + len(l)}
	m.caret = pos{from.p, from.o + len(l) + len(inner)}
	m.fixStep()
	return true
}

// wrapped returns how many marker runes c stand both just before start
// and just after end: "**x**" is bold (2 or more), an odd count is italic.
func wrapped(text []rune, start, end int, c rune) int {
	k, j := 0, 0
	for start-k-1 >= 0 && text[start-k-1] == c {
		k++
	}
	for end+j < len(text) && text[end+j] == c {
		j++
	}
	return min(k, j)
}

// link turns the selection into a Markdown link "[text]()" with the caret
// between the parentheses, where the address goes.
func (m *model) link() bool {
	if m.readOnly {
		return false
	}
	from, to := m.selection()
	inner := m.buf.slice(from, to)
	ins := append(append([]rune{'['}, inner...), ']', '(', ')')
	m.edit(from, to, ins, kindOther)
	m.caret.o--
	m.anchor = m.caret
	if len(inner) == 0 {
		m.caret.o, m.anchor.o = from.o+1, from.o+1
	}
	m.fixStep()
	return true
}

// fixStep records the current selection as the one after the top undo
// step (a command that moved the caret after its edit).
func (m *model) fixStep() {
	if top := m.hist.top(); top != nil {
		top.after = m.sel()
	}
}

// undo undoes the top step and restores the selection before it.
func (m *model) undo() bool {
	if m.readOnly {
		return false
	}
	s := m.hist.popUndo()
	if s == nil {
		return false
	}
	for i := len(s.changes) - 1; i >= 0; i-- {
		c := s.changes[i]
		m.apply(m.buf.pos(c.at), m.buf.pos(c.at+len(c.ins)), c.del)
	}
	m.setSel(s.before)
	return true
}

// redo redoes the top undone step and restores the selection after it.
func (m *model) redo() bool {
	if m.readOnly {
		return false
	}
	s := m.hist.popRedo()
	if s == nil {
		return false
	}
	for _, c := range s.changes {
		m.apply(m.buf.pos(c.at), m.buf.pos(c.at+len(c.del)), c.ins)
	}
	m.setSel(s.after)
	return true
}

// normalizePaste turns pasted CRLF and lone CR into LF, and for a
// single-line model every line break into a space.
func normalizePaste(s string, multi bool) []rune {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if !multi {
		s = strings.ReplaceAll(s, "\n", " ")
	}
	return []rune(s)
}
