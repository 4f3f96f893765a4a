// Demo for Content/go/sync-map-pointer-keys.md: a sync.Map keyed by request
// pointers holds a strong reference to every key it stores, so requests that
// are never deleted from it stay alive with everything they point to;
// deleting the key when the request ends lets them go.
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

func entries() float64 {
	n := 0
	inflight.Range(func(_, _ any) bool { n++; return true })
	return float64(n)
}

func main() {
	measure.Main(measure.Demo{
		Scale: 5000,
		Leaky: func(r *measure.Run) any {
			run(r.Scale, false)
			r.Record("entries", entries())
			return nil
		},
		Fixed: func(r *measure.Run) any {
			run(r.Scale, true)
			r.Record("entries", entries())
			return nil
		},
	})
}
