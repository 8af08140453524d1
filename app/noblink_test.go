//go:build !nogui

package app

import "github.com/qalam/policyeditor/editor/textedit"

// The caret of every editor these tests make stays steady: a blinking
// caret ticks on its own goroutine, and Fyne's test driver runs its
// fyne.Do there, so it would draw on a window while a test reads or
// captures it (the race detector reports it, and a capture could catch a
// canvas half refreshed). textedit's own tests cover blinking.
func init() { textedit.CaretBlinks = false }
