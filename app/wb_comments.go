//go:build !nogui

package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"github.com/google/uuid"

	"github.com/qalam/policyeditor/editor/richview"
	"github.com/qalam/policyeditor/editor/textedit"
	"github.com/qalam/policyeditor/storage"
)

// The comments tab shows the open comments of the selected section. The
// page's open comments are read off the UI goroutine when a page opens,
// after a comment is added or resolved and when the store changes
// elsewhere; writes go through the saver, behind the edits queued before
// them (a comment on a section just added waits for its insert).

// commentForm is the dialog that asks for a new comment's text.
type commentForm struct {
	dlg  dialog.Dialog
	text *textedit.Editor
	ok   func() // what the dialog's confirm button does (tests)
}

// loadComments reads the open page's open comments.
func (w *workbench) loadComments() {
	if !w.opened {
		w.pageComments, w.openComments = nil, 0
		w.showComments()
		return
	}
	w.commentsGen++
	gen, pageID := w.commentsGen, w.page.ID
	w.background(func() {
		cs, err := w.db.FindComments(w.ctx, pageID, true) // resolved too: the panel can show them
		fyne.Do(func() {
			if gen != w.commentsGen || !w.opened || w.page.ID != pageID {
				return // a newer read was asked for, or another page opened
			}
			if err != nil {
				w.showError(fmt.Errorf("%s: %w", tr("review.comments.loadFailed"), err))
				return
			}
			w.pageComments = cs
			w.showComments()
			open := 0
			for _, c := range cs {
				if !c.Resolved {
					open++
				}
			}
			if w.openComments != open {
				w.openComments = open // the page line counts them
				w.updatePageInfo()
			}
		})
	})
}

// showComments shows the open comments of the selected section, or of
// every section ("all sections"), resolved ones too when asked. The tab
// counts the open comments it would show.
func (w *workbench) showComments() {
	var id uuid.UUID
	if w.opened && w.sel >= 0 && w.sel < len(w.secs) {
		id, _ = w.secs[w.sel].ref.get()
	}
	all, resolved := w.comments.allSections.Checked, w.comments.resolved.Checked
	at := map[uuid.UUID]int{} // positions as numbered here, before a move is saved
	for i, s := range w.secs {
		if sid, _ := s.ref.get(); sid != uuid.Nil {
			at[sid] = i
		}
	}
	var cs []storage.Comment
	open := 0
	for _, c := range w.pageComments {
		if !all && (id == uuid.Nil || c.SectionID != id) || c.Resolved && !resolved {
			continue
		}
		c.SectionPosition = -1 // its section was deleted
		if i, ok := at[c.SectionID]; ok {
			c.SectionPosition = i
		}
		if !c.Resolved {
			open++
		}
		cs = append(cs, c)
	}
	w.comments.setComments(cs)
	w.side.setCount(tabComments, open)
}

// onAddComment asks for a comment on the selected section.
func (w *workbench) onAddComment() {
	if w.sel < 0 {
		w.setMessage(tr("review.comments.noSection"))
		return
	}
	f := &commentForm{text: textedit.NewMultiLine()}
	f.text.SetPlaceholder(tr("review.comments.placeholder"))
	sel := w.secs[w.sel]
	f.ok = func() { w.addComment(sel, f.text.Text()) }
	box := container.NewBorder(richview.NewBoldLabel(w.sectionTitle(w.sel)), nil, nil, nil,
		container.NewGridWrap(fyne.NewSize(420, 160), f.text))
	f.dlg = dialog.NewCustomConfirm(tr("review.comments.addTitle"), tr("review.comments.addButton"), tr("review.cancel"),
		box, func(ok bool) {
			if ok {
				f.ok()
			}
		}, w.win)
	w.commentDlg = f
	f.dlg.Show()
	focusEditor(w, f.text)
}

// addComment stores text as a comment by the window's person on section
// s, once the writes queued before it are done.
func (w *workbench) addComment(s *secState, text string) {
	text = strings.TrimSpace(text)
	if text == "" || !w.opened {
		return
	}
	pageID, ref, author := w.page.ID, s.ref, w.personName()
	w.saver.enqueue("", func(ctx context.Context) error {
		id, _ := ref.get()
		c := storage.Comment{PageID: pageID, SectionID: id, Author: author, Text: text}
		err := w.db.CreateComment(ctx, &c)
		if errors.Is(err, storage.ErrNotFound) || errors.Is(err, storage.ErrInvalid) {
			fyne.Do(func() { w.showError(fmt.Errorf("%s: %w", tr("review.comments.addFailed"), err)) })
			return nil
		}
		if err != nil {
			return err
		}
		fyne.Do(func() {
			w.setMessage(tr("review.comments.added"))
			w.loadComments()
		})
		return nil
	})
}

// onResolveComment marks a comment resolved by the window's person; it
// leaves the list at once.
func (w *workbench) onResolveComment(c storage.Comment) {
	if !w.opened || c.PageID != w.page.ID {
		return
	}
	pageID, person := w.page.ID, w.personName()
	// shown resolved at once (hidden unless "resolved too" is ticked)
	w.pageComments = slices.Clone(w.pageComments)
	for i := range w.pageComments {
		if w.pageComments[i].ID == c.ID {
			w.pageComments[i].Resolved, w.pageComments[i].ResolvedBy = true, person
		}
	}
	w.showComments()
	w.saver.enqueue("", func(ctx context.Context) error {
		err := w.db.ResolveComment(ctx, pageID, c.ID, person)
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		fyne.Do(w.loadComments)
		return nil
	})
}
