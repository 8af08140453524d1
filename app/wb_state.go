//go:build !nogui

package app

import (
	"fyne.io/fyne/v2"
	"github.com/google/uuid"
)

// Preference keys of the place the user left off.
const (
	prefPage      = "workbench.page"
	prefSection   = "workbench.section"
	prefIndex     = "workbench.sectionIndex"
	prefCaret     = "workbench.caret"
	prefInHeading = "workbench.inHeading"
	prefScroll    = "workbench.previewScroll"
)

// placeState is where the user was: page, section, caret, preview scroll.
type placeState struct {
	page      uuid.UUID
	section   uuid.UUID
	index     int
	caret     int
	inHeading bool
	scroll    float32
}

// sectionIndex finds the remembered section: by id, else by position.
func (r *placeState) sectionIndex(secs []*secState) int {
	for i, s := range secs {
		if id, _ := s.ref.get(); id == r.section && id != uuid.Nil {
			return i
		}
	}
	return max(0, min(r.index, len(secs)-1))
}

// restoredPage reads the place left off from preferences and returns its
// page (uuid.Nil on the very first start: the first page opens, with the
// caret at the start of its first section's body).
func (w *workbench) restoredPage() uuid.UUID {
	id, err := uuid.Parse(w.prefs.String(prefPage))
	if err != nil {
		return uuid.Nil
	}
	sec, _ := uuid.Parse(w.prefs.String(prefSection))
	w.restoring = &placeState{page: id, section: sec, index: w.prefs.Int(prefIndex),
		caret: w.prefs.Int(prefCaret), inHeading: w.prefs.Bool(prefInHeading),
		scroll: float32(w.prefs.Float(prefScroll))}
	return id
}

// savePlace remembers the page, section, caret, preview scroll, window
// size and split positions; only what changed is written.
func (w *workbench) savePlace() {
	if !w.opened {
		return
	}
	p := w.prefs
	setString(p, prefPage, w.page.ID.String())
	if w.sel >= 0 && w.sel < len(w.secs) {
		id, _ := w.secs[w.sel].ref.get()
		setString(p, prefSection, id.String())
		setInt(p, prefIndex, w.sel)
		inHeading := w.isFocused(w.heading)
		caret := w.body.CaretOffset()
		if inHeading {
			caret = w.heading.CaretOffset()
		}
		setInt(p, prefCaret, caret)
		setBool(p, prefInHeading, inHeading)
	}
	setFloat(p, prefScroll, float64(w.previewBox.Offset.Y))
	w.saveLayout()
}

// saveLayout remembers the window size and the split positions.
func (w *workbench) saveLayout() {
	p := w.prefs
	if s := w.win.Canvas().Size(); s.Width > 0 && s.Height > 0 {
		setFloat(p, prefWindowWidth, float64(s.Width))
		setFloat(p, prefWindowHeight, float64(s.Height))
	}
	if w.outerSplit != nil {
		listsW, editorW, pagesH := w.splitFractions()
		setFloat(p, prefListsWidth, listsW)
		setFloat(p, prefEditorWidth, editorW)
		setFloat(p, prefPagesHeight, pagesH)
	}
}

// windowSize is the window size left off, or the default.
func (w *workbench) windowSize() fyne.Size {
	return fyne.NewSize(float32(w.prefs.FloatWithFallback(prefWindowWidth, defaultWindowWidth)),
		float32(w.prefs.FloatWithFallback(prefWindowHeight, defaultWindowHeight)))
}

// restoreScroll puts the preview back where it was once the page is shown.
func (w *workbench) restoreScroll(y float32) {
	w.previewBox.Offset.Y = y
	w.previewBox.Refresh()
}

// The set helpers write a preference only when it changes: every write
// rewrites Fyne's preferences file.
func setString(p fyne.Preferences, k, v string) {
	if p.String(k) != v {
		p.SetString(k, v)
	}
}

func setInt(p fyne.Preferences, k string, v int) {
	if p.IntWithFallback(k, v-1) != v {
		p.SetInt(k, v)
	}
}

func setBool(p fyne.Preferences, k string, v bool) {
	if p.BoolWithFallback(k, !v) != v {
		p.SetBool(k, v)
	}
}

func setFloat(p fyne.Preferences, k string, v float64) {
	if p.FloatWithFallback(k, v-1) != v {
		p.SetFloat(k, v)
	}
}
