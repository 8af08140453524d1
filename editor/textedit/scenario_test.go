//go:build !nogui

package textedit

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/qalam/policyeditor/assets"
)

// These tests are an administrator's week with the editor, driven through
// the widget's event methods in a headless Fyne test window.

func shiftPress(e *Editor, keys ...fyne.KeyName) {
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	press(e, keys...)
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
}

// sampleParagraph returns the index of the first paragraph of the sample
// policy that contains s.
func sampleParagraph(t *testing.T, e *Editor, s string) int {
	t.Helper()
	for i, p := range e.m.buf.paras {
		if strings.Contains(string(p.text), s) {
			return i
		}
	}
	t.Fatalf("the sample policy has no paragraph with %q", s)
	return -1
}

func TestScenarioEditSamplePolicy(t *testing.T) {
	policy := strings.ReplaceAll(string(assets.SamplePolicy), "\r\n", "\n")
	e, _ := newTestEditor(t, policy, fyne.NewSize(600, 400))
	p := sampleParagraph(t, e, "(www.qlmlearn.com)")
	text := string(e.m.buf.paras[p].text)
	word := "الشفافية"
	at := len([]rune(text[:strings.Index(text, word)])) + len([]rune(word))
	click(e, pointOf(e, p, at), 0)
	if e.m.caret != (pos{p, at}) {
		t.Fatalf("click after %q: caret %v, want %v", word, e.m.caret, pos{p, at})
	}
	test.Type(e, " و")
	want := strings.Replace(policy, word, word+" و", 1)
	if e.Text() != want {
		t.Fatalf("typing in the policy changed something else")
	}
	g := e.m.caretGeom()
	if w := trailingEdge(t, e.m, p, at+1); !near(g.x, w) {
		t.Errorf("caret x %v after typing, want the trailing edge %v of the typed letter", g.x, w)
	}
	ctrl(e, fyne.KeyZ, 0)
	if e.Text() != policy {
		t.Error("undo did not give the policy back")
	}
}

func TestScenarioSelectAcrossDirectionBoundaryAndType(t *testing.T) {
	e, _ := newTestEditor(t, "منصة قلم Qalam للتعليم", fyne.NewSize(500, 100))
	e.SetCaretOffset(5) // before قلم
	// Shift+Left in an RTL line moves forward (visually left): over قلم,
	// the space, then into Qalam.
	for range 6 {
		shiftPress(e, fyne.KeyLeft)
	}
	sel := e.SelectedText()
	if !strings.HasPrefix(sel, "قلم ") || !strings.Contains(sel, "Q") {
		t.Fatalf("Shift+Left×6 from before قلم selected %q, want قلم and the start of Qalam", sel)
	}
	test.Type(e, "س")
	got := e.Text()
	if want := "منصة " + "س" + strings.TrimPrefix("قلم Qalam للتعليم", sel); got != want {
		t.Errorf("typing over the selection: %q, want %q", got, want)
	}
	if e.m.hasSelection() {
		t.Error("selection left after typing over it")
	}
	ctrl(e, fyne.KeyZ, 0)
	if e.Text() != "منصة قلم Qalam للتعليم" || e.SelectedText() != sel {
		t.Errorf("undo: %q with %q selected, want the text back with %q selected", e.Text(), e.SelectedText(), sel)
	}
}

func TestScenarioPasteMixedCRLFThenUndo(t *testing.T) {
	clk := newTestClock()
	e, _ := newTestEditor(t, "المقدمة", fyne.NewSize(500, 200))
	e.m.useClock(clk)
	e.SetCaretOffset(7)
	cb := testClipboard("\r\nسياسة Qalam\r\nPrivacy policy (v2)\r\n")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	want := "المقدمة\nسياسة Qalam\nPrivacy policy (v2)\n"
	if e.Text() != want {
		t.Fatalf("paste: %q, want %q", e.Text(), want)
	}
	if n := len(e.m.buf.paras); n != 4 {
		t.Errorf("%d paragraphs after paste, want 4", n)
	}
	if !e.m.buf.paras[1].rtl || e.m.buf.paras[2].rtl {
		t.Error("pasted paragraphs: want RTL then LTR")
	}
	if e.CaretOffset() != len([]rune(want)) {
		t.Errorf("caret %d after paste, want the end of the pasted text", e.CaretOffset())
	}
	test.Type(e, "نهاية")
	ctrl(e, fyne.KeyZ, 0)
	if e.Text() != want {
		t.Errorf("first undo: %q, want only the typing undone", e.Text())
	}
	ctrl(e, fyne.KeyZ, 0)
	if e.Text() != "المقدمة" {
		t.Errorf("second undo: %q, want the paste undone", e.Text())
	}
	ctrl(e, fyne.KeyY, 0)
	ctrl(e, fyne.KeyY, 0)
	if e.Text() != want+"نهاية" {
		t.Errorf("redo twice: %q", e.Text())
	}
}

