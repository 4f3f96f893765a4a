// Demo for Content/go/myth-delete-frees-map-memory.md: emptying a map with
// delete() or clear() leaves its table allocated; dropping the map (m = nil)
// or replacing it with a new one lets the GC free it. Each variant builds two
// large maps, empties them, and records how much of each map's heap is still
// in use afterwards, as a percentage of what the full map used. Both variants
// print the same figures (first_kept_pct, second_kept_pct) so that each claim
// compares the two ways of emptying a map with the two ways of dropping it.
package main

import (
	"runtime"

	"leakkb.dev/demos/internal/measure"
)

type record [32]byte

func inuse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

func fill(n int) map[int]record {
	m := make(map[int]record)
	for i := 0; i < n; i++ {
		m[i] = record{byte(i)}
	}
	return m
}

// keptPct builds a map, empties it with the given function, and returns the
// emptied map and the share of the full map's heap still in use.
func keptPct(n int, empty func(map[int]record) map[int]record) (map[int]record, float64) {
	base := inuse()
	m := fill(n)
	full := inuse()
	m = empty(m)
	after := inuse()
	if after < base {
		after = base
	}
	return m, 100 * float64(after-base) / float64(full-base)
}

func main() {
	measure.Main(measure.Demo{
		Scale: 500_000,
		Leaky: func(r *measure.Run) any {
			a, pctDelete := keptPct(r.Scale, func(m map[int]record) map[int]record {
				for k := range m {
					delete(m, k)
				}
				return m
			})
			b, pctClear := keptPct(r.Scale, func(m map[int]record) map[int]record {
				clear(m) // Go 1.21+
				return m
			})
			r.Record("first_kept_pct", pctDelete) // delete every key
			r.Record("second_kept_pct", pctClear) // clear(m)
			r.Record("len_total", float64(len(a)+len(b)))
			return []map[int]record{a, b}
		},
		Fixed: func(r *measure.Run) any {
			a, pctNil := keptPct(r.Scale, func(m map[int]record) map[int]record {
				return nil
			})
			b, pctRemake := keptPct(r.Scale, func(m map[int]record) map[int]record {
				return make(map[int]record)
			})
			r.Record("first_kept_pct", pctNil)     // m = nil
			r.Record("second_kept_pct", pctRemake) // m = make(...)
			r.Record("len_total", float64(len(a)+len(b)))
			return []map[int]record{a, b}
		},
	})
}
