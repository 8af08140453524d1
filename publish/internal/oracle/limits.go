package oracle

import "github.com/qalam/policyeditor/storage"

// ErrTooComplex is publish.ErrTooComplex.
var ErrTooComplex = storage.ErrSectionTooComplex
