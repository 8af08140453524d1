package textedit

import (
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// This file makes the caret blink while the editor has the focus.

// CaretBlinks is whether editors created from now on blink their caret.
// Tests that compare pixels or run under the Fyne test driver (which runs
// fyne.Do on the calling goroutine) set it to false, or call
// SetCaretBlink(false) on one editor, so the caret stays steady.
var CaretBlinks = true

// blinkInterval is how long the caret is shown, then hidden (Windows'
// default); blinkTimeout is how long after the last key or click the
// caret stops blinking and stays shown (GTK's gtk-cursor-blink-timeout),
// so an idle window does not wake the CPU twice a second.
const (
	blinkInterval = 530 * time.Millisecond
	blinkTimeout  = 10 * time.Second
)

// blinkers counts running blink goroutines (tests check that none is left
// when no editor has the focus).
var blinkers atomic.Int32

// blinkState is the caret's blinking; all fields are used on the UI
// goroutine.
type blinkState struct {
	off      bool          // blinking switched off: the caret is steady
	hidden   bool          // in the hidden phase
	stop     chan struct{} // closes to stop the running ticker; nil: none runs
	last     time.Time     // last key or click
	interval time.Duration // 0: blinkInterval
	now      func() time.Time
}

func (b *blinkState) clock() time.Time {
	if b.now != nil {
		return b.now()
	}
	return time.Now()
}

// SetCaretBlink switches the caret's blinking on or off (off: steady, for
// tests and for users who ask for it).
func (e *Editor) SetCaretBlink(on bool) {
	e.blink.off = !on
	if !on {
		e.stopBlink()
		e.blink.hidden = false
		e.refreshCaret()
		return
	}
	if e.focused {
		e.startBlink()
	}
}

// startBlink shows the caret and (re)starts the ticker, if blinking is on.
func (e *Editor) startBlink() {
	e.blink.hidden = false
	e.blink.last = e.blink.clock()
	if e.blink.off || e.blink.stop != nil {
		return
	}
	stop := make(chan struct{})
	e.blink.stop = stop
	interval := e.blink.interval
	if interval <= 0 {
		interval = blinkInterval
	}
	blinkers.Add(1)
	go func() {
		defer blinkers.Add(-1)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(func() { e.blinkTick(stop) })
			}
		}
	}()
}

// stopBlink stops the ticker; the caret keeps its phase.
func (e *Editor) stopBlink() {
	if e.blink.stop != nil {
		close(e.blink.stop)
		e.blink.stop = nil
	}
}

// blinkTick flips the caret's phase, or after blinkTimeout without a key
// or click shows it and stops the ticker. stop is the ticker's channel: a
// tick of a ticker already stopped does nothing.
func (e *Editor) blinkTick(stop chan struct{}) {
	if e.blink.stop != stop || stop == nil {
		return
	}
	if e.blink.clock().Sub(e.blink.last) >= blinkTimeout {
		e.blink.hidden = false
		e.stopBlink()
	} else {
		e.blink.hidden = !e.blink.hidden
	}
	e.refreshCaret()
}

// activity notes a key or click: the caret is shown at once and blinks
// again if it had stopped.
func (e *Editor) activity() {
	if !e.focused {
		return
	}
	wasHidden := e.blink.hidden
	e.startBlink()
	if wasHidden {
		e.refreshCaret()
	}
}

// refreshCaret shows or hides the caret bar and its tick without touching
// the text.
func (e *Editor) refreshCaret() {
	if e.r == nil || e.r.content.r == nil {
		return
	}
	r := e.r.content.r
	show := e.caretShown()
	r.caret.Hidden, r.tick.Hidden = !show, !show
	canvas.Refresh(r.caret)
	canvas.Refresh(r.tick)
}

// caretShown reports whether the caret is drawn now: while focused, in
// the shown phase, and not over a selection of a read-only editor.
func (e *Editor) caretShown() bool {
	return e.focused && !e.blink.hidden && !(e.m.readOnly && e.m.hasSelection())
}
