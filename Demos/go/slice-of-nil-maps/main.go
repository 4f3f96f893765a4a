// Demo for Content/go/slice-of-nil-maps.md: make([]map[K]V, n) allocates n
// nil maps, so the first write into any element panics; making each element
// first does not.
package main

import (
	"strconv"

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

func main() {
	measure.Main(measure.Demo{
		Scale: 10_000,
		Leaky: func(r *measure.Run) any {
			byShard := make([]map[string]int, shards) // eight nil maps
			count(byShard, r.Scale)
			return byShard
		},
		Fixed: func(r *measure.Run) any {
			byShard := make([]map[string]int, shards)
			for i := range byShard {
				byShard[i] = make(map[string]int)
			}
			count(byShard, r.Scale)
			return byShard
		},
	})
}