func TestScenarioShiftEndInRTLLineWithURL(t *testing.T) {
	line := "زوروا موقعنا www.qlmlearn.com للمزيد"
	e, _ := newTestEditor(t, line+"\nثان", fyne.NewSize(600, 100))
	e.SetCaretOffset(6)
	shiftPress(e, fyne.KeyEnd)
	if got := e.SelectedText(); got != "موقعنا www.qlmlearn.com للمزيد" {
		t.Errorf("Shift+End: %q", got)
	}
	l := e.m.layout(0)
	g := e.m.caretGeom()
	if ln := l.Lines[0]; !near(g.x, ln.X) {
		t.Errorf("Shift+End in an RTL line: caret x %v, want the line's left edge %v", g.x, ln.X)
	}
	shiftPress(e, fyne.KeyHome)
	if got := e.SelectedText(); got != "زوروا " {
		t.Errorf("Shift+Home after Shift+End: %q, want the range from the anchor to the start", got)
	}
}

// wrappedMixed has an Arabic paragraph and an English one, each wrapping
// at 220 px.
const wrappedMixed = "سياسة الخصوصية لموقع منصة قلم التعليمية المحدثة\nThis privacy policy explains what Qalam collects"

func TestScenarioUpDownAcrossWrappedLinesOfBothDirections(t *testing.T) {
	e, _ := newTestEditor(t, wrappedMixed, fyne.NewSize(220, 400))
	l0, l1 := e.m.layout(0), e.m.layout(1)
	if len(l0.Lines) < 2 || len(l1.Lines) < 2 {
		t.Fatalf("want both paragraphs wrapped: %d and %d lines", len(l0.Lines), len(l1.Lines))
	}
	e.SetCaretOffset(0) // right edge of the Arabic paragraph
	x0 := e.m.caretGeom().x
	total := len(l0.Lines) + len(l1.Lines)
	for range total - 1 {
		prevY := e.m.caretGeom().y
		press(e, fyne.KeyDown)
		g := e.m.caretGeom()
		if g.y <= prevY {
			t.Fatalf("Down did not go down: y %v after %v", g.y, prevY)
		}
	}
	if e.m.caret.p != 1 || e.m.caretLine(e.m.caret, e.m.upstream) != len(l1.Lines)-1 {
		t.Errorf("after %d Downs: caret %v on line %d, want the last line", total-1, e.m.caret, e.m.caretLine(e.m.caret, e.m.upstream))
	}
	for range total - 1 {
		press(e, fyne.KeyUp)
	}
	if e.m.caret != (pos{0, 0}) || !near(e.m.caretGeom().x, x0) {
		t.Errorf("Up as often as Down: caret %v x %v, want back at 0, x %v (the goal x is kept)", e.m.caret, e.m.caretGeom().x, x0)
	}
}

func TestScenarioHomeEndOnWrappedLines(t *testing.T) {
	e, _ := newTestEditor(t, wrappedMixed, fyne.NewSize(220, 400))
	l := e.m.layout(0)
	ln := l.Lines[1]
	e.SetCaretOffset(ln.Start + 2)
	press(e, fyne.KeyEnd)
	g := e.m.caretGeom()
	if e.m.caret.o != ln.End && e.m.caret.o != len(e.m.buf.paras[0].text) {
		t.Errorf("End on wrapped line 2: offset %d, want its end %d", e.m.caret.o, ln.End)
	}
	if !near(g.x, ln.X) || e.m.caretLine(e.m.caret, e.m.upstream) != 1 {
		t.Errorf("End on an RTL line: caret at x %v line %d, want its left edge %v on line 1", g.x, e.m.caretLine(e.m.caret, e.m.upstream), ln.X)
	}
	press(e, fyne.KeyHome)
	if e.m.caret.o != ln.Start || !near(e.m.caretGeom().x, ln.X+ln.Width) {
		t.Errorf("Home: offset %d x %v, want %d at the right edge %v", e.m.caret.o, e.m.caretGeom().x, ln.Start, ln.X+ln.Width)
	}
	// English paragraph: Home at the left, End at the right.
	l1 := e.m.layout(1)
	e.SetCaretOffset(len(e.m.buf.paras[0].text) + 1 + l1.Lines[0].Start + 3)
	press(e, fyne.KeyEnd)
	if g := e.m.caretGeom(); e.m.caretLine(e.m.caret, e.m.upstream) != 0 || g.x < l1.Lines[0].X+l1.Lines[0].Width-0.01 {
		t.Errorf("End on an LTR wrapped line: line %d x %v, want line 0 at its right edge", e.m.caretLine(e.m.caret, e.m.upstream), g.x)
	}
	press(e, fyne.KeyHome)
	if g := e.m.caretGeom(); e.m.caret.o != 0 || !near(g.x, l1.Lines[0].X) {
		t.Errorf("Home on an LTR line: %v x %v", e.m.caret, g.x)
	}
}

