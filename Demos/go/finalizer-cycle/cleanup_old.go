//go:build !go1.24

package main

import "sync/atomic"

// startCleanups does nothing before Go 1.24, which has no runtime.AddCleanup:
// it returns nil and the cleanups_run figure is then absent, never faked.
func startCleanups(int, bool) *atomic.Int64 { return nil }
