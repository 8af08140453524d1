package richview

import (
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/editor/textlayout"
	"github.com/qalam/policyeditor/storage"
)

// Label is a one-line text widget that gets mixed Arabic and Latin right,
// for places where Fyne's widget.Label would scramble the word order (page
// titles in a list, headings in a toolbar): the text is laid out by
// textlayout with its direction taken from its text as the view does for
// blocks (document.TextDir: first strong character, URLs and e-mail
// addresses skipped; left to right when there is none) and aligned to that
// side (right for Arabic). It does not wrap: when the label is given less
// width than its MinSize (a narrow list column), the text is cut at its
// logical end and "…" added. Its height matches widget.Label's padding.
type Label struct {
	widget.BaseWidget

	mu    sync.Mutex
	text  string
	bold  bool
	para  *textlayout.Paragraph
	built float32 // text size the paragraph was laid out at

	fitted   *textlayout.Paragraph // the text cut to fit fitWidth, with an ellipsis
	fitWidth float32
}

// NewLabel returns a label showing text.
func NewLabel(text string) *Label {
	l := &Label{text: text}
	l.ExtendBaseWidget(l)
	return l
}

// NewBoldLabel returns a label showing text in bold.
func NewBoldLabel(text string) *Label {
	l := &Label{text: text, bold: true}
	l.ExtendBaseWidget(l)
	return l
}

// SetText changes the text.
func (l *Label) SetText(text string) {
	l.mu.Lock()
	if l.text == text {
		l.mu.Unlock()
		return
	}
	l.text, l.para, l.fitted = text, nil, nil
	l.mu.Unlock()
	l.Refresh()
}

// Text returns the text shown.
func (l *Label) Text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.text
}

// paragraph lays the text out at the theme's text size, once per text and size.
func (l *Label) paragraph() *textlayout.Paragraph {
	size := l.Theme().Size(theme.SizeNameText)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.para == nil || l.built != size {
		runes := []rune(l.text)
		l.para = textlayout.Layout(textlayout.Params{
			Text: runes, Dir: dirOf(document.TextDir(runes, storage.LTR)), Size: size, LineHeight: 1.3,
			Spans: []textlayout.Span{{Start: 0, End: len(runes), Style: textlayout.Style{Bold: l.bold}}},
		})
		l.built = size
		l.fitted = nil // the shortened copy was laid out at the old size
	}
	return l.para
}

// MinSize is the text's width and line height plus the inner padding.
func (l *Label) MinSize() fyne.Size {
	l.ExtendBaseWidget(l)
	p := l.paragraph()
	pad := l.Theme().Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(p.Width+2*pad, p.Height+2*pad)
}

// CreateRenderer is part of fyne.Widget.
func (l *Label) CreateRenderer() fyne.WidgetRenderer {
	l.ExtendBaseWidget(l)
	r := &labelRenderer{label: l}
	r.raster = canvas.NewRaster(r.draw)
	r.raster.ScaleMode = canvas.ImageScalePixels
	return r
}

type labelRenderer struct {
	label  *Label
	raster *canvas.Raster
}

func (r *labelRenderer) Destroy() {}

func (r *labelRenderer) Layout(s fyne.Size) { r.raster.Resize(s) }

func (r *labelRenderer) MinSize() fyne.Size { return r.label.MinSize() }

func (r *labelRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.raster} }

func (r *labelRenderer) Refresh() {
	r.raster.Resize(r.label.Size())
	canvas.Refresh(r.label)
}

// draw rasterises the text at the pixel size the painter asks for, aligned
// to the side of its direction and centred vertically.
func (r *labelRenderer) draw(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	size := r.label.Size()
	if size.Width <= 0 || w <= 0 {
		return img
	}
	scale := float32(w) / size.Width
	th := r.label.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	p := r.label.fit(size.Width - 2*pad)
	x := pad
	if p.Level%2 == 1 { // right to left: align right
		x = size.Width - pad - p.Width
	}
	y := (size.Height - p.Height) / 2
	fg := th.Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant())
	p.Draw(img, image.Pt(px(x, scale), px(y, scale)), scale, fg)
	return img
}

// fit returns the paragraph, or when it is wider than width the longest
// logical prefix of the text followed by "…" that fits (cached per width).
func (l *Label) fit(width float32) *textlayout.Paragraph {
	p := l.paragraph()
	if p.Width <= width {
		return p
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fitted != nil && l.fitWidth == width {
		return l.fitted
	}
	runes := p.Text()
	dir := dirOf(document.TextDir(runes, storage.LTR))
	lay := func(n int) *textlayout.Paragraph {
		t := append(append([]rune{}, runes[:n]...), '…')
		return textlayout.Layout(textlayout.Params{Text: t, Dir: dir, Size: l.built, LineHeight: 1.3,
			Spans: []textlayout.Span{{Start: 0, End: len(t), Style: textlayout.Style{Bold: l.bold}}}})
	}
	lo, hi := 0, len(runes) // lay(lo) is the best found so far
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if lay(mid).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	l.fitted, l.fitWidth = lay(lo), width
	return l.fitted
}
