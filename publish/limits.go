package publish

import "github.com/qalam/policyeditor/storage"

// The limits on a section body are the domain's (storage.ValidateSectionBody),
// so that what the store accepts is what Render can render.
const (
	maxLinkOpeners  = storage.MaxLinkOpeners
	maxLinkScan     = storage.MaxLinkScan
	maxNesting      = storage.MaxNesting
	maxBracketDepth = storage.MaxBracketDepth
	maxRefDefRun    = storage.MaxRefDefRun
)

// ErrTooComplex is returned (wrapped, naming the section) for a body that
// would make the Markdown parser slow; errors.Is(err, ErrTooLarge) is also
// true for it. It is storage.ErrSectionTooComplex.
var ErrTooComplex = storage.ErrSectionTooComplex

// checkComplexity reports a body over the complexity limits.
func checkComplexity(body string) error {
	if len(body) > MaxBodyBytes {
		return nil // the size is checked on its own
	}
	return storage.ValidateSectionBody(body)
}
