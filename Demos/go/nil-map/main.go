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

// tries is how many times fill runs the inserts. TotalAlloc counts every
// allocation in the process, and now and then the runtime makes a few KiB
// of its own while the inserts run (5,336 bytes in 1 of 30 runs, GC on or
// off), so alloc_bytes is the fewest bytes any try
// allocated: the inserts allocate the same on every try.
const tries = 5

// fill inserts r.Scale names, tries times, and records, even when an insert
// panics, how many inserts the last try completed, the fewest bytes a try
// allocated and the microseconds the last try spent. Only the last try's
// panic is left to end the variant.
func fill(r *measure.Run, reg *registry) {
	least := ^uint64(0)
	for t := 1; t < tries; t++ {
		func() {
			defer func() { _ = recover() }()
			insert(r.Scale, reg, func(_ int, alloc uint64, _ time.Duration) { least = min(least, alloc) })
		}()
	}
	insert(r.Scale, reg, func(inserts int, alloc uint64, elapsed time.Duration) {
		r.Record("inserts_done", float64(inserts))
		r.Record("alloc_bytes", float64(min(least, alloc)))
		r.Record("run_us", float64(elapsed.Microseconds()))
	})
}

// insert adds n names to reg and reports, even when an insert panics, how
// many it added, the bytes allocated meanwhile and the time it took.
func insert(n int, reg *registry, report func(inserts int, alloc uint64, elapsed time.Duration)) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	alloc0, start := ms.TotalAlloc, time.Now()
	inserts := 0
	// Deferred, so that it also runs while the panic unwinds.
	defer func() {
		elapsed := time.Since(start)
		runtime.ReadMemStats(&ms)
		report(inserts, ms.TotalAlloc-alloc0, elapsed)
	}()
	for i := 0; i < n; i++ {
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
