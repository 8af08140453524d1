// Package richview is a Fyne widget that shows a policy page (or any
// editor/document.Doc) right-to-left correctly: every block is shaped, broken
// into lines and reordered by editor/textlayout, and drawn as a raster at the
// canvas scale. Fyne's own RichText lays Arabic lines out left to right; this
// view does not.
//
// Cost (2-core Xeon shared with other builds, see the benchmarks): setting
// the seed privacy policy (34 blocks, about 3 000 characters) and laying it
// out at 800 px — Markdown parsing, numbering, shaping, line breaking and
// bidi for every block — takes about 2 ms (BenchmarkViewLayoutSeed) once
// textlayout's cache of shaped words is warm and about 18 ms the very first
// time (textlayout's BenchmarkLayoutSeedPageFirst), so it runs on the UI
// thread in SetPage/SetDoc and Resize: at worst one dropped frame when a page
// is first shown; only pages many times longer would make layout off the UI
// thread worth it. Layouts are cached per
// width (the last four widths), so Refresh — theme, selection — never lays
// text out again unless the theme's text sizes changed. Rasterising all
// blocks takes about 3.5 ms at scale 1 and 9 ms at scale 2
// (BenchmarkViewDrawSeed); it happens in Fyne's raster generators when a
// block is first painted or its pixel size or colours change, and the
// images are cached per block.
package richview

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/storage"
)

// maxCachedWidths bounds the per-width layout cache (a window being resized
// goes through many widths; only the last few are worth keeping).
const maxCachedWidths = 4

// View shows a document. Create it with NewView; put it in a
// container.NewVScroll, it reports the laid-out height as its MinSize.
// Text can be selected with the mouse and copied with the copy shortcut.
type View struct {
	widget.BaseWidget

	// OnLinkTapped, if set, is called with the URL of a tapped link instead
	// of opening it in the browser.
	OnLinkTapped func(url string)

	mu       sync.Mutex // guards the fields below (raster generators run on the draw thread)
	doc      document.Doc
	layouts  map[float32]*docLayout // by content width
	order    []float32              // widths in least recently used order
	current  *docLayout
	sel      selection
	selOnly  bool // the next Refresh is for a selection change only
	overLink bool // the pointer is over a link (Cursor)

	// layoutHook, if set, is called each time the document is laid out
	// (tests count layouts with it).
	layoutHook func(width float32)
	// drawHook, if set, is called each time a block is rasterised.
	drawHook func()
}

// NewView returns an empty view.
func NewView() *View {
	v := &View{layouts: map[float32]*docLayout{}}
	v.ExtendBaseWidget(v)
	return v
}

// SetPage shows a policy page. It returns the error of document.FromPage
// (a section body that is not valid UTF-8); the view is unchanged then.
func (v *View) SetPage(p storage.Page) error {
	d, err := document.FromPage(p)
	if err != nil {
		return err
	}
	v.SetDoc(d)
	return nil
}

// SetDoc shows a document, dropping cached layouts and the selection.
func (v *View) SetDoc(d document.Doc) {
	v.mu.Lock()
	v.doc = d
	v.layouts = map[float32]*docLayout{}
	v.order = nil
	v.current = nil
	v.sel = selection{}
	v.mu.Unlock()
	if w := v.Size().Width; w > 0 {
		v.layoutFor(w)
	}
	v.Refresh()
}

// Doc returns the document shown.
func (v *View) Doc() document.Doc {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.doc
}

// Resize lays the document out again when the width changes (from the
// cache when that width was seen before), then resizes the widget.
func (v *View) Resize(s fyne.Size) {
	old := v.Size()
	if s == old {
		return
	}
	if s.Width != old.Width {
		v.layoutFor(s.Width)
	}
	v.BaseWidget.Resize(s)
	if s.Width != old.Width {
		v.Refresh() // MinSize height changed: let the scroll container know
	}
}

// MinSize is a small width and the height of the document laid out at the
// current width.
func (v *View) MinSize() fyne.Size {
	v.ExtendBaseWidget(v)
	m := newMetrics(v)
	min := fyne.NewSize(m.textSize*8+2*m.pad, 2*m.pad)
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.current != nil {
		min.Height = v.current.height
	}
	return min
}

// layoutFor makes the layout at widget width w current, from the cache or by
// laying the document out, and returns it.
func (v *View) layoutFor(w float32) *docLayout {
	m := newMetrics(v)
	v.mu.Lock()
	defer v.mu.Unlock()
	if l, ok := v.layouts[w]; ok && l.metrics == m {
		v.current = l
		v.touch(w)
		return l
	}
	if v.layoutHook != nil {
		v.layoutHook(w)
	}
	l := layoutDoc(v.doc, w, m)
	if len(v.order) >= maxCachedWidths {
		delete(v.layouts, v.order[0])
		v.order = v.order[1:]
	}
	v.layouts[w] = l
	v.touch(w)
	v.current = l
	return l
}

// touch moves w to the most recently used end of the order.
func (v *View) touch(w float32) {
	for i, x := range v.order {
		if x == w {
			v.order = append(v.order[:i], v.order[i+1:]...)
			break
		}
	}
	v.order = append(v.order, w)
}

// CreateRenderer is part of fyne.Widget.
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	v.ExtendBaseWidget(v)
	return &renderer{view: v}
}

// currentLayout returns the layout for widget width w, laying out only if
// the width or the theme's text sizes changed since the current one.
func (v *View) currentLayout(w float32) *docLayout {
	if w <= 0 {
		return nil
	}
	m := newMetrics(v)
	v.mu.Lock()
	l := v.current
	v.mu.Unlock()
	if l != nil && l.width == w && l.metrics == m {
		return l
	}
	return v.layoutFor(w)
}

// refreshSelection redraws the selection without touching the text rasters.
func (v *View) refreshSelection() {
	v.mu.Lock()
	v.selOnly = true
	v.mu.Unlock()
	v.Refresh()
}

// takeSelectionOnly reports and clears the selection-only refresh flag.
func (v *View) takeSelectionOnly() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	s := v.selOnly
	v.selOnly = false
	return s
}

// BlockTop returns the y offset of the top of block i of the document in
// the current layout, for scrolling a block into view, and false before the
// view is laid out or when there is no block i.
func (v *View) BlockTop(i int) (float32, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.current == nil || i < 0 || i >= len(v.current.boxes) {
		return 0, false
	}
	return v.current.boxes[i].pos.Y, true
}
