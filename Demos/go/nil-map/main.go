// Demo for Content/go/nil-map.md: a map field that was declared but never
// made panics on the first write; making it first does not.
//
// It also measures what the workload allocated, and for how long it ran,
// until it ended (by the panic or by returning): a popular write-up claims a
// nil map "leaks" memory at megabytes per second before the panic, and these
// figures say how much there is to leak.
package main

import (
	"runtime"
	"strconv"
	"time"

	"leakkb.dev/demos/internal/measure"
)

type registry struct {
	byName map[string]int
}

// fill inserts r.Scale names and records, even when an insert panics, how
// many inserts completed, the bytes allocated and the microseconds spent.
func fill(r *measure.Run, reg *registry) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	alloc0, start := ms.TotalAlloc, time.Now()
	inserts := 0
	// Deferred, so that it also runs while the panic unwinds.
	defer func() {
		elapsed := time.Since(start)
		runtime.ReadMemStats(&ms)
		r.Record("inserts_done", float64(inserts))
		r.Record("alloc_bytes", float64(ms.TotalAlloc-alloc0))
		r.Record("run_us", float64(elapsed.Microseconds()))
	}()
	for i := 0; i < r.Scale; i++ {
		reg.byName["user-"+strconv.Itoa(i)] = i
		inserts++
	}
}

func main() {
	measure.Main(measure.Demo{
		Scale: 1000,
		Leaky: func(r *measure.Run) any {
			var reg registry // byName is nil: reads work, writes panic
			fill(r, &reg)
			return reg
		},
		Fixed: func(r *measure.Run) any {
			reg := registry{byName: make(map[string]int, r.Scale)}
			fill(r, &reg)
			return reg
		},
	})
}
