// Demo for Content/go/myth-map-open-addressing.md: fill a pre-sized map to
// the old runtime's average load of 6.5 entries per 8-slot bucket and count
// the heap allocations the inserts make. A chained table (Go before 1.24)
// allocates an overflow bucket whenever a bucket's 8 slots are full; an
// open-addressing table (Swiss tables, Go 1.24+) probes the next group
// instead and only allocates when a whole table splits. The fixed variant is
// a minimal linear-probing table for comparison: it never allocates on insert.
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

// probeTable is open addressing in its simplest form: one slot array,
// collisions go to the next free slot, nothing is ever chained.
type probeTable struct {
	used []bool
	keys []int64
	vals []int64
}

func newProbeTable(n int) *probeTable {
	size := 1
	for size < n*2 { // keep the load under 1/2
		size <<= 1
	}
	return &probeTable{used: make([]bool, size), keys: make([]int64, size), vals: make([]int64, size)}
}

func (t *probeTable) put(k, v int64) {
	mask := uint64(len(t.keys) - 1)
	i := (uint64(k) * 0x9E3779B97F4A7C15) & mask
	for t.used[i] && t.keys[i] != k {
		i = (i + 1) & mask
	}
	t.used[i], t.keys[i], t.vals[i] = true, k, v
}

func main() {
	measure.Main(measure.Demo{
		// 6.5 * 2^16: the pre-1.24 runtime sizes this map to 65,536 buckets
		// at exactly its maximum average load.
		Scale: 425_984,
		Leaky: func(r *measure.Run) any {
			m := make(map[int64]int64, r.Scale)
			runtime.GC()
			n0, b0 := allocs()
			for i := 0; i < r.Scale; i++ {
				m[int64(i)] = int64(i)
			}
			n1, b1 := allocs()
			record(r, n0, b0, n1, b1)
			return m
		},
		Fixed: func(r *measure.Run) any {
			t := newProbeTable(r.Scale)
			runtime.GC()
			n0, b0 := allocs()
			for i := 0; i < r.Scale; i++ {
				t.put(int64(i), int64(i))
			}
			n1, b1 := allocs()
			record(r, n0, b0, n1, b1)
			return t
		},
	})
}
