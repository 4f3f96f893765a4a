// Demo for Content/go/myth-map-assignment-copies.md: assigning a map value or
// passing it to a function copies one pointer, not the table and not a
// "header struct", and it takes no lock. The leaky variant does m2 := m1
// (through a non-inlined call) millions of times on a small and a large map,
// times it, writes through the copy, and lets readers work through such
// copies; the fixed variant does the same with real copies made by
// maps.Clone. The blog post this answers says the assignment makes every
// goroutine using the map spin on a global lock and costs 40% of throughput.
package main

import (
	"maps"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"leakkb.dev/demos/internal/measure"
)

// alias is a package-level map variable that keep assigns to.
var alias map[int]string

// keep receives a map by value and assigns it: the two ways the folklore
// says a map gets copied. It is not inlined, so every call really happens.
//
//go:noinline
func keep(m map[int]string) map[int]string {
	alias = m
	return alias
}

// clone is the real copy the fixed variant makes in keep's place.
//
//go:noinline
func clone(m map[int]string) map[int]string {
	alias = maps.Clone(m)
	return alias
}

func allocated() (bytes, n uint64) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc, ms.Mallocs
}

// nsPerCopy times n copies of m and returns the best of five rounds: the
// machine is shared, and a round that lost the CPU says nothing about copying.
func nsPerCopy(m map[int]string, copyOf func(map[int]string) map[int]string, n int) float64 {
	best := -1.0
	for round := 0; round < 5; round++ {
		start := time.Now()
		for i := 0; i < n; i++ {
			copyOf(m)
		}
		ns := float64(time.Since(start).Nanoseconds()) / float64(n)
		if best < 0 || ns < best {
			best = ns
		}
	}
	return best
}

func build(n int) map[int]string {
	m := make(map[int]string, n)
	for i := 0; i < n; i++ {
		m[i] = "value-" + strconv.Itoa(i)
	}
	return m
}

// addThrough writes through whatever map value it was handed.
//
//go:noinline
func addThrough(m map[int]string, from, n int) {
	for i := from; i < from+n; i++ {
		m[i] = "added-" + strconv.Itoa(i)
	}
}

// visible reports whether every key added through the other value can be
// read back through m.
func visible(m map[int]string, from, n int) float64 {
	for i := from; i < from+n; i++ {
		if m[i] != "added-"+strconv.Itoa(i) {
			return 0
		}
	}
	return 1
}

// readRate runs one reader goroutine per map for d and returns lookups per
// microsecond, all readers together. Reads only: concurrent writes would be a
// crash (myth-unlocked-map-writes-leak), not a slowdown.
func readRate(ms []map[int]string, keys int, d time.Duration) float64 {
	var stop atomic.Bool
	var total atomic.Int64
	var wg sync.WaitGroup
	for w, m := range ms {
		wg.Add(1)
		go func(w int, m map[int]string) {
			defer wg.Done()
			n, hits := int64(0), 0
			for k := w * 7919; !stop.Load(); k += 64 {
				for j := 0; j < 64; j++ {
					if _, ok := m[(k+j)%keys]; ok {
						hits++
					}
				}
				n += 64
			}
			total.Add(n)
			runtime.KeepAlive(hits)
		}(w, m)
	}
	time.Sleep(d)
	stop.Store(true)
	wg.Wait()
	return float64(total.Load()) / float64(d.Microseconds())
}

const (
	smallSize = 1_000
	readers   = 4
	added     = 1_000
)

// run measures one way of "copying" a map; copies says how many to time per
// round (a clone of the large map takes milliseconds, an assignment
// nanoseconds).
func run(r *measure.Run, copyOf func(map[int]string) map[int]string, copiesSmall, copiesLarge int) any {
	large := r.State.(map[int]string)
	small := build(smallSize)
	r.Record("map_value_bytes", float64(unsafe.Sizeof(large)))

	b0, n0 := allocated()
	for i := 0; i < copiesLarge; i++ {
		copyOf(large)
	}
	b1, n1 := allocated()
	r.Record("bytes_per_copy", float64(b1-b0)/float64(copiesLarge))
	r.Record("mallocs_per_copy", float64(n1-n0)/float64(copiesLarge))
	alias = nil

	nsSmall := nsPerCopy(small, copyOf, copiesSmall)
	nsLarge := nsPerCopy(large, copyOf, copiesLarge)
	alias = nil
	r.Record("ns_per_copy_small", nsSmall)
	r.Record("ns_per_copy_large", nsLarge)
	r.Record("copy_ns_ratio", nsLarge/nsSmall)

	// Readers each get their own "copy" of the large map; the same readers on
	// the original are the baseline. Alternating short rounds spreads the
	// noise of a shared machine over both.
	views := make([]map[int]string, readers)
	originals := make([]map[int]string, readers)
	for i := range views {
		views[i] = copyOf(large)
		originals[i] = large
	}
	var viaCopies, viaOriginal float64
	for round := 0; round < 10; round++ {
		viaCopies += readRate(views, r.Scale, 20*time.Millisecond)
		viaOriginal += readRate(originals, r.Scale, 20*time.Millisecond)
	}
	r.Record("reads_per_us_copies", viaCopies/10)
	r.Record("reads_per_us_original", viaOriginal/10)
	r.Record("read_ratio", viaCopies/viaOriginal)

	// Growth through the copy: does the original see it?
	m2 := views[0]
	addThrough(m2, r.Scale, added)
	r.Record("shared_writes_visible", visible(large, r.Scale, added))
	r.Record("len_original", float64(len(large)))
	alias = nil
	return m2
}

func main() {
	measure.Main(measure.Demo{
		Scale: 100_000,
		Setup: func(r *measure.Run) {
			r.State = build(r.Scale)
		},
		Leaky: func(r *measure.Run) any {
			return run(r, keep, 2_000_000, 2_000_000) // the folklore says this copies
		},
		Fixed: func(r *measure.Run) any {
			return run(r, clone, 200, 4)
		},
	})
}
