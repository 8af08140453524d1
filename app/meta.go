package app

import (
	"fmt"

	"github.com/BurntSushi/toml"
)

// appMetadata is what FyneApp.toml says about the application: the About
// box shows it and the desktop app hands it to Fyne (which also reads the
// [Migrations] it opts into, such as fyneDo).
type appMetadata struct {
	Website string
	Details struct {
		Icon    string
		Name    string
		ID      string
		Version string
		Build   int
	}
	Migrations map[string]bool
}

// keepMetadata receives what SetMetadata read; the desktop app keeps it
// (gui.go), the command line has no use for it yet.
var keepMetadata = func(appMetadata) {}

// SetMetadata reads the contents of FyneApp.toml (main embeds it, so that
// a plain `go build` knows its version as `fyne package` does). A file
// that does not parse is reported and leaves the metadata empty.
func SetMetadata(fyneAppTOML []byte) error {
	var m appMetadata
	if err := toml.Unmarshal(fyneAppTOML, &m); err != nil {
		return fmt.Errorf("read FyneApp.toml: %w", err)
	}
	keepMetadata(m)
	return nil
}
