package oracle

import "github.com/qalam/policyeditor/storage"

// Islands is the old island scanner, for publish's tests: the [start, end)
// byte ranges of the islands of s in a block of direction dir.
func Islands(s string, dir storage.Direction) [][2]int {
	var out [][2]int
	for _, sp := range islands(s, dir) {
		out = append(out, [2]int{sp.start, sp.end})
	}
	return out
}
