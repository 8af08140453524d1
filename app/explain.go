//go:build !nogui

package app

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/publish/target"
	"github.com/qalam/policyeditor/storage"
)

// explanation words an error for the person at the keyboard, in the UI
// language: what went wrong and what to do about it. The error's own text
// (English, with the names and paths involved) is shown below as details.
type explanation struct {
	Problem string
	Todo    string
}

// explain finds the first cause of err it can word; the order matters
// (a changed host key is also a failed connection).
func explain(err error) explanation {
	for _, c := range causes {
		if c.match(err) {
			return c.words()
		}
	}
	return explanation{
		lang.X("error.unknown.problem", "The operation failed."),
		lang.X("error.unknown.todo", "Read the details below. If the problem stays, report it with these details."),
	}
}

type cause struct {
	match func(error) bool
	words func() explanation
}

func is(target error) func(error) bool { return func(err error) bool { return errors.Is(err, target) } }

func contains(s string) func(error) bool {
	return func(err error) bool { return strings.Contains(err.Error(), s) }
}

var causes = []cause{
	{is(target.ErrHostKeyChanged), func() explanation {
		return explanation{lang.X("error.hostkey.changed.problem", "The server's identity key has changed since it was trusted. Someone may be intercepting the connection."),
			lang.X("error.hostkey.changed.todo", "Do not publish. Ask the server's administrator whether its key was replaced; only if so, remove the old line from known_hosts and test the connection again.")}
	}},
	{is(target.ErrUnknownHost), func() explanation {
		return explanation{lang.X("error.hostkey.unknown.problem", "This server is not trusted yet."),
			lang.X("error.hostkey.unknown.todo", "Open Publish › Targets…, choose Test connection and compare the fingerprint with the one the server's administrator gives you.")}
	}},
	{is(target.ErrNoAtomicRename), func() explanation {
		return explanation{lang.X("error.norename.problem", "The server cannot replace files safely, so a visitor could see half a page."),
			lang.X("error.norename.todo", "Publish to an OpenSSH server, which supports safe replacement.")}
	}},
	{is(target.ErrNoSpace), func() explanation {
		return explanation{lang.X("error.nospace.problem", "The target's disk is full."),
			lang.X("error.nospace.todo", "Free some space on it, then publish again. Nothing was changed on the site.")}
	}},
	{is(target.ErrReadOnly), func() explanation {
		return explanation{lang.X("error.readonly.problem", "The target refuses to be written to."),
			lang.X("error.readonly.todo", "Check the permissions of the folder, or of the account on the server.")}
	}},
	{is(target.ErrUnsafePath), func() explanation {
		return explanation{lang.X("error.unsafepath.problem", "This page's address (slug) cannot be used as a file name on the site."),
			lang.X("error.unsafepath.todo", "Change the slug in the page settings, using letters, digits and hyphens.")}
	}},
	{is(publish.ErrTooLarge), func() explanation {
		return explanation{lang.X("error.toolarge.problem", "A section is too large to publish."),
			lang.X("error.toolarge.todo", "Split the section named below into smaller ones.")}
	}},
	{is(storage.ErrWorkflow), func() explanation {
		return explanation{lang.X("error.workflow.problem", "The review flow does not allow this now: the page is not approved as it is, or its content checks found errors."),
			lang.X("error.workflow.todo", "Fix the errors the content checks list, submit the page for review and have a reviewer approve it, then try again.")}
	}},
	{is(storage.ErrNotFound), func() explanation {
		return explanation{lang.X("error.notfound.problem", "It no longer exists; it may have been deleted in another window."),
			lang.X("error.notfound.todo", "Close this and choose again from the list.")}
	}},
	{is(storage.ErrConflict), func() explanation {
		return explanation{lang.X("error.conflict.problem", "That name is already taken."),
			lang.X("error.conflict.todo", "Choose another name.")}
	}},
	{is(storage.ErrInvalid), func() explanation {
		return explanation{lang.X("error.invalid.problem", "A value was refused."),
			lang.X("error.invalid.todo", "Correct the value named in the details and try again.")}
	}},
	{is(fs.ErrPermission), func() explanation {
		return explanation{lang.X("error.permission.problem", "Permission denied."),
			lang.X("error.permission.todo", "Check the permissions of the file or folder named in the details.")}
	}},
	{is(syscall.ECONNREFUSED), func() explanation {
		return explanation{lang.X("error.refused.problem", "The server refused the connection."),
			lang.X("error.refused.todo", "Check the host name and port, and that the SSH server is running.")}
	}},
	{is(context.DeadlineExceeded), func() explanation {
		return explanation{lang.X("error.timeout.problem", "The server did not answer in time."),
			lang.X("error.timeout.todo", "Check the network connection and try again.")}
	}},
	{contains("unable to authenticate"), func() explanation {
		return explanation{lang.X("error.auth.problem", "The server refused the login."),
			lang.X("error.auth.todo", "Check the user name and the key file of the target.")}
	}},
}

// showError shows err in a dialog in the UI language: what went wrong,
// what to do, and the details.
func showError(win fyne.Window, err error) {
	ex := explain(err)
	details := newUIText(describe(err))
	body := container.NewVBox(heading(ex.Problem), newUIText(ex.Todo),
		widget.NewAccordion(widget.NewAccordionItem(lang.X("error.details", "Details"), details)))
	var d interface{ Hide() }
	ok := widget.NewButton(lang.X("common.ok", "OK"), func() { d.Hide() })
	ok.Importance = widget.HighImportance
	dlg := newDialog(lang.X("error.title", "Something went wrong"), body, win, ok)
	d = dlg
	dlg.Resize(fyne.NewSize(520, 0))
	dlg.Show()
}
