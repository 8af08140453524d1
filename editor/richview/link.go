package richview

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
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

var _ desktop.Hoverable = (*View)(nil)

// MouseIn is part of desktop.Hoverable.
func (v *View) MouseIn(e *desktop.MouseEvent) { v.MouseMoved(e) }

// MouseMoved remembers whether the pointer is over a link, for Cursor.
func (v *View) MouseMoved(e *desktop.MouseEvent) {
	over := v.linkAt(e.Position) != ""
	v.mu.Lock()
	v.overLink = over
	v.mu.Unlock()
}

// MouseOut is part of desktop.Hoverable.
func (v *View) MouseOut() {
	v.mu.Lock()
	v.overLink = false
	v.mu.Unlock()
}

// Cursor is the pointing hand over links and the text cursor elsewhere.
func (v *View) Cursor() desktop.Cursor {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.overLink {
		return desktop.PointerCursor
	}
	return desktop.TextCursor
}
