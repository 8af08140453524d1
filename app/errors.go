package app

import (
	"errors"
	"io/fs"
	"strings"
)

// describe words an error for the person at the keyboard: one line, the
// context first, the cause last.
func describe(err error) string {
	msg := err.Error()
	if errors.Is(err, fs.ErrPermission) {
		msg += " (check the permissions of the file or folder)"
	}
	return strings.ReplaceAll(msg, "\n", "; ")
}
