// Demo for Content/go/map-never-shrinks.md: deleting every entry of a big map
// leaves its bucket array allocated; copying the survivors into a new map
// lets the GC free the old one.
package main

import "leakkb.dev/demos/internal/measure"

type record [64]byte

// sessions stands for a long-lived map, such as a package-level cache.
var sessions map[int]record

func fill(n int) {
	sessions = make(map[int]record)
	for i := 0; i < n; i++ {
		sessions[i] = record{}
	}
}

func main() {
	measure.Main(measure.Demo{
		Scale: 1_000_000,
		Leaky: func(r *measure.Run) any {
			fill(r.Scale)
			for k := range sessions {
				if k >= 10 { // keep only 10 entries
					delete(sessions, k)
				}
			}
			return sessions
		},
		Fixed: func(r *measure.Run) any {
			fill(r.Scale)
			for k := range sessions {
				if k >= 10 {
					delete(sessions, k)
				}
			}
			survivors := make(map[int]record, len(sessions))
			for k, v := range sessions {
				survivors[k] = v
			}
			sessions = survivors
			return sessions
		},
	})
}
