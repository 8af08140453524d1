package textedit

import (
	"testing"
	"time"
)

func TestUndoGroupsTypingUntilPause(t *testing.T) {
	clk := newTestClock()
	m := newTestModel("", 0).useClock(clk)
	for _, r := range "سلام" {
		m.typeRune(r)
		clk.advance(200 * time.Millisecond)
	}
	clk.advance(400 * time.Millisecond) // 600 ms since the last key
	for _, r := range " عليكم" {
		m.typeRune(r)
		clk.advance(100 * time.Millisecond)
	}
	if len(m.hist.undo) != 2 {
		t.Fatalf("undo steps = %d, want 2", len(m.hist.undo))
	}
	m.undo()
	if got := m.buf.String(); got != "سلام" || offsetOf(m) != 4 {
		t.Fatalf("after one undo: %q caret %d, want %q caret 4", got, offsetOf(m), "سلام")
	}
	m.undo()
	if got := m.buf.String(); got != "" {
		t.Fatalf("after two undos: %q", got)
	}
	m.redo()
	m.redo()
	if got := m.buf.String(); got != "سلام عليكم" || offsetOf(m) != 10 {
		t.Fatalf("after two redos: %q caret %d", got, offsetOf(m))
	}
}

func TestUndoStepEndsAtCaretMove(t *testing.T) {
	clk := newTestClock()
	m := newTestModel("", 0).useClock(clk)
	typeString(m, "ab")
	m.horizontal(false, false, false)
	m.horizontal(true, false, false)
	typeString(m, "cd")
	if len(m.hist.undo) != 2 {
		t.Errorf("undo steps = %d, want 2 (the caret move ends a step)", len(m.hist.undo))
	}
}

func TestUndoStepsOfTheirOwn(t *testing.T) {
	clk := newTestClock()
	m := newTestModel("", 0).useClock(clk)
	typeString(m, "ab")
	m.insert([]rune("PASTE"), kindOther)
	typeString(m, "cd")
	m.backspace(false)
	m.backspace(false)
	// typing, paste, typing, backspaces
	if len(m.hist.undo) != 4 {
		t.Fatalf("undo steps = %d, want 4", len(m.hist.undo))
	}
	for _, want := range []string{"abPASTEcd", "abPASTE", "ab", ""} {
		m.undo()
		if got := m.buf.String(); got != want {
			t.Fatalf("undo: %q, want %q", got, want)
		}
	}
	if m.undo() {
		t.Error("undo with an empty history did something")
	}
}

func TestNewEditClearsRedo(t *testing.T) {
	m := newTestModel("", 0).useClock(newTestClock())
	typeString(m, "ab")
	m.undo()
	typeString(m, "x")
	if m.redo() {
		t.Error("redo after a new edit")
	}
}
