package textedit

import "time"

// This file is the undo history. It does not import Fyne.

// groupDelay is the pause after which typing starts a new undo step
// (CodeMirror's newGroupDelay and ProseMirror's history default).
const groupDelay = 500 * time.Millisecond

// editKind says how an edit joins the undo step before it.
type editKind uint8

const (
	// kindOther edits are steps of their own (paste, cut, formatting,
	// Replace, indenting).
	kindOther editKind = iota
	// kindInput is typing (and Enter): it joins the typing just before it.
	kindInput
	// kindDeleteBack is Backspace: it joins the Backspaces just before it.
	kindDeleteBack
	// kindDeleteForward is Delete: it joins the Deletes just before it.
	kindDeleteForward
)

// change is one replacement: at rune offset at, del was replaced by ins.
type change struct {
	at       int
	del, ins []rune
}

// selState is a caret and anchor as rune offsets, with the caret's
// affinity, to restore on undo and redo.
type selState struct {
	caret, anchor int
	aff           affinity
}

// step is one undo step: its changes in the order they were made, and the
// selection before and after.
type step struct {
	changes       []change
	before, after selState
	kind          editKind
	last          time.Time // time of its latest change
}

// history holds the undo and redo stacks.
type history struct {
	undo, redo []*step
	open       bool // the top undo step may take more typing
	now        func() time.Time
}

// close stops the top step from taking more edits (a caret move, a focus
// change).
func (h *history) close() { h.open = false }

// clear drops both stacks.
func (h *history) clear() { h.undo, h.redo, h.open = nil, nil, false }

// record adds a change made with kind, merging it into the top step when
// the CodeMirror/ProseMirror rule allows: same kind of typing or deleting,
// less than groupDelay after the step's last change, and adjacent to it.
func (h *history) record(c change, kind editKind, before, after selState) {
	now := h.now()
	h.redo = nil
	if top := h.top(); top != nil && h.open && kind != kindOther && top.kind == kind &&
		now.Sub(top.last) < groupDelay && adjacent(top.changes[len(top.changes)-1], c, kind) {
		top.changes = append(top.changes, c)
		top.after, top.last = after, now
		return
	}
	h.undo = append(h.undo, &step{changes: []change{c}, before: before, after: after, kind: kind, last: now})
	h.open = kind != kindOther
}

func (h *history) top() *step {
	if len(h.undo) == 0 {
		return nil
	}
	return h.undo[len(h.undo)-1]
}

// adjacent reports whether c continues prev: typing right after it,
// Backspace right before it, Delete at the same place.
func adjacent(prev, c change, kind editKind) bool {
	switch kind {
	case kindInput:
		return c.at == prev.at+len(prev.ins)
	case kindDeleteBack:
		return c.at+len(c.del) == prev.at && len(c.ins) == 0
	case kindDeleteForward:
		return c.at == prev.at && len(c.ins) == 0
	}
	return false
}

// popUndo takes the top undo step, moving it to the redo stack.
func (h *history) popUndo() *step {
	s := h.top()
	if s == nil {
		return nil
	}
	h.undo = h.undo[:len(h.undo)-1]
	h.redo = append(h.redo, s)
	h.open = false
	return s
}

// popRedo takes the top redo step, moving it back to the undo stack.
func (h *history) popRedo() *step {
	if len(h.redo) == 0 {
		return nil
	}
	s := h.redo[len(h.redo)-1]
	h.redo = h.redo[:len(h.redo)-1]
	h.undo = append(h.undo, s)
	h.open = false
	return s
}
