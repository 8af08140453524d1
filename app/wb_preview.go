//go:build !nogui

package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/storage"
)

// previewer keeps the preview up to date while the user types: the page
// is stamped with the date publishing would write and turned into a
// document off the UI goroutine; refreshes asked for while one is running
// are coalesced into one more. It also scrolls the preview to the block
// under the caret. UI goroutine only.
type previewer struct {
	w           *workbench
	busy        bool  // a refresh is running
	again       bool  // another was asked for meanwhile
	starts      []int // first block of each section in the document shown
	heads       []int // heading blocks (0 or 1) of each section
	following   bool
	followAgain bool
	// restoreY, if set, is where the next refresh puts the preview (the
	// scroll position left off) before following the caret.
	restoreY *float32
	// onShown, if set, is called after each refresh is shown (tests, benchmarks).
	onShown func()
}

func newPreviewer(w *workbench) *previewer { return &previewer{w: w} }

// refresh shows the open page as edited here.
func (p *previewer) refresh() {
	if p.busy {
		p.again = true
		return
	}
	p.busy = true
	w := p.w
	page, opened := w.currentPage(), w.opened
	w.background(func() {
		doc, starts, heads, err := buildPreview(w, page, opened)
		fyne.Do(func() { p.show(doc, starts, heads, err) })
	})
}

// buildPreview stamps the page and builds its document and section map;
// it runs off the UI goroutine.
func buildPreview(w *workbench, page storage.Page, opened bool) (document.Doc, []int, []int, error) {
	if !opened {
		return document.Doc{}, nil, nil, nil
	}
	if w.stamp != nil {
		stamped, err := w.stamp(w.ctx, page)
		if err != nil {
			return document.Doc{}, nil, nil, err
		}
		page = stamped
	}
	doc, err := document.FromPage(page)
	if err != nil {
		return document.Doc{}, nil, nil, err
	}
	starts, heads := sectionBlocks(page)
	return doc, starts, heads, nil
}

// sectionBlocks returns, for each section of p, the index of its first
// block in document.FromPage(p) and how many heading blocks it starts with.
func sectionBlocks(p storage.Page) (starts, heads []int) {
	head := p
	head.Sections = nil
	n := 0
	if d, err := document.FromPage(head); err == nil {
		n = len(d.Blocks)
	}
	for _, s := range p.Sections {
		one := storage.Page{Dir: p.Dir, Lang: p.Lang, Numbering: p.Numbering, Sections: []storage.Section{s}}
		all, body := 0, 0
		if d, err := document.FromPage(one); err == nil {
			all = len(d.Blocks)
		}
		if d, err := document.FromMarkdown(s.Body, p.Dir); err == nil {
			body = len(d.Blocks)
		}
		starts, heads = append(starts, n), append(heads, all-body)
		n += all
	}
	return starts, heads
}

func (p *previewer) show(doc document.Doc, starts, heads []int, err error) {
	p.busy = false
	if err != nil {
		p.w.showError(fmt.Errorf("%s: %w", lang.L("Could not show the preview"), err))
	} else {
		p.w.preview.SetDoc(doc)
		p.starts, p.heads = starts, heads
		if y := p.restoreY; y != nil {
			p.restoreY = nil
			p.w.restoreScroll(*y)
		}
		p.follow()
	}
	if p.onShown != nil {
		p.onShown()
	}
	if p.again {
		p.again = false
		p.refresh()
	}
}

// follow scrolls the preview to the block under the caret: the section's
// heading when the caret is in the heading, else the body block it is in.
func (p *previewer) follow() {
	w := p.w
	if w.sel < 0 || w.sel >= len(p.starts) {
		return
	}
	if p.following {
		p.followAgain = true
		return
	}
	p.following = true
	sel, inHeading := w.sel, w.isFocused(w.heading)
	body, caret := w.body.Text(), w.body.CaretOffset()
	dir := w.page.Dir
	w.background(func() {
		k := 0
		if !inHeading {
			k = blockAtCaret(body, caret, dir)
		}
		fyne.Do(func() {
			p.following = false
			if sel < len(p.starts) {
				block := p.starts[sel]
				if !inHeading {
					block += p.heads[sel] + k
				}
				p.scrollTo(block)
			}
			if p.followAgain {
				p.followAgain = false
				p.follow()
			}
		})
	})
}

// blockAtCaret is the index of the Markdown block of body that holds the
// rune offset caret.
func blockAtCaret(body string, caret int, dir storage.Direction) int {
	r := []rune(body)
	caret = max(0, min(caret, len(r)))
	prefix := string(r[:caret])
	d, err := document.FromMarkdown(prefix, dir)
	if err != nil || len(d.Blocks) == 0 {
		return 0
	}
	n := len(d.Blocks) - 1
	if strings.HasSuffix(strings.TrimRight(prefix, " \t"), "\n\n") {
		n++ // the caret starts a new paragraph
	}
	return n
}

// scrollTo scrolls the preview so that block i is in view (a fifth of the
// way down), unless it is in view already.
func (p *previewer) scrollTo(i int) {
	box := p.w.previewBox
	y, ok := p.w.preview.BlockTop(i)
	if !ok {
		return
	}
	h := box.Size().Height
	off := box.Offset.Y
	if y >= off && y <= off+0.8*h {
		return
	}
	box.Offset.Y = max(0, min(y-0.2*h, p.w.preview.MinSize().Height-h))
	box.Refresh()
}
