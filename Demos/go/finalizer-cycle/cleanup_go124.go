//go:build go1.24

package main

import (
	"runtime"
	"sync/atomic"

	"leakkb.dev/demos/internal/measure"
)

// recordCleanups shows the Go 1.24+ alternative: runtime.AddCleanup on the
// parent of a cycle. The cleanup receives the descriptor number, not the
// conn, so the cycle stays collectable and every cleanup runs.
func recordCleanups(r *measure.Run) {
	var ran atomic.Int64
	for i := 0; i < r.Scale; i++ {
		c := newPair(i)
		runtime.AddCleanup(c, func(int) { ran.Add(1) }, c.fd)
	}
	r.Record("cleanups_run", waitFor(&ran, r.Scale))
}
