// Demo for Content/go/nil-map.md: a map field that was declared but never
// made panics on the first write; making it first does not.
package main

import (
	"strconv"

	"leakkb.dev/demos/internal/measure"
)

type registry struct {
	byName map[string]int
}

func main() {
	measure.Main(measure.Demo{
		Scale: 1000,
		Leaky: func(r *measure.Run) any {
			var reg registry // byName is nil: reads work, writes panic
			for i := 0; i < r.Scale; i++ {
				reg.byName["user-"+strconv.Itoa(i)] = i
			}
			return reg
		},
		Fixed: func(r *measure.Run) any {
			reg := registry{byName: make(map[string]int, r.Scale)}
			for i := 0; i < r.Scale; i++ {
				reg.byName["user-"+strconv.Itoa(i)] = i
			}
			return reg
		},
	})
}