func TestScenarioBackspaceAtParagraphStartJoins(t *testing.T) {
	e, _ := newTestEditor(t, "البند الأول\nEnglish text\nالبند الثاني", fyne.NewSize(500, 200))
	e.SetCaretOffset(len([]rune("البند الأول\nEnglish text\n")))
	press(e, fyne.KeyBackspace)
	if e.Text() != "البند الأول\nEnglish textالبند الثاني" {
		t.Fatalf("Backspace at paragraph start: %q", e.Text())
	}
	if e.m.caret != (pos{1, 12}) {
		t.Errorf("caret %v after the join, want at the join (1, 12)", e.m.caret)
	}
	if e.m.buf.paras[1].rtl {
		t.Error("joined paragraph took the Arabic direction; its first strong letter is Latin")
	}
	e.SetCaretOffset(len([]rune("البند الأول\n")))
	press(e, fyne.KeyBackspace)
	if e.Text() != "البند الأولEnglish textالبند الثاني" || !e.m.buf.paras[0].rtl {
		t.Errorf("second join: %q rtl=%v", e.Text(), e.m.buf.paras[0].rtl)
	}
	// The caret moved between the two Backspaces: two undo steps.
	ctrl(e, fyne.KeyZ, 0)
	if e.Text() != "البند الأول\nEnglish textالبند الثاني" {
		t.Errorf("first undo: %q", e.Text())
	}
	ctrl(e, fyne.KeyZ, 0)
	if e.Text() != "البند الأول\nEnglish text\nالبند الثاني" || e.CaretOffset() != len([]rune("البند الأول\nEnglish text\n")) {
		t.Errorf("second undo: %q caret %d", e.Text(), e.CaretOffset())
	}
}

func TestScenarioTypingAtEndOfLatinRunInArabicLine(t *testing.T) {
	e, _ := newTestEditor(t, "الموقع abc هنا", fyne.NewSize(500, 100))
	e.SetCaretOffset(10) // after "abc"
	test.Type(e, "d")
	if e.Text() != "الموقع abcd هنا" {
		t.Fatalf("text %q", e.Text())
	}
	g := e.m.caretGeom()
	if w := trailingEdge(t, e.m, 0, 10); !near(g.x, w) {
		t.Errorf("caret x %v after typing d, want d's trailing (right) edge %v", g.x, w)
	}
	if g.rtl {
		t.Error("direction tick points the Arabic way after typing a Latin letter; the next letter joins the Latin run")
	}
	test.Type(e, "e")
	if e.Text() != "الموقع abcde هنا" {
		t.Errorf("second letter: %q", e.Text())
	}
	// Left moves visually: back over "e" in the Latin run.
	press(e, fyne.KeyLeft)
	if e.CaretOffset() != 11 {
		t.Errorf("Left in a Latin run: caret %d, want 11", e.CaretOffset())
	}
}

func TestScenarioVeryLongWord(t *testing.T) {
	word := strings.Repeat("ب", 150) + strings.Repeat("x", 150)
	e, _ := newTestEditor(t, word, fyne.NewSize(200, 300))
	if n := len(e.m.layout(0).Lines); n < 3 {
		t.Fatalf("a 300-letter word in 200 px: %d lines, want it broken", n)
	}
	press(e, fyne.KeyEnd)
	li := e.m.caretLine(e.m.caret, e.m.upstream)
	press(e, fyne.KeyEnd)
	if e.m.caretLine(e.m.caret, e.m.upstream) != li {
		t.Error("End pressed twice on a broken word moved to another line")
	}
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEnd, Modifier: fyne.KeyModifierControl})
	ctrl(e, fyne.KeyBackspace, 0)
	if e.Text() != strings.Repeat("ب", 150) && e.Text() != "" {
		t.Errorf("Ctrl+Backspace after a 300-letter word left %d runes", len([]rune(e.Text())))
	}
}

