package textedit

import (
	"image"
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/bidi"
	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/editor/textlayout"
	"github.com/qalam/policyeditor/storage"
)

// lineHeight is the editor's line box, × the text size: the Naskh face's
// marks need more room than Latin text.
const lineHeight = 1.6

// caretWidth is the caret bar's width and tickLength the length of its
// direction tick, in Fyne units.
const (
	caretWidth = 2
	tickLength = 5
)

// editorRenderer draws the editor's frame and holds the scrolled content
// (multi-line) or the content itself (single line).
type editorRenderer struct {
	e       *Editor
	bg      *canvas.Rectangle
	content *content
	scroll  *container.Scroll
	objects []fyne.CanvasObject
}

func newEditorRenderer(e *Editor) *editorRenderer {
	r := &editorRenderer{e: e, bg: canvas.NewRectangle(color.Transparent)}
	r.content = newContent(e)
	body := fyne.CanvasObject(r.content)
	if e.m.multi {
		r.scroll = container.NewVScroll(r.content)
		r.scroll.OnScrolled = func(fyne.Position) { r.content.place() }
		body = r.scroll
	}
	r.objects = []fyne.CanvasObject{r.bg, body}
	r.applyTheme()
	return r
}

func (r *editorRenderer) Destroy() {}

func (r *editorRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Layout lays the text out at the new width (only when it changed) and
// sizes the frame and the scroller.
func (r *editorRenderer) Layout(size fyne.Size) {
	th := r.e.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	r.e.m.setLayout(max(size.Width-2*pad, 1), th.Size(theme.SizeNameText), lineHeight)
	r.e.m.viewHeight = size.Height - 2*pad
	r.bg.Resize(size)
	if r.scroll != nil {
		r.scroll.Resize(size)
		r.scroll.Refresh()
		return
	}
	r.content.Resize(size)
}

// MinSize is eight text sizes wide; a multi-line editor is three lines
// high, a single-line one as high as its text.
func (r *editorRenderer) MinSize() fyne.Size {
	th := r.e.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	ts := th.Size(theme.SizeNameText)
	if r.scroll != nil {
		return fyne.NewSize(ts*8+2*pad, 3*ts*lineHeight+2*pad)
	}
	return fyne.NewSize(ts*8+2*pad, max(r.e.m.height(), ts*lineHeight)+2*pad)
}

// Refresh follows theme changes (a new text size lays the text out again)
// and redraws.
func (r *editorRenderer) Refresh() {
	if size := r.e.Size(); size.Width > 0 {
		th := r.e.Theme()
		pad := th.Size(theme.SizeNameInnerPadding)
		r.e.m.setLayout(max(size.Width-2*pad, 1), th.Size(theme.SizeNameText), lineHeight)
	}
	r.applyTheme()
	canvas.Refresh(r.bg)
	r.refreshContent()
}

// refreshContent redraws the text, selection and caret.
func (r *editorRenderer) refreshContent() {
	if r.scroll != nil {
		r.scroll.Refresh() // also refreshes the content
		return
	}
	r.content.Refresh()
}

func (r *editorRenderer) applyTheme() {
	th := r.e.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.bg.StrokeWidth = th.Size(theme.SizeNameInputBorder)
	r.bg.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
	if r.e.focused {
		r.bg.StrokeColor = th.Color(theme.ColorNamePrimary, v)
	}
}

// refreshContent redraws the editor's text after a change.
func (e *Editor) refreshContent() {
	if e.r != nil {
		e.r.refreshContent()
	}
}

// scrollToCaret scrolls the least needed to show the caret's line.
func (e *Editor) scrollToCaret() {
	if e.r == nil || e.r.scroll == nil {
		return
	}
	s := e.r.scroll
	pad := e.Theme().Size(theme.SizeNameInnerPadding)
	g := e.m.caretGeom()
	off := s.Offset
	vh := s.Size().Height
	top, bottom := g.y, g.y+g.h+2*pad
	switch {
	case top < off.Y:
		off.Y = top
	case bottom > off.Y+vh:
		off.Y = bottom - vh
	}
	if off != s.Offset {
		s.ScrollToOffset(off)
		e.r.content.place()
	}
}

// content is the text area: one raster per paragraph, the selection behind
// them and the caret in front. In a multi-line editor it sits in a
// vertical scroller.
type content struct {
	widget.BaseWidget
	e *Editor
	r *contentRenderer
}

func newContent(e *Editor) *content {
	c := &content{e: e}
	c.ExtendBaseWidget(c)
	return c
}

// MinSize is the height of the laid-out text plus padding.
func (c *content) MinSize() fyne.Size {
	pad := c.e.Theme().Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(0, c.e.m.height()+2*pad)
}

func (c *content) CreateRenderer() fyne.WidgetRenderer {
	c.ExtendBaseWidget(c)
	r := &contentRenderer{c: c, views: map[*para]*paraView{},
		caret: canvas.NewRectangle(color.Transparent), tick: canvas.NewRectangle(color.Transparent),
		repaint: canvas.NewRectangle(color.Transparent)}
	r.repaint.Resize(fyne.NewSize(1, 1))
	c.r = r
	return r
}

// place moves the paragraph rasters after a scroll, hiding those out of
// view (they are not rasterised until they scroll in).
func (c *content) place() {
	if c.r != nil {
		c.r.place()
		canvas.Refresh(c.r.repaint)
	}
}

// contentRenderer keeps one paraView per paragraph. Refresh rasterises
// again only the paragraphs whose layout changed, and asks the canvas for
// a repaint through a permanent one-pixel rectangle (refreshing the
// widget itself would drop every paragraph's texture).
type contentRenderer struct {
	c           *content
	views       map[*para]*paraView
	list        []*paraView
	sel         []*canvas.Rectangle
	marks       []*canvas.Rectangle
	caret, tick *canvas.Rectangle
	placeholder *paraView
	repaint     *canvas.Rectangle
	objects     []fyne.CanvasObject
}

func (r *contentRenderer) Destroy() {}

func (r *contentRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *contentRenderer) MinSize() fyne.Size { return r.c.MinSize() }

func (r *contentRenderer) Layout(fyne.Size) { r.Refresh() }

// Refresh brings the rasters, selection and caret up to date.
func (r *contentRenderer) Refresh() {
	e := r.c.e
	m := e.m
	m.ensure()
	th := e.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	seen := make(map[*para]bool, len(m.buf.paras))
	r.list = r.list[:0]
	for _, p := range m.buf.paras {
		pv := r.views[p]
		if pv == nil {
			pv = newParaView()
			r.views[p] = pv
		}
		pv.set(p.lay, p.gen, fg, m.size)
		seen[p] = true
		r.list = append(r.list, pv)
	}
	for p := range r.views {
		if !seen[p] {
			delete(r.views, p)
		}
	}
	r.updatePlaceholder(th, v)
	r.updateSelection(th, v)
	r.updateMarks(th, v)
	r.updateCaret(th, v)
	r.place()
	r.objects = r.objects[:0]
	r.objects = append(r.objects, r.repaint)
	for _, s := range r.sel {
		r.objects = append(r.objects, s)
	}
	if r.placeholder != nil {
		for _, lv := range r.placeholder.lines {
			r.objects = append(r.objects, lv.ras)
		}
	}
	for _, pv := range r.list {
		for _, lv := range pv.lines {
			r.objects = append(r.objects, lv.ras)
		}
	}
	for _, k := range r.marks {
		r.objects = append(r.objects, k)
	}
	r.objects = append(r.objects, r.caret, r.tick)
	canvas.Refresh(r.repaint)
}

// place positions the paragraph rasters and hides those out of view.
func (r *contentRenderer) place() {
	e := r.c.e
	pad := e.Theme().Size(theme.SizeNameInnerPadding)
	top, bottom := float32(-1e9), float32(1e9)
	if e.r != nil && e.r.scroll != nil {
		top = e.r.scroll.Offset.Y - pad
		bottom = top + e.r.scroll.Size().Height + 2*pad
	}
	for i, pv := range r.list {
		if i >= len(e.m.buf.paras) {
			break // SetText left fewer paragraphs: the next Refresh rebuilds the list
		}
		pv.place(pad, pad+e.m.buf.paras[i].y, e.m.width, top, bottom)
	}
	if r.placeholder != nil {
		r.placeholder.place(pad, pad, e.m.width, top, bottom)
	}
}

func (r *contentRenderer) updatePlaceholder(th fyne.Theme, v fyne.ThemeVariant) {
	e := r.c.e
	if e.placeholder == "" || e.m.buf.Len() > 0 {
		r.placeholder = nil
		return
	}
	if r.placeholder == nil {
		r.placeholder = newParaView()
	}
	text := []rune(e.placeholder)
	dir := dirOf(document.TextDir(text, storage.RTL))
	lay := r.placeholder.lay
	if lay == nil || string(lay.Text()) != e.placeholder || lay.Width != e.m.width {
		lay = textlayout.Layout(textlayout.Params{Text: text, Dir: dir, Width: e.m.width, Size: e.m.size, LineHeight: e.m.lineHeight})
	}
	gen := r.placeholder.gen
	if lay != r.placeholder.lay {
		gen++
	}
	r.placeholder.set(lay, gen, th.Color(theme.ColorNamePlaceHolder, v), e.m.size)
}

func (r *contentRenderer) updateSelection(th fyne.Theme, v fyne.ThemeVariant) {
	e := r.c.e
	rects := e.m.selectionRects()
	col := th.Color(theme.ColorNameSelection, v)
	pad := th.Size(theme.SizeNameInnerPadding)
	for len(r.sel) < len(rects) {
		r.sel = append(r.sel, canvas.NewRectangle(col))
	}
	r.sel = r.sel[:len(rects)]
	for i, rc := range rects {
		s := r.sel[i]
		s.FillColor = col
		s.Move(fyne.NewPos(pad+rc.X, pad+rc.Y))
		s.Resize(fyne.NewSize(rc.Width, rc.Height))
	}
}

// updateMarks places the underlines of the marks, under the text.
func (r *contentRenderer) updateMarks(th fyne.Theme, v fyne.ThemeVariant) {
	rects := r.c.e.m.markRects()
	errCol, warnCol := th.Color(theme.ColorNameError, v), th.Color(theme.ColorNameWarning, v)
	pad := th.Size(theme.SizeNameInnerPadding)
	for len(r.marks) < len(rects) {
		r.marks = append(r.marks, canvas.NewRectangle(warnCol))
	}
	r.marks = r.marks[:len(rects)]
	for i, rc := range rects {
		k := r.marks[i]
		k.FillColor = warnCol
		if rc.err {
			k.FillColor = errCol
		}
		k.Move(fyne.NewPos(pad+rc.X, pad+rc.Y))
		k.Resize(fyne.NewSize(rc.Width, rc.Height))
		k.Refresh()
	}
}

// updateCaret places the caret bar and its direction tick, shown while the
// editor has the focus.
func (r *contentRenderer) updateCaret(th fyne.Theme, v fyne.ThemeVariant) {
	e := r.c.e
	show := e.caretShown()
	r.caret.Hidden, r.tick.Hidden = !show, !show
	if !e.focused {
		return
	}
	col := th.Color(theme.ColorNamePrimary, v)
	r.caret.FillColor, r.tick.FillColor = col, col
	pad := th.Size(theme.SizeNameInnerPadding)
	g := e.m.caretGeom()
	x := pad + g.x - caretWidth/2
	r.caret.Move(fyne.NewPos(x, pad+g.y))
	r.caret.Resize(fyne.NewSize(caretWidth, g.h))
	tx := x + caretWidth
	if g.rtl {
		tx = x - tickLength
	}
	r.tick.Move(fyne.NewPos(tx, pad+g.y))
	r.tick.Resize(fyne.NewSize(tickLength, caretWidth))
}

// paraView draws one paragraph as one raster per visual line. A new
// layout redraws only the lines whose ink changed (sameInk); the others
// keep their images and are only moved.
type paraView struct {
	lay   *textlayout.Paragraph
	gen   int
	col   color.Color
	size  float32
	lines []*lineView
}

// lineView is the raster of one line. Its generator runs when the painter
// needs the pixels (a new texture: the line changed, scrolled into view
// after its texture was dropped, or the scale changed) and draws the line
// it was last given. The image is not kept: the painter keeps the texture,
// and a section's worth of line images would cost tens of megabytes.
type lineView struct {
	ras *canvas.Raster

	mu   sync.Mutex
	lay  *textlayout.Paragraph
	li   int
	col  color.Color
	size float32
	done bool // drawn since the line last changed
}

func newParaView() *paraView { return &paraView{} }

// set gives the view a layout and colour, refreshing the rasters of the
// lines that look different, and reports whether the set of rasters
// changed.
func (pv *paraView) set(lay *textlayout.Paragraph, gen int, col color.Color, size float32) bool {
	if pv.lay == lay && pv.gen == gen && pv.col == col && pv.size == size {
		return false
	}
	old := pv.lay
	recolour := pv.col != col || pv.size != size
	pv.lay, pv.gen, pv.col, pv.size = lay, gen, col, size
	grown := len(lay.Lines) != len(pv.lines)
	for len(pv.lines) < len(lay.Lines) {
		lv := &lineView{}
		lv.ras = canvas.NewRaster(lv.draw)
		lv.ras.ScaleMode = canvas.ImageScalePixels
		pv.lines = append(pv.lines, lv)
	}
	pv.lines = pv.lines[:len(lay.Lines)]
	if recolour {
		old = nil
	}
	changed := inkChanged(old, lay)
	for i, lv := range pv.lines {
		keep := !changed[i]
		lv.mu.Lock()
		lv.lay, lv.li, lv.col, lv.size = lay, i, col, size
		if !keep {
			lv.done = false
		}
		lv.mu.Unlock()
		if !keep {
			canvas.Refresh(lv.ras)
		}
	}
	return grown
}

// place positions the line rasters of a paragraph whose top is at y
// (content coordinates, padding included), hiding those outside
// [top, bottom].
func (pv *paraView) place(x, y, width, top, bottom float32) {
	for i, lv := range pv.lines {
		t, h := lineBox(pv.lay, i, pv.size)
		lv.ras.Move(fyne.NewPos(x, y+t))
		lv.ras.Resize(fyne.NewSize(width, h))
		lv.ras.Hidden = y+t+h < top || y+t > bottom
	}
}

func (lv *lineView) draw(w, h int) image.Image {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	if lv.lay != nil && lv.lay.Width > 0 && w > 0 {
		drawLine(img, lv.lay, lv.li, lv.size, float32(w)/lv.lay.Width, lv.col)
	}
	lv.done = true
	return img
}

func dirOf(d storage.Direction) bidi.Direction {
	if d == storage.LTR {
		return bidi.LTR
	}
	return bidi.RTL
}
