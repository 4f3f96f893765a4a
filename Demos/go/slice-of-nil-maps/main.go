// Demo for Content/go/slice-of-nil-maps.md: make([]map[K]V, n) allocates n
// nil maps, so the first write into any element panics; making each element
// first does not.
package main

import (
	"strconv"
	"unsafe"

	"leakkb.dev/demos/internal/measure"
)

const shards = 8

// count spreads word counts over shards, as a sharded counter would.
func count(byShard []map[string]int, n int) {
	for i := 0; i < n; i++ {
		word := "word-" + strconv.Itoa(i%100)
		byShard[i%shards][word]++
	}
}

// describe records, before the first write, how big one element of the
// slice is and how many elements are nil maps. A map value is a single
// pointer to the runtime's map structure, so the element is pointer-sized
// whether or not a map was ever made.
func describe(r *measure.Run, byShard []map[string]int) {
	nils := 0
	for _, m := range byShard {
		if m == nil {
			nils++
		}
	}
	r.Record("element_bytes", float64(unsafe.Sizeof(byShard[0])))
	r.Record("nil_elements", float64(nils))
}

func main() {
	measure.Main(measure.Demo{
		Scale: 10_000,
		Leaky: func(r *measure.Run) any {
			byShard := make([]map[string]int, shards) // eight nil maps
			describe(r, byShard)
			count(byShard, r.Scale)
			return byShard
		},
		Fixed: func(r *measure.Run) any {
			byShard := make([]map[string]int, shards)
			for i := range byShard {
				byShard[i] = make(map[string]int)
			}
			describe(r, byShard)
			count(byShard, r.Scale)
			return byShard
		},
	})
}
