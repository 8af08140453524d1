//go:build !nogui

// Command hello is the peer of bench/run's start-up row: the smallest Fyne
// program that opens a window (a label in it), built and started the same
// way as Policy Editor, so the ratio shows what our start-up adds to
// Fyne's own.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("com.qalam.policyeditor.bench.hello")
	w := a.NewWindow("Hello")
	w.SetContent(widget.NewLabel("Hello, world"))
	w.Resize(fyne.NewSize(1200, 800))
	w.ShowAndRun()
}
