package richview

import (
	"image"
	"image/draw"
	"math"

	"fyne.io/fyne/v2/theme"

	"github.com/qalam/policyeditor/editor/document"
	"github.com/qalam/policyeditor/storage"
)

// Screenshot draws page as the view shows it, width×height pixels at scale
// 1 with the application theme's light colours and sizes, without a Fyne
// app or window (for the command line, documentation and tests). A height
// of 0 means as tall as the page. It returns the error of SetPage.
func Screenshot(p storage.Page, width, height int) (image.Image, error) {
	d, err := document.FromPage(p)
	if err != nil {
		return nil, err
	}
	th := NewTheme()
	l := layoutDoc(d, float32(width), metricsOf(th))
	if height <= 0 {
		height = int(l.height + 0.5)
	}
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	rule := th.Color(theme.ColorNameSeparator, theme.VariantLight)
	for i := range l.boxes {
		b := &l.boxes[i]
		// Positions and sizes are rounded up separately, as Fyne's painter does.
		x, y := ceil(b.pos.X), ceil(b.pos.Y)
		r := image.Rect(x, y, x+ceil(b.size.Width), y+ceil(b.size.Height))
		if !r.Overlaps(img.Bounds()) {
			continue
		}
		pal := paletteOf(th, theme.VariantLight, b.kind)
		if b.quote {
			pal.fg = th.Color(theme.ColorNamePlaceHolder, theme.VariantLight)
		}
		for _, bar := range b.bars {
			x, y := ceil(bar.pos.X), ceil(bar.pos.Y)
			br := image.Rect(x, y, x+ceil(bar.size.Width), y+ceil(bar.size.Height))
			draw.Draw(img, br, image.NewUniform(rule), image.Point{}, draw.Over)
		}
		block := drawBox(b, r.Dx(), r.Dy(), pal).(*image.RGBA)
		if b.rule {
			drawRule(block, rule)
		}
		draw.Draw(img, r, block, image.Point{}, draw.Over)
	}
	return img, nil
}

func ceil(v float32) int { return int(math.Ceil(float64(v))) }
