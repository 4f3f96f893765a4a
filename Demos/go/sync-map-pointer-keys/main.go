// Demo for Content/go/sync-map-pointer-keys.md: a sync.Map keyed by request
// pointers holds a strong reference to every key it stores, so requests that
// are never deleted from it stay alive with everything they point to;
// deleting the key when the request ends lets them go.
//
// Every request is a distinct object, so that part alone cannot tell "keyed
// by a pointer" from "never deleted". The second part is the case from the
// blog post that started this article: the same logical key, Config{ID: 1},
// stored 1,000 times without any delete. As a pointer each store is a new
// key (leaky); as a value they all land on one entry (fixed).
package main

import (
	"sync"
	"time"

	"leakkb.dev/demos/internal/measure"
)

// request stands for a per-request object such as *http.Request with its
// buffered body.
type request struct {
	id   int
	body []byte
}

// inflight maps each running request to its start time, for a "slow
// requests" report.
var inflight sync.Map // *request -> time.Time

func serve(req *request, forget bool) {
	inflight.Store(req, time.Now())
	if forget {
		defer inflight.Delete(req)
	}
	for i := range req.body {
		req.body[i] = byte(req.id + i) // the request's real work
	}
}

func run(n int, forget bool) {
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for id := w; id < n; id += 4 {
				serve(&request{id: id, body: make([]byte, 16<<10)}, forget)
			}
		}(w)
	}
	wg.Wait()
}

func entries(m *sync.Map) float64 {
	n := 0
	m.Range(func(_, _ any) bool { n++; return true })
	return float64(n)
}

// Config is the seed's example type: two Configs with the same ID mean the
// same thing to the program, but two *Config never compare equal unless they
// are the same allocation.
type Config struct {
	ID   int
	Name string
}

const sameIDStores = 1000

// configs is written with the same logical key over and over, and never
// deleted from.
var configs sync.Map

func storeSameID(byPointer bool) {
	for i := 0; i < sameIDStores; i++ {
		if byPointer {
			configs.Store(&Config{ID: 1, Name: "primary"}, i)
		} else {
			configs.Store(Config{ID: 1, Name: "primary"}, i)
		}
	}
}

func main() {
	measure.Main(measure.Demo{
		Scale: 5000,
		Leaky: func(r *measure.Run) any {
			run(r.Scale, false)
			storeSameID(true)
			r.Record("entries", entries(&inflight))
			r.Record("same_id_entries", entries(&configs))
			return nil
		},
		Fixed: func(r *measure.Run) any {
			run(r.Scale, true)
			storeSameID(false)
			r.Record("entries", entries(&inflight))
			r.Record("same_id_entries", entries(&configs))
			return nil
		},
	})
}
