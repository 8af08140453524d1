//go:build !nogui

package app

import "github.com/qalam/policyeditor/storage"

// sectionVersion is the version of a stored section this window compares
// to notice changes made elsewhere.
func sectionVersion(storage.Section) int64 { return 0 }

// sectionUpdate is the write of a section's heading and body, conditional
// on the stored section still being at version.
func sectionUpdate(heading, body string, version int64) storage.SectionUpdate {
	return storage.SectionUpdate{Heading: &heading, Body: &body}
}
