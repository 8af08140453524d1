//go:build !nogui

package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/publish/deploy"
	"github.com/qalam/policyeditor/storage"
)

// publishAllService publishes every page to one target.
type publishAllService interface {
	Targets(ctx context.Context) ([]storage.Target, error)
	PublishAll(ctx context.Context, target string, progress func(done, total int)) ([]deploy.Result, error)
}

// publishAllScreen publishes every page to a chosen target with a
// progress bar, then says how many pages were written, unchanged or failed.
type publishAllScreen struct {
	ctx        context.Context
	svc        publishAllService
	win        fyne.Window
	background func(func())

	targetSelect *widget.Select
	bar          *widget.ProgressBar
	status       *uiText
	startBtn     *widget.Button
	closeBtn     *widget.Button
	dlg          *dialog.CustomDialog
}

func newPublishAllScreen(ctx context.Context, win fyne.Window, svc publishAllService) *publishAllScreen {
	s := &publishAllScreen{ctx: ctx, svc: svc, win: win, background: func(f func()) { go f() }}
	s.targetSelect = widget.NewSelect(nil, func(string) { s.startBtn.Enable() })
	s.bar = widget.NewProgressBar()
	s.status = newUIText("")
	s.startBtn = widget.NewButton(lang.X("publishall.start", "Publish all"), s.onStart)
	s.startBtn.Importance = widget.HighImportance
	s.startBtn.Disable()
	s.closeBtn = widget.NewButton(lang.X("common.close", "Close"), func() { s.dlg.Hide() })
	return s
}

func (s *publishAllScreen) show() {
	body := container.NewVBox(
		newUIText(lang.X("publishall.text", "Every page is published to the target; pages whose content did not change are left as they are.")),
		beside(widget.NewLabel(lang.X("publish.target", "Target")), s.targetSelect), s.bar, s.status)
	s.dlg = newDialog(lang.X("publishall.title", "Publish all pages"), body, s.win, s.closeBtn, s.startBtn)
	s.dlg.Resize(fyne.NewSize(520, 0))
	s.dlg.Show()
	s.background(func() {
		ts, err := s.svc.Targets(s.ctx)
		fyne.Do(func() {
			if err != nil {
				showError(s.win, err)
				return
			}
			var names []string
			for _, t := range ts {
				names = append(names, t.Name)
			}
			s.targetSelect.SetOptions(names)
			if len(names) > 0 {
				s.targetSelect.SetSelectedIndex(indexOf(names, deploy.DefaultTargetName))
			}
		})
	})
}

func (s *publishAllScreen) onStart() {
	name := s.targetSelect.Selected
	if name == "" {
		return
	}
	s.startBtn.Disable()
	s.closeBtn.Disable()
	s.bar.SetValue(0)
	s.background(func() {
		results, err := s.svc.PublishAll(s.ctx, name, func(done, total int) {
			fyne.Do(func() { s.progress(done, total) })
		})
		fyne.Do(func() { s.finished(results, err) })
	})
}

func (s *publishAllScreen) progress(done, total int) {
	if total > 0 {
		s.bar.SetValue(float64(done) / float64(total))
	}
	s.status.SetText(lang.X("publishall.progress", "{{.Done}} of {{.Total}} pages…", map[string]any{"Done": done, "Total": total}))
}

func (s *publishAllScreen) finished(results []deploy.Result, err error) {
	s.closeBtn.Enable()
	s.startBtn.Enable()
	s.bar.SetValue(1)
	written := 0
	for _, r := range results {
		if !r.Unchanged {
			written++
		}
	}
	s.status.SetText(lang.X("publishall.done", "{{.Count}} page(s) published: {{.Written}} written, {{.Unchanged}} unchanged.",
		map[string]any{"Count": len(results), "Written": written, "Unchanged": len(results) - written}))
	if err != nil {
		showError(s.win, err)
	}
}