func TestScenarioEmptyParagraphs(t *testing.T) {
	e, _ := newTestEditor(t, "أول\n\n\nآخر", fyne.NewSize(300, 300))
	e.SetCaretOffset(0)
	press(e, fyne.KeyDown, fyne.KeyDown)
	if e.m.caret != (pos{2, 0}) {
		t.Fatalf("Down twice into empty paragraphs: %v", e.m.caret)
	}
	if !e.m.buf.paras[2].rtl {
		t.Error("an empty line under Arabic is not right to left")
	}
	g := e.m.caretGeom()
	if l := e.m.layout(2); !near(g.x, l.Width) && g.x < l.Width-1 {
		t.Errorf("caret in an empty RTL line at x %v, want the right edge %v", g.x, l.Width)
	}
	test.Type(e, "Note")
	if e.Text() != "أول\n\nNote\nآخر" || e.m.buf.paras[2].rtl {
		t.Errorf("typing in an empty line: %q rtl=%v", e.Text(), e.m.buf.paras[2].rtl)
	}
	press(e, fyne.KeyUp)
	if e.m.caret.p != 1 {
		t.Errorf("Up from line 3: %v", e.m.caret)
	}
	press(e, fyne.KeyDelete)
	if e.Text() != "أول\nNote\nآخر" {
		t.Errorf("Delete in an empty line: %q", e.Text())
	}
}

func TestScenarioReadOnlyAdministrator(t *testing.T) {
	e, _ := newTestEditor(t, "نص منشور Published", fyne.NewSize(400, 100))
	e.SetReadOnly(true)
	changed := false
	e.OnChanged = func(string) { changed = true }
	cb := testClipboard("X")
	test.Type(e, "abc")
	press(e, fyne.KeyBackspace, fyne.KeyDelete, fyne.KeyReturn)
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	ctrl(e, fyne.KeyB, 0)
	shiftPress(e, fyne.KeyEnd)
	e.TypedShortcut(&fyne.ShortcutCut{Clipboard: cb})
	ctrl(e, fyne.KeyZ, 0)
	e.Replace(0, 2, "x")
	if e.Text() != "نص منشور Published" || changed {
		t.Errorf("read-only editor changed: %q (OnChanged %v)", e.Text(), changed)
	}
	if cb.Content() != "نص منشور Published" {
		t.Errorf("cut in a read-only editor should copy: clipboard %q", cb.Content())
	}
	if e.AcceptsTab() {
		t.Error("a read-only editor keeps Tab")
	}
}

func TestScenarioSingleLinePastedNewlines(t *testing.T) {
	test.NewTempApp(t)
	e := NewSingleLine()
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(400, 60))
	w.Canvas().Focus(e)
	e.SetText("العنوان")
	e.SetCaretOffset(7)
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: testClipboard(": سياسة\r\nالخصوصية\nPolicy\r")})
	if got := e.Text(); got != "العنوان: سياسة الخصوصية Policy " {
		t.Errorf("single-line paste: %q", got)
	}
	press(e, fyne.KeyReturn)
	if strings.Contains(e.Text(), "\n") || len(e.m.buf.paras) != 1 {
		t.Error("Enter broke a single-line editor")
	}
	e.SetText("a\nb")
	if e.Text() != "a b" {
		t.Errorf("SetText with a newline in a single-line editor: %q", e.Text())
	}
}

func TestScenarioUndoGroupsSurvivePauseWhileTyping(t *testing.T) {
	clk := newTestClock()
	e, _ := newTestEditor(t, "", fyne.NewSize(400, 100))
	e.m.useClock(clk)
	for _, w := range []string{"يحق ", "للمنصة "} {
		for _, r := range w {
			test.Type(e, string(r))
			clk.advance(100 * time.Millisecond)
		}
		clk.advance(time.Second)
	}
	ctrl(e, fyne.KeyZ, 0)
	if e.Text() != "يحق " {
		t.Errorf("undo after a pause: %q", e.Text())
	}
}

func TestScenarioTypeOverSelectionIsOneUndoStep(t *testing.T) {
	clk := newTestClock()
	e, _ := newTestEditor(t, "يحق للمنصة Qalam التعديل", fyne.NewSize(500, 100))
	e.m.useClock(clk)
	e.Select(4, 10) // للمنصة
	test.Type(e, "لنا")
	if e.Text() != "يحق لنا Qalam التعديل" {
		t.Fatalf("typing over the selection: %q", e.Text())
	}
	ctrl(e, fyne.KeyZ, 0)
	if e.Text() != "يحق للمنصة Qalam التعديل" || e.SelectedText() != "للمنصة" {
		t.Errorf("one undo after typing over a selection: %q, selected %q; want the word and its selection back (CodeMirror)", e.Text(), e.SelectedText())
	}
}
