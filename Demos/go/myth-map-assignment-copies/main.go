// Demo for Content/go/myth-map-assignment-copies.md: assigning a map value or
// passing it to a function copies one pointer, not the table and not a
// "header struct". The leaky variant does m2 := m1 a million times and writes
// through the copy; the writes show up in m1 and the assignments allocate
// nothing. The fixed variant makes a real copy with maps.Clone: that costs
// megabytes per copy, and writes to the clone stay out of the original.
package main

import (
	"maps"
	"runtime"
	"strconv"
	"unsafe"

	"leakkb.dev/demos/internal/measure"
)

// alias is a package-level map variable that keep assigns to.
var alias map[int]string

// keep receives a map by value and assigns it: the two ways the folklore
// says a map gets copied. It is not inlined, so every call really happens.
//
//go:noinline
func keep(m map[int]string) {
	alias = m
}

func allocated() (bytes, n uint64) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc, ms.Mallocs
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

const (
	assignments = 1_000_000
	clones      = 20
	added       = 1_000
)

func main() {
	measure.Main(measure.Demo{
		Scale: 100_000,
		Setup: func(r *measure.Run) {
			m1 := make(map[int]string, r.Scale)
			for i := 0; i < r.Scale; i++ {
				m1[i] = "value-" + strconv.Itoa(i)
			}
			r.State = m1
		},
		Leaky: func(r *measure.Run) any {
			m1 := r.State.(map[int]string)
			r.Record("map_value_bytes", float64(unsafe.Sizeof(m1)))
			b0, n0 := allocated()
			for i := 0; i < assignments; i++ {
				keep(m1) // the folklore says this copies the map
			}
			b1, n1 := allocated()
			r.Record("bytes_per_copy", float64(b1-b0)/assignments)
			r.Record("mallocs_per_copy", float64(n1-n0)/assignments)

			m2 := alias
			addThrough(m2, r.Scale, added) // grows the table through m2
			r.Record("shared_writes_visible", visible(m1, r.Scale, added))
			r.Record("len_original", float64(len(m1)))
			return m2
		},
		Fixed: func(r *measure.Run) any {
			m1 := r.State.(map[int]string)
			r.Record("map_value_bytes", float64(unsafe.Sizeof(m1)))
			copies := make([]map[int]string, 0, clones)
			b0, n0 := allocated()
			for i := 0; i < clones; i++ {
				copies = append(copies, maps.Clone(m1))
			}
			b1, n1 := allocated()
			r.Record("bytes_per_copy", float64(b1-b0)/clones)
			r.Record("mallocs_per_copy", float64(n1-n0)/clones)

			m2 := copies[0]
			addThrough(m2, r.Scale, added)
			r.Record("shared_writes_visible", visible(m1, r.Scale, added))
			r.Record("len_original", float64(len(m1)))
			return copies
		},
	})
}
