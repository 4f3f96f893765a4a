// Demo for Content/go/myth-map-open-addressing.md: fill a pre-sized map to
// the old runtime's average load of 6.5 entries per 8-slot bucket and count
// the heap allocations the inserts make. A chained table (Go before 1.24)
// allocates an overflow bucket whenever a bucket's 8 slots are full; an
// open-addressing table (Swiss tables, Go 1.24+) probes the next group
// instead and only allocates when a whole table splits. The fixed variant is
// the same built-in map with the same hint, filled to a quarter of it: the
// baseline where neither design has a full bucket or table to deal with.
package main

import (
	"runtime"

	"leakkb.dev/demos/internal/measure"
)

// allocs returns the number of heap allocations and bytes allocated so far.
func allocs() (n, bytes uint64) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.Mallocs, ms.TotalAlloc
}

// record reports the allocations made between two allocs() readings.
func record(r *measure.Run, n0, b0, n1, b1 uint64) {
	n, b := n1-n0, b1-b0
	r.Record("insert_mallocs", float64(n))
	r.Record("insert_alloc_bytes", float64(b))
	if n > 0 {
		r.Record("bytes_per_insert_malloc", float64(b)/float64(n))
	} else {
		r.Record("bytes_per_insert_malloc", 0)
	}
}

// fill inserts keys 0..n-1 into a map made with the given size hint and
// records the allocations the inserts alone make.
func fill(r *measure.Run, hint, n int) map[int64]int64 {
	m := make(map[int64]int64, hint)
	runtime.GC()
	n0, b0 := allocs()
	for i := 0; i < n; i++ {
		m[int64(i)] = int64(i)
	}
	n1, b1 := allocs()
	record(r, n0, b0, n1, b1)
	return m
}

func main() {
	measure.Main(measure.Demo{
		// 6.5 * 2^16: the pre-1.24 runtime sizes this map to 65,536 buckets
		// at exactly its maximum average load.
		Scale: 425_984,
		Leaky: func(r *measure.Run) any {
			// Filled to the hint: some buckets get more than 8 keys.
			return fill(r, r.Scale, r.Scale)
		},
		Fixed: func(r *measure.Run) any {
			// The same map and hint, filled to a quarter: about 1.6 keys per
			// old bucket and well under a Swiss table's 7/8, so neither
			// design should need memory beyond what make already gave it.
			return fill(r, r.Scale, r.Scale/4)
		},
	})
}
