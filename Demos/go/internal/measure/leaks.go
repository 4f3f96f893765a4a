package measure

import (
	"bytes"
	"fmt"
	"runtime/pprof"
)

// leakedGoroutines asks the runtime's goroutineleak profile (Go 1.26+ with the
// experiment, built in on newer toolchains) how many goroutines are blocked
// on objects no running goroutine can reach. Writing the profile is what
// triggers the detecting GC, so the count is read from its header. ok is
// false where the toolchain has no such profile: the figure is then omitted,
// never guessed.
func leakedGoroutines() (n int, ok bool) {
	p := pprof.Lookup("goroutineleak")
	if p == nil {
		return 0, false
	}
	var buf bytes.Buffer
	if err := p.WriteTo(&buf, 1); err != nil {
		return 0, false
	}
	if _, err := fmt.Sscanf(buf.String(), "goroutineleak profile: total %d", &n); err != nil {
		return 0, false
	}
	return n, true
}
