//go:build go1.24

package main

import (
	"runtime"
	"time"
)

// track counts t in collected once the garbage collector has freed it. From
// Go 1.23 on a timer and its channel point at each other, and a finalizer on
// such a cycle never runs, so a cleanup is the instrument here.
func track(t *time.Ticker) {
	runtime.AddCleanup(t, func(struct{}) { collected.Add(1) }, struct{}{})
}
