package importer

import "golang.org/x/net/html/atom"

const (
	atomHeader = atom.Header
	atomAside  = atom.Aside
	atomFooter = atom.Footer
)
