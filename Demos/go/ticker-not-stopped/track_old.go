//go:build !go1.24

package main

import (
	"runtime"
	"time"
)

// track counts t in collected once the garbage collector has freed it.
// runtime.AddCleanup does not exist before Go 1.24; a finalizer does the same
// job on the older timer implementation, where no cycle runs through the
// ticker.
func track(t *time.Ticker) {
	runtime.SetFinalizer(t, func(*time.Ticker) { collected.Add(1) })
}
