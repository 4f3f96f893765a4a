// Demo for Content/go/gomemlimit-container-oom.md: a service keeps a fixed
// live set and allocates short-lived garbage around it. With only GOGC=100
// the collector lets the heap grow to about twice the live set before each
// cycle, so the peak resident size is about double what the program needs,
// and a container limit set between the two gets the process OOM-killed.
// A memory limit below the container's makes the collector run earlier
// instead.
package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"time"

	"leakkb.dev/demos/internal/measure"
)

const (
	mib   = 1 << 20
	chunk = 64 << 10 // request garbage comes in 64 KiB pieces
)

// live is the long-lived data (a cache, an index) the service really needs.
var live [][]byte

// containerMiB is the pretend container limit: between the live set and
// twice the live set.
func containerMiB(liveMiB int) int64 { return int64(liveMiB) * 3 / 2 }

// churn allocates total bytes of garbage as 1 MiB requests, filling each
// 64 KiB piece as a handler would, and keeps only the latest piece. The
// short pause between requests stands for the time a server waits on its
// clients; without it the loop allocates faster than any real service and
// the GC's CPU limiter lets even a limited heap overshoot.
func churn(total int) {
	var last []byte
	for done := 0; done < total; done += chunk {
		b := make([]byte, chunk)
		for j := range b {
			b[j] = byte(j ^ done)
		}
		last = b
		if done%mib == 0 {
			time.Sleep(100 * time.Microsecond)
		}
	}
	runtime.KeepAlive(last)
}

func run(r *measure.Run, limit bool) {
	liveMiB := r.Scale
	if limit {
		// Leave 10% of the container for what the limit does not see
		// (the binary, C memory) and for the limit being soft.
		debug.SetMemoryLimit(containerMiB(liveMiB) * mib * 9 / 10)
	} else {
		debug.SetMemoryLimit(math.MaxInt64) // the default: GOGC alone decides
	}
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	churn(liveMiB * mib * 8)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	r.Record("gc_cycles", float64(after.NumGC-before.NumGC))
	r.Record("container_limit_kib", float64(containerMiB(liveMiB)*1024))
	r.Record("live_set_kib", float64(liveMiB*1024))
}

func main() {
	measure.Main(measure.Demo{
		Scale: 100, // MiB of live data
		Setup: func(r *measure.Run) {
			// The live set exists before the "before" snapshot in both
			// variants, so vm_hwm_kib's growth is the garbage's doing.
			live = make([][]byte, 0, r.Scale*mib/chunk)
			for i := 0; i < r.Scale*mib/chunk; i++ {
				b := make([]byte, chunk)
				for j := 0; j < len(b); j += 4096 {
					b[j] = 1
				}
				live = append(live, b)
			}
			r.State = live
		},
		Leaky: func(r *measure.Run) any { run(r, false); return nil },
		Fixed: func(r *measure.Run) any { run(r, true); return nil },
	})
}
