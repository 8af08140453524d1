//go:build !race

package richview

const raceEnabled = false
