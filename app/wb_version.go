//go:build !nogui

package app

import "github.com/qalam/policyeditor/storage"

// sectionVersion is the version of a stored section this window compares
// to notice changes made elsewhere.
func sectionVersion(s storage.Section) int64 { return s.Version }

// sectionUpdate is the write of a section's heading and body, conditional
// on the stored section still being at version (0: unconditional, for a
// section this window has not read a version of).
func sectionUpdate(heading, body string, version int64) storage.SectionUpdate {
	return storage.SectionUpdate{Heading: &heading, Body: &body, IfVersion: version}
}
