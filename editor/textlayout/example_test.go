package textlayout_test

import (
	"fmt"

	"github.com/qalam/policyeditor/editor/bidi"
	"github.com/qalam/policyeditor/editor/textlayout"
)

// A right-to-left line with a number: the runs come left to right, the
// number keeps its own order, and the caret of the offset before the
// number has two positions.
func ExampleLayout() {
	text := []rune("العدد 123 هنا")
	p := textlayout.Layout(textlayout.Params{Text: text, Dir: bidi.RTL, Width: 200})
	for _, r := range p.Lines[0].Runs {
		fmt.Printf("%q rtl=%v\n", p.String(r), r.RTL)
	}
	primary, secondary := p.Caret(6)
	fmt.Println(primary.X > secondary.X)
	fmt.Println(p.HitTest(primary.X, primary.Y+1))
	// Output:
	// " هنا" rtl=true
	// "123" rtl=false
	// "العدد " rtl=true
	// true
	// 6
}
