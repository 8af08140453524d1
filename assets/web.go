package assets

import _ "embed"

// Web assets of published pages (owned by package publish).
var (
	// PageTemplate is the default html/template of a published page. Its
	// fields are documented on publish.TemplateData.
	//
	//go:embed web/page.html.tmpl
	PageTemplate string

	// PolicyCSS is the default stylesheet, inlined into every published page
	// so that the page is self-contained.
	//
	//go:embed web/policy.css
	PolicyCSS string
)
