//go:build go1.24

package main

import (
	"runtime"
	"sync/atomic"
)

// startCleanups attaches a runtime.AddCleanup (Go 1.24+) to n more cyclic
// pairs and returns the counter of cleanups that ran.
//
// Fixed: the cleanup's argument is the descriptor number, which reaches
// nothing, so the cycle is collectable and every cleanup runs.
//
// Leaky: the argument is the session, which points back at its conn. The
// runtime keeps the argument alive until the cleanup has run, so the conn
// stays reachable through it: AddCleanup is no cure when the argument
// reaches the object, and the cleanup never runs.
func startCleanups(n int, leaky bool) *atomic.Int64 {
	ran := new(atomic.Int64)
	for i := 0; i < n; i++ {
		c := newPair(i)
		if leaky {
			runtime.AddCleanup(c, func(s *session) { ran.Add(1) }, c.session)
		} else {
			runtime.AddCleanup(c, func(int) { ran.Add(1) }, c.fd)
		}
	}
	return ran
}
