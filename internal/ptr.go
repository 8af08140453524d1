package ptr

import (
	"fmt"
	"os"
	"time"
)

var on = os.Getenv("PE_PTR") != ""

func Mark(s string) {
	if on {
		fmt.Fprintf(os.Stderr, "PTR %d %s\n", time.Now().UnixNano(), s)
	}
}
