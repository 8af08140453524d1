//go:build !nogui

package textedit

import (
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestMain(m *testing.M) {
	// The Fyne test driver runs fyne.Do on the calling goroutine: a
	// blinking caret would race with the test and flicker in captures.
	CaretBlinks = false
	os.Exit(m.Run())
}

// waitNoBlinkers waits (up to 5 s) for every blink goroutine to end.
func waitNoBlinkers(t *testing.T) {
	t.Helper()
	for i := 0; blinkers.Load() != 0; i++ {
		if i == 500 {
			t.Fatalf("%d blink goroutines still running", blinkers.Load())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestCaretBlinksOnlyWhileFocused(t *testing.T) {
	test.NewTempApp(t)
	e := NewMultiLine()
	e.SetText("نص")
	e.blink.interval = time.Hour // the ticker never fires: ticks are driven by hand
	clk := newTestClock()
	e.blink.now = clk.now
	e.SetCaretBlink(true)
	w := test.NewTempWindow(t, e)
	w.Resize(fyne.NewSize(300, 100))
	if blinkers.Load() != 0 || e.blink.stop != nil {
		t.Fatal("an unfocused editor runs a blink timer")
	}
	w.Canvas().Focus(e)
	stop := e.blink.stop
	if stop == nil || blinkers.Load() != 1 {
		t.Fatalf("focused: blink timer running=%v goroutines=%d, want one", stop != nil, blinkers.Load())
	}
	caret := e.r.content.r.caret
	if caret.Hidden {
		t.Fatal("caret hidden right after focusing")
	}
	clk.advance(blinkInterval)
	e.blinkTick(stop)
	if !caret.Hidden {
		t.Error("a blink tick did not hide the caret")
	}
	e.blinkTick(stop)
	if caret.Hidden {
		t.Error("the next tick did not show it again")
	}
	e.blinkTick(stop)
	test.Type(e, "x")
	if caret.Hidden {
		t.Error("typing did not show the caret at once")
	}
	clk.advance(blinkTimeout)
	e.blinkTick(stop)
	if caret.Hidden || e.blink.stop != nil {
		t.Errorf("after %v idle: caret hidden=%v, timer running=%v; want shown and stopped", blinkTimeout, caret.Hidden, e.blink.stop != nil)
	}
	waitNoBlinkers(t)
	e.blinkTick(stop) // a late tick of the stopped timer does nothing
	if caret.Hidden {
		t.Error("a tick of a stopped timer hid the caret")
	}
	press(e, fyne.KeyRight)
	if e.blink.stop == nil {
		t.Error("a key after the idle stop did not start blinking again")
	}
	w.Canvas().Unfocus()
	if e.blink.stop != nil {
		t.Error("unfocused editor kept its blink timer")
	}
	waitNoBlinkers(t)
	if !caret.Hidden {
		t.Error("caret shown in an unfocused editor")
	}
}

func TestCaretBlinkSwitch(t *testing.T) {
	e, _ := newTestEditor(t, "نص", fyne.NewSize(300, 100))
	if e.blink.stop != nil {
		t.Fatal("CaretBlinks=false: a new editor blinks")
	}
	e.blink.interval = time.Hour
	e.SetCaretBlink(true)
	stop := e.blink.stop
	if stop == nil {
		t.Fatal("SetCaretBlink(true) on a focused editor did not start blinking")
	}
	e.blinkTick(stop)
	e.SetCaretBlink(false)
	if e.blink.stop != nil || e.r.content.r.caret.Hidden {
		t.Error("SetCaretBlink(false) left the timer running or the caret hidden")
	}
	e.blinkTick(stop)
	if e.r.content.r.caret.Hidden {
		t.Error("a tick after SetCaretBlink(false) hid the caret")
	}
	waitNoBlinkers(t)
}
