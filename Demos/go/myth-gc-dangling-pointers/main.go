// Demo for Content/go/myth-gc-dangling-pointers.md: objects that are reachable
// only through a map, a slice of interfaces, a linked list or a closure
// survive dozens of GC cycles with their contents intact, even while the heap
// is churned with garbage that would overwrite them if their memory were
// reused, and while a map holding pointers grows across collections. Both
// variants check every object; the leaky variant keeps the structures, the
// fixed variant drops them and the collector frees them.
package main

import (
	"runtime"
	"runtime/debug"

	"leakkb.dev/demos/internal/measure"
)

type payload struct {
	id   int
	data [48]byte
	next *payload
}

func newPayload(id int) *payload {
	p := &payload{id: id}
	for j := range p.data {
		p.data[j] = byte(id*7 + j)
	}
	return p
}

// intact reports whether p still holds what newPayload wrote for id.
func intact(p *payload, id int) bool {
	if p == nil || p.id != id {
		return false
	}
	for j := range p.data {
		if p.data[j] != byte(id*7+j) {
			return false
		}
	}
	return true
}

// holders are the only references to the payloads once build returns.
type holders struct {
	byID  map[int]*payload
	boxed []any
	list  *payload
	get   func(int) *payload
}

func build(n int) *holders {
	h := &holders{byID: map[int]*payload{}} // no size hint: grows during GCs
	for i := 0; i < n; i++ {
		h.byID[i] = newPayload(i)
		h.boxed = append(h.boxed, *newPayload(i)) // value copy inside an interface
		p := newPayload(i)
		p.next, h.list = h.list, p
		if i%4096 == 0 {
			runtime.GC() // collections while the map is mid-growth
		}
	}
	closed := make([]*payload, n)
	for i := range closed {
		closed[i] = newPayload(i)
	}
	h.get = func(i int) *payload { return closed[i] }
	return h
}

// churn allocates and drops garbage filled with 0xFF, so memory that was
// wrongly freed would be handed out again and overwritten.
func churn(rounds int) {
	for r := 0; r < rounds; r++ {
		junk := make([][]byte, 0, 1024)
		for i := 0; i < 1024; i++ {
			b := make([]byte, 64+i%512)
			for j := range b {
				b[j] = 0xFF
			}
			junk = append(junk, b)
		}
		runtime.KeepAlive(junk)
		if r%10 == 0 {
			runtime.GC()
		}
	}
}

// corrupted counts objects that are missing or changed.
func corrupted(h *holders, n int) int {
	bad := 0
	for i := 0; i < n; i++ {
		if !intact(h.byID[i], i) {
			bad++
		}
		p := h.boxed[i].(payload)
		if !intact(&p, i) {
			bad++
		}
		if !intact(h.get(i), i) {
			bad++
		}
	}
	i := n - 1
	for p := h.list; p != nil; p = p.next {
		if !intact(p, i) {
			bad++
		}
		i--
	}
	if i != -1 {
		bad++
	}
	return bad
}

// staleBytes allocates fresh buffers after the 0xFF garbage was freed and
// counts bytes that are not zero.
func staleBytes() int {
	n := 0
	for k := 0; k < 64; k++ {
		b := make([]byte, 1<<16)
		for _, c := range b {
			if c != 0 {
				n++
			}
		}
	}
	return n
}

func run(r *measure.Run) *holders {
	old := debug.SetGCPercent(10) // many more collections than by default
	defer debug.SetGCPercent(old)
	var st runtime.MemStats
	runtime.ReadMemStats(&st)
	gc0 := st.NumGC

	h := build(r.Scale)
	churn(250)
	r.Record("stale_bytes_seen", float64(staleBytes()))
	r.Record("corrupted", float64(corrupted(h, r.Scale)))

	runtime.ReadMemStats(&st)
	r.Record("gc_cycles", float64(st.NumGC-gc0))
	r.Record("objects_checked", float64(4*r.Scale))
	return h
}

func main() {
	measure.Main(measure.Demo{
		Scale: 60_000,
		Leaky: func(r *measure.Run) any {
			return run(r) // still referenced: must survive
		},
		Fixed: func(r *measure.Run) any {
			run(r)
			return nil // unreferenced: must be collected
		},
	})
}
