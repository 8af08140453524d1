package richview

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/storage"
)

var testMetrics = metrics{pad: 8, textSize: 14, heading: 24, subHeading: 18}

// TestLayoutGeometry checks, without drawing, the placement rules of the
// view: list markers on the reading side of the item (right in RTL, left in
// LTR), nested items indented from that side, RTL lines ending at the right
// edge and LTR lines starting at the left edge.
func TestLayoutGeometry(t *testing.T) {
	const width = 500
	for _, dir := range []storage.Direction{storage.RTL, storage.LTR} {
		md := "1. أول عنصر\n   - فرعي\n2. ثانٍ\n\nفقرة"
		if dir == storage.LTR {
			md = "1. first item\n   - nested\n2. second\n\nparagraph"
		}
		d, err := document.FromMarkdown(md, dir)
		if err != nil {
			t.Fatal(err)
		}
		l := layoutDoc(d, width, testMetrics)
		item, nested, para := l.boxes[0], l.boxes[1], l.boxes[3]
		mark := item.pos.X + item.markPos.X
		text := item.pos.X + item.textPos.X
		right := func(b blockBox) float32 { // right edge of the last glyph of line 0
			ln := b.text.Lines[0]
			return b.pos.X + b.textPos.X + ln.X + ln.Width
		}
		left := func(b blockBox) float32 { return b.pos.X + b.textPos.X + b.text.Lines[0].X }
		content := float32(width) - testMetrics.pad
		switch dir {
		case storage.RTL:
			if mark <= text {
				t.Errorf("rtl: marker at x=%v is not right of the text box at x=%v", mark, text)
			}
			if r := right(para); math.Abs(float64(r-content)) > 1 {
				t.Errorf("rtl: paragraph line ends at x=%v, want the right edge %v", r, content)
			}
			if right(nested) >= right(item)-1 {
				t.Errorf("rtl: nested item ends at x=%v, not indented from the parent's %v", right(nested), right(item))
			}
		case storage.LTR:
			if mark >= text {
				t.Errorf("ltr: marker at x=%v is not left of the text at x=%v", mark, text)
			}
			if x := left(para); math.Abs(float64(x-testMetrics.pad)) > 1 {
				t.Errorf("ltr: paragraph line starts at x=%v, want the left edge %v", x, testMetrics.pad)
			}
			if left(nested) <= left(item)+1 {
				t.Errorf("ltr: nested item starts at x=%v, not indented from the parent's %v", left(nested), left(item))
			}
		}
		if l.height <= para.pos.Y+para.size.Height {
			t.Errorf("%s: layout height %v does not cover the last block", dir, l.height)
		}
	}
}

func TestViewSetPageError(t *testing.T) {
	v, _ := newTestView(t, 400)
	v.SetDoc(mustDoc(t, "قبل", storage.RTL))
	p := englishPage()
	p.Sections[0].Body = "\xff"
	if err := v.SetPage(p); err == nil {
		t.Fatal("SetPage(invalid UTF-8 body) = nil error")
	}
	if got := string(v.Doc().Blocks[0].Text); got != "قبل" {
		t.Errorf("after a failed SetPage the view shows %q, want the previous document", got)
	}
}

// FuzzLayoutDoc lays arbitrary Markdown out (no window) and checks the
// layout invariants the renderer relies on: blocks stacked top to bottom
// inside the content width, every box as tall as its paragraph, and hit
// testing inside each box returning an offset of its text.
func FuzzLayoutDoc(f *testing.F) {
	for _, s := range []string{mixedMD, listMD, englishMD, "1. - x\n\n> q", "`a` [b](c) **d**"} {
		f.Add(s, uint16(300))
	}
	f.Fuzz(func(t *testing.T, md string, w uint16) {
		d, err := document.FromMarkdown(md, storage.RTL)
		if err != nil {
			return
		}
		width := float32(w%2000) + 50
		l := layoutDoc(d, width, testMetrics)
		y := float32(0)
		for _, b := range l.boxes {
			if b.pos.Y < y || b.size.Height < b.text.Height || b.pos.X < testMetrics.pad-0.01 || b.pos.X+b.size.Width > testMetrics.pad+l.content+0.01 {
				t.Fatalf("box %+v %+v out of place (previous bottom %v, content width %v)", b.pos, b.size, y, l.content)
			}
			y = b.pos.Y + b.size.Height
			off := b.text.HitTest(b.size.Width/2, b.size.Height/2)
			if off < 0 || off > b.textLen {
				t.Fatalf("HitTest = %d outside [0,%d]", off, b.textLen)
			}
		}
		if l.height < y {
			t.Fatalf("layout height %v above the last block's bottom %v", l.height, y)
		}
	})
}

func TestViewEmpty(t *testing.T) {
	v, w := newTestView(t, 300)
	w.Canvas().Capture()
	at := &fyne.PointEvent{Position: fyne.NewPos(10, 10)}
	v.MouseDown(&desktop.MouseEvent{PointEvent: *at, Button: desktop.MouseButtonPrimary})
	v.Dragged(&fyne.DragEvent{PointEvent: *at, Dragged: fyne.NewDelta(5, 5)})
	v.DoubleTapped(at)
	v.Tapped(at)
	v.SelectAll()
	if got := v.SelectedText(); got != "" {
		t.Errorf("empty view: SelectedText() = %q", got)
	}
	if h := v.MinSize().Height; h <= 0 || h > 50 {
		t.Errorf("empty view: MinSize height = %v, want just the padding", h)
	}
	v.SetDoc(document.Doc{Blocks: []document.Block{{Kind: document.KindParagraph}}}) // a block without text
	w.Canvas().Capture()
	v.DoubleTapped(at)
	if got := v.SelectedText(); got != "" {
		t.Errorf("empty block: SelectedText() = %q", got)
	}
}

func TestQuoteBarsOnStartSide(t *testing.T) {
	for _, dir := range []storage.Direction{storage.RTL, storage.LTR} {
		md := "> quote\n>\n> > nested"
		if dir == storage.RTL {
			md = "> اقتباس\n>\n> > داخلي"
		}
		d, err := document.FromMarkdown(md, dir)
		if err != nil {
			t.Fatal(err)
		}
		l := layoutDoc(d, 400, testMetrics)
		if n0, n1 := len(l.boxes[0].bars), len(l.boxes[1].bars); n0 != 1 || n1 != 2 {
			t.Fatalf("%s: bars = %d, %d; want 1, 2 (one per quote level)", dir, n0, n1)
		}
		for _, b := range l.boxes {
			for _, bar := range b.bars {
				right := bar.pos.X >= b.pos.X+b.size.Width
				left := bar.pos.X+bar.size.Width <= b.pos.X
				if (dir == storage.RTL && !right) || (dir == storage.LTR && !left) {
					t.Errorf("%s: bar at x=%v is not on the start side of the box [%v, %v]", dir, bar.pos.X, b.pos.X, b.pos.X+b.size.Width)
				}
			}
		}
	}
}
