package publish

import (
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// blockContext is the goldmark parser context of the blocks of one page,
// made once and reset between blocks instead of made for each block (a new
// context is seven allocations, most of them maps the page never uses).
//
// Goldmark leaves a context as it found it at the end of a parse except for
// its store of values and its link reference definitions: reset clears
// every key of the store (keys are 1 … parser.ContextKeyMax) and the
// references are kept here, per block. Should a parse ever leave
// delimiters or open blocks behind, reset makes a new context instead. The
// equivalence tests (equivalence_test.go) render pages with a context per
// block, as before, and compare.
type blockContext struct {
	parser.Context
	keys parser.ContextKey // the largest key of the context's store
	refs map[string]parser.Reference
}

func newBlockContext() *blockContext {
	return &blockContext{
		Context: parser.NewContext(parser.WithIDs(noIDs{})),
		keys:    parser.ContextKeyMax,
		refs:    map[string]parser.Reference{},
	}
}

// reset makes c as a new context (for the next block).
func (c *blockContext) reset() {
	if c.FirstDelimiter() != nil || c.LastDelimiter() != nil || len(c.OpenedBlocks()) > 0 || c.keys != parser.ContextKeyMax {
		c.Context, c.keys = parser.NewContext(parser.WithIDs(noIDs{})), parser.ContextKeyMax
	}
	for k := parser.ContextKey(1); k <= c.keys; k++ {
		if c.Get(k) != nil {
			c.Set(k, nil)
		}
	}
	clear(c.refs)
	c.SetBlockOffset(-1)
	c.SetBlockIndent(-1)
}

// AddReference implements parser.Context: the first definition of a label wins.
func (c *blockContext) AddReference(ref parser.Reference) {
	key := util.ToLinkReference(ref.Label())
	if _, ok := c.refs[key]; !ok {
		c.refs[key] = ref
	}
}

// Reference implements parser.Context.
func (c *blockContext) Reference(label string) (parser.Reference, bool) {
	v, ok := c.refs[label]
	return v, ok
}

// References implements parser.Context.
func (c *blockContext) References() []parser.Reference {
	ret := make([]parser.Reference, 0, len(c.refs))
	for _, v := range c.refs {
		ret = append(ret, v)
	}
	return ret
}
