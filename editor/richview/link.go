package richview

import (
	"net/url"

	"fyne.io/fyne/v2"
)

var _ fyne.Tappable = (*View)(nil)

// Tapped follows a link under the pointer: OnLinkTapped is called with its
// URL, or, when that is nil, http, https and mailto links are opened with
// the system browser (fyne.App.OpenURL).
func (v *View) Tapped(e *fyne.PointEvent) {
	u := v.linkAt(e.Position)
	if u == "" {
		return
	}
	if v.OnLinkTapped != nil {
		v.OnLinkTapped(u)
		return
	}
	parsed, err := url.Parse(u)
	if err != nil {
		return
	}
	switch parsed.Scheme {
	case "http", "https", "mailto":
		_ = fyne.CurrentApp().OpenURL(parsed)
	}
}

// linkAt returns the URL of the link drawn under p, or "".
func (v *View) linkAt(p fyne.Position) string {
	l := v.currentLayout(v.Size().Width)
	if l == nil {
		return ""
	}
	for i := range l.boxes {
		b := &l.boxes[i]
		if p.Y < b.pos.Y || p.Y >= b.pos.Y+b.size.Height {
			continue
		}
		for _, lr := range b.links {
			for _, r := range b.text.SelectionRects(lr.start, lr.end) {
				x, y := p.X-b.pos.X-b.textPos.X, p.Y-b.pos.Y-b.textPos.Y
				if x >= r.X && x < r.X+r.Width && y >= r.Y && y < r.Y+r.Height {
					return lr.url
				}
			}
		}
	}
	return ""
}
