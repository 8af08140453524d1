//go:build race

package richview

// raceEnabled: the race detector changes allocation counts.
const raceEnabled = true
